import { z } from "zod";
import { messageKey, supportedLanguages } from "~/i18n";
import { isVietnameseMobile, normalizePhone } from "./phone";

// Error messages are translation keys, so one schema serves the server and
// the browser and the reader sees them in their own language.

/**
 * The first problem of a submission as one message, for a form whose fields are
 * hidden (a button with an id): conform's errors per field are translation keys.
 */
export function firstError(errors: Record<string, string[] | null> | null | undefined) {
  const key = Object.values(errors ?? {}).flatMap((e) => e ?? [])[0];
  return { key: messageKey(key ?? "errors.badRequest"), params: {} };
}

export const phoneField = z
  .string({ required_error: "errors.phoneRequired" })
  .trim()
  .min(1, "errors.phoneRequired")
  .transform(normalizePhone)
  .refine(isVietnameseMobile, "errors.phoneInvalid");

export const LoginSchema = z.object({
  phone: phoneField,
  password: z.string({ required_error: "errors.passwordRequired" }).min(1, "errors.passwordRequired").max(200, "errors.wrongCredentials"),
  redirectTo: z.string().max(2000).optional(),
});

/** The language switch (site header): a language the site speaks, and the page to come back to. */
export const LanguageSchema = z.object({
  language: z.enum(supportedLanguages, { errorMap: () => ({ message: "errors.badRequest" }) }),
  // Checked by safeRedirect (same site, bounded length), which falls back to the home page.
  redirectTo: z.string().optional(),
});
