import { z } from "zod";
import { isVietnameseMobile, normalizePhone } from "./phone";

// Error messages are translation keys, so one schema serves the server and
// the browser and the reader sees them in their own language.

export const phoneField = z
  .string({ required_error: "errors.phoneRequired" })
  .trim()
  .min(1, "errors.phoneRequired")
  .transform(normalizePhone)
  .refine(isVietnameseMobile, "errors.phoneInvalid");

export const LoginSchema = z.object({
  phone: phoneField,
  password: z.string({ required_error: "errors.passwordRequired" }).min(1, "errors.passwordRequired"),
  redirectTo: z.string().optional(),
});
