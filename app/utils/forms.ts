import { z } from "zod";
import { messageKey, supportedLanguages } from "~/i18n";
import { MAX_ID } from "./ids";
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

export const TrainingSessionSchema = z.object({
  unitId: z.number({ required_error: "sessions.errors.unit", invalid_type_error: "sessions.errors.unit" }).int().positive().max(MAX_ID, "sessions.errors.unit"),
  title: z.string({ required_error: "sessions.errors.titleRequired" }).trim().min(1, "sessions.errors.titleRequired").max(150, "sessions.errors.titleLong"),
  date: z.string({ required_error: "sessions.errors.date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "sessions.errors.date"),
  time: z.string({ required_error: "sessions.errors.time" }).regex(/^\d{2}:\d{2}$/, "sessions.errors.time"),
  durationMinutes: z
    .number({ required_error: "sessions.errors.duration", invalid_type_error: "sessions.errors.duration" })
    .int("sessions.errors.duration")
    .min(15, "sessions.errors.duration")
    .max(600, "sessions.errors.duration"),
  place: z.string({ required_error: "sessions.errors.placeRequired" }).trim().min(1, "sessions.errors.placeRequired").max(200, "sessions.errors.placeLong"),
  note: z.string().trim().max(1000, "sessions.errors.noteLong").optional(),
  teamIds: z
    .array(z.number().int().positive().max(MAX_ID), { required_error: "sessions.errors.teamsRequired" })
    .min(1, "sessions.errors.teamsRequired")
    .max(2000, "sessions.errors.teamsRequired"),
  lessonSlugs: z
    .array(z.string().max(100), { required_error: "sessions.errors.lessonsRequired" })
    .min(1, "sessions.errors.lessonsRequired")
    .max(200, "sessions.errors.lessonsRequired"),
});
