import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { recordEvent } from "~/models/guidance-event.server";
import { reserveTry, syncLimit } from "~/models/rate-limit.server";
import { EVENTS_BATCH, isClientId, type EventSyncOutcome } from "~/offline/protocol";
import { getUser } from "~/utils/auth.server";
import { readJson } from "~/utils/request-body.server";

const noStore = { "Cache-Control": "no-store" };

/**
 * POST { events: [{ userId, event }] } → { results: EventSyncOutcome[] }: the
 * guidance events a phone kept offline (issue 18). JSON only, like the quiz
 * sync. Each event is stored once by its id; one that fails its checks is
 * refused alone, with the message key, never the batch.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "method" }, { status: 405, headers: noStore });
  const user = await getUser(request);
  if (!user) return json({ error: "signed-out" }, { status: 401, headers: noStore });
  if (!request.headers.get("Content-Type")?.startsWith("application/json")) return json({ error: "json-only" }, { status: 415, headers: noStore });
  const body = await readJson(request);
  const events = typeof body === "object" && body !== null ? (body as { events?: unknown }).events : undefined;
  if (!Array.isArray(events)) return json({ error: "bad-payload" }, { status: 400, headers: noStore });
  if (events.length > EVENTS_BATCH) return json({ error: "too-many", max: EVENTS_BATCH }, { status: 413, headers: noStore });
  const { wait } = await reserveTry([syncLimit(user.id)]);
  if (wait > 0) return json({ error: "rate-limited", minutes: wait }, { status: 429, headers: noStore });
  const results: EventSyncOutcome[] = [];
  for (const item of events) {
    const { userId, event } = (typeof item === "object" && item !== null ? item : {}) as { userId?: unknown; event?: unknown };
    const sheet = typeof event === "object" && event !== null ? (event as { sheet?: unknown }).sheet : undefined;
    const id = isClientId(sheet) ? sheet : "";
    if (userId !== user.id) {
      results.push(Number.isInteger(userId) ? { id, status: "other-user" } : { id, status: "rejected", error: "errors.badRequest" });
      continue;
    }
    // A member without a team cannot record events: refused, not an error page.
    if (!user.team) {
      results.push({ id, status: "rejected", error: "events.noTeam" });
      continue;
    }
    const outcome = await recordEvent(user, event);
    results.push(outcome.status === "rejected" ? { id, status: "rejected", error: outcome.error } : { id, status: outcome.status === "created" ? "synced" : "duplicate", eventId: outcome.id });
  }
  return json({ results }, { headers: noStore });
}

export function loader() {
  return json({ error: "method" }, { status: 405, headers: noStore });
}
