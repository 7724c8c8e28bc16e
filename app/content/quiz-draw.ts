// Which questions an attempt asks and in what order (issue 14). A lesson's quiz
// is a pool; each attempt draws a few questions across the lesson's steps and
// shows every question's choices in its own order, all from one seed stored
// with the attempt, so the page, a reload, the result and an offline sheet
// synced days later all grade the same thing. Answers are recorded by choice
// id, never by position. Only question ids, steps and choice ids are used, so
// the Vietnamese and English quizzes (same ids, same steps) draw alike.
import type { QuizChoice, QuizQuestion } from "./compile.server";

/** A seed as it travels in a form or an offline sheet. */
export const SEED_PATTERN = /^[a-z0-9]{8,24}$/;

export function isSeed(value: unknown): value is string {
  return typeof value === "string" && SEED_PATTERN.test(value);
}

/** A new seed from 64 random bits (the caller's random source: crypto on the server). */
export function seedFrom(bytes: Uint8Array) {
  return [...bytes.slice(0, 8)].map((b) => b.toString(36).padStart(2, "0")).join("");
}

/** A small, well-mixed generator (sfc32) seeded by hashing the seed string (cyrb128). */
function generator(seed: string) {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let [a, b, c, d] = [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still show the seed's structure: mix it in well before drawing.
  for (let i = 0; i < 16; i++) next();
  return next;
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export type DrawnQuestion = { question: QuizQuestion; choices: QuizChoice[] };

/**
 * The questions an attempt asks: `count` of the pool (all of it when smaller),
 * first one from each of as many different steps as possible (steps picked at
 * random when there are more steps than questions), the rest from what is
 * left; shown in the lesson's order (by step, then as authored), each with
 * its choices shuffled.
 */
export function drawQuiz(quiz: readonly QuizQuestion[], seed: string, count: number): DrawnQuestion[] {
  const random = generator(seed);
  const byStep = new Map<number, QuizQuestion[]>();
  for (const q of quiz) {
    const step = q.step ?? 0;
    byStep.set(step, [...(byStep.get(step) ?? []), q]);
  }
  const picked = new Set<QuizQuestion>();
  for (const step of shuffle([...byStep.keys()].sort((a, b) => a - b), random)) {
    if (picked.size >= count) break;
    const options = byStep.get(step)!;
    picked.add(options[Math.floor(random() * options.length)]);
  }
  for (const q of shuffle(quiz, random)) {
    if (picked.size >= count) break;
    picked.add(q);
  }
  const order = new Map(quiz.map((q, i) => [q, i]));
  return [...picked]
    .sort((a, b) => (a.step ?? 0) - (b.step ?? 0) || order.get(a)! - order.get(b)!)
    .map((question) => ({ question, choices: shuffle(question.choices, random) }));
}

/** The ids of the drawn questions, as stored with the attempt. */
export const drawnIds = (drawn: DrawnQuestion[]) => drawn.map((d) => d.question.id);
