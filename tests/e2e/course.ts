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
