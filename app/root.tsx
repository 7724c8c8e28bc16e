import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SiteHeader } from "~/components/site-header";
import { i18nServer } from "~/i18n.server";
import { getUser } from "~/utils/auth.server";
import { forgetMember, startOfflineSync } from "~/offline/client";
import { useNonce } from "~/utils/nonce";
import { lessonScriptSrc } from "~/utils/static-assets.server";
import { documentTitle, type PageTitle } from "~/utils/page-title";
import type { TranslationKey } from "~/i18n";
import tailwind from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tailwind },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/icons/icon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/icons/icon-192.png" },
  { rel: "manifest", href: "/manifest.webmanifest" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([i18nServer.getLocale(request), getUser(request)]);
  return {
    locale,
    // Not personal: one value per browser, for forms posted without an Origin header.
    csrf: context.csrfToken ?? null,
    user: user ? { id: user.id, name: user.name, role: user.role } : null,
    /** The plain-HTML pages' one script (public/lesson.js), for <PageScript />. */
    pageScript: lessonScriptSrc(),
  };
}

export type RootLoader = typeof loader;

/**
 * Routes that work fully as plain HTML say so with `handle: { hydrate: false }` and ship no JavaScript.
 * `shared: true`: the page is the same for every signed-in member (lesson pages, which phones
 * save for offline use and several members may open): it names nobody and shows no role's menu.
 */
export type RouteHandle = { hydrate?: boolean; shared?: boolean; title?: PageTitle; description?: TranslationKey };

// Before the first paint: whether this phone can keep lessons, so the "save" panels
// that depend on it are laid out from the start instead of popping in (layout shift).
const CAN_KEEP_OFFLINE = `if("serviceWorker"in navigator&&"caches"in window&&"indexedDB"in window)document.documentElement.classList.add("kns-offline")`;

const REGISTER_SW = `if("serviceWorker"in navigator)addEventListener("load",function(){navigator.serviceWorker.register("/sw.js").catch(function(){})})`;

const offlineStrings = new Map<string, string>();

/** The words the plain-HTML pages' script shows (saving, queued quizzes), in the page's language. */
function OfflineStrings() {
  const { t, i18n } = useTranslation();
  // The same for every page in a language: serialise it once.
  let strings = offlineStrings.get(i18n.language);
  if (strings === undefined) {
    strings = JSON.stringify(t("offline.client", { returnObjects: true })).replace(/</g, "\\u003c");
    offlineStrings.set(i18n.language, strings);
  }
  return <script type="application/json" id="kns-offline-strings" dangerouslySetInnerHTML={{ __html: strings }} />;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootLoader>("root");
  const nonce = useNonce();
  const { t, i18n } = useTranslation();
  const matches = useMatches();
  const hydrate = !matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate === false);
  const shared = matches.some((m) => (m.handle as RouteHandle | undefined)?.shared === true);
  const description = matches
    .map((m) => (m.handle as RouteHandle | undefined)?.description)
    .filter(Boolean)
    .pop();
  const locale = data?.locale ?? i18n.language ?? "vi";
  const user = data?.user ?? null;
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#065f46" />
        <title>{documentTitle(matches, t, i18n)}</title>
        {description ? <meta name="description" content={t(description)} /> : null}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: CAN_KEEP_OFFLINE }} />
        <Meta />
        <Links />
      </head>
      {/* data-session: a member's page (not who); data-user: whose page it is, on personal pages only. */}
      <body className="min-h-screen" data-session={user ? "member" : undefined} data-user={user && !shared ? user.id : undefined}>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          {i18n.t("app.skipToContent")}
        </a>
        <SiteHeader user={user && shared ? { name: "", role: "member" } : user} locale={locale} />
        <main id="main" className="mx-auto w-full max-w-3xl px-4 pb-16 pt-4">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        {hydrate ? <Scripts nonce={nonce} /> : <OfflineStrings />}
        {/* Inline, so pages without React (lessons) register the service worker too. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: REGISTER_SW }} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<RootLoader>("root");
  const userId = data?.user?.id;
  // Lets tests (and curious people) see that React has taken over the page.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  // Quizzes answered offline are sent whenever a page opens or the phone is back online;
  // a page made for nobody (signed out, or the session ended) forgets the last member's pages.
  useEffect(() => {
    if (!userId) {
      forgetMember();
      return;
    }
    return startOfflineSync(userId);
  }, [userId]);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
