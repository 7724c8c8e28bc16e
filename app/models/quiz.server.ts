import crypto from "node:crypto";
import type { QuizQuestion } from "~/content/compile.server";
import type { Lesson } from "~/content/course.server";
import { drawQuiz, drawnIds, isSeed, seedFrom, type DrawnQuestion } from "~/content/quiz-draw";
import { prisma, sql } from "~/utils/db.server";
import type { AcceptedTime } from "~/utils/device-time";
import { quizLimit, releaseTry, reserveTry } from "./rate-limit.server";
import { queueStatements, type QueueItem } from "./lrs-queue.server";
import { addMonthStats, countCompletion, memberPlace, monthOf, touchTeam } from "./stats.server";

export const PASS_MARK = 80;

export type Answers = Record<string, string>;
export type GradedQuestion = { id: string; chosen: string | null; correct: boolean };
export type Grade = { correct: number; total: number; score: number; passed: boolean; questions: GradedQuestion[] };

/** Reads the answers of a quiz form; lists the questions left unanswered or answered with a choice that does not exist. */
export function readAnswers(form: FormData | Record<string, unknown>, quiz: QuizQuestion[]) {
  const get = (key: string) => (form instanceof FormData ? form.get(key) : form[key]);
  const answers: Answers = {};
  const missing: string[] = [];
  for (const q of quiz) {
    const value = get(q.id);
    if (typeof value === "string" && q.choices.some((c) => c.id === value)) answers[q.id] = value;
    else missing.push(q.id);
  }
  return { answers, missing };
}

export function gradeQuiz(quiz: QuizQuestion[], answers: Answers): Grade {
  const questions = quiz.map((q) => {
    const chosen = answers[q.id] ?? null;
    const right = q.choices.find((c) => c.correct)?.id;
    return { id: q.id, chosen, correct: chosen !== null && chosen === right };
  });
  const correct = questions.filter((q) => q.correct).length;
  const total = quiz.length;
  const score = total === 0 ? 0 : Math.floor((correct * 100) / total);
  return { correct, total, score, passed: total > 0 && score >= PASS_MARK, questions };
}

/**
 * The questions a sheet answered: the draw its seed names (see quiz-draw.ts), or,
 * for a page from before pools (no seed), the whole quiz as authored.
 */
export function askedQuestions(quiz: QuizQuestion[], seed: string | null | undefined, count: number): DrawnQuestion[] {
  return isSeed(seed) ? drawQuiz(quiz, seed, count) : quiz.map((question) => ({ question, choices: question.choices }));
}

