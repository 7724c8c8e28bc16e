// Guidance events for residents (issue 18), shared by the form (browser), the
// service worker's queue and the model (server): the same lists and the same
// checks everywhere.
import { z } from "zod";
import type { FieldKind } from "./field-kinds";

/** Where the residents were guided (seed 002: village halls, door to door; seed 000: loudspeakers). */
export const GUIDANCE_PLACES = ["village-hall", "market", "door-to-door", "loudspeaker", "other"] as const;
/** What they were guided in: the course's subjects. Tasks use the same keys. */
export const GUIDANCE_SKILLS = ["vneid", "public-services", "cashless", "ecommerce", "scam-safety", "health"] as const;
/** Who helped (post office, telecom, bank staff run these evenings with the team). */
export const GUIDANCE_PARTNERS = ["post-office", "telecom", "bank"] as const;

/**
 * What residents were helped to finish at the event, as lines of the daily
 * results log: the event is the detail behind those lines, so nothing is
 * counted twice. "residents" (how many came) is the log's residents guided.
 */
export const EVENT_COUNTS = {
  residents: "residents-guided",
  vneidLevel1: "vneid-level1",
  vneidLevel2: "vneid-level2",
  publicAccounts: "public-account",
  paymentAccounts: "payment-account",
} as const satisfies Record<string, FieldKind>;
export type EventCountKey = keyof typeof EVENT_COUNTS;
export const EVENT_COUNT_KEYS = Object.keys(EVENT_COUNTS) as EventCountKey[];

/** The most residents one event records (a commune-wide evening stays well under it). */
export const EVENT_COUNT_MAX = 1000;

const count = (message: string) =>
  z.preprocess(
    (v) =>
      v === undefined || v === null || v === ""
        ? 0
        : typeof v === "string" && /^\d{1,6}$/.test(v.trim())
          ? Number(v.trim())
          : typeof v === "number"
            ? v
            : Number.NaN,
    z.number({ invalid_type_error: message }).int(message).min(0, message).max(EVENT_COUNT_MAX, message),
  );
const list = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { errorMap: () => ({ message }) })).max(values.length, message),
  );

/** One event as the form (or the phone's queue) sends it. */
export const GuidanceEventSchema = z
  .object({
    sheet: z.string({ required_error: "events.errors.sheet" }).regex(/^[A-Za-z0-9-]{16,64}$/, "events.errors.sheet"),
    date: z.string({ required_error: "events.errors.date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "events.errors.date"),
    place: z.enum(GUIDANCE_PLACES, { errorMap: () => ({ message: "events.errors.place" }) }),
    skills: list(GUIDANCE_SKILLS, "events.errors.skills").pipe(z.array(z.string()).min(1, "events.errors.skills")),
    partners: list(GUIDANCE_PARTNERS, "events.errors.partners"),
    residents: count("events.errors.count").pipe(z.number().min(1, "events.errors.residents")),
    vneidLevel1: count("events.errors.count"),
    vneidLevel2: count("events.errors.count"),
    publicAccounts: count("events.errors.count"),
    paymentAccounts: count("events.errors.count"),
    note: z.string().trim().max(500, "events.errors.noteLong").optional(),
    deviceTime: z.string().max(40).optional(),
  })
  .refine((e) => e.vneidLevel1 + e.vneidLevel2 + e.publicAccounts + e.paymentAccounts <= e.residents * 4, {
    message: "events.errors.tooManyAccounts",
    path: ["residents"],
  });
export type GuidanceEventInput = z.infer<typeof GuidanceEventSchema>;
