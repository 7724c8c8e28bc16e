import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { QuizForm } from "~/components/quiz";
import { i18nInstance } from "~/i18n.server";
import { PASS_MARK } from "~/models/quiz.server";
import { publicQuiz, type Lesson, type LessonText } from "./course.server";

import crypto from "node:crypto";

const cache = new Map<string, string>();
// The form is cached for everyone; each browser's token and each page's sheet id go in on the way out.
const CSRF_PLACEHOLDER = "__KNS_CSRF__";
const SHEET_PLACEHOLDER = "__KNS_SHEET__";

/**
 * The empty quiz form of a lesson, rendered once per lesson version and
 * language: it is the same for every reader, and rendering it on each request
 * was half the cost of a lesson page.
 */
export async function quizFormHtml(lesson: Lesson, text: LessonText & { language: string }, uiLanguage: string, csrf?: string | null) {
  const key = `${lesson.slug}:${lesson.version}:${text.language}:${uiLanguage}`;
  let html = cache.get(key);
  if (!html) {
    const i18n = await i18nInstance(uiLanguage);
    html = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <QuizForm questions={publicQuiz(text.quiz)} passMark={PASS_MARK} action={`/lessons/${lesson.slug}`} language={text.language} csrf={CSRF_PLACEHOLDER} sheet={SHEET_PLACEHOLDER} />
      </I18nextProvider>,
    );
    cache.set(key, html);
  }
  // A fresh sheet id in every page: without JavaScript it is the single-use token that makes
  // a resent form count once (the page script replaces it with its own for each sheet).
  return html
    .replace(`value="${CSRF_PLACEHOLDER}"`, `value="${csrf && /^[A-Za-z0-9_-]+$/.test(csrf) ? csrf : ""}"`)
    .replace(`value="${SHEET_PLACEHOLDER}"`, `value="${crypto.randomUUID()}"`);
}
