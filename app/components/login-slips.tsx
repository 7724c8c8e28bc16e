import { useTranslation } from "react-i18next";

type Slip = { name: string; phone: string; password: string; team: string };

/**
 * Cut-out login slips: name, phone, temporary password and the site's
 * address as a QR code. Shown once, from the response that made the passwords.
 */
export function LoginSlips({ slips, url, qr }: { slips: Slip[]; url: string; qr: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="slips-title" className="mb-6" data-testid="login-slips">
      <div className="print:hidden">
        <h2 id="slips-title" className="text-2xl font-bold">
          {t("admin.slips.title")}
        </h2>
        <p className="mb-3 rounded-lg border-2 border-amber-600 bg-amber-50 p-3 font-semibold">{t("admin.slips.intro")}</p>
        <button type="button" className="btn-primary mb-4 w-full sm:w-auto" onClick={() => window.print()}>
          {t("admin.slips.print")}
        </button>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 print:grid-cols-2 print:gap-2">
        {slips.map((s) => (
          <li key={s.phone} className="break-inside-avoid rounded-lg border-2 border-dashed border-stone-500 bg-white p-3" data-testid="login-slip">
            <p className="mb-2 font-bold">{t("admin.slips.heading")}</p>
            <div className="flex gap-3">
              <dl className="min-w-0 flex-1">
                <dt className="text-sm text-stone-600">{t("admin.slips.name")}</dt>
                <dd className="mb-1 font-semibold">{s.name}</dd>
                <dt className="text-sm text-stone-600">{t("admin.slips.phone")}</dt>
                <dd className="mb-1 font-mono text-lg">{s.phone}</dd>
                <dt className="text-sm text-stone-600">{t("admin.slips.password")}</dt>
                <dd className="font-mono text-2xl font-bold tracking-widest" data-testid="slip-password">
                  {s.password}
                </dd>
              </dl>
              <figure className="w-24 shrink-0 text-center text-xs">
                <div className="leaflet-qr" dangerouslySetInnerHTML={{ __html: qr }} />
                <figcaption>{t("admin.slips.scan")}</figcaption>
              </figure>
            </div>
            <p className="mt-2 break-all text-sm">
              {t("admin.slips.address")}: {url}
            </p>
            {s.team ? <p className="text-sm text-stone-600">{s.team}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
