import type { z } from "zod";
import { getCourse, lessonText } from "~/content/course.server";
import type { Language } from "~/i18n";
import type { SessionUser } from "~/utils/auth.server";
import { TrainingSessionSchema } from "~/utils/forms";
import { fromVietnamLocal } from "~/utils/time";
import { RuleError } from "~/utils/rule-error";
import { invitableTeams, schedulableUnits, type TrainingSessionInput } from "./training-session.server";

/** What the scheduling form offers this trainer for the chosen unit. */
export async function sessionFormOptions(user: SessionUser, requestedUnitId: number | null, language: Language) {
  const units = await schedulableUnits(user);
  const unitId = units.some((u) => u.id === requestedUnitId) ? requestedUnitId! : units[0].id;
  const [teams, course] = await Promise.all([invitableTeams(user, unitId), getCourse()]);
  return {
    unitId,
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, unit: t.unit.name, members: t._count.members })),
    topics: course.topics.map((topic) => ({
      id: topic.id,
      title: topic.title[language],
      lessons: course.lessons.filter((l) => l.topic === topic.id).map((l) => ({ slug: l.slug, title: lessonText(l, language).title })),
    })),
  };
}

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
