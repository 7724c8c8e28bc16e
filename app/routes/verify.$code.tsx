import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCourse } from "~/content/course.server";
import { requestLanguage } from "~/i18n.server";
import { verifyCertificate } from "~/models/certificate.server";
import { formatVietnamDateTime } from "~/utils/time";
import type { RouteHandle } from "~/root";

// Open to anyone (a QR code on a printed certificate), plain HTML.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.verify" };

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [course, language] = await Promise.all([getCourse(), requestLanguage(request)]);
  const certificate = await verifyCertificate(params.code ?? "", course, language);
  return { asked: (params.code ?? "").slice(0, 40), certificate };
}

export default function VerifyCertificate() {
  const { asked, certificate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = (iso: string) => formatVietnamDateTime(iso).slice(0, 10);
  return (
    <div>
      <h1 className="mb-3 text-3xl font-bold">{t("certificate.verifyTitle")}</h1>
      {!certificate ? (
        <p className="rounded-xl border-2 border-red-700 bg-red-50 p-4 font-semibold" data-testid="verify-status" data-status="unknown">
          {t("certificate.unknown", { code: asked })}
        </p>
      ) : (
        <section
          className={`rounded-xl border-2 p-4 ${certificate.valid ? "border-brand-700 bg-brand-50" : "border-red-700 bg-red-50"}`}
          data-testid="verify-status"
          data-status={certificate.valid ? "valid" : "withdrawn"}
        >
          <p className="mb-2 text-xl font-bold">
            {certificate.valid ? `✓ ${t("certificate.valid")}` : `✗ ${t("certificate.withdrawn", { date: date(certificate.withdrawnAt!) })}`}
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-stone-600">{t("certificate.code")}</dt>
            <dd className="font-mono font-bold">{certificate.code}</dd>
            <dt className="text-stone-600">{t("certificate.awardedTo")}</dt>
            <dd className="font-semibold">{certificate.name}</dd>
            {certificate.team ? (
              <>
                <dt className="text-stone-600">{t("certificate.team")}</dt>
                <dd>
                  {certificate.team}
                  {certificate.unit ? ` · ${certificate.unit}` : ""}
                </dd>
              </>
            ) : null}
            <dt className="text-stone-600">{t("certificate.subject")}</dt>
            <dd>{certificate.subject}</dd>
            <dt className="text-stone-600">{t("certificate.earned")}</dt>
            <dd>{date(certificate.earnedAt)}</dd>
          </dl>
        </section>
      )}
      <p className="mt-4 text-stone-700">{t("certificate.verifyNote")}</p>
      <form method="get" action="/verify" className="card mt-4">
        <label className="field-label" htmlFor="verify-code">
          {t("certificate.typeCode")}
        </label>
        <input id="verify-code" name="code" className="field-input mb-3" autoComplete="off" autoCapitalize="characters" />
        <button type="submit" className="btn-secondary w-full">
          {t("certificate.check")}
        </button>
      </form>
    </div>
  );
}
