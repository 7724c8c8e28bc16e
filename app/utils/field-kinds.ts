// Shared by the results form (browser) and the model (server).
export const FIELD_KINDS = ["residents-guided", "vneid-level1", "vneid-level2", "public-account", "payment-account", "product-online"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Entries can be corrected for this many days after they were recorded. */
export const EDIT_DAYS = 3;

/** The most one member can record of one kind in one day: more is a typing slip (the form's max and the model's check). */
export const MAX_DAILY_COUNT = 1000;
