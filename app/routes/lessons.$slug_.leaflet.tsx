import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCourse, lessonText } from "~/content/course.server";
import { requestLanguage } from "~/i18n.server";
import { LessonSources } from "~/components/lesson-sources";
import { notFound } from "~/utils/auth.server";
import { qrSvg, siteUrl } from "~/utils/origin.server";
import type { RouteHandle } from "~/root";
import { titleFrom } from "~/utils/page-title";

export const handle: RouteHandle = { hydrate: false, title: titleFrom<typeof loader>((data, t) => [data?.title, t("pageTitles.leaflet")]) };

// Open to anyone, like the lesson it prints: nothing on it is personal.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const course = await getCourse();
  const lesson = params.slug ? course.bySlug.get(params.slug) : undefined;
  if (!lesson) notFound();
  const text = lessonText(lesson, await requestLanguage(request));
  const url = siteUrl(request, `/lessons/${lesson.slug}`);
  return json({
    title: text.title,
    goal: text.goal,
    html: text.html,
    language: text.language,
    url,
    qr: await qrSvg(url),
    lastChecked: lesson.lastChecked,
    sources: lesson.sources,
  });
}

export default function Leaflet() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article lang={data.language} className="leaflet">
      <p className="mb-3 print:hidden">
        <a href={`/lessons/${data.url.split("/lessons/")[1]}`} className="link-tap">
          ← {data.title}
        </a>
      </p>
      <header className="mb-3 flex items-start gap-4 border-b-2 border-stone-800 pb-3">
        <div className="flex-1">
          <h1 className="text-2xl font-bold leading-tight">{data.title}</h1>
          <p className="mt-1">{data.goal}</p>
        </div>
        <figure className="leaflet-qr-box w-28 shrink-0 text-center text-xs">
          <div className="leaflet-qr" dangerouslySetInnerHTML={{ __html: data.qr }} />
          <figcaption>{t("leaflet.scan")}</figcaption>
        </figure>
      </header>
      <div className="lesson-body leaflet-body" dangerouslySetInnerHTML={{ __html: data.html }} />
      <LessonSources sources={data.sources} className="leaflet-sources mt-3 text-sm text-stone-700" />
      <footer className="mt-4 border-t border-stone-400 pt-2 text-sm text-stone-700">
        {t("leaflet.footer")} · <span data-testid="leaflet-url">{data.url}</span> ·{" "}
        {t("lessons.lastChecked", { date: data.lastChecked.split("-").reverse().join("/") })}
      </footer>
    </article>
  );
}
