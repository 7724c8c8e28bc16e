// The real course's answer keys, read on the test side (never from the page).
import { loadCourse } from "../../app/content/course.server";

/** The answer key of the course's n-th lesson (each spec uses its own, so specs stay independent). */
export async function lessonKey(index: number) {
  process.env.CONTENT_CACHE_DIR ??= "tests/.tmp/content-cache-e2e";
  const course = await loadCourse();
  const lesson = course.lessons[index];
  const quiz = lesson.text.vi.quiz;
  return {
    slug: lesson.slug,
    title: lesson.text.vi.title,
    questions: quiz.map((q) => ({
      id: q.id,
      right: q.choices.find((c) => c.correct)!.id,
      wrong: q.choices.find((c) => !c.correct)!.id,
    })),
  };
}

export const firstLessonKey = () => lessonKey(0);

export type LessonKey = Awaited<ReturnType<typeof lessonKey>>;

/**
 * Answers the questions the page shows (an attempt draws some of the pool, in
 * its own order), right or wrong, by choice id, and submits.
 */
export async function answerShown(page: import("@playwright/test").Page, key: LessonKey, which: "right" | "wrong", submit = true) {
  const names = await page.locator("[data-quiz-form] input[type=radio]").evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
  for (const name of names) {
    const q = key.questions.find((x) => x.id === name);
    if (!q) throw new Error(`question ${name} is not in ${key.slug}'s key`);
    await page.locator(`[data-quiz-form] input[name="${name}"][value="${q[which]}"]`).check();
  }
  if (submit) await page.locator("[data-quiz-form] button[type=submit]").click();
  return names;
}
