import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { subtreeWhere } from "~/utils/unit-path";
import type { KeyPaths } from "~/i18n";
import type vi from "~/locales/vi";

type Tx = Prisma.TransactionClient;

/** What the audit log records: exactly the actions the admin's audit page has a label for. */
export type AuditAction = KeyPaths<(typeof vi)["admin"]["audit"]["actions"]>;

/** Records a change inside the caller's transaction, so it is kept exactly when the change is. */
export function recordAudit(tx: Tx, entry: { actorId: number; action: AuditAction; unitId: number; subject: string; details?: Record<string, unknown> }) {
  return tx.auditEntry.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      unitId: entry.unitId,
      subject: entry.subject,
      details: JSON.stringify(entry.details ?? {}),
    },
    select: { id: true },
  });
}

export const AUDIT_PAGE_SIZE = 50;

/** The newest entries about units in a subtree (by the unit's current place in the tree). */
export async function auditEntries(scopePath: string, options: { before?: number; action?: string } = {}) {
  const rows = await prisma.auditEntry.findMany({
    where: {
      unit: subtreeWhere(scopePath),
      ...(options.before ? { id: { lt: options.before } } : {}),
      ...(options.action ? { action: { startsWith: options.action } } : {}),
    },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      at: true,
      action: true,
      subject: true,
      details: true,
      actor: { select: { name: true, phone: true } },
      unit: { select: { id: true, name: true } },
    },
  });
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })),
    more: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1].id : null,
  };
}
