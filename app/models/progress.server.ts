import { lessonText, type Course } from "~/content/course.server";
import type { Language } from "~/i18n";
import { completionsFor } from "./quiz.server";

/** A member's progress through the course, per topic, and the next lesson to take; for a guest (null), the course with nothing done. */
export async function courseProgress(course: Course, userId: number | null, language: Language) {
  const done: Awaited<ReturnType<typeof completionsFor>> = userId === null ? new Map() : await completionsFor(userId);
  const topics = course.topics
    .map((topic) => {
      const lessons = course.lessons
        .filter((l) => l.topic === topic.id)
        .map((l) => ({ slug: l.slug, title: lessonText(l, language).title, minutes: l.minutes, done: done.get(l.slug)?.method ?? null }));
      return { id: topic.id, title: topic.title[language], summary: topic.summary[language], lessons, done: lessons.filter((l) => l.done).length };
    })
    .filter((t) => t.lessons.length > 0);
  const next = course.lessons.find((l) => !done.has(l.slug));
  return {
    topics,
    next: next ? { slug: next.slug, title: lessonText(next, language).title, started: done.size > 0 } : null,
  };
}
