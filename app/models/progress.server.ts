import fs from "node:fs";
import path from "node:path";
import { lessonText, type Course, type Lesson } from "~/content/course.server";
import { quizFormHtml } from "~/content/quiz-html.server";
import type { Language } from "~/i18n";
import { completionsFor } from "./quiz.server";

/** A member's progress through the course, per topic, and the next lesson to take. */
export async function courseProgress(course: Course, userId: number, language: Language) {
  const done = await completionsFor(userId);
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

const pictureSizes = new Map<string, number>();

/**
 * What saving a lesson for offline costs: its page content (text and quiz
 * form as served) and its pictures. The page frame around it (header,
 * styles, script) is shared by every lesson and stored once.
 */
export async function offlineSize(lesson: Lesson, language: Language) {
  const text = lessonText(lesson, language);
  let bytes = Buffer.byteLength(text.html) + Buffer.byteLength(await quizFormHtml(lesson, text, language));
  for (const file of lesson.figures) {
    const key = `${lesson.version}/${file}`;
    let size = pictureSizes.get(key);
    if (size === undefined) {
      size = fs.statSync(path.join(lesson.dir, file)).size;
      pictureSizes.set(key, size);
    }
    bytes += size;
  }
  return bytes;
}
