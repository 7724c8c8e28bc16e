// The draw (issue 14) on the real course: each attempt asks questionsPerAttempt
// questions across the lesson's steps, in an order that gives nothing away,
// the same in both languages, and the same every time for one seed.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse, type Course } from "~/content/course.server";
import { drawQuiz, drawnIds, isSeed, seedFrom } from "~/content/quiz-draw";

let course: Course;
beforeAll(async () => {
  course = await loadCourse();
}, 120_000);

const seeds = (n: number) => Array.from({ length: n }, () => seedFrom(crypto.randomBytes(8)));

describe("drawing an attempt's questions", () => {
  it("asks five questions per attempt, as content/quiz.json says", () => {
    expect(course.questionsPerAttempt).toBe(5);
  });

  it("is the same for the same seed, and in both languages (same questions, same choice order)", () => {
    for (const lesson of course.lessons) {
      for (const seed of seeds(5)) {
        const vi = drawQuiz(lesson.text.vi.quiz, seed, 5);
        const again = drawQuiz(lesson.text.vi.quiz, seed, 5);
        const en = drawQuiz(lesson.text.en!.quiz, seed, 5);
        const shape = (d: typeof vi) => d.map((x) => `${x.question.id}:${x.choices.map((c) => c.id).join("")}`);
        expect(shape(again)).toEqual(shape(vi));
        expect(shape(en), lesson.slug).toEqual(shape(vi));
      }
    }
  });

  it("asks distinct questions from as many different steps as it can, in the lesson's order", () => {
    for (const lesson of course.lessons) {
      const quiz = lesson.text.vi.quiz;
      const steps = new Set(quiz.map((q) => q.step)).size;
      for (const seed of seeds(20)) {
        const drawn = drawQuiz(quiz, seed, 5);
        expect(new Set(drawnIds(drawn)).size).toBe(5);
        expect(new Set(drawn.map((d) => d.question.step)).size, lesson.slug).toBe(Math.min(5, steps));
        const positions = drawn.map((d) => quiz.indexOf(d.question));
        const stepsInOrder = drawn.map((d) => d.question.step!);
        expect(stepsInOrder).toEqual([...stepsInOrder].sort((a, b) => a - b));
        expect(positions.every((p) => p >= 0)).toBe(true);
      }
    }
  });

  it("draws different mixes and orders, and no position keeps the right answer", () => {
    const lesson = course.lessons[0];
    const draws = seeds(200).map((seed) => drawQuiz(lesson.text.vi.quiz, seed, 5));
    expect(new Set(draws.map((d) => drawnIds(d).join())).size).toBeGreaterThan(10);
    // Where the right choice is shown, over every lesson and many draws: evenly spread over the
    // positions (most questions have three choices; the few with four are counted apart).
    for (const size of [3, 4]) {
      const at = Array.from({ length: size }, () => 0);
      let shown = 0;
      for (const l of course.lessons) {
        for (const seed of seeds(60)) {
          for (const d of drawQuiz(l.text.vi.quiz, seed, 5)) {
            if (d.choices.length !== size) continue;
            at[d.choices.findIndex((c) => c.correct)]++;
            shown++;
          }
        }
      }
      if (shown < 300) continue;
      for (const count of at) expect(Math.abs(count / shown - 1 / size), `${size} choices: ${at.join("/")}`).toBeLessThan(0.05);
    }
  });

  it("makes seeds that travel in forms and offline sheets", () => {
    for (const seed of seeds(50)) expect(isSeed(seed)).toBe(true);
    expect(isSeed("ABC")).toBe(false);
    expect(isSeed("x".repeat(30))).toBe(false);
  });
});
