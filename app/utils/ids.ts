import { z } from "zod";

/** The largest id the database holds (a 32-bit integer). */
export const MAX_ID = 2_147_483_647;

/** A database id written in decimal (1 … 2^31−1), or null: "abc", "1e309", "-1", "01" are not ids. */
export function parseId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const n = Number(value);
  return n <= MAX_ID ? n : null;
}

/** A form field holding an id, for zod schemas (the same rule as parseId). */
export const idField = z
  .string({ required_error: "errors.badRequest" })
  .refine((v) => parseId(v) !== null, "errors.badRequest")
  .transform((v) => parseId(v)!);
