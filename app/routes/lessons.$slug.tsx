import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LessonSources } from "~/components/lesson-sources";
import { QuizForm, QuizResult } from "~/components/quiz";
import { getCourse, lessonText } from "~/content/course.server";
import { quizFormHtml } from "~/content/quiz-html.server";
import { requestLanguage } from "~/i18n.server";
import crypto from "node:crypto";
import { PASS_MARK, askedQuestions, attemptResult, completionOf, knownSheet, newDraw, publicDrawn, readAnswers, storeSheet } from "~/models/quiz.server";
import { isSeed } from "~/content/quiz-draw";
import { sheetFrom } from "~/offline/protocol";
import { getUser, notFound, requireUser } from "~/utils/auth.server";
import { lessonScriptSrc } from "~/utils/static-assets.server";
import type { RootLoader, RouteHandle } from "~/root";
import { parseId, readForm } from "~/utils/request-body.server";
import { messageKey } from "~/i18n";
import { titleFrom } from "~/utils/page-title";

// Plain HTML: the lesson and its quiz work before (and without) any JavaScript.
// Shared: the page is the same for every member (phones save it for offline use,
// and several members may use one phone), so it names nobody; the page script
// asks who is signed in and what they completed (/api/me), and who answers a
// quiz is decided when it is submitted.
export const handle: RouteHandle = { hydrate: false, shared: true, title: titleFrom<typeof loader>((data, t) => [data?.title, t("app.name")]) };

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ name: "description", content: data.goal }] : []);