/** The asked questions as the browser may see them, in the order shown: no key, no explanations. */
export function publicDrawn(drawn: DrawnQuestion[]) {
  return drawn.map(({ question, choices }) => ({ id: question.id, prompt: question.prompt, choices: choices.map((c) => ({ id: c.id, text: c.text })) }));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * A seed for this member's next sheet on a lesson: a retry asks a different mix
 * of questions from the last attempt whenever the pool allows.
 */
export async function newDraw(userId: number | null, lessonSlug: string, quiz: QuizQuestion[], count: number) {
  const last = userId
    ? await prisma.quizAttempt.findFirst({ where: { userId, lessonSlug, questions: { not: null } }, orderBy: { id: "desc" }, select: { questions: true } })
    : null;
  let previous: string[] = [];
  try {
    previous = last?.questions ? (JSON.parse(last.questions) as string[]) : [];
  } catch {
    previous = [];
  }
  let seed = seedFrom(crypto.randomBytes(8));
  for (let i = 0; i < 30 && quiz.length > count && sameSet(drawnIds(drawQuiz(quiz, seed, count)), previous); i++) seed = seedFrom(crypto.randomBytes(8));
  return seed;
}

type SubmitInput = {
  userId: number;
  lesson: Pick<Lesson, "slug" | "version">;
  /** The questions asked, in the order shown (the draw, or the whole quiz for a sheet without one). */
  quiz: QuizQuestion[];
  /** The draw's seed, stored with the attempt; null when every question was asked. */
  seed?: string | null;
  language: string;
  answers: Answers;
  clientId?: string | null;
  /** The device's clock as sent (kept as evidence), and the time believed (see device-time). */
  deviceTime?: Date | null;
  answeredAt?: AcceptedTime;
  now?: Date;
};

/**
 * Stores an attempt and, when it passes, the member's completion of the lesson:
 * once per member and lesson (a later pass keeps the first completion).
 */
export async function submitAttempt(input: SubmitInput) {
  const grade = gradeQuiz(input.quiz, input.answers);
  const now = input.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const attempt = await tx.quizAttempt.create({
      data: {
        userId: input.userId,
        lessonSlug: input.lesson.slug,
        language: input.language,
        answers: JSON.stringify(input.answers),
        correct: grade.correct,
        total: grade.total,
        score: grade.score,
        passed: grade.passed,
        contentVersion: input.lesson.version,
        clientId: input.clientId ?? null,
        deviceTime: input.deviceTime ?? null,
        deviceTimeFlagged: input.answeredAt?.flagged ?? false,
        seed: input.seed ?? null,
        questions: JSON.stringify(input.quiz.map((q) => q.id)),
        createdAt: now,
      },
      select: { id: true },
    });
    // Per question, for what to re-teach: the choice taken, and whether it was the member's first answer to it.
    const answeredAt = input.answeredAt?.at ?? now;
    const seen = new Set(
      (
        await tx.quizAnswer.findMany({
          where: { userId: input.userId, lessonSlug: input.lesson.slug, questionId: { in: input.quiz.map((q) => q.id) }, attemptId: { not: attempt.id } },
          select: { questionId: true },
        })
      ).map((a) => a.questionId),
    );
    await tx.quizAnswer.createMany({
      data: grade.questions
        .filter((g) => g.chosen !== null)
        .map((g) => ({
          attemptId: attempt.id,
          userId: input.userId,
          lessonSlug: input.lesson.slug,
          questionId: g.id,
          choiceId: g.chosen!,
          correct: g.correct,
          firstTry: !seen.has(g.id),
          answeredAt,
        })),
    });
    const place = await memberPlace(tx, input.userId);
    // Attempts count in the month they reached the server (the recount does the same); the completion
    // below is dated when the lesson was learnt, by the device's time when that is believable.
    await addMonthStats(tx, place.path, monthOf(now), {
      attempts: 1,
      passed: grade.passed ? 1 : 0,
    });
    await touchTeam(tx, place.teamId, now);
    // Learning records for the LRS, in this transaction: the attempt, and the completion it made.
    const records: QueueItem[] = place.path ? [{ factKey: `attempt/${attempt.id}`, userId: input.userId, unitPath: place.path }] : [];
    let completed = false;
    if (grade.passed) {
      const existing = await tx.completion.findUnique({
        where: { userId_lessonSlug: { userId: input.userId, lessonSlug: input.lesson.slug } },
        select: { id: true },
      });
      if (!existing) {
        // Answered offline: the lesson was learnt when the device says, if that is believable.
        const completedAt = input.answeredAt?.at ?? now;
        const completion = await tx.completion.create({
          data: {
            userId: input.userId,
            lessonSlug: input.lesson.slug,
            completedAt,
            contentVersion: input.lesson.version,
            method: "quiz",
            attemptId: attempt.id,
          },
          select: { id: true },
        });
        await countCompletion(tx, input.userId, input.lesson.slug, completedAt, place);
        if (place.path) records.push({ factKey: `completion/${completion.id}`, userId: input.userId, unitPath: place.path });
        completed = true;
      }
    }
    await queueStatements(tx, records, now);
    return { attemptId: attempt.id, grade, newlyCompleted: completed };
  });
}

export type SheetOutcome =
  | { status: "stored" | "duplicate"; attemptId: number; lessonSlug: string; correct: number; total: number; score: number; passed: boolean }
  /** The sheet id belongs to another member's attempt: nothing is said about it. */
  | { status: "not-yours" }
  /** Too many sheets in a short time: nothing stored; the device keeps the sheet and sends it again. */
  | { status: "rate-limited"; minutes: number };

