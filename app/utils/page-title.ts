// Page titles in the reader's language. A page names its title in its route
// handle (`handle: { title }`), never as a literal in `meta`: a translation key,
// or a function of its loader's data (a session's name, a member's) and the
// translator. The root layout renders <title> from the deepest page that names
// one (app/root.tsx), so the title follows the language like every other word.
// tests/unit/page-titles.test.ts fails on a literal title in a route.
import type { SerializeFrom } from "@remix-run/node";
import type { i18n as I18n } from "i18next";
import type { Translate, TranslationKey } from "~/i18n";

/** The parts of a title, joined with " · " (an empty part is left out). */
export type TitleParts = Array<string | null | undefined>;
/** What a route's handle says its title is: a key (followed by the site's name), or its parts from the loader's data. */
export type PageTitle = TranslationKey | ((page: { data: unknown; t: Translate; i18n: I18n }) => TitleParts);

/** A title made from the page's loader data, typed by that loader (data is undefined on an error page). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any loader
export function titleFrom<Loader extends (...args: any[]) => unknown>(
  parts: (data: SerializeFrom<Loader> | undefined, t: Translate, i18n: I18n) => TitleParts,
): PageTitle {
  return ({ data, t, i18n }) => parts(data as SerializeFrom<Loader> | undefined, t, i18n);
}

type Match = { handle?: unknown; data?: unknown };

/** The document's title: the deepest page's that names one, else the site's name. */
export function documentTitle(matches: Match[], t: Translate, i18n: I18n) {
  const page = [...matches].reverse().find((m) => (m.handle as { title?: PageTitle } | undefined)?.title !== undefined);
  const title = (page?.handle as { title?: PageTitle } | undefined)?.title;
  const parts = title === undefined ? [t("app.name")] : typeof title === "function" ? title({ data: page!.data, t, i18n }) : [t(title), t("app.name")];
  return parts.filter((p): p is string => Boolean(p)).join(" · ") || t("app.name");
}
