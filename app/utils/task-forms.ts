// The team-task form (issue 18): the same schema on the server and in the browser.
import { z } from "zod";
import { GUIDANCE_SKILLS } from "./guidance";
import { idField, MAX_ID } from "./ids";
import { TARGET_METRICS } from "./target-metrics";

export const TASK_GOAL_MAX = 100_000;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.enum(values, { errorMap: () => ({ message }) }).optional());

export const TaskSchema = z.object({
  title: z.string({ required_error: "tasks.errors.title" }).trim().min(1, "tasks.errors.title").max(150, "tasks.errors.titleLong"),
  skill: optionalEnum(GUIDANCE_SKILLS, "tasks.errors.skill"),
  dueDate: z.string({ required_error: "tasks.errors.dueDate" }).regex(/^\d{4}-\d{2}-\d{2}$/, "tasks.errors.dueDate"),
  goal: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : typeof v === "string" && /^\d{1,7}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN),
    z
      .number({ invalid_type_error: "tasks.errors.goal" })
      .int("tasks.errors.goal")
      .min(1, "tasks.errors.goal")
      .max(TASK_GOAL_MAX, "tasks.errors.goal")
      .optional(),
  ),
  metric: optionalEnum(TARGET_METRICS, "tasks.errors.metric"),
  teamIds: z.preprocess(
    (v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => (typeof x === "string" && /^\d{1,15}$/.test(x) ? Number(x) : Number.NaN))),
    z
      .array(z.number({ invalid_type_error: "tasks.errors.teams" }).int("tasks.errors.teams").positive("tasks.errors.teams").max(MAX_ID, "tasks.errors.teams"))
      .min(1, "tasks.errors.teams")
      .max(2000, "tasks.errors.teams"),
  ),
});
export type TaskInput = z.infer<typeof TaskSchema>;

/** A team's progress as a member reports it: a count towards the goal, or done. */
export const ProgressSchema = z.object({
  progress: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : typeof v === "string" && /^\d{1,7}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN),
    z
      .number({ invalid_type_error: "tasks.errors.progress" })
      .int("tasks.errors.progress")
      .min(0, "tasks.errors.progress")
      .max(TASK_GOAL_MAX * 10, "tasks.errors.progress")
      .optional(),
  ),
  done: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
});

/** The forms of the tasks page, told apart by their intent: a team's progress, or its giver cancelling a task. */
export const TasksPageSchema = z.discriminatedUnion(
  "intent",
  [ProgressSchema.extend({ intent: z.literal("progress"), taskId: idField }), z.object({ intent: z.literal("cancel"), taskId: idField })],
  { errorMap: () => ({ message: "errors.badRequest" }) },
);
