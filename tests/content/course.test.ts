// The real course in content/: every lesson complete, valid and compiling,
// checked against its sources within the last 12 months, and its quiz a pool
// that meets the rules of app/content/quiz-rules.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse, publicQuiz, type Course } from "~/content/course.server";
import { longestChoicePasses, MIN_POOL } from "~/content/quiz-rules";

let course: Course;
beforeAll(async () => {
  course = await loadCourse();
}, 120_000);

describe("the course", () => {
  it("has no content problems (language, front matter, sources, review date, quiz rules, pictures, compilation)", () => {
    expect(course.problems.map((p) => `${p.lesson}: ${p.problem}`)).toEqual([]);
  });

  it("has at least four lessons in each of the six topics, in order", () => {
    expect(course.topics.map((t) => [t.id, t.order])).toEqual([
      ["vneid", 1],
      ["public-services", 2],
      ["cashless", 3],
      ["selling-online", 4],
      ["safety", 5],
      ["digital-signature", 6],
    ]);
    for (const topic of course.topics) {
      const lessons = course.lessons.filter((l) => l.topic === topic.id);
      expect(lessons.length, topic.id).toBeGreaterThanOrEqual(4);
      expect(lessons.map((l) => l.order), topic.id).toEqual([...lessons.map((l) => l.order)].sort((a, b) => a - b));
      expect(new Set(lessons.map((l) => l.order)).size, `${topic.id}: duplicate order`).toBe(lessons.length);
    }
  });

  it("every lesson: both languages, 3-6 minutes, sources, a pool of 8+ questions each naming its step, one right answer each, every choice explained", () => {
    for (const lesson of course.lessons) {
      expect(lesson.text.en, `${lesson.slug} has no English`).toBeDefined();
      expect(lesson.minutes, lesson.slug).toBeGreaterThanOrEqual(3);
      expect(lesson.minutes, lesson.slug).toBeLessThanOrEqual(6);
      expect(lesson.sources.length, `${lesson.slug} has no sources`).toBeGreaterThan(0);
      for (const text of [lesson.text.vi, lesson.text.en!]) {
        expect(text.quiz.length, lesson.slug).toBeGreaterThanOrEqual(MIN_POOL);
        for (const q of text.quiz) {
          expect(q.step, `${lesson.slug} ${q.id} has no step`).toBeGreaterThanOrEqual(1);
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

  it("cannot be passed by always picking the longest choice (issue 14: at most one lesson per language)", () => {
    for (const language of ["vi", "en"] as const) {
      const passed = course.lessons.filter((l) => longestChoicePasses(l.text[language]!.quiz)).map((l) => l.slug);
      expect(passed.length, `${language}: ${passed.join(", ")}`).toBeLessThanOrEqual(1);
    }
  });
});
