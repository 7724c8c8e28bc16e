import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "~/utils/roles";

type NavItem = { to: string; label: string; roles: readonly Role[] };

/** What each role can reach from the menu. */
function navItems(t: (key: string) => string): NavItem[] {
  const everyone: readonly Role[] = ["member", "trainer", "supervisor", "admin"];
  return [
    { to: "/", label: t("nav.home"), roles: everyone },
    { to: "/lessons", label: t("nav.lessons"), roles: everyone },
    { to: "/sessions", label: t("nav.sessions"), roles: everyone },
    { to: "/results", label: t("nav.results"), roles: everyone },
    { to: "/reports", label: t("nav.reports"), roles: ["trainer", "supervisor", "admin"] },
    { to: "/admin", label: t("nav.admin"), roles: ["admin"] },
  ];
}

export function SiteHeader({ user, locale }: { user: { name: string; role: Role } | null; locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const items = user ? navItems(t).filter((item) => item.roles.includes(user.role)) : [];
  const otherLanguage = locale === "vi" ? "en" : "vi";
  const here = location.pathname + location.search;
  return (
    <header className="site-header border-b border-brand-800 bg-brand-700 text-white">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
        <Link to="/" className="mr-auto flex min-h-tap items-center gap-2 text-xl font-bold text-white no-underline">
          <img src="/icons/icon.svg" alt="" width={32} height={32} className="h-8 w-8" />
          {t("app.name")}
        </Link>
        {/* A plain form: switching language reloads the page in the other language, with or without JavaScript. */}
        <form method="post" action="/language" className="contents">
          <input type="hidden" name="language" value={otherLanguage} />
          <input type="hidden" name="redirectTo" value={here} />
          <button type="submit" className="btn min-h-tap px-2 text-white underline" lang={otherLanguage} data-testid="language-switch">
            {t("nav.switchTo")}
          </button>
        </form>
      </div>
      {user ? (
        <nav aria-label={t("nav.menu")} className="bg-brand-800">
          <ul className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-1 px-2">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  reloadDocument={item.to.startsWith("/lessons")}
                  end={item.to === "/"}
                  className={({ isActive }) =>
                    `flex min-h-tap items-center px-3 font-semibold text-white ${isActive ? "underline decoration-4 underline-offset-8" : "no-underline"}`
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
            <li className="ml-auto">
              <Form method="post" action="/logout">
                <button type="submit" className="flex min-h-tap items-center px-3 font-semibold text-white underline">
                  {t("nav.signOut")}
                </button>
              </Form>
            </li>
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
