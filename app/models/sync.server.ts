// Grades attempts answered offline when the device sends them. Idempotent: the
// sheet's id (made in the page, or the quiz form's token) is unique in
// QuizAttempt, so a sheet sent twice, or sent here after the form got through,
// is recognised and answered with the result already stored, never counted again.
import type { Course } from "~/content/course.server";
import { isClientId, type AttemptOutcome, type RejectReason } from "~/offline/protocol";
import { askedQuestions, completionOf, knownSheet, readAnswers, storeSheet, type SheetOutcome } from "./quiz.server";
import { isSeed } from "~/content/quiz-draw";
import { prisma } from "~/utils/db.server";
import { acceptDeviceTime } from "~/utils/device-time";
import { parseDeviceInstant } from "~/utils/time";

type Item = {
  id: string;
  userId: number;
  slug: string;
  language: string;
  answers: Record<string, unknown>;
  deviceTime: Date;
  version: string | null;
  draw: string | null;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The fields of one attempt if they are well formed, or null. */
function parseItem(raw: unknown): Item | null {
  if (!isPlainObject(raw)) return null;
  const { id, userId, slug, language, answers, deviceTime, version, draw } = raw;
  if (!isClientId(id) || !Number.isInteger(userId) || typeof slug !== "string" || slug.length > 100) return null;
  if (language !== "vi" && language !== "en") return null;
  if (!isPlainObject(answers) || Object.keys(answers).length > 100) return null;
  // A malformed time (or year 0, 10000, 2026-02-30) refuses this attempt only, never the batch.
  const when = parseDeviceInstant(deviceTime);
  if (!when) return null;
  if (version !== undefined && version !== null && (typeof version !== "string" || version.length > 100)) return null;
  if (Object.entries(answers).some(([k, v]) => k.length > 20 || typeof v !== "string" || v.length > 20)) return null;
  // A sheet from a page before pools has no draw (it answered every question); a draw that is there must be well formed.
  if (draw !== undefined && draw !== null && !isSeed(draw)) return null;
  return {
    id,
    userId: userId as number,
    slug,
    language,
    answers,
    deviceTime: when,
    version: (version as string | undefined) ?? null,
    draw: (draw as string | undefined) ?? null,
  };
}

/** What the device is told about a sheet the server has (or just stored). */
async function outcomeOf(clientId: string, userId: number, sheet: SheetOutcome): Promise<AttemptOutcome> {
  if (sheet.status === "not-yours") return { id: clientId, status: "rejected", reason: "not-yours" };
  if (sheet.status === "rate-limited") return { id: clientId, status: "rate-limited", minutes: sheet.minutes };
  const { attemptId, correct, total, score, passed } = sheet;
  return {
    id: clientId,
    status: sheet.status === "stored" ? "synced" : "duplicate",
    attemptId,
    correct,
    total,
    score,
    passed,
    completed: (await completionOf(userId, sheet.lessonSlug)) !== null,
  };
}

async function syncOne(userId: number, raw: unknown, course: Course, now: Date, accountCreated: Date | null): Promise<AttemptOutcome> {
  const rawId = isPlainObject(raw) && isClientId(raw.id) ? raw.id : String((isPlainObject(raw) && raw.id) ?? "");
  const reject = (reason: RejectReason): AttemptOutcome => ({ id: rawId, status: "rejected", reason });
  const item = parseItem(raw);
  if (!item) return reject("bad-payload");
  if (item.userId !== userId) return { id: item.id, status: "other-user" };
  // Sent before (the answer was lost, or the form got through after all): the stored result, whatever changed since.
  const known = await knownSheet(item.id, userId);
  if (known) return outcomeOf(item.id, userId, known);
  const lesson = course.bySlug.get(item.slug);
  if (!lesson) return reject("lesson-gone");
  const language = item.language === "en" && lesson.text.en ? "en" : "vi";
  // The questions the saved page asked (its own draw), graded by choice id like the form.
  const quiz = askedQuestions(lesson.text[language]!.quiz, item.draw, course.questionsPerAttempt).map((d) => d.question);
  const { answers, missing } = readAnswers(item.answers, quiz);
  if (missing.length || Object.keys(item.answers).length !== quiz.length) {
    return reject(item.version && item.version !== lesson.version ? "quiz-changed" : "bad-payload");
  }
  const answeredAt = acceptDeviceTime(item.deviceTime, now, accountCreated);
  const sheet = await storeSheet({ userId, lesson, quiz, seed: item.draw, language, answers, clientId: item.id, deviceTime: item.deviceTime, answeredAt, now });
  return outcomeOf(item.id, userId, sheet);
}

export const MAX_ATTEMPTS_PER_REQUEST = 100;

/**
 * One answer per attempt, in order. Each attempt is graded in its own
 * transaction, so one that fails (or a crash midway) loses none of the others;
 * the device keeps whatever was not confirmed and sends it again.
 */
export async function syncAttempts(userId: number, attempts: unknown[], course: Course, now = new Date()) {
  const results: AttemptOutcome[] = [];
  const account = await prisma.user.findUnique({ where: { id: userId }, select: { createdAt: true } });
  // In order, so the same id twice in one batch is a duplicate of the first.
  for (const raw of attempts) results.push(await syncOne(userId, raw, course, now, account?.createdAt ?? null));
  return results;
}
