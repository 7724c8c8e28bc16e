import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse, syncLessons, type Course } from "~/content/course.server";
import { PASS_MARK, attemptResult, gradeQuiz, readAnswers, submitAttempt } from "~/models/quiz.server";
import { prisma } from "~/utils/db.server";
import { createUser } from "../support/fixtures";

let course: Course;
const allRight = { q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" };

beforeAll(async () => {
  course = await loadCourse(path.resolve("tests/fixtures/content"));
  await syncLessons(course);
});

const lesson = () => course.bySlug.get("demo-basics")!;
const quiz = () => lesson().text.vi.quiz;

describe("grading", () => {
  it("scores whole percent and passes at 80%", () => {
    expect(PASS_MARK).toBe(80);
    expect(gradeQuiz(quiz(), allRight)).toMatchObject({ correct: 5, total: 5, score: 100, passed: true });
    expect(gradeQuiz(quiz(), { ...allRight, q5: "a" })).toMatchObject({ correct: 4, score: 80, passed: true });
    expect(gradeQuiz(quiz(), { ...allRight, q4: "b", q5: "a" })).toMatchObject({ correct: 3, score: 60, passed: false });
    expect(gradeQuiz(quiz(), {})).toMatchObject({ correct: 0, score: 0, passed: false });
  });

  it("marks each question right or wrong", () => {
    const grade = gradeQuiz(quiz(), { ...allRight, q2: "c" });
    expect(grade.questions.map((q) => q.correct)).toEqual([true, false, true, true, true]);
  });

  it("lists unanswered questions and ignores choices that do not exist", () => {
    const form = new FormData();
    form.set("q1", "a");
    form.set("q2", "z");
    form.set("q3", "c");
    const { answers, missing } = readAnswers(form, quiz());
    expect(answers).toEqual({ q1: "a", q3: "c" });
    expect(missing).toEqual(["q2", "q4", "q5"]);
  });
});

describe("attempts and completion", () => {
  it("stores every attempt and completes the lesson once, on the first pass", async () => {
    const member = await createUser({});
    const fail = await submitAttempt({
      userId: member.id,
      lesson: lesson(),
      quiz: quiz(),
      language: "vi",
      answers: { q1: "b", q2: "a", q3: "a", q4: "b", q5: "a" },
    });
    expect(fail.grade.passed).toBe(false);
    expect(fail.newlyCompleted).toBe(false);
    expect(await prisma.completion.count({ where: { userId: member.id } })).toBe(0);

    const pass = await submitAttempt({ userId: member.id, lesson: lesson(), quiz: quiz(), language: "vi", answers: allRight });
    expect(pass.newlyCompleted).toBe(true);
    const again = await submitAttempt({ userId: member.id, lesson: lesson(), quiz: quiz(), language: "en", answers: allRight });
    expect(again.newlyCompleted).toBe(false);

    const attempts = await prisma.quizAttempt.findMany({ where: { userId: member.id }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.score, a.passed, a.language])).toEqual([
      [0, false, "vi"],
      [100, true, "vi"],
      [100, true, "en"],
    ]);
    expect(JSON.parse(attempts[1].answers)).toEqual(allRight);
    const completions = await prisma.completion.findMany({ where: { userId: member.id } });
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({ lessonSlug: "demo-basics", method: "quiz", attemptId: attempts[1].id, contentVersion: lesson().version });
  });

  it("shows a failed attempt's explanations without naming the right answers", async () => {
    const member = await createUser({});
    const { attemptId } = await submitAttempt({
      userId: member.id,
      lesson: lesson(),
      quiz: quiz(),
      language: "vi",
      answers: { ...allRight, q1: "b", q2: "c" },
    });
    const result = await attemptResult(attemptId, member.id, "demo-basics", quiz());
    expect(result).toMatchObject({ correct: 3, score: 60, passed: false });
    expect(result!.questions[0]).toMatchObject({ correct: false, chosenText: "Đáp án 1B", why: "GIAITHICH-1B sai", rightText: null });
    expect(result!.questions[2]).toMatchObject({ correct: true, why: "GIAITHICH-3C đúng" });
  });

  it("never shows one member's attempt to another", async () => {
    const owner = await createUser({});
    const other = await createUser({});
    const { attemptId } = await submitAttempt({ userId: owner.id, lesson: lesson(), quiz: quiz(), language: "vi", answers: allRight });
    expect(await attemptResult(attemptId, other.id, "demo-basics", quiz())).toBeNull();
    expect(await attemptResult(attemptId, owner.id, "demo-vi-only", quiz())).toBeNull();
  });
});
