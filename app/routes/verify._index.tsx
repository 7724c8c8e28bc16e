import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { normalizeCode } from "~/models/certificate.server";
import type { RouteHandle } from "~/root";

// A printed certificate can be checked without a camera: type its code here.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.verify" };

export function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code");
  if (typed) throw redirect(`/verify/${encodeURIComponent(normalizeCode(typed) ?? typed.slice(0, 40))}`);
  return null;
}

export default function VerifyForm() {
  const { t } = useTranslation();
  return (
    <div>
      <h1 className="mb-3 text-3xl font-bold">{t("certificate.verifyTitle")}</h1>
      <p className="mb-4 text-stone-700">{t("certificate.verifyNote")}</p>
      <form method="get" action="/verify" className="card">
        <label className="field-label" htmlFor="verify-code">
          {t("certificate.typeCode")}
        </label>
        <input id="verify-code" name="code" className="field-input mb-3" autoComplete="off" autoCapitalize="characters" required />
        <button type="submit" className="btn-primary w-full">
          {t("certificate.check")}
        </button>
      </form>
    </div>
  );
}
