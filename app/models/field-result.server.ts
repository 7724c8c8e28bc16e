// Field results: the residents a member helped, per day and kind. Entered on
// a phone, editable for a few days, then locked, and counted in the reports.
import { forbidden, notFound, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { isCalendarDate, toVietnamLocal } from "~/utils/time";
import type { TranslationKey } from "~/i18n";
import { RuleError } from "~/utils/rule-error";
import { addMonthStats, touchTeam, type MonthMetric } from "./stats.server";

import { EDIT_DAYS, MAX_DAILY_COUNT, type FieldKind } from "~/utils/field-kinds";
import { PRODUCT_NAME_MAX } from "~/utils/result-forms";

export const KIND_METRIC: Record<FieldKind, MonthMetric> = {
  "residents-guided": "residentsGuided",
  "vneid-level1": "vneidLevel1",
  "vneid-level2": "vneidLevel2",
  "public-account": "publicAccounts",
  "payment-account": "paymentAccounts",
  "product-online": "productsOnline",
};

/** How far back a day can be recorded. */
export const BACKDATE_DAYS = 30;

export function isEditable(createdAt: Date, now = new Date()) {
  return now.getTime() - createdAt.getTime() < EDIT_DAYS * 24 * 60 * 60_000;
}

export type FieldEntry = { kind: FieldKind; count: number; productName?: string | null; ocop?: boolean };

/**
 * The first problem of a day and its entries, as a translation key (null: none). A
 * question, not a refusal: recording refuses with it (RuleError), guidance events
 * ask it under their own keys.
 */
export function checkEntries(date: string, entries: FieldEntry[], now = new Date()): (TranslationKey & `results.errors.${string}`) | null {
  const today = toVietnamLocal(now).date;
  const earliest = toVietnamLocal(new Date(now.getTime() - BACKDATE_DAYS * 24 * 60 * 60_000)).date;
  if (!isCalendarDate(date)) return "results.errors.date";
  if (date > today) return "results.errors.future";
  if (date < earliest) return "results.errors.tooOld";
  if (entries.some((e) => !Number.isInteger(e.count) || e.count < 0 || e.count > MAX_DAILY_COUNT)) return "results.errors.count";
  if (!entries.some((e) => e.count > 0)) return "results.errors.empty";
  if (entries.some((e) => e.kind === "product-online" && e.count > 0 && !e.productName?.trim())) return "results.errors.productName";
  if (entries.some((e) => (e.productName?.trim().length ?? 0) > PRODUCT_NAME_MAX)) return "results.errors.productNameLong";
  return null;
}

async function memberUnit(user: SessionUser) {
  if (!user.team) forbidden();
  return { unitId: user.team.unit.id, path: user.team.unit.path, teamId: user.team.id };
}

/** Records one day's results; every kind with a count becomes its own line. RuleError if the day or a count breaks a rule. */
export async function recordResults(user: SessionUser, date: string, entries: FieldEntry[], now = new Date()) {
  const problem = checkEntries(date, entries, now);
  if (problem) throw new RuleError(problem);
  const place = await memberUnit(user);
  const lines = entries.filter((e) => e.count > 0);
  await prisma.$transaction(async (tx) => {
    for (const e of lines) {
      await tx.fieldResult.create({
        data: {
          userId: user.id,
          unitId: place.unitId,
          teamId: place.teamId,
          date,
          kind: e.kind,
          count: e.count,
          productName: e.kind === "product-online" ? e.productName!.trim() : null,
          ocop: e.kind === "product-online" ? Boolean(e.ocop) : false,
          createdAt: now,
        },
      });
      await addMonthStats(tx, place.path, date.slice(0, 7), { [KIND_METRIC[e.kind]]: e.count });
    }
    await touchTeam(tx, place.teamId, now);
  });
  return { created: lines.length };
}

/** The member's own line, if it may still change: 404 if not theirs, RuleError if locked. */
async function ownEditable(user: SessionUser, id: number, now: Date) {
  const entry = await prisma.fieldResult.findFirst({
    where: { id, userId: user.id },
    select: { id: true, kind: true, count: true, date: true, createdAt: true, unitId: true, eventId: true },
  });
  if (!entry) notFound();
  // A line written by a guidance event changes only with its event (they count once, together).
  if (entry.eventId !== null) throw new RuleError("results.errors.fromEvent");
  if (!isEditable(entry.createdAt, now)) throw new RuleError("results.errors.locked");
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: entry.unitId }, select: { path: true } });
  return { entry, path: unit.path };
}

export async function updateResult(user: SessionUser, id: number, change: { count: number; productName?: string | null; ocop?: boolean }, now = new Date()) {
  const found = await ownEditable(user, id, now);
  const { entry } = found;
  const kind = entry.kind as FieldKind;
  // A line still editable may be older than the back-dating limit: that rule is for new lines.
  const problem = checkEntries(entry.date, [{ kind, ...change }], now);
  if (problem && problem !== "results.errors.tooOld") throw new RuleError(problem);
  await prisma.$transaction(async (tx) => {
    await tx.fieldResult.update({
      where: { id },
      data: {
        count: change.count,
        productName: kind === "product-online" ? change.productName?.trim() : null,
        ocop: kind === "product-online" ? Boolean(change.ocop) : false,
      },
    });
    await addMonthStats(tx, found.path, entry.date.slice(0, 7), { [KIND_METRIC[kind]]: change.count - entry.count });
  });
}

export async function deleteResult(user: SessionUser, id: number, now = new Date()) {
  const found = await ownEditable(user, id, now);
  await prisma.$transaction(async (tx) => {
    await tx.fieldResult.delete({ where: { id } });
    await addMonthStats(tx, found.path, found.entry.date.slice(0, 7), { [KIND_METRIC[found.entry.kind as FieldKind]]: -found.entry.count });
  });
}

/** The member's own recent entries, newest day first. */
export async function recentResults(user: SessionUser, now = new Date()) {
  const rows = await prisma.fieldResult.findMany({
    where: { userId: user.id },
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take: 60,
    select: { id: true, date: true, kind: true, count: true, productName: true, ocop: true, createdAt: true, eventId: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), editable: r.eventId === null && isEditable(r.createdAt, now) }));
}
