// What saving a lesson for offline costs, shown in the catalogue before a member
// spends their data on it. Learnt from the pages as actually sent (entry.server
// measures them) and estimated for the rest; the figures are the same for every
// reader, so they are kept in this process, never per person.
import fs from "node:fs";
import path from "node:path";
import type { Language } from "~/i18n";
import { lessonText, type Course, type Lesson } from "./course.server";
import { quizFormHtml } from "./quiz-html.server";

const pictureSizes = new Map<string, number>();
/** Sizes of lesson pages as actually sent ("slug:version:language" → bytes), seen by entry.server. */
const servedPages = new Map<string, number>();
const computedSizes = new Map<string, { course: Course; sizes: Map<string, number> }>();
const pageKey = (lesson: Pick<Lesson, "slug" | "version">, language: string) => `${lesson.slug}:${lesson.version}:${language}`;

/** Called with the size of a lesson page once it has been sent. */
export function recordLessonPageSize(lesson: Pick<Lesson, "slug" | "version">, language: string, bytes: number) {
  servedPages.set(pageKey(lesson, language), bytes);
  computedSizes.clear();
}

export function lessonPageSizeKnown(lesson: Pick<Lesson, "slug" | "version">, language: string) {
  return servedPages.has(pageKey(lesson, language));
}

const contentSizes = new Map<string, number>();

/** Any draw serves to estimate a page's size: each asks the same number of questions. */
const ESTIMATE_SEED = "sizeestimate";

async function contentBytes(lesson: Lesson, language: Language, count: number) {
  const key = pageKey(lesson, language);
  let bytes = contentSizes.get(key);
  if (bytes === undefined) {
    const text = lessonText(lesson, language);
    bytes = Buffer.byteLength(text.html) + Buffer.byteLength(await quizFormHtml(lesson, text, language, null, ESTIMATE_SEED, count));
    contentSizes.set(key, bytes);
  }
  return bytes;
}

/** What a page adds around a lesson's content (header, titles, buttons), learnt from pages already sent. */
async function frameBytes(course: Course, language: Language) {
  const seen: number[] = [];
  for (const [key, bytes] of servedPages) {
    const [slug, version, lng] = key.split(":");
    const lesson = course.bySlug.get(slug);
    if (lesson && lesson.version === version && lng === language) seen.push(bytes - (await contentBytes(lesson, language, course.questionsPerAttempt)));
  }
  return seen.length ? Math.max(0, Math.round(seen.reduce((a, b) => a + b, 0) / seen.length)) : 0;
}

/**
 * What saving each lesson for offline costs: its page (as last sent, or its
 * content plus the frame other lesson pages were seen to add) and its
 * pictures. The styles and script are shared by every lesson and kept once.
 */
export async function offlineSizes(course: Course, language: Language) {
  // Read on every catalogue view; changes only when a page is first measured.
  const known = computedSizes.get(language);
  if (known && known.course === course) return known.sizes;
  const frame = await frameBytes(course, language);
  const sizes = new Map<string, number>();
  for (const lesson of course.lessons) {
    const served = servedPages.get(pageKey(lesson, language));
    sizes.set(lesson.slug, (served ?? (await contentBytes(lesson, language, course.questionsPerAttempt)) + frame) + picturesBytes(lesson));
  }
  computedSizes.set(language, { course, sizes });
  return sizes;
}

function picturesBytes(lesson: Lesson) {
  let bytes = 0;
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
