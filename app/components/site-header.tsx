import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Translate } from "~/i18n";
import type { Role } from "~/utils/roles";
import { CsrfField } from "~/components/csrf-field";

type NavItem = { to: string; label: string; roles: readonly Role[] };

/** What each role can reach from the menu. */
function navItems(t: Translate): NavItem[] {
  const everyone: readonly Role[] = ["member", "trainer", "supervisor", "admin"];
  return [
    { to: "/", label: t("nav.home"), roles: everyone },
    { to: "/lessons", label: t("nav.lessons"), roles: everyone },
    { to: "/sessions", label: t("nav.sessions"), roles: everyone },
    { to: "/results", label: t("nav.results"), roles: everyone },
    // Members' own tasks; staff reach theirs from the home page (two rows of three stay two rows).
    // Guidance events are recorded from the home page and the results page.
    { to: "/tasks", label: t("nav.tasks"), roles: ["member"] },
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
      <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-1 gap-y-1 px-3 py-1">
        <Link to="/" className="mr-auto flex min-h-tap items-center gap-2 whitespace-nowrap text-lg font-bold text-white no-underline">
          <img src="/icons/icon.svg" alt="" width={28} height={28} className="h-7 w-7" />
          {t("app.name")}
        </Link>
        {/* A plain form: switching language reloads the page in the other language, with or without JavaScript. */}
        <form method="post" action="/language" className="contents">
          <CsrfField />
          <input type="hidden" name="language" value={otherLanguage} />
          <input type="hidden" name="redirectTo" value={here} />
          <button type="submit" className="btn min-h-tap px-2 text-base text-white underline" lang={otherLanguage} data-testid="language-switch">
            {t("nav.switchTo")}
          </button>
        </form>
      </div>
      {user ? (
        <nav aria-label={t("nav.menu")} className="bg-brand-800">
          {/* Three to a row on a phone: every item visible, none hidden behind a menu. */}
          <ul className="mx-auto grid max-w-3xl grid-cols-3 px-1 sm:flex sm:flex-wrap sm:gap-x-1 sm:px-2">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  reloadDocument={item.to.startsWith("/lessons")}
                  end={item.to === "/"}
                  className={({ isActive }) =>
                    `flex min-h-tap items-center justify-center border-b-4 px-1 text-center font-semibold leading-tight sm:whitespace-nowrap text-white no-underline sm:px-3 ${isActive ? "border-white" : "border-transparent"}`
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
            <li>
              <Form method="post" action="/logout">
                <CsrfField />
                <button
                  type="submit"
                  className="flex min-h-tap w-full items-center justify-center whitespace-nowrap border-b-4 border-transparent px-2 font-normal text-white underline sm:px-3"
                >
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
