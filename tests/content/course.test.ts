// The real course in content/: every lesson complete, valid and compiling.
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse, publicQuiz, type Course } from "~/content/course.server";

let course: Course;
beforeAll(async () => {
  course = await loadCourse();
}, 120_000);

describe("the course", () => {
  it("has no content problems (language, front matter, quiz, pictures, compilation)", () => {
    expect(course.problems.map((p) => `${p.lesson}: ${p.problem}`)).toEqual([]);
  });

  it("has at least four lessons in each of the five topics, in order", () => {
    expect(course.topics.map((t) => t.id)).toEqual(["vneid", "public-services", "cashless", "selling-online", "safety"]);
    for (const topic of course.topics) {
      const lessons = course.lessons.filter((l) => l.topic === topic.id);
      expect(lessons.length, topic.id).toBeGreaterThanOrEqual(4);
      expect(lessons.map((l) => l.order), topic.id).toEqual([...lessons.map((l) => l.order)].sort((a, b) => a - b));
      expect(new Set(lessons.map((l) => l.order)).size, `${topic.id}: duplicate order`).toBe(lessons.length);
    }
  });

  it("every lesson: both languages, 3-6 minutes, a quiz of 4+ questions with one right answer each, every choice explained", () => {
    for (const lesson of course.lessons) {
      expect(lesson.text.en, `${lesson.slug} has no English`).toBeDefined();
      expect(lesson.minutes, lesson.slug).toBeGreaterThanOrEqual(3);
      expect(lesson.minutes, lesson.slug).toBeLessThanOrEqual(6);
      for (const text of [lesson.text.vi, lesson.text.en!]) {
        expect(text.quiz.length, lesson.slug).toBeGreaterThanOrEqual(4);
        for (const q of text.quiz) {
          expect(q.choices.filter((c) => c.correct), `${lesson.slug} ${q.id}`).toHaveLength(1);
          for (const c of q.choices) expect(c.why.trim(), `${lesson.slug} ${q.id} ${c.id}`).not.toBe("");
        }
        // The key and explanations are never part of the lesson body or the public quiz.
        const shown = JSON.stringify(publicQuiz(text.quiz)) + text.html;
        for (const q of text.quiz) for (const c of q.choices) expect(shown.includes(c.why), `${lesson.slug} ${q.id} leaks an explanation`).toBe(false);
        expect(text.html).toContain("lesson-steps");
        expect(text.html).toContain("lesson-checklist");
      }
      expect(lesson.figures.length, `${lesson.slug} has no picture`).toBeGreaterThan(0);
    }
  });
});
