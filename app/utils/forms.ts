import { z } from "zod";
import { supportedLanguages } from "~/i18n";
import { isVietnameseMobile, normalizePhone } from "./phone";

// Error messages are translation keys, so one schema serves the server and
// the browser and the reader sees them in their own language.

/** Conform's errors: per field, translation keys. */
export type FieldErrors = Record<string, string[] | null> | null | undefined;

/** The first field's message of a submission, if a field has one. */
export function firstFieldError(errors: FieldErrors): string | undefined {
  return Object.values(errors ?? {}).flatMap((e) => e ?? [])[0];
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
