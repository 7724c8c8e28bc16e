// The forms of the daily results log (record a day, correct a line, remove a line),
// shared by the browser and the server (conform + zod). Messages are translation
// keys. The schema reads the shape (a count is a whole number); the rules of a day
// (not in the future, a product named...) are the model's (field-result.server.ts).
import { z } from "zod";
import { FIELD_KINDS, MAX_DAILY_COUNT, type FieldKind } from "./field-kinds";
import { idField } from "./ids";

/** The longest product name kept (the form says the same with maxLength). */
export const PRODUCT_NAME_MAX = 200;

/** A typed count: empty is 0; anything but up to six digits is refused. */
const count = z.preprocess(
  (v) => (v === undefined || v === "" ? 0 : typeof v === "string" && /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : typeof v === "number" ? v : Number.NaN),
  z
    .number({ invalid_type_error: "results.errors.count" })
    .int("results.errors.count")
    .min(0, "results.errors.count")
    .max(MAX_DAILY_COUNT, "results.errors.count"),
);
const productName = z.string().max(PRODUCT_NAME_MAX, "results.errors.productNameLong").optional().default("");
const ocop = z.boolean({ invalid_type_error: "errors.badRequest" }).optional().default(false);

const counts = Object.fromEntries(FIELD_KINDS.map((kind) => [kind, count])) as Record<FieldKind, typeof count>;

export const RecordResultsSchema = z.object({
  intent: z.literal("create"),
  date: z.string({ required_error: "results.errors.date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "results.errors.date"),
  ...counts,
  productName,
  ocop,
});
export const UpdateResultSchema = z.object({ intent: z.literal("update"), id: idField, count, productName, ocop });
export const DeleteResultSchema = z.object({ intent: z.literal("delete"), id: idField });

/** Every form of the results page, told apart by its intent. */
export const ResultsFormSchema = z.discriminatedUnion("intent", [RecordResultsSchema, UpdateResultSchema, DeleteResultSchema], {
  errorMap: () => ({ message: "errors.badRequest" }),
});
