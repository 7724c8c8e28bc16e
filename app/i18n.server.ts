import { createCookie } from "@remix-run/node";
import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import en from "~/locales/en";
import { secureCookies } from "~/utils/env.server";
import vi from "~/locales/vi";
import { defaultNS, fallbackLanguage, i18nOptions, isLanguage, supportedLanguages, type Language } from "./i18n";

// The chosen language is remembered for a year, signed in or not.
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  // One rule for every cookie (see env.server): COOKIE_SECURE=false allows plain HTTP on a local network.
  secure: secureCookies(),
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    // Vietnamese by default whatever the phone's own language: only an explicit choice switches.
    order: ["searchParams", "cookie"],
  },
  i18next: { ...i18nOptions, resources: { vi: { [defaultNS]: vi }, en: { [defaultNS]: en } } },
});

// One i18next instance per language, made once: it is only read while
// rendering (never switched), so requests can share it. Creating one per
// request cost more than rendering the page.
const instances = new Map<Language, Promise<i18n>>();
export function i18nInstance(language: string) {
  const lng: Language = isLanguage(language) ? language : fallbackLanguage;
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions, lng, resources: { vi: { [defaultNS]: vi }, en: { [defaultNS]: en } } })
      .then(() => created);
    instances.set(lng, instance);
  }
  return instance;
}

/** The language the server picked for this request, as one of ours. */
export async function requestLanguage(request: Request): Promise<Language> {
  const locale = await i18nServer.getLocale(request);
  return isLanguage(locale) ? locale : fallbackLanguage;
}
