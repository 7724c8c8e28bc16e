import crypto from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { QuizForm, QuizQuestionFields } from "~/components/quiz";
import { i18nInstance } from "~/i18n.server";
import { PASS_MARK, askedQuestions, publicDrawn } from "~/models/quiz.server";
import type { Lesson, LessonText } from "./course.server";

// Rendering the quiz form with React on every request was half the cost of a
// lesson page, and each page now asks its own draw. So the form is assembled
// from pieces rendered once: the frame (per lesson version and language) and
// each question (per position and order of its choices). Each browser's token,
// each page's sheet id and draw go in on the way out.
const frames = new Map<string, string>();
const questions = new Map<string, string>();
/** Enough for every order of every question of a course; the cache starts over past it. */
const MAX_PIECES = 20_000;
const CSRF_PLACEHOLDER = "__KNS_CSRF__";
const SHEET_PLACEHOLDER = "__KNS_SHEET__";
const DRAW_PLACEHOLDER = "__KNS_DRAW__";
const SLOT = '<span data-kns-questions=""></span>';

/**
 * The empty quiz form of a lesson for one draw (`seed`, see quiz-draw.ts): the
 * questions it names, each with its choices in the draw's order. The same seed
 * always gives the same form, so a saved page keeps its draw.
 */
export async function quizFormHtml(lesson: Lesson, text: LessonText & { language: string }, uiLanguage: string, csrf: string | null | undefined, seed: string, count: number) {
  const base = `${lesson.slug}:${lesson.version}:${text.language}:${uiLanguage}`;
  const i18n = await i18nInstance(uiLanguage);
  const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
  let frame = frames.get(base);
  if (!frame) {
    frame = render(
      <QuizForm
        questions={[]}
        passMark={PASS_MARK}
        action={`/lessons/${lesson.slug}`}
        language={text.language}
        csrf={CSRF_PLACEHOLDER}
        sheet={SHEET_PLACEHOLDER}
        draw={DRAW_PLACEHOLDER}
        slot={<span data-kns-questions="" />}
      />,
    );
    frames.set(base, frame);
  }
  if (questions.size > MAX_PIECES) questions.clear();
  const drawn = publicDrawn(askedQuestions(text.quiz, seed, count));
  const body = drawn
    .map((q, i) => {
      const key = `${base}:${q.id}:${i + 1}:${q.choices.map((c) => c.id).join("")}`;
      let html = questions.get(key);
      if (!html) {
        html = render(<QuizQuestionFields q={q} n={i + 1} />);
        questions.set(key, html);
      }
      return html;
    })
    .join("");
  // Without JavaScript the sheet id is a single-use token that makes a resent form count once
  // (the page script replaces it with its own for each sheet).
  return frame
    .replace(SLOT, body)
    .replace(`value="${CSRF_PLACEHOLDER}"`, `value="${csrf && /^[A-Za-z0-9_-]+$/.test(csrf) ? csrf : ""}"`)
    .replace(`value="${SHEET_PLACEHOLDER}"`, `value="${crypto.randomUUID()}"`)
    .replace(`value="${DRAW_PLACEHOLDER}"`, `value="${/^[a-z0-9]+$/.test(seed) ? seed : ""}"`);
}
