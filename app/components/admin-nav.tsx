import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const sections = [
  { to: "/admin", key: "overview", end: true },
  { to: "/admin/units", key: "units", end: false },
  { to: "/admin/members", key: "members", end: false },
  { to: "/admin/import", key: "import", end: false },
  { to: "/admin/audit", key: "audit", end: false },
  { to: "/admin/xapi", key: "xapi", end: false },
] as const;

/** The sections of the admin area; wraps onto two lines on a phone rather than scrolling sideways. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("admin.title")} className="mb-4 print:hidden">
      <ul className="flex flex-wrap gap-2">
        {sections.map((s) => (
          <li key={s.to}>
            <NavLink
              to={s.to}
              end={s.end}
              className={({ isActive }) =>
                `flex min-h-tap items-center rounded-lg border-2 px-3 font-semibold no-underline ${
                  isActive ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-brand-800"
                }`
              }
            >
              {t(`admin.sections.${s.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
