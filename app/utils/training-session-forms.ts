// A training session's forms, shared by the browser and the server (conform +
// zod): scheduling (new and edit), and the small forms of its page (walk-in,
// skill sign-off, one attendance mark from the plain form). Messages are
// translation keys.
import { z } from "zod";
import { ATTENDANCE_STATUSES } from "./attendance";
import { MAX_ID, idField } from "./ids";

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

/** Scheduling a session (new and edit); a ticked whole topic has been expanded into its lessons before this reads the form. */
export const TrainingSessionSchema = z.object({
  unitId: z.number({ required_error: "sessions.errors.unit", invalid_type_error: "sessions.errors.unit" }).int().positive().max(MAX_ID, "sessions.errors.unit"),
  title: z.string({ required_error: "sessions.errors.titleRequired" }).trim().min(1, "sessions.errors.titleRequired").max(150, "sessions.errors.titleLong"),
  date: z.string({ required_error: "sessions.errors.date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "sessions.errors.date"),
  time: z.string({ required_error: "sessions.errors.time" }).regex(/^\d{2}:\d{2}$/, "sessions.errors.time"),
  durationMinutes: z
    .number({ required_error: "sessions.errors.duration", invalid_type_error: "sessions.errors.duration" })
    .int("sessions.errors.duration")
    .min(15, "sessions.errors.duration")
    .max(600, "sessions.errors.duration"),
  place: z.string({ required_error: "sessions.errors.placeRequired" }).trim().min(1, "sessions.errors.placeRequired").max(200, "sessions.errors.placeLong"),
  note: z.string().trim().max(1000, "sessions.errors.noteLong").optional(),
  teamIds: z
    .array(z.number().int().positive().max(MAX_ID), { required_error: "sessions.errors.teamsRequired" })
    .min(1, "sessions.errors.teamsRequired")
    .max(2000, "sessions.errors.teamsRequired"),
  lessonSlugs: z
    .array(z.string().max(100), { required_error: "sessions.errors.lessonsRequired" })
    .min(1, "sessions.errors.lessonsRequired")
    .max(200, "sessions.errors.lessonsRequired"),
});
