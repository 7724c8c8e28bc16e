// The small forms of a training session's page (walk-in, skill sign-off, one
// attendance mark from the plain form), shared by the browser and the server
// (conform + zod). Messages are translation keys. The scheduling form's schema is
// TrainingSessionSchema (forms.ts).
import { z } from "zod";
import { ATTENDANCE_STATUSES } from "./attendance";
import { idField } from "./ids";

/** Adds a member who came without an invitation. */
export const WalkInSchema = z.object({ intent: z.literal("walk-in"), memberId: idField });

/** Ticks ("1") or unticks ("0") one practical skill for one member. */
export const SkillSchema = z.object({
  intent: z.literal("skill"),
  userId: idField,
  skillKey: z.string({ required_error: "errors.badRequest" }).max(64, "errors.badRequest"),
  signed: z.enum(["0", "1"], { errorMap: () => ({ message: "errors.badRequest" }) }).optional(),
});

/** The buttons of a session page with nothing to fill in. */
export const SessionIntentSchema = z.object({
  intent: z.enum(["all-present", "in-person", "cancel"], { errorMap: () => ({ message: "sessions.errors.marks" }) }),
});

/** One attendance mark as the plain form (no JavaScript) sends it; the time is the server's. */
export const MarkFormSchema = z.object({
  userId: idField,
  status: z.enum(ATTENDANCE_STATUSES, { errorMap: () => ({ message: "errors.badRequest" }) }),
  remark: z.string().max(300, "errors.badRequest").optional(),
});
