import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCourse } from "~/content/course.server";
import { WHOLE_COURSE, formatCode, issueCertificate, subjectTitle } from "~/models/certificate.server";
import { requireUser } from "~/utils/auth.server";
import { qrSvg, siteUrl } from "~/utils/origin.server";
import { formatVietnamDateTime } from "~/utils/time";
import type { RouteHandle } from "~/root";
import { lessonScriptSrc } from "~/utils/static-assets.server";
import { titleFrom } from "~/utils/page-title";

// Plain HTML, printed on one A4 page: the member's own (it is never kept for offline use).
export const handle: RouteHandle = { hydrate: false, title: titleFrom<typeof loader>((data) => [data?.subject, data?.code]) };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const course = await getCourse();
  const topic = params.topic ?? "";
  if (topic !== WHOLE_COURSE && !course.topics.some((t) => t.id === topic)) throw new Response("Not Found", { status: 404 });
  const certificate = await issueCertificate(user.id, topic, course);
  // Not earned (yet, or any more): the list says what is missing.
  if (!certificate) throw redirect("/certificates");
  // Vietnamese, as issued; English on request.
  const language = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "vi";
  const verifyUrl = siteUrl(request, `/verify/${certificate.code}`);
  return {
    language,
    topic,
    name: user.name,
    team: user.team?.name ?? null,
    unit: user.team?.unit.name ?? null,
    subject: subjectTitle(course, topic, language),
    date: formatVietnamDateTime(certificate.earnedAt).slice(0, 10),
    code: formatCode(certificate.code),
    verifyUrl,
    verifyBase: siteUrl(request, "/verify"),
    qr: await qrSvg(verifyUrl),
    script: lessonScriptSrc(),
  };
}

export default function CertificatePage() {
  const data = useLoaderData<typeof loader>();
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(data.language);
  return (
    <div>
      <p className="mb-3 flex flex-wrap gap-3 print:hidden">
        <a href="/certificates" className="link-tap">
          ← {t("certificate.listTitle")}
        </a>
        <a
          href={data.language === "en" ? `/certificates/${data.topic}` : `/certificates/${data.topic}?lang=en`}
          className="link-tap"
          data-testid="certificate-language"
        >
          {data.language === "en" ? "Tiếng Việt" : "English"}
        </a>
      </p>
      <article className="certificate" lang={data.language} data-testid="certificate">
        <p className="certificate-kicker">{t("certificate.kicker")}</p>
        <h1 className="certificate-title">{t("certificate.title")}</h1>
        <p className="certificate-line">{t("certificate.awardedTo")}</p>
        <p className="certificate-name" data-testid="certificate-name">
          {data.name}
        </p>
        {data.team ? (
          <p className="certificate-line">
            {data.team}
            {data.unit ? ` · ${data.unit}` : ""}
          </p>
        ) : null}
        <p className="certificate-line mt-4">{t("certificate.forPassing")}</p>
        <p className="certificate-subject" data-testid="certificate-subject">
          {data.subject}
        </p>
        <p className="certificate-line">{t("certificate.date", { date: data.date })}</p>
        <div className="certificate-check">
          <div className="certificate-qr" dangerouslySetInnerHTML={{ __html: data.qr }} />
          <div>
            <p className="font-semibold">{t("certificate.code")}</p>
            <p className="certificate-code" data-testid="certificate-code">
              {data.code}
            </p>
            <p className="text-sm">{t("certificate.howToCheck", { url: data.verifyBase })}</p>
          </div>
        </div>
      </article>
      <p className="mt-4 print:hidden">
        <button type="button" className="btn-primary w-full" data-print hidden>
          {t("certificate.print")}
        </button>
      </p>
      <script src={data.script} defer />
    </div>
  );
}
