import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LessonSources } from "~/components/lesson-sources";
import { QuizForm, QuizResult } from "~/components/quiz";
import { getCourse, lessonText, publicQuiz } from "~/content/course.server";
import { quizFormHtml } from "~/content/quiz-html.server";
import { requestLanguage } from "~/i18n.server";
import { PASS_MARK, attemptResult, completionOf, readAnswers, submitAttempt } from "~/models/quiz.server";
import { getUser, notFound, requireUser } from "~/utils/auth.server";
import { lessonScriptSrc } from "~/utils/static-assets.server";
import type { RootLoader, RouteHandle } from "~/root";
import { parseId, readForm } from "~/utils/request-body.server";
import { quizLimit, reserveTry } from "~/models/rate-limit.server";
import { refusal } from "~/utils/request-guard.server";

// Plain HTML: the lesson and its quiz work before (and without) any JavaScript.
export const handle: RouteHandle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.title} · Kỹ Năng Số` }, { name: "description", content: data.goal }] : [];

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
  const [completion, result, quizHtml] = user
    ? await Promise.all([
        completionOf(user.id, lesson.slug),
        attemptId !== null ? attemptResult(attemptId, user.id, lesson.slug, text.quiz) : null,
        quizFormHtml(lesson, text, locale, context.csrfToken),
      ])
    : [null, null, ""];
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
    completed: completion?.method ?? null,
    /** For a guest: where signing in starts, coming back to this lesson. */
    signIn: user ? null : `/login?${new URLSearchParams({ redirectTo: `/lessons/${lesson.slug}` })}`,
    quiz: user ? publicQuiz(text.quiz) : [],
    quizHtml,
    result,
    next: next ? { slug: next.slug, title: lessonText(next, locale).title } : null,
    passMark: PASS_MARK,
    script: lessonScriptSrc(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { lesson } = await findLesson(params.slug);
  const form = await readForm(request);
  const language = form.get("language") === "en" && lesson.text.en ? "en" : "vi";
  const quiz = lesson.text[language]!.quiz;
  const { answers, missing } = readAnswers(form, quiz);
  if (missing.length) return json({ missing, answers }, { status: 400 });
  const { wait } = await reserveTry([quizLimit(user.id)]);
  if (wait > 0) throw await refusal(request, { status: 429, key: "errors.rateLimited", params: { minutes: wait } }, true);
  const { attemptId } = await submitAttempt({ userId: user.id, lesson, quiz, language, answers });
  // Post/redirect/get: the result has its own address and a reload does not resubmit.
  return redirect(`/lessons/${lesson.slug}?attempt=${attemptId}#result`);
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const rootData = useRouteLoaderData<RootLoader>("root");
  const { t } = useTranslation();
  return (
    <article lang={data.language} data-lesson={data.slug} data-version={data.version}>
      <nav className="mb-2 text-stone-700" aria-label={t("lessons.topic")}>
        <a href="/lessons" className="link">
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
        {data.completed ? (
          <strong className="ml-1 text-brand-700" data-testid="lesson-completed">
            · ✓ {data.completed === "in-person" ? t("lessons.doneInPerson") : t("lessons.done")}
          </strong>
        ) : null}
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
            {data.completed ? <p className="mb-3 font-semibold text-brand-800">{t("quiz.alreadyDone")}</p> : null}
            {actionData?.missing ? (
              <QuizForm
                questions={data.quiz}
                passMark={data.passMark}
                missing={actionData.missing}
                answers={actionData.answers}
                action={`/lessons/${data.slug}`}
                language={data.language}
                csrf={rootData?.csrf}
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
