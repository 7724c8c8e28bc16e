// When a lesson must be checked again against its sources (issue 15). The
// course loader turns an overdue lesson into a content problem, so `npm test`
// fails; `npm run content:stale` lists what is due soon. "Today" is always a
// parameter, so tests (and the stale report) can fix it.
import { isCalendarDate, toVietnamLocal } from "~/utils/time";

/** A lesson checked longer ago than this fails the content check. */
export const REVIEW_LIMIT_MONTHS = 12;
/** A lesson checked longer ago than this is listed as due, a month before it fails. */
export const REVIEW_DUE_MONTHS = 11;

/** The shape a lesson's source takes in the front matter (`sources:`), identical in vi.mdx and en.mdx. */
export type LessonSource = { title: string; publisher: string; url?: string; read: string };

/** What the review rules need to know about a lesson. */
export type ReviewFacts = { lastChecked: string; sources: LessonSource[]; review: string | null };

/** The date `months` later; the 31st becomes the last day of a shorter month (2025-08-31 + 6 = 2026-02-28). */
export function addMonths(date: string, months: number) {
  const [y, m, d] = date.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's date in Vietnam (the lessons' dates are Vietnamese calendar dates), YYYY-MM-DD. */
export function todayInVietnam(now = new Date()) {
  return toVietnamLocal(now).date;
}

/** The `--today=YYYY-MM-DD` of a command line (the content scripts), or Vietnam's date today. */
export function todayFromArgs(argv: string[]) {
  const given = argv.find((a) => a.startsWith("--today="))?.slice("--today=".length);
  if (given === undefined) return todayInVietnam();
  if (!isCalendarDate(given)) throw new Error(`--today must be a date YYYY-MM-DD, not "${given}"`);
  return given;
}

/** Problems that make the content check fail on `today`: overdue, no sources, dates in the future. */
export function reviewProblems(lesson: ReviewFacts, today: string): string[] {
  const problems: string[] = [];
  if (!isCalendarDate(lesson.lastChecked)) return problems; // already reported by the front matter check
  if (lesson.lastChecked > today) problems.push(`"lastChecked" ${lesson.lastChecked} is in the future`);
  else if (today > addMonths(lesson.lastChecked, REVIEW_LIMIT_MONTHS))
    problems.push(`"lastChecked" ${lesson.lastChecked} is more than ${REVIEW_LIMIT_MONTHS} months old: check the lesson against its sources, then update the date`);
  lesson.sources.forEach((s, i) => {
    if (isCalendarDate(s.read) && s.read > today) problems.push(`source ${i + 1}: "read" ${s.read} is in the future`);
  });
  return problems;
}

/** Why a lesson is due for review on `today` (none: not due). */
export function reviewReasons(lesson: ReviewFacts, today: string): string[] {
  const reasons: string[] = [];
  if (isCalendarDate(lesson.lastChecked) && today > addMonths(lesson.lastChecked, REVIEW_DUE_MONTHS))
    reasons.push(`last checked more than ${REVIEW_DUE_MONTHS} months ago (fails after ${addMonths(lesson.lastChecked, REVIEW_LIMIT_MONTHS)})`);
  if (lesson.sources.length === 0) reasons.push("no sources listed");
  // A writer who added or re-read a source but did not check the lesson against it leaves the old date.
  const newestRead = lesson.sources.map((s) => s.read).filter(isCalendarDate).sort().at(-1);
  if (newestRead && newestRead > lesson.lastChecked) reasons.push(`a source was read on ${newestRead}, after the last check`);
  if (lesson.review) reasons.push(`flagged: ${lesson.review}`);
  return reasons;
}

/** The lessons due for review on `today`, most overdue (oldest check) first, each with its reasons. */
export function dueForReview<T extends ReviewFacts & { slug: string }>(lessons: T[], today: string) {
  return lessons
    .map((lesson) => ({ lesson, reasons: reviewReasons(lesson, today) }))
    .filter((d) => d.reasons.length > 0)
    .sort((a, b) => a.lesson.lastChecked.localeCompare(b.lesson.lastChecked) || a.lesson.slug.localeCompare(b.lesson.slug));
}