async function findLesson(slug: string | undefined) {
  const course = await getCourse();
  const lesson = slug ? course.bySlug.get(slug) : undefined;
  if (!lesson) notFound();
  return { course, lesson };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // Open to residents (a leaflet's QR, a link in a village chat): a guest reads
  // the lesson; the quiz, progress and results need an account, so a guest's
  // page carries none of them.
  const user = await getUser(request);
  const { course, lesson } = await findLesson(params.slug);
  const locale = await requestLanguage(request);
  const text = lessonText(lesson, locale);
  const attemptId = parseId(new URL(request.url).searchParams.get("attempt"));
  // A result page (?attempt=) is the member's own; it is never kept for offline use.
  // Each page asks its own draw of the pool (a retry asks a different mix); a saved copy keeps its draw.
  const draw = user ? await newDraw(user.id, lesson.slug, text.quiz, course.questionsPerAttempt) : null;
  const [result, quizHtml] = user
    ? await Promise.all([
        attemptId !== null ? attemptResult(attemptId, user.id, lesson.slug, text.quiz) : null,
        quizFormHtml(lesson, text, locale, context.csrfToken, draw!, course.questionsPerAttempt),
      ])
    : [null, ""];
  // The result page is the member's own (never kept for offline use): it may say the lesson is done.
  const completed = user && result ? ((await completionOf(user.id, lesson.slug))?.method ?? null) : null;
  const index = course.lessons.indexOf(lesson);
  const next = course.lessons[index + 1];
  const topic = course.topics.find((t) => t.id === lesson.topic);
  const language = text.language;
  // A plain object: a server render uses it as is, with no JSON round trip.
  return {
    slug: lesson.slug,
    version: lesson.version,
    title: text.title,
    goal: text.goal,
    html: text.html,
    language,
    fallback: text.fallback,
    minutes: lesson.minutes,
    lastChecked: lesson.lastChecked,
    sources: lesson.sources,
    topic: topic ? { id: topic.id, title: topic.title[locale] } : null,
    completed,
    /** For a guest: where signing in starts, coming back to this lesson. */
    signIn: user ? null : `/login?${new URLSearchParams({ redirectTo: `/lessons/${lesson.slug}` })}`,
    quizHtml,
    result,
    next: next ? { slug: next.slug, title: lessonText(next, locale).title } : null,
    passMark: PASS_MARK,
    script: lessonScriptSrc(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { course, lesson } = await findLesson(params.slug);
  const form = await readForm(request);
  const sheet = sheetFrom(form);
  const language = sheet.language === "en" && lesson.text.en ? "en" : "vi";
  // The questions this sheet was asked (its draw), graded by choice id.
  const asked = askedQuestions(lesson.text[language]!.quiz, sheet.draw, course.questionsPerAttempt);
  const quiz = asked.map((d) => d.question);
  const seed = isSeed(sheet.draw) ? sheet.draw : null;
  const shown = { questions: publicDrawn(asked), draw: seed };
  // Post/redirect/get: the result has its own address and a reload does not resubmit.
  const toResult = (attemptId: number) => redirect(`/lessons/${lesson.slug}?attempt=${attemptId}#result`);
  // A page from before sheet ids (a copy saved earlier) still counts; it just cannot be recognised when resent.
  const sheetId = sheet.id ?? crypto.randomUUID();
  const known = sheet.id ? await knownSheet(sheet.id, user.id) : null;
  if (known?.status === "duplicate") return toResult(known.attemptId);
  const { answers, missing } = readAnswers(form, quiz);
  // Another member's sheet id (a page left open on a shared phone): answer again on a fresh sheet.
  const fresh = known?.status === "not-yours" ? { sheet: crypto.randomUUID(), notice: "quiz.sheetUsed" } : null;
  if (missing.length || fresh)
    return json({ ...shown, missing, answers, sheet: fresh?.sheet ?? sheetId, notice: fresh?.notice ?? null, minutes: 0 }, { status: fresh ? 409 : 400 });
  const outcome = await storeSheet({ userId: user.id, lesson, quiz, seed, language, answers, clientId: sheetId });
  if (outcome.status === "stored" || outcome.status === "duplicate") return toResult(outcome.attemptId);
  const notice = outcome.status === "rate-limited" ? "quiz.rateLimited" : "quiz.sheetUsed";
  const minutes = outcome.status === "rate-limited" ? outcome.minutes : 0;
  return json(
    { ...shown, missing: [], answers, sheet: outcome.status === "rate-limited" ? sheetId : crypto.randomUUID(), notice, minutes },
    { status: outcome.status === "rate-limited" ? 429 : 409 },
  );
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const rootData = useRouteLoaderData<RootLoader>("root");
  const { t } = useTranslation();
  return (
    <article lang={data.language} data-lesson={data.slug} data-version={data.version}>
      <nav className="mb-2 text-stone-700" aria-label={t("lessons.topic")}>
        <a href="/lessons" className="link-tap">
          {t("lessons.backToList")}
        </a>
        {data.topic ? <span> › {data.topic.title}</span> : null}
      </nav>
      <h1 className="mb-2 text-3xl font-bold leading-tight">{data.title}</h1>
      <p className="mb-2 text-lg">
        <span className="font-semibold">{t("lessons.goal")}:</span> {data.goal}
      </p>
      <p className="mb-3 text-stone-600">
        {t("lessons.minutes", { count: data.minutes })} · {t("lessons.lastChecked", { date: data.lastChecked.split("-").reverse().join("/") })}
        {/* On the shared page, filled in by the page script for the member signed in; on a result page, by the server. */}
        <strong
          className="ml-1 text-brand-700"
          data-testid="lesson-completed"
          data-completed-mark
          data-quiz={t("lessons.done")}
          data-in-person={t("lessons.doneInPerson")}
          hidden={!data.completed}
        >
          {data.completed ? `· ✓ ${data.completed === "in-person" ? t("lessons.doneInPerson") : t("lessons.done")}` : null}
        </strong>
      </p>
      {data.fallback ? (
        <p className="mb-3 rounded-lg border-2 border-amber-600 bg-amber-50 p-3" role="note">
          {t("lessons.fallbackNotice")}
        </p>
      ) : null}
      <div className="mb-4 flex flex-wrap gap-2 print:hidden">
        <button type="button" className="btn-secondary" hidden data-read-aloud data-lang={data.language} data-stop-label={t("lessons.stopReading")}>
          {t("lessons.readAloud")}
        </button>
        <a href={`/lessons/${data.slug}/leaflet`} className="btn-secondary">
          {t("lessons.printLeaflet")}
        </a>
      </div>
      <div className="lesson-body" data-lesson-body dangerouslySetInnerHTML={{ __html: data.html }} />
      <LessonSources sources={data.sources} className="mt-4 text-stone-700" folded />

      <section id="quiz" aria-labelledby="quiz-title" className="mt-8 border-t-4 border-brand-700 pt-4 print:hidden">
        <h2 id="quiz-title" className="mb-2 text-2xl font-bold">
          {t("quiz.title")}
        </h2>
        {data.signIn ? (
          <div className="rounded-xl border-2 border-brand-700 bg-brand-50 p-4" data-testid="guest-quiz">
            <p className="mb-3">{t("lessons.guestQuizText")}</p>
            <a href={data.signIn} className="btn-primary w-full">
              {t("lessons.guestQuizTitle")}
            </a>
          </div>
        ) : data.result ? (
          <>
            <QuizResult result={data.result} passMark={data.passMark} />
            {data.result.passed ? null : (
              <a href={`/lessons/${data.slug}#quiz-form`} className="btn-primary mt-4 w-full">
                {t("quiz.retry")}
              </a>
            )}
          </>
        ) : (
          <div id="quiz-form">
            <p className="mb-3 font-semibold text-brand-800" data-already-done hidden>
              {t("quiz.alreadyDone")}
            </p>
            {actionData ? (
              <QuizForm
                questions={actionData.questions}
                draw={actionData.draw}
                passMark={data.passMark}
                missing={actionData.missing}
                answers={actionData.answers}
                action={`/lessons/${data.slug}`}
                language={data.language}
                csrf={rootData?.csrf}
                sheet={actionData.sheet}
                notice={actionData.notice ? t(messageKey(actionData.notice), { minutes: actionData.minutes }) : null}
              />
            ) : (
              <div dangerouslySetInnerHTML={{ __html: data.quizHtml }} />
            )}
          </div>
        )}
      </section>

      {data.next ? (
        <p className="mt-6 print:hidden">
          <a href={`/lessons/${data.next.slug}`} className="btn-primary w-full" data-testid="next-lesson">
            {t("lessons.nextLesson")}: {data.next.title} →
          </a>
        </p>
      ) : null}
      <script src={data.script} defer />
    </article>
  );
}
