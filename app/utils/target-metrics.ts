// The figures a supervisor can set a target for (issue 18): the field
// indicators of seed 001 and members trained. Each is one figure of the report
// model (coverage.server.ts), so "done" is exactly what the dashboard shows.
export const TARGET_METRICS = ["vneidLevel2", "publicAccounts", "paymentAccounts", "residentsGuided", "productsOnline", "trained"] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export function isTargetMetric(value: unknown): value is TargetMetric {
  return typeof value === "string" && (TARGET_METRICS as readonly string[]).includes(value);
}

/** A target can be given as a share of the unit's households for these (one account or one person per household). */
export const HOUSEHOLD_SHARE_METRICS: readonly TargetMetric[] = ["vneidLevel2", "publicAccounts", "paymentAccounts", "residentsGuided"];

/** The largest target accepted (a province's residents). */
export const TARGET_MAX = 10_000_000;
