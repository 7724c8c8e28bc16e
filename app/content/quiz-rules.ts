// The rules a lesson's quiz must meet so that it measures what a member can do
// (issue 14), in one place: the course loader applies them to every lesson and
// `npm run content:check` fails on any breach. Each rule is one function here;
// content/AUTHORING.md explains them to writers.
import { gradeQuiz } from "~/models/quiz.server";
import type { QuizQuestion } from "./compile.server";

/** A lesson's quiz is a pool the engine draws from: at least this many questions. */
export const MIN_POOL = 8;
/** The right choice may be strictly the longest in at most this share of a lesson's questions. */
export const MAX_LONGEST_RIGHT_SHARE = 1 / 3;
/** No choice may be more than this many times as long as the shortest choice of its question. */
export const MAX_LENGTH_RATIO = 2;
/**
 * Two questions are near-identical when the words of their prompt and right
 * answer, compared as sets, overlap this much (Jaccard index; see wordsOf).
 * Calibrated on the course: before the November 2026 rewrite, the one
 * verbatim repeat across lessons (vneid-install q5, safety-fake-links q5)
 * scored 0.82 in Vietnamese and the closest pair of different questions 0.61;
 * the rewritten pools (291 questions) top out at 0.49 (vi) and 0.43 (en).
 * Paraphrases are out of reach of a word measure: writers keep each
 * situation to the one lesson it belongs to (AUTHORING.md).
 */
export const NEAR_DUPLICATE = 0.75;

/** Length as a reader sees it: Unicode characters after composing diacritics, spaces collapsed. */
export function textLength(text: string) {
  return [...text.normalize("NFC").replace(/\s+/g, " ").trim()].length;
}

function strictlyLongestIsRight(q: QuizQuestion) {
  const right = q.choices.find((c) => c.correct);
  if (!right) return false;
  const length = textLength(right.text);
  return q.choices.every((c) => c === right || textLength(c.text) < length);
}

/** Problems of one language file's quiz; `steps` is the number of <Step> in that file. */
export function quizProblems(quiz: QuizQuestion[], steps: number): string[] {
  const problems: string[] = [];
  if (quiz.length < MIN_POOL) problems.push(`the quiz has ${quiz.length} questions (a pool needs at least ${MIN_POOL})`);

  // The length cue: a guesser who always picks the longest choice must not pass.
  const longestRight = quiz.filter(strictlyLongestIsRight).length;
  if (quiz.length > 0 && longestRight > quiz.length * MAX_LONGEST_RIGHT_SHARE)
    problems.push(
      `the right choice is strictly the longest in ${longestRight} of ${quiz.length} questions (at most ${Math.floor(quiz.length * MAX_LONGEST_RIGHT_SHARE)} may be)`,
    );

  const tested = new Set<number>();
  let stepsNamed = true;
  quiz.forEach((q, i) => {
    const n = i + 1;
    const lengths = q.choices.map((c) => textLength(c.text));
    const shortest = Math.min(...lengths);
    lengths.forEach((length, ci) => {
      if (shortest > 0 && length > shortest * MAX_LENGTH_RATIO)
        problems.push(`question ${n}, choice ${ci + 1} has ${length} characters, more than ${MAX_LENGTH_RATIO} times the shortest choice (${shortest})`);
    });
    if (q.step === null) problems.push(`question ${n} has no step (add step="N": the number of the <Step> it tests)`);
    else if (!Number.isInteger(q.step) || q.step < 1 || q.step > steps)
      problems.push(`question ${n} names step ${String(q.step)}, but the lesson has ${steps} step${steps === 1 ? "" : "s"}`);
    else tested.add(q.step);
    if (q.step === null || !tested.has(q.step)) stepsNamed = false;
  });
  // An attempt draws questions across the steps, so every step needs at least one
  // (checked once every question names a real step, so one mistake is not reported twice).
  if (quiz.length > 0 && stepsNamed) {
    for (let s = 1; s <= steps; s++) if (!tested.has(s)) problems.push(`no question tests step ${s}`);
  }
  return problems;
}

/** Problems between the two languages' quizzes: the same questions, in the same order, with the same key. */
export function quizParityProblems(vi: QuizQuestion[], en: QuizQuestion[]): string[] {
  if (vi.length !== en.length) return [`the quiz has ${en.length} questions, vi.mdx has ${vi.length}`];
  const problems: string[] = [];
  vi.forEach((q, i) => {
    const other = en[i];
    const n = i + 1;
    if (other.choices.length !== q.choices.length) problems.push(`question ${n} has ${other.choices.length} choices, vi.mdx has ${q.choices.length}`);
    const right = (x: QuizQuestion) => x.choices.findIndex((c) => c.correct) + 1;
    if (right(other) !== right(q)) problems.push(`question ${n}: the right choice is number ${right(other)}, in vi.mdx number ${right(q)}`);
    if (other.step !== q.step) problems.push(`question ${n} tests step ${String(other.step)}, in vi.mdx step ${String(q.step)}`);
  });
  return problems;
}

/**
 * The words of a question for comparison: prompt and right answer, lower-case,
 * without diacritics (đ as d) or punctuation. Vietnamese words are syllables,
 * so this compares syllables; the right answer is included so that two
 * situations that only start alike ("Bà Lan đưa điện thoại…") are not confused.
 */
export function wordsOf(q: QuizQuestion) {
  const right = q.choices.find((c) => c.correct)?.text ?? "";
  const plain = `${q.prompt} ${right}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/đ/g, "d");
  return new Set(plain.split(/[^a-z0-9]+/).filter(Boolean));
}

export function jaccard(a: Set<string>, b: Set<string>) {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

export type QuizInCourse = { lesson: string; language: string; quiz: QuizQuestion[] };
type QuestionRef = { lesson: string; question: number };
export type DuplicatePair = { a: QuestionRef; b: QuestionRef; language: string; score: number };

/** Pairs of near-identical questions anywhere in the course (within a lesson too), per language. */
export function nearDuplicates(quizzes: QuizInCourse[]): DuplicatePair[] {
  const pairs: DuplicatePair[] = [];
  const byLanguage = new Map<string, Array<{ ref: QuestionRef; words: Set<string> }>>();
  for (const { lesson, language, quiz } of quizzes) {
    const list = byLanguage.get(language) ?? [];
    quiz.forEach((q, i) => list.push({ ref: { lesson, question: i + 1 }, words: wordsOf(q) }));
    byLanguage.set(language, list);
  }
  for (const [language, list] of byLanguage) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const score = jaccard(list[i].words, list[j].words);
        if (score >= NEAR_DUPLICATE) pairs.push({ a: list[i].ref, b: list[j].ref, language, score });
      }
    }
  }
  return pairs;
}

/**
 * Whether always picking the longest choice passes the whole pool at the pass
 * mark. A tie for longest counts as right when the right choice is among the
 * tied ones: the count is an upper bound on what the guesser gets.
 */
export function longestChoicePasses(quiz: QuizQuestion[]) {
  const answers: Record<string, string> = {};
  for (const q of quiz) {
    const longest = Math.max(...q.choices.map((c) => textLength(c.text)));
    const tied = q.choices.filter((c) => textLength(c.text) === longest);
    answers[q.id] = (tied.find((c) => c.correct) ?? tied[0]).id;
  }
  return gradeQuiz(quiz, answers).passed;
}
