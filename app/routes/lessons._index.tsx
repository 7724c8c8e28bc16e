import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar } from "~/components/progress-bar";
import { getCourse, lessonText } from "~/content/course.server";
import { i18nServer } from "~/i18n.server";
import { completionsFor } from "~/models/quiz.server";
import { requireUser } from "~/utils/auth.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Bài học · Kỹ Năng Số" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [course, locale, done] = await Promise.all([getCourse(), i18nServer.getLocale(request), completionsFor(user.id)]);
  const language = locale === "en" ? "en" : "vi";
  const topics = course.topics.map((topic) => {
    const lessons = course.lessons
      .filter((l) => l.topic === topic.id)
      .map((l) => ({ slug: l.slug, title: lessonText(l, language).title, minutes: l.minutes, done: done.get(l.slug)?.method ?? null }));
    return { id: topic.id, title: topic.title[language], summary: topic.summary[language], lessons, done: lessons.filter((l) => l.done).length };
  });
  const next = course.lessons.find((l) => !done.has(l.slug));
  return {
    topics: topics.filter((t) => t.lessons.length > 0),
    next: next ? { slug: next.slug, title: lessonText(next, language).title, started: done.size > 0 } : null,
  };
}

export default function LessonCatalogue() {
  const { topics, next } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t("lessons.title")}</h1>
      <p className="mb-4 text-stone-700">{t("lessons.intro")}</p>
      {next ? (
        <a href={`/lessons/${next.slug}`} className="btn-primary mb-6 w-full text-lg" data-testid="continue">
          {next.started ? t("lessons.continue") : t("lessons.startWith")}: {next.title} →
        </a>
      ) : (
        <p className="mb-6 rounded-xl border-2 border-brand-700 bg-brand-50 p-4 font-semibold">{t("lessons.allDone")}</p>
      )}
      <div className="space-y-6">
        {topics.map((topic) => (
          <section key={topic.id} aria-labelledby={`topic-${topic.id}`} className="card" data-topic={topic.id}>
            <h2 id={`topic-${topic.id}`} className="text-xl font-bold">
              {topic.title}
            </h2>
            <p className="mb-2 text-stone-700">{topic.summary}</p>
            <ProgressBar value={topic.done} max={topic.lessons.length} label={t("lessons.topicProgress", { topic: topic.title })} text={t("lessons.progress", { done: topic.done, total: topic.lessons.length })} />
            <ol className="mt-3 divide-y divide-stone-200">
              {topic.lessons.map((lesson) => (
                <li key={lesson.slug} data-lesson-item={lesson.slug} data-done={lesson.done ? "true" : "false"}>
                  <a href={`/lessons/${lesson.slug}`} className="flex min-h-tap items-center gap-3 py-2 no-underline">
                    <span
                      aria-hidden="true"
                      className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 font-bold ${lesson.done ? "border-brand-700 bg-brand-700 text-white" : "border-stone-400 text-stone-400"}`}
                    >
                      {lesson.done ? "✓" : ""}
                    </span>
                    <span className="flex-1">
                      <span className="block font-semibold text-brand-800 underline underline-offset-2">{lesson.title}</span>
                      <span className="block text-stone-600">
                        {t("lessons.minutes", { count: lesson.minutes })} ·{" "}
                        {lesson.done ? (lesson.done === "in-person" ? t("lessons.doneInPerson") : t("lessons.done")) : t("lessons.notDone")}
                      </span>
                    </span>
                  </a>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}
