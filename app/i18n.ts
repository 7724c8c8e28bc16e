// Shared i18next settings for server and browser. Vietnamese first.
export const supportedLanguages = ["vi", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "vi";
export const defaultNS = "translation";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};

/** Each language is its own chunk, so the browser downloads only the one it shows. */
export async function loadResources(language: Language) {
  const mod = language === "en" ? await import("./locales/en") : await import("./locales/vi");
  return mod.default;
}
