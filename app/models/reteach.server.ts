// What to re-teach (issue 14): for the members in a unit's subtree and a
// period, each question of the course: how many members answered it, the share
// right on their first try, and the wrong choice taken most, hardest first.
// Trainers plan the next session from it; questions that (almost) everyone or
// (almost) nobody gets right on the first try measure nothing and are flagged.
import type { Course } from "~/content/course.server";
import { lessonText } from "~/content/course.server";
import type { Language } from "~/i18n";
import { sql } from "~/utils/db.server";
import { sqlDate } from "~/utils/sql-dialect.server";
import { subtreeUpperBound } from "~/utils/unit-path";
import { periodEnd, periodStart, type Period } from "./coverage.server";

/** Below this many first tries a share says little: shown, but neither ranked as hard nor flagged. */
export const MIN_FIRST_TRIES = 5;
/** At or above: so easy that it measures nothing. */
export const TOO_EASY = 0.95;
/** At or below: so hard that it measures nothing (or the question is wrong). */
export const TOO_HARD = 0.2;

export type QuestionStat = {
  lessonSlug: string;
  lessonTitle: string;
  questionId: string;
  /** 1-based place of the question in the lesson's pool. */
  number: number;
  prompt: string;
  step: number | null;
  /** Members who answered it in the period. */
  members: number;
  /** Members whose first answer to it fell in the period, and how many of those were right. */
  firstTries: number;
  firstRight: number;
  /** firstRight / firstTries, or null without first tries. */
  share: number | null;
  /** The wrong choice taken most often in the period, and how often. */
  commonWrong: { text: string; count: number } | null;
  verdict: "too-easy" | "too-hard" | "few" | null;
  /** Where the lesson teaches what it tests. */
  href: string;
};

/** The first and last moments of a period, for comparing stored times. */
function periodBounds(period: Period, now = new Date()) {
  return { from: sqlDate(periodStart(period)), to: sqlDate(periodEnd(period, now)) };
}

type Row = { lessonSlug: string; questionId: string; members: number; firstTries: number; firstRight: number };
type WrongRow = { lessonSlug: string; questionId: string; choiceId: string; n: number };

export async function questionStats(course: Course, unitPath: string, period: Period, language: Language, now = new Date()): Promise<QuestionStat[]> {
  const { from, to } = periodBounds(period, now);
  const scope = [unitPath, subtreeUpperBound(unitPath), from, to];
  // Members count for the team they are in now (a member who moved takes their record along).
  const rows = await sql(
    `SELECT a.lessonSlug, a.questionId, COUNT(DISTINCT a.userId) AS members,
       SUM(CASE WHEN a.firstTry THEN 1 ELSE 0 END) AS firstTries, SUM(CASE WHEN a.firstTry AND a.correct THEN 1 ELSE 0 END) AS firstRight
     FROM QuizAnswer a JOIN User u ON u.id = a.userId JOIN Team t ON t.id = u.teamId
     WHERE t.path >= ? AND t.path < ? AND a.answeredAt >= ? AND a.answeredAt <= ?
     GROUP BY a.lessonSlug, a.questionId`,
  ).all<Row>(...scope);
  const wrong = await sql(
    `SELECT a.lessonSlug, a.questionId, a.choiceId, COUNT(*) AS n
     FROM QuizAnswer a JOIN User u ON u.id = a.userId JOIN Team t ON t.id = u.teamId
     WHERE t.path >= ? AND t.path < ? AND a.answeredAt >= ? AND a.answeredAt <= ? AND a.correct = FALSE
     GROUP BY a.lessonSlug, a.questionId, a.choiceId`,
  ).all<WrongRow>(...scope);
  const topWrong = new Map<string, WrongRow>();
  for (const w of wrong) {
    const key = `${w.lessonSlug}/${w.questionId}`;
    const best = topWrong.get(key);
    if (!best || w.n > best.n || (w.n === best.n && w.choiceId < best.choiceId)) topWrong.set(key, w);
  }
  const stats: QuestionStat[] = [];
  for (const r of rows) {
    const lesson = course.bySlug.get(r.lessonSlug);
    if (!lesson) continue;
    const text = lessonText(lesson, language);
    const index = text.quiz.findIndex((q) => q.id === r.questionId);
    // A question removed from the lesson since: nothing left to re-teach.
    if (index < 0) continue;
    const q = text.quiz[index];
    const firstTries = Number(r.firstTries);
    const firstRight = Number(r.firstRight);
    const share = firstTries > 0 ? firstRight / firstTries : null;
    const w = topWrong.get(`${r.lessonSlug}/${r.questionId}`);
    const wrongChoice = w ? q.choices.find((c) => c.id === w.choiceId) : undefined;
    stats.push({
      lessonSlug: r.lessonSlug,
      lessonTitle: text.title,
      questionId: r.questionId,
      number: index + 1,
      prompt: q.prompt,
      step: q.step,
      members: Number(r.members),
      firstTries,
      firstRight,
      share,
      commonWrong: w && wrongChoice ? { text: wrongChoice.text, count: Number(w.n) } : null,
      verdict: firstTries < MIN_FIRST_TRIES ? "few" : share! >= TOO_EASY ? "too-easy" : share! <= TOO_HARD ? "too-hard" : null,
      href: `/lessons/${r.lessonSlug}${q.step ? `#step-${q.step}` : ""}`,
    });
  }
  // Hardest first; questions with too few first tries to judge go last.
  return stats.sort(
    (a, b) =>
      Number(a.verdict === "few") - Number(b.verdict === "few") ||
      (a.share ?? 1) - (b.share ?? 1) ||
      b.firstTries - a.firstTries ||
      a.lessonSlug.localeCompare(b.lessonSlug) ||
      a.number - b.number,
  );
}
