import { parseWithZod } from "@conform-to/zod";
import { getCourse, lessonText } from "~/content/course.server";
import type { Language } from "~/i18n";
import type { SessionUser } from "~/utils/auth.server";
import { TrainingSessionSchema } from "~/utils/forms";
import { fromVietnamLocal } from "~/utils/time";
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

/** Parses the form; a ticked "whole topic" stands for all its lessons. */
export async function readSessionForm(formData: FormData) {
  const course = await getCourse();
  for (const topic of formData.getAll("topics")) {
    for (const lesson of course.lessons.filter((l) => l.topic === topic)) {
      if (!formData.getAll("lessonSlugs").includes(lesson.slug)) formData.append("lessonSlugs", lesson.slug);
    }
  }
  formData.delete("topics");
  const submission = parseWithZod(formData, { schema: TrainingSessionSchema });
  if (submission.status !== "success") return { submission, input: null };
  const v = submission.value;
  const startsAt = fromVietnamLocal(v.date, v.time);
  if (!startsAt) return { submission: submission, input: null, error: "sessions.errors.date" };
  const input: TrainingSessionInput = { unitId: v.unitId, title: v.title, startsAt, durationMinutes: v.durationMinutes, place: v.place, note: v.note ?? null, teamIds: v.teamIds, lessonSlugs: v.lessonSlugs };
  return { submission, input };
}
