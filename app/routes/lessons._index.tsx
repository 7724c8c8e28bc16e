import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar } from "~/components/progress-bar";
import { getCourse } from "~/content/course.server";
import { requestLanguage } from "~/i18n.server";
import { offlineSizes } from "~/content/page-sizes.server";
import { courseProgress } from "~/models/progress.server";
import { formatBytes } from "~/offline/protocol";
import { getUser } from "~/utils/auth.server";
import { lessonScriptSrc, publicFileBytes } from "~/utils/static-assets.server";
import tailwind from "~/tailwind.css";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { hydrate: false, title: "pageTitles.lessons" };

export async function loader({ request }: LoaderFunctionArgs) {
  // Open to residents: a guest sees the lessons, with no progress and no saving for offline (that needs an account).
  const user = await getUser(request);
  const [course, language] = await Promise.all([getCourse(), requestLanguage(request)]);
  const [progress, sizes] = await Promise.all([
    courseProgress(course, user?.id ?? null, language),
    user ? offlineSizes(course, language) : new Map<string, number>(),
  ]);
  const topics = progress.topics.map((topic) => {
    const lessons = topic.lessons.map((l) => {
      const lesson = course.bySlug.get(l.slug)!;
      return { ...l, bytes: sizes.get(l.slug) ?? 0, files: lesson.figures, version: lesson.version };
    });
    return { ...topic, lessons, bytes: lessons.reduce((sum, l) => sum + l.bytes, 0) };
  });
  // What every saved page needs around it, downloaded with the first lessons saved on a phone:
  // counted in the sizes shown, and taken off by the page script once the phone has them.
  const script = lessonScriptSrc();
  const frame = [tailwind, script].map((url) => ({ url, bytes: publicFileBytes(url) }));
  return {
    topics,
    signIn: user ? null : `/login?${new URLSearchParams({ redirectTo: "/lessons" })}`,
    next: progress.next,
    language,
    bytes: topics.reduce((sum, t) => sum + t.bytes, 0),
    frame,
    frameBytes: frame.reduce((sum, f) => sum + f.bytes, 0),
    script,
  };
}

export default function LessonCatalogue() {
  const { topics, signIn, next, language, bytes, frame, frameBytes, script } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const member = !signIn;
  return (
    <div data-save-frame={member ? JSON.stringify(frame) : undefined}>
      <h1 className="mb-2 text-3xl font-bold">{t("lessons.title")}</h1>
      <p className="mb-4 text-stone-700">{t("lessons.intro")}</p>
      {signIn ? (
        <div className="mb-6 rounded-xl border-2 border-brand-700 bg-brand-50 p-4" data-testid="guest-catalogue">
          <p className="mb-3">{t("lessons.guestIntro")}</p>
          <a href={signIn} className="btn-primary w-full">
            {t("nav.signIn")}
          </a>
        </div>
      ) : null}
      {member ? (
        <p className="mb-4">
          <a href="/certificates" className="link-tap" data-testid="certificates-link">
            {t("certificate.link")} →
          </a>
        </p>
      ) : null}
      {signIn ? null : next ? (
        <a href={`/lessons/${next.slug}`} className="btn-primary mb-6 w-full text-lg" data-testid="continue">
          {next.started ? t("lessons.continue") : t("lessons.startWith")}: {next.title} →
        </a>
      ) : (
        <p className="mb-6 rounded-xl border-2 border-brand-700 bg-brand-50 p-4 font-semibold">{t("lessons.allDone")}</p>
      )}
      {/* Shown only where the phone can keep lessons (service worker, Cache API, IndexedDB): root.tsx marks <html> before the first paint, so nothing pops in. */}
      {member ? (
        <div className="card mb-6 border-2 border-brand-700" data-offline-only data-save-group="all">
          <p className="mb-2">{t("offline.saveIntro")}</p>
          <button type="button" className="btn-secondary w-full" data-save="all" data-label={`⤓ ${t("offline.saveAll", { size: "{{size}}" })}`}>
            ⤓ {t("offline.saveAll", { size: formatBytes(bytes + frameBytes, language) })}
          </button>
          <p className="mt-2 font-semibold text-brand-800" data-save-status role="status" aria-live="polite" />
        </div>
      ) : null}
      <div className="space-y-6">
        {topics.map((topic) => (
          <section key={topic.id} aria-labelledby={`topic-${topic.id}`} className="card" data-topic={topic.id} data-save-group={topic.id}>
            <h2 id={`topic-${topic.id}`} className="text-xl font-bold">
              {topic.title}
            </h2>
            <p className="mb-2 text-stone-700">{topic.summary}</p>
            {member ? (
              <ProgressBar
                value={topic.done}
                max={topic.lessons.length}
                label={t("lessons.topicProgress", { topic: topic.title })}
                text={t("lessons.progress", { done: topic.done, total: topic.lessons.length })}
              />
            ) : null}
            <ol className="mt-3 divide-y divide-stone-200">
              {topic.lessons.map((lesson) => (
                <li
                  key={lesson.slug}
                  data-lesson-item={lesson.slug}
                  data-done={lesson.done ? "true" : "false"}
                  data-title={lesson.title}
                  data-bytes={lesson.bytes}
                  data-version={lesson.version}
                  data-files={lesson.files.join(" ")}
                >
                  <a href={`/lessons/${lesson.slug}`} className="flex min-h-tap items-center gap-3 py-2 no-underline">
                    {member ? (
                      <span
                        aria-hidden="true"
                        className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 font-bold ${lesson.done ? "border-brand-700 bg-brand-700 text-white" : "border-stone-400 text-stone-400"}`}
                      >
                        {lesson.done ? "✓" : ""}
                      </span>
                    ) : null}
                    <span className="flex-1">
                      <span className="block font-semibold text-brand-800 underline underline-offset-2">{lesson.title}</span>
                      <span className="block text-stone-600">
                        {t("lessons.minutes", { count: lesson.minutes })}
                        {member ? " · " : null}
                        {member ? (lesson.done ? (lesson.done === "in-person" ? t("lessons.doneInPerson") : t("lessons.done")) : t("lessons.notDone")) : null}
                      </span>
                    </span>
                  </a>
                </li>
              ))}
            </ol>
            {member ? (
              <div className="mt-3 border-t border-stone-200 pt-3" data-offline-only>
                <button type="button" className="btn-secondary w-full" data-save={topic.id} data-label={`⤓ ${t("offline.saveTopic", { size: "{{size}}" })}`}>
                  ⤓ {t("offline.saveTopic", { size: formatBytes(topic.bytes + frameBytes, language) })}
                </button>
                <p className="mt-2 font-semibold text-brand-800" data-save-status role="status" aria-live="polite" />
              </div>
            ) : null}
          </section>
        ))}
      </div>
      <script src={script} defer />
    </div>
  );
}
