import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { lessonScriptSrc } from "~/utils/static-assets.server";
import type { RouteHandle } from "~/root";

// Precached by the service worker and shown for any page that cannot load
// offline. The same for everyone, in both languages: it is saved once and
// shown whatever language was chosen later.
export const handle: RouteHandle = {
  hydrate: false,
  title: ({ t, i18n }) => [i18n.getFixedT("vi")("pageTitles.offline"), i18n.getFixedT("en")("pageTitles.offline"), t("app.name")],
};

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export function loader() {
  return { script: lessonScriptSrc() };
}

export default function OfflinePage() {
  const { script } = useLoaderData<typeof loader>();
  const { i18n } = useTranslation();
  return (
    <div data-testid="offline-page">
      {(["vi", "en"] as const).map((lng) => {
        const t = i18n.getFixedT(lng);
        return (
          <section key={lng} lang={lng} className={lng === "en" ? "mt-8 border-t-2 border-stone-300 pt-4 text-stone-700" : ""}>
            <h1 className={lng === "vi" ? "mb-2 text-3xl font-bold" : "mb-2 text-2xl font-bold"}>{t("offline.pageTitle")}</h1>
            <p className="mb-4 text-lg">{t("offline.pageText")}</p>
            {lng === "vi" ? (
              <>
                <button type="button" className="btn-primary mb-6 w-full text-lg" data-reload>
                  ↻ {t("offline.tryAgain")} · {i18n.getFixedT("en")("offline.tryAgain")}
                </button>
                <h2 className="mb-1 text-xl font-bold">
                  {t("offline.savedLessons")} <span className="font-normal text-stone-600">· {i18n.getFixedT("en")("offline.savedLessons")}</span>
                </h2>
                <ul className="card mb-2 divide-y divide-stone-200" data-saved-list>
                  <li className="py-2" data-no-saved>
                    {t("offline.noSaved")}
                  </li>
                </ul>
              </>
            ) : (
              <p data-no-saved>{t("offline.noSaved")}</p>
            )}
          </section>
        );
      })}
      <script src={script} defer />
    </div>
  );
}
