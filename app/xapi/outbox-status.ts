/** The states of a queued learning record (StatementOutbox.status); shared by the sender and the admin page. */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "withdrawn"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
