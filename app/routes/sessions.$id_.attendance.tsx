import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { ATTENDANCE_STATUSES, markAttendance, type Mark } from "~/models/training-session.server";
import { acceptDeviceTime } from "~/utils/device-time";
import { refusal } from "~/utils/request-guard.server";
import { parseDeviceInstant } from "~/utils/time";
import { requireRole } from "~/utils/auth.server";
import { readForm, readJson, requireId } from "~/utils/request-body.server";
import { attempt } from "~/utils/rule-error";
import { MarkFormSchema } from "~/utils/training-session-forms";
import { parseWithZod } from "@conform-to/zod";

const MarkSchema = z.object({
  userId: z.number().int().positive().max(2_147_483_647),
  status: z.enum(ATTENDANCE_STATUSES),
  remark: z.string().max(300).nullish(),
  // The phone's clock at the tap: a claim, bounded below (see device-time).
  markedAt: z.string().transform((value, ctx) => parseDeviceInstant(value) ?? (ctx.addIssue({ code: "custom", message: "sessions.errors.marks" }), z.NEVER)),
});
const MarksSchema = z.object({ marks: z.array(z.unknown()).min(1).max(500) });

/**
 * Attendance marks. The phone sends its queue as JSON and may send it again
 * after a dropped connection (idempotent); a plain form (no JavaScript) sends
 * one mark and comes back to the page.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["trainer", "admin"]);
  const sessionId = requireId(params.id);
  if ((request.headers.get("Content-Type") ?? "").includes("application/json")) {
    const parsed = MarksSchema.safeParse(await readJson(request));
    if (!parsed.success) return json({ error: "sessions.errors.marks", saved: [], rejected: [] }, { status: 400 });
    // A malformed mark is refused alone; the others are saved. A clock in the
    // future or far in the past is replaced by now, so no mark can outrank
    // every later correction (9999-12-31).
    const now = new Date();
    const marks: Mark[] = [];
    const rejected: number[] = [];
    parsed.data.marks.forEach((raw, index) => {
      const mark = MarkSchema.safeParse(raw);
      if (mark.success) marks.push({ ...mark.data, markedAt: acceptDeviceTime(mark.data.markedAt, now).at });
      else rejected.push(index);
    });
    const result = marks.length ? await attempt(() => markAttendance(user, sessionId, marks)) : { value: { saved: [] }, error: null };
    // A refused batch (a cancelled session, too early) says why: 409 with the reason's key.
    if (result.error) return json({ error: result.error.key, saved: [], rejected }, { status: 409 });
    return json({ ...result.value, rejected });
  }
  const submission = parseWithZod(await readForm(request, { page: false }), { schema: MarkFormSchema });
  if (submission.status !== "success") throw await refusal(request, { status: 400, key: "errors.badRequest" }, false);
  const mark = { ...submission.value, markedAt: new Date() };
  // A refused mark (a cancelled session, too early) says why instead of coming back as if saved.
  const result = await attempt(() => markAttendance(user, sessionId, [mark]));
  if (result.error) throw await refusal(request, { status: 409, ...result.error }, false);
  return redirect(`/sessions/${sessionId}#member-${mark.userId}`);
}
