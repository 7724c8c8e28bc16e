// Reading the scheduling form on the server: a ticked whole topic stands for its
// lessons (expanded before the schema reads the form), and the checked values
// become what the training-session model takes.
import type { z } from "zod";
import { getCourse } from "~/content/course.server";
import type { TrainingSessionInput } from "~/models/training-session.server";
import { RuleError } from "./rule-error";
import { fromVietnamLocal } from "./time";
import type { TrainingSessionSchema } from "./training-session-forms";

/** The form as sent, with a ticked "whole topic" standing for all its lessons (before the schema reads it). */
export async function withTopicLessons(formData: FormData) {
  const course = await getCourse();
  for (const topic of formData.getAll("topics")) {
    for (const lesson of course.lessons.filter((l) => l.topic === topic)) {
      if (!formData.getAll("lessonSlugs").includes(lesson.slug)) formData.append("lessonSlugs", lesson.slug);
    }
  }
  formData.delete("topics");
  return formData;
}

/** What the model takes from the checked form: the day and hour as an instant in Vietnam time (RuleError for a day that does not exist). */
export function sessionInput(v: z.output<typeof TrainingSessionSchema>): TrainingSessionInput {
  const startsAt = fromVietnamLocal(v.date, v.time);
  if (!startsAt) throw new RuleError("sessions.errors.date");
  return {
    unitId: v.unitId,
    title: v.title,
    startsAt,
    durationMinutes: v.durationMinutes,
    place: v.place,
    note: v.note ?? null,
    teamIds: v.teamIds,
    lessonSlugs: v.lessonSlugs,
  };
}
