import { NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const sections = [
  { to: "/admin", key: "overview", end: true },
  { to: "/admin/units", key: "units", end: false },
  { to: "/admin/members", key: "members", end: false },
  { to: "/admin/import", key: "import", end: false },
  { to: "/admin/audit", key: "audit", end: false },
  { to: "/admin/xapi", key: "xapi", end: false },
] as const;

/**
 * The sections of the admin area. On a phone they fold into one line that
 * names the section you are in (the page's heading stays on the first
 * screen, under the site's own menu); from 640 px they are a row of tabs.
 */
export function AdminNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = [...sections].reverse().find((s) => (s.end ? pathname === s.to : pathname.startsWith(s.to))) ?? sections[0];
  const links = (className: string) => (
    <ul className={className}>
      {sections.map((s) => (
        <li key={s.to}>
          <NavLink
            to={s.to}
            end={s.end}
            className={({ isActive }) =>
              `flex min-h-tap items-center rounded-lg border-2 px-3 font-semibold no-underline ${isActive ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-brand-800"}`
            }
          >
            {t(`admin.sections.${s.key}`)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
  return (
    <nav aria-label={t("admin.title")} className="mb-3 print:hidden">
      {/* Closed again after each move (the key changes with the address). */}
      <details className="sm:hidden" key={pathname}>
        <summary className="flex min-h-tap cursor-pointer items-center gap-2 rounded-lg border-2 border-stone-300 bg-white px-3 font-semibold text-brand-800">
          <span className="text-stone-700">{t("admin.title")}:</span> {t(`admin.sections.${current.key}`)}
        </summary>
        {links("mt-2 grid gap-2")}
      </details>
      {links("hidden flex-wrap gap-2 sm:flex")}
    </nav>
  );
}
