import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar } from "~/components/progress-bar";
import { getCourse } from "~/content/course.server";
import { requestLanguage } from "~/i18n.server";
import { certificateProgress } from "~/models/certificate.server";
import { requireUser } from "~/utils/auth.server";
import type { RouteHandle } from "~/root";
import { PageScript } from "~/components/page-script";

// Plain HTML: progress and links only.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.certificates" };

/** The member's certificates: one per topic and one for the whole course, each once every lesson is passed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [course, language] = await Promise.all([getCourse(), requestLanguage(request)]);
  return { subjects: await certificateProgress(user.id, course, language) };
}

export default function Certificates() {
  const { subjects } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t("certificate.listTitle")}</h1>
      <p className="mb-4 text-stone-700">{t("certificate.listIntro")}</p>
      <ul className="space-y-3">
        {subjects.map((s) => (
          <li key={s.topic} className="card" data-subject={s.topic} data-earned={s.earned}>
            <h2 className="text-xl font-bold">{s.title}</h2>
            <ProgressBar value={s.done} max={s.total} label={s.title} text={t("lessons.progress", { done: s.done, total: s.total })} />
            {s.earned ? (
              <Link to={`/certificates/${s.topic}`} reloadDocument className="btn-primary mt-3 w-full">
                {t("certificate.open")}
              </Link>
            ) : (
              <p className="mt-2 text-stone-700">
                {t("certificate.stillMissing", { list: s.missing.slice(0, 3).join(", ") + (s.missing.length > 3 ? "…" : "") })}
              </p>
            )}
          </li>
        ))}
      </ul>
      <PageScript />
    </div>
  );
}
