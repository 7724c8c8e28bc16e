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

/**
 * The translate function the product passes around (pages, models that write files, the
 * official document). Keys are typed from locales/vi.ts (app/i18n-keys.d.ts): an unknown
 * key fails the type check.
 */
export type Translate = import("i18next").TFunction;
/** Every key of locales/vi.ts, e.g. "reports.figures.members". */
export type TranslationKey = import("i18next").ParseKeys;

/**
 * The one door for a key that travels as data: a schema's message, a model's RuleError, a
 * refusal's reason, a stored problem code or action name. Keys written in code are checked by
 * the type checker; keys that are data are checked where they are written, by
 * tests/unit/translation-keys.test.ts (every key-shaped string in app/ must exist in vi.ts).
 */
export function messageKey(key: string) {
  return key as TranslationKey;
}

/** The dotted paths of a part of the locale tree: KeyPaths<{ unit: { move: string } }> is "unit.move". */
export type KeyPaths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${KeyPaths<T[K]>}` }[keyof T & string];
