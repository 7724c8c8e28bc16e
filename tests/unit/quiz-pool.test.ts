// Attempts that draw from a pool (issue 14): stored with their seed and the
// questions asked, graded by choice id, each answer recorded with whether it
// was the member's first try; a retry asks a different mix.
import crypto from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { QuizQuestion } from "~/content/compile.server";
import { loadCourse, syncLessons, type Course } from "~/content/course.server";
import { drawQuiz, drawnIds } from "~/content/quiz-draw";
import { newDraw, submitAttempt } from "~/models/quiz.server";
import type { SyncResponse } from "~/offline/protocol";
import { action as syncAction } from "~/routes/api.sync.attempts";
import { prisma } from "~/utils/db.server";
import { createUser, requestAs } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let course: Course;
beforeAll(async () => {
  course = await loadCourse(path.resolve("tests/fixtures/content"));
  await syncLessons(course);
});

/** A pool of ten questions over four steps, three choices each, the right one first as authored. */
const pool: QuizQuestion[] = Array.from({ length: 10 }, (_, i) => ({
  id: `q${i + 1}`,
  prompt: `Câu ${i + 1}`,
  step: (i % 4) + 1,
  choices: ["a", "b", "c"].map((id) => ({ id, text: `${i + 1}${id}`, correct: id === "a", why: "vì" })),
}));

describe("a retry", () => {
  it("asks a different mix of questions from the member's last attempt", async () => {
    const member = await createUser({});
    for (let round = 0; round < 5; round++) {
      const seed = await newDraw(member.id, "demo-basics", pool, 5);
      const asked = drawQuiz(pool, seed, 5);
      const last = await prisma.quizAttempt.findFirst({ where: { userId: member.id }, orderBy: { id: "desc" } });
      if (last) expect([...drawnIds(asked)].sort()).not.toEqual([...(JSON.parse(last.questions!) as string[])].sort());
      await prisma.quizAttempt.create({
        data: {
          userId: member.id,
          lessonSlug: "demo-basics",
          language: "vi",
          answers: "{}",
          correct: 0,
          total: 5,
          score: 0,
          passed: false,
          contentVersion: "x",
          seed,
          questions: JSON.stringify(drawnIds(asked)),
        },
      });
    }
  });
});

describe("an attempt's answers", () => {
  it("are stored per question with the choice taken, right or wrong, and whether it was a first try", async () => {
    const member = await createUser({});
    const lesson = course.bySlug.get("demo-basics")!;
    const quiz = lesson.text.vi.quiz;
    const first = await submitAttempt({ userId: member.id, lesson, quiz, language: "vi", answers: { q1: "b", q2: "b", q3: "c", q4: "a", q5: "b" } });
    await submitAttempt({ userId: member.id, lesson, quiz: quiz.slice(0, 3), language: "vi", answers: { q1: "a", q2: "b", q3: "c" } });
    const rows = await prisma.quizAnswer.findMany({ where: { userId: member.id }, orderBy: [{ attemptId: "asc" }, { questionId: "asc" }] });
    expect(rows.map((r) => [r.attemptId === first.attemptId ? 1 : 2, r.questionId, r.choiceId, r.correct, r.firstTry])).toEqual([
      [1, "q1", "b", false, true],
      [1, "q2", "b", true, true],
      [1, "q3", "c", true, true],
      [1, "q4", "a", true, true],
      [1, "q5", "b", true, true],
      [2, "q1", "a", true, false],
      [2, "q2", "b", true, false],
      [2, "q3", "c", true, false],
    ]);
    const second = await prisma.quizAttempt.findFirstOrThrow({ where: { userId: member.id }, orderBy: { id: "desc" } });
    expect(JSON.parse(second.questions!)).toEqual(["q1", "q2", "q3"]);
    expect(second.total).toBe(3);
  });
});

describe("an offline sheet with its draw", () => {
  async function sync(userId: number, attempts: unknown[]) {
    const request = await requestAs(userId, "http://localhost/api/sync/attempts", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ attempts }),
    });
    return ((await ((await syncAction({ request, params: {}, context: {} })) as Response).json()) as SyncResponse).results;
  }
  const sheet = (userId: number, answers: Record<string, string>, draw: unknown) => ({
    id: crypto.randomUUID(),
    userId,
    slug: "demo-basics",
    language: "vi",
    answers,
    deviceTime: new Date().toISOString(),
    draw,
  });

  it("is graded on the questions its page asked, and stored with the seed", async () => {
    const member = await createUser({});
    const [outcome] = await sync(member.id, [sheet(member.id, { q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" }, "savedpage1")]);
    expect(outcome).toMatchObject({ status: "synced", correct: 5, total: 5, passed: true });
    expect(await prisma.quizAttempt.findFirstOrThrow({ where: { userId: member.id } })).toMatchObject({ seed: "savedpage1" });
  });

  it("is refused, saving nothing, when its draw is malformed or its answers are not the draw's questions", async () => {
    const member = await createUser({});
    const results = await sync(member.id, [
      sheet(member.id, { q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" }, "NOT A SEED"),
      sheet(member.id, { q1: "a", q2: "b", q3: "c", q4: "a" }, "savedpage1"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await prisma.quizAttempt.count({ where: { userId: member.id } })).toBe(0);
  });
});
