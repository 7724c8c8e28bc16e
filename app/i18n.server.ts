import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import en from "~/locales/en";
import vi from "~/locales/vi";
import { defaultNS, fallbackLanguage, i18nOptions, supportedLanguages } from "./i18n";

// The chosen language is remembered for a year, signed in or not.
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1",
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
