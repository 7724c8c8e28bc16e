import { z } from "zod";
import { idField } from "./ids";

// The forms of the periodic report and the OCOP list, shared by the browser and
// the server (conform + zod). Messages are translation keys.

/** Optional text: conform sends an empty field as nothing, and it is kept as "". */
const text = (max: number, message: string) => z.string().trim().max(max, message).optional().default("");

/** At most `max` lines (a recipient or a line of the signer's position each). */
const lines = (maxChars: number, maxLines: number, message: string) =>
  text(maxChars, message).refine((v) => v.split("\n").filter((l) => l.trim()).length <= maxLines, message);

export const SECTION_KEYS = ["intro", "difficulties", "causes", "proposals", "plan"] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const PART_KEYS = ["parentBody", "issuer", "symbol", "place", "recipients", "signerPosition", "signerName"] as const;
export type PartKey = (typeof PART_KEYS)[number];

export const SECTION_MAX = 5000;

/** The whole periodic report form: the written sections and the parts of the official document. */
export const PeriodicReportSchema = z.object({
  intro: text(2000, "reports.errors.introLong"),
  difficulties: text(SECTION_MAX, "reports.textLong"),
  causes: text(SECTION_MAX, "reports.textLong"),
  proposals: text(SECTION_MAX, "reports.textLong"),
  plan: text(SECTION_MAX, "reports.textLong"),
  parentBody: text(200, "reports.errors.bodyLong"),
  issuer: z.string({ required_error: "reports.errors.issuerRequired" }).trim().min(1, "reports.errors.issuerRequired").max(200, "reports.errors.bodyLong"),
  // The issuer's abbreviation in the document symbol: letters, digits, dots and hyphens ("TCĐ", "BCĐ-CĐS").
  symbol: text(30, "reports.errors.symbolInvalid").refine((v) => /^[\p{L}\p{N}.&-]*$/u.test(v), "reports.errors.symbolInvalid"),
  place: text(100, "reports.errors.placeLong"),
  recipients: lines(1000, 15, "reports.errors.recipientsLong"),
  signerPosition: lines(300, 4, "reports.errors.positionLong"),
  signerName: text(100, "reports.errors.signerLong"),
});
export type PeriodicReportInput = z.output<typeof PeriodicReportSchema>;

export const OCOP_STARS = [3, 4, 5] as const;

const ocopFields = {
  name: z.string({ required_error: "ocop.errors.nameRequired" }).trim().min(1, "ocop.errors.nameRequired").max(200, "ocop.errors.nameLong"),
  stars: z
    .number({ required_error: "ocop.errors.stars", invalid_type_error: "ocop.errors.stars" })
    .int("ocop.errors.stars")
    .min(3, "ocop.errors.stars")
    .max(5, "ocop.errors.stars"),
  online: z.boolean({ invalid_type_error: "errors.badRequest" }).optional().default(false),
  marketplaces: text(300, "ocop.errors.marketplacesLong"),
};

// Sold online means sold somewhere: the marketplaces are asked for then, and dropped otherwise.
const namesMarketplaces = (v: { online: boolean; marketplaces: string }): boolean => !v.online || v.marketplaces !== "";
const marketplacesMissing = { path: ["marketplaces"], message: "ocop.errors.marketplacesRequired" };
const dropMarketplacesOffline = <T extends { online: boolean; marketplaces: string }>(v: T): T => ({ ...v, marketplaces: v.online ? v.marketplaces : "" });

export const OcopAddSchema = z
  .object({ intent: z.literal("add"), ...ocopFields })
  .refine(namesMarketplaces, marketplacesMissing)
  .transform(dropMarketplacesOffline);
export const OcopEditSchema = z
  .object({ intent: z.literal("edit"), id: idField, ...ocopFields })
  .refine(namesMarketplaces, marketplacesMissing)
  .transform(dropMarketplacesOffline);
export const OcopDeleteSchema = z.object({ intent: z.literal("delete"), id: idField });
export type OcopInput = { name: string; stars: number; online: boolean; marketplaces: string };

/** An admin removes one completion from a member's report page (the lesson's slug). */
export const RemoveCompletionSchema = z.object({
  intent: z.literal("remove-completion", { errorMap: () => ({ message: "errors.badRequest" }) }),
  lesson: z.string({ required_error: "errors.badRequest" }).max(100, "errors.badRequest"),
});
