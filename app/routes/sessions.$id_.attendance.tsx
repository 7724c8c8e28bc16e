import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { ATTENDANCE_STATUSES, markAttendance } from "~/models/training-session.server";
import { requireRole } from "~/utils/auth.server";
import { readForm, requireId } from "~/utils/request-body.server";

const MarkSchema = z.object({
  userId: z.number().int().positive(),
  status: z.enum(ATTENDANCE_STATUSES),
  remark: z.string().max(300).nullish(),
  markedAt: z.coerce.date(),
});
const MarksSchema = z.object({ marks: z.array(MarkSchema).min(1).max(500) });

/**
 * Attendance marks. The phone sends its queue as JSON and may send it again
 * after a dropped connection (idempotent); a plain form (no JavaScript) sends
 * one mark and comes back to the page.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["trainer", "admin"]);
  const sessionId = requireId(params.id);
  if ((request.headers.get("Content-Type") ?? "").includes("application/json")) {
    const parsed = MarksSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) return json({ error: "sessions.errors.marks", saved: [] }, { status: 400 });
    const result = await markAttendance(user, sessionId, parsed.data.marks);
    return json(result, { status: "error" in result && result.error ? 409 : 200 });
  }
  const form = await readForm(request, { page: false });
  const parsed = MarkSchema.safeParse({
    userId: Number(form.get("userId")),
    status: form.get("status"),
    remark: form.get("remark") || undefined,
    markedAt: new Date(),
  });
  if (parsed.success) await markAttendance(user, sessionId, [parsed.data]);
  return redirect(`/sessions/${sessionId}#member-${form.get("userId")}`);
}