/** The attempt already stored for this sheet id, if any (a sheet sent again by any path). */
export async function knownSheet(clientId: string, userId: number): Promise<SheetOutcome | null> {
  const existing = await prisma.quizAttempt.findUnique({
    where: { clientId },
    select: { id: true, userId: true, lessonSlug: true, correct: true, total: true, score: true, passed: true },
  });
  if (!existing) return null;
  if (existing.userId !== userId) return { status: "not-yours" };
  const { id: attemptId, lessonSlug, correct, total, score, passed } = existing;
  return { status: "duplicate", attemptId, lessonSlug, correct, total, score, passed };
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * Stores one answer sheet, by whatever path it came (the quiz form, a resend
 * of it, the offline queue, Background Sync): once per sheet id, whatever the
 * number of times it is sent, and within the member's sheet limit (form and
 * sync share it). A resend never counts against the limit.
 */
export async function storeSheet(input: SubmitInput & { clientId: string | null }, now = input.now ?? new Date()): Promise<SheetOutcome> {
  if (input.clientId) {
    const known = await knownSheet(input.clientId, input.userId);
    if (known) return known;
  }
  const reservation = await reserveTry([quizLimit(input.userId)], now);
  if (reservation.wait > 0) return { status: "rate-limited", minutes: reservation.wait };
  try {
    const { attemptId, grade } = await submitAttempt({ ...input, now });
    const { correct, total, score, passed } = grade;
    return { status: "stored", attemptId, lessonSlug: input.lesson.slug, correct, total, score, passed };
  } catch (error) {
    // The same sheet arrived by another request a moment ago: that one counts, not this one.
    if (input.clientId && isUniqueViolation(error)) {
      await releaseTry(reservation);
      const again = await knownSheet(input.clientId, input.userId);
      if (again) return again;
    }
    throw error;
  }
}

/** A stored attempt of this member on this lesson, graded against the key, for the result view. */
export async function attemptResult(attemptId: number, userId: number, lessonSlug: string, quiz: QuizQuestion[]) {
  const attempt = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId, lessonSlug },
    select: { id: true, answers: true, questions: true, createdAt: true },
  });
  if (!attempt) return null;
  let answers: Answers = {};
  let asked: string[] | null = null;
  try {
    answers = JSON.parse(attempt.answers) as Answers;
    asked = attempt.questions ? (JSON.parse(attempt.questions) as string[]) : null;
  } catch {
    answers = {};
  }
  // The questions this attempt asked, in its order (questions removed from the lesson since are left out).
  if (asked) quiz = asked.flatMap((id) => quiz.filter((q) => q.id === id));
  const grade = gradeQuiz(quiz, answers);
  // Explanations are shown for the answer the member chose; the right answer
  // is named only once the quiz is passed, so a retry still makes them think.
  const questions = quiz.map((q, i) => {
    const g = grade.questions[i];
    const chosen = q.choices.find((c) => c.id === g.chosen);
    const right = q.choices.find((c) => c.correct);
    return {
      id: q.id,
      prompt: q.prompt,
      chosenText: chosen?.text ?? null,
      correct: g.correct,
      why: chosen?.why ?? null,
      rightText: grade.passed ? (right?.text ?? null) : null,
    };
  });
  return {
    id: attempt.id,
    createdAt: attempt.createdAt.toISOString(),
    correct: grade.correct,
    total: grade.total,
    score: grade.score,
    passed: grade.passed,
    questions,
  };
}

/** How this member completed this lesson, if they did (read on every lesson page). */
export async function completionOf(userId: number, lessonSlug: string) {
  const row = await sql("SELECT method FROM Completion WHERE userId = ? AND lessonSlug = ?").get<{ method: string }>(userId, lessonSlug);
  return row ? { method: row.method } : null;
}

/** Lessons this member has completed, by slug. */
export async function completionsFor(userId: number) {
  const rows = await prisma.completion.findMany({
    where: { userId },
    select: { lessonSlug: true, completedAt: true, method: true },
  });
  return new Map(rows.map((r) => [r.lessonSlug, { completedAt: r.completedAt, method: r.method }]));
}
