import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTrainingSession } from "~/models/training-session.server";
import { requireUser } from "~/utils/auth.server";
import { siteOrigin } from "~/utils/origin.server";
import { requireId } from "~/utils/request-body.server";

/** RFC 5545 text: escape, and fold lines at 75 octets. */
function escapeText(value: string) {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}
function fold(line: string) {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + (start === 0 ? 75 : 74), bytes.length);
    // Never cut a UTF-8 character in half.
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString("utf8"));
    start = end;
  }
  return parts.join("\r\n ");
}
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** A calendar file for the session, so members can add it to their phone's calendar. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const session = await getTrainingSession(user, requireId(params.id));
  const origin = siteOrigin(request);
  const host = new URL(origin).hostname;
  const end = new Date(session.startsAt.getTime() + session.durationMinutes * 60_000);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Ky Nang So//Training sessions//VI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:session-${session.id}@${host}`,
    `DTSTAMP:${stamp(new Date())}`,
    `DTSTART:${stamp(session.startsAt)}`,
    `DTEND:${stamp(end)}`,
    `SUMMARY:${escapeText(session.title)}`,
    `LOCATION:${escapeText(session.place)}`,
    `DESCRIPTION:${escapeText([session.note ?? "", `${origin}/sessions/${session.id}`].filter(Boolean).join("\n"))}`,
    `URL:${origin}/sessions/${session.id}`,
    `STATUS:${session.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    // A rescheduled session replaces the copy already in people's calendars.
    `SEQUENCE:${session.previousStartsAt ? 1 : 0}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return new Response(lines.map(fold).join("\r\n") + "\r\n", {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="tap-huan-${session.id}.ics"`,
      "Cache-Control": "private, no-cache",
    },
  });
}
