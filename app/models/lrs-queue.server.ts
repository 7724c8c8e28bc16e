// The outbox of learning records, filled in the same transaction as the fact
// it states (a quiz answered, a lesson completed, attendance, a skill signed
// off): either both are stored or neither, so no fact is ever left unqueued.
// Nothing here builds or sends a statement: a member's request adds one small
// row; the sender (lrs-outbox.server.ts) does the rest in the background.
import type { Prisma } from "~/generated/prisma/client";
import { portable, sqlDate } from "~/utils/sql-dialect.server";

type Tx = Prisma.TransactionClient;

/** Whether learning records are pushed at all (LRS_URL set): without it nothing is queued. */
export function lrsConfigured() {
  return Boolean(process.env.LRS_URL?.trim());
}

export type QueueItem = { factKey: string; userId: number; unitPath: string };

/**
 * Queues the statement of a fact. Queuing a key twice changes nothing; a key
 * withdrawn before it was ever sent and now true again is simply pending again
 * (same key, same fact, same statement).
 */
export async function queueStatements(tx: Tx, items: QueueItem[], now = new Date()) {
  if (!lrsConfigured() || items.length === 0) return;
  const at = sqlDate(now);
  for (let i = 0; i < items.length; i += 100) {
    const chunk = items.slice(i, i + 100);
    await tx.$executeRawUnsafe(
      portable(`INSERT INTO "StatementOutbox" ("factKey", "userId", "unitPath", "status", "tries", "nextTryAt", "queuedAt")
       VALUES ${chunk.map(() => "(?, ?, ?, 'pending', 0, ?, ?)").join(", ")}
       ON CONFLICT ("factKey") DO UPDATE SET "status" = 'pending', "problem" = NULL, "nextTryAt" = excluded."nextTryAt" WHERE "StatementOutbox"."status" = 'withdrawn'`),
      ...chunk.flatMap((item) => [item.factKey, item.userId, item.unitPath, at, at]),
    );
  }
}

export function queueStatement(tx: Tx, item: QueueItem, now = new Date()) {
  return queueStatements(tx, [item], now);
}

/**
 * A fact stopped being true (attendance corrected to absent, a sign-off
 * withdrawn). Its statement, if queued and never tried (or refused by the
 * LRS), is simply withdrawn;
 * if it may have reached the LRS (sent, in flight, or tried and unanswered),
 * a voiding statement is queued after it. Each step is one conditional
 * statement, so a sender claiming the row at the same moment cannot slip between.
 */
export async function withdrawStatement(tx: Tx, factKey: string, now = new Date()) {
  // Never tried, or refused by the LRS (so never stored there): nothing to take back.
  const untouched = await tx.$executeRawUnsafe(
    portable(`UPDATE "StatementOutbox" SET "status" = 'withdrawn' WHERE "factKey" = ? AND (("status" = 'pending' AND "tries" = 0) OR "status" = 'failed')`),
    factKey,
  );
  if (untouched > 0) return;
  const at = sqlDate(now);
  // Queued regardless of LRS_URL: the statement it voids is already in the outbox.
  await tx.$executeRawUnsafe(
    portable(`INSERT INTO "StatementOutbox" ("factKey", "userId", "unitPath", "status", "tries", "nextTryAt", "queuedAt")
     SELECT ?, "userId", "unitPath", 'pending', 0, ?, ? FROM "StatementOutbox" WHERE "factKey" = ? AND "status" IN ('pending', 'sending', 'sent')
     ON CONFLICT ("factKey") DO NOTHING`),
    `void/${factKey}`,
    at,
    at,
    factKey,
  );
}
