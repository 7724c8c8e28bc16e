// Targets (issue 18): "100% chỉ tiêu huyện giao" (seed 002). A supervisor or
// admin sets, for each unit directly below one in their scope and a period,
// numbers to reach for the field indicators and members trained, or a share
// of households. Each setting is a new row (who set what, when); the newest is
// the target. Progress is the report model's own figure for the period, so
// "done" is what the dashboard shows; the projection is this month's pace.
import type { i18n as I18n } from "i18next";
import { forbidden, type SessionUser } from "~/utils/auth.server";
import { inScope } from "~/utils/scope.server";
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { HOUSEHOLD_SHARE_METRICS, isTargetMetric, TARGET_MAX, TARGET_METRICS, type TargetMetric } from "~/utils/target-metrics";
import { formatVietnamDate, toVietnamLocal, vietnamMonthStart } from "~/utils/time";
import { recordAudit } from "./audit.server";
import { figuresFor, households, type Figures, type Period, type UnitRow } from "./coverage.server";
import { activeChildUnits } from "./unit.server";

export const TARGET_ROLES = ["supervisor", "admin"] as const;

/** The one place a target's figure is read from the report model's figures. */
export function figureOf(f: Figures, metric: TargetMetric): number {
  return metric === "trained" ? f.trained : f.fields[metric];
}

/** Targets are set for whole report periods (a year, a half, a quarter), never a custom range. */
export function isTargetPeriod(period: Period) {
  return period.kind !== "custom";
}

type Current = { value: number | null; share: number | null; setAt: Date; setBy: string };

/** The newest setting per unit and figure for a period (a cleared target has a null value). */
export async function currentTargets(unitIds: number[], periodKey: string) {
  const rows = await prisma.target.findMany({
    where: { unitId: { in: unitIds }, period: periodKey },
    orderBy: { id: "asc" },
    select: { unitId: true, metric: true, value: true, share: true, setAt: true, setBy: { select: { name: true } } },
  });
  const current = new Map<string, Current>();
  for (const r of rows) current.set(`${r.unitId}:${r.metric}`, { value: r.value, share: r.share, setAt: r.setAt, setBy: r.setBy.name });
  return current;
}

/** Every setting for some units and a period, newest first: who set what, when. */
export async function targetHistory(unitIds: number[], periodKey: string, take = 100) {
  const rows = await prisma.target.findMany({
    where: { unitId: { in: unitIds }, period: periodKey },
    orderBy: { id: "desc" },
    take,
    select: { id: true, unitId: true, metric: true, value: true, share: true, setAt: true, setBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...r, setBy: r.setBy.name }));
}

/** "120", "30%", "12,5%" or "" (no target): the number, or the share of households. */
export function parseTargetInput(raw: string): { value: number } | { share: number } | { clear: true } | null {
  const text = raw.trim().replace(/\s+/g, "");
  if (text === "") return { clear: true };
  let m = text.match(/^(\d{1,3}(?:[.,]\d{1,2})?)%$/);
  if (m) {
    const share = Number(m[1].replace(",", ".")) / 100;
    return share > 0 && share <= 1 ? { share } : null;
  }
  m = text.match(/^\d{1,8}$/);
  if (m && Number(text) <= TARGET_MAX) return { value: Number(text) };
  return null;
}

export type TargetEntry = { unitId: number; metric: string; raw: string };

/**
 * Sets targets for units directly below `parent` for a period, all or
 * nothing. Only what changed is written (a new row each); a share is kept
 * with the number it comes to from the unit's households now.
 */
export async function setTargets(user: SessionUser, parent: UnitRow, period: Period, entries: TargetEntry[], now = new Date()) {
  if (!(TARGET_ROLES as readonly string[]).includes(user.role) || !inScope(user, parent.path)) forbidden();
  if (!isTargetPeriod(period)) throw new RuleError("targets.errors.period");
  const children = await activeChildUnits(parent.id);
  const byId = new Map(children.map((c) => [c.id, c]));
  const current = await currentTargets(
    children.map((c) => c.id),
    period.key,
  );
  const changes: Array<{ unitId: number; metric: TargetMetric; value: number | null; share: number | null; name: string }> = [];
  for (const entry of entries) {
    const unit = byId.get(entry.unitId);
    if (!unit || !isTargetMetric(entry.metric)) throw new RuleError("targets.errors.unit");
    const metric = entry.metric;
    const parsed = parseTargetInput(entry.raw);
    if (!parsed) throw new RuleError("targets.errors.value", { unit: unit.name });
    let value: number | null = null;
    let share: number | null = null;
    if ("value" in parsed) value = parsed.value;
    if ("share" in parsed) {
      if (!HOUSEHOLD_SHARE_METRICS.includes(metric)) throw new RuleError("targets.errors.shareNotHere", { unit: unit.name });
      const homes = await households({ ...unit, hasChildren: true });
      if (!homes) throw new RuleError("targets.errors.noHouseholds", { unit: unit.name });
      share = parsed.share;
      value = Math.ceil(parsed.share * homes);
    }
    const before = current.get(`${unit.id}:${metric}`);
    if ((before?.value ?? null) === value && (before?.share ?? null) === share) continue;
    changes.push({ unitId: unit.id, metric, value, share, name: unit.name });
  }
  if (changes.length === 0) return { changed: 0 };
  await prisma.$transaction(async (tx) => {
    await tx.target.createMany({
      data: changes.map((c) => ({ unitId: c.unitId, period: period.key, metric: c.metric, value: c.value, share: c.share, setById: user.id, setAt: now })),
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "target.set",
      unitId: parent.id,
      subject: `${parent.name} · ${period.key}`,
      details: { changes: changes.map((c) => ({ unit: c.name, metric: c.metric, value: c.value, share: c.share })) },
    });
  });
  return { changed: changes.length };
}

// ---------------------------------------------------------------- progress

export type Projection = { kind: "reached" } | { kind: "ended" } | { kind: "notStarted" } | { kind: "stalled" } | { kind: "onTrack" | "late"; date: string };

const DAY = 24 * 3600_000;

/**
 * "At this month's pace, reached by …": the figure's count this month so far,
 * per day elapsed, carried forward from today until the rest is done; "late"
 * when that day falls after the period's end.
 */
export function project(target: number, done: number, monthDone: number, period: Pick<Period, "from" | "to">, now: Date): Projection {
  if (done >= target) return { kind: "reached" };
  const today = toVietnamLocal(now).date;
  const month = today.slice(0, 7);
  if (period.to < month) return { kind: "ended" };
  if (period.from > month) return { kind: "notStarted" };
  if (monthDone <= 0) return { kind: "stalled" };
  const day = Number(today.slice(8, 10));
  const days = Math.ceil((target - done) / (monthDone / day));
  const at = new Date(now.getTime() + days * DAY);
  const [y, m] = period.to.split("-").map(Number);
  const end = vietnamMonthStart(y, m + 1);
  return { kind: at < end ? "onTrack" : "late", date: toVietnamLocal(at).date };
}

const monthBefore = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};

export type TargetRow = {
  unitId: number;
  name: string;
  metric: TargetMetric;
  target: number;
  share: number | null;
  done: number;
  /** done / target */
  progress: number;
  projection: Projection;
  /** For the unit itself: the sum of the targets set for the units below it. */
  childSum?: number;
  /** Its own target is below the sum of its children's (the supervisor is told). */
  belowChildren?: boolean;
  /** No target of its own: the sum of its children's stands for it. */
  rolledUp?: boolean;
};

/**
 * Progress towards the targets of a unit and of the units directly below it,
 * for a period. A unit with no target of its own for a figure takes the sum
 * of its children's (rolled up), measured against what those same children
 * did; one whose own target is below that sum is flagged. Children come
 * furthest behind first.
 */
export async function targetProgress(unit: Pick<UnitRow, "id" | "name">, period: Period, now = new Date()) {
  const children = await activeChildUnits(unit.id);
  const ids = [unit.id, ...children.map((c) => c.id)];
  const month = toVietnamLocal(now).date.slice(0, 7);
  const units = ids.map((id) => ({ id }));
  const [current, figures, thisMonth, lastMonth] = await Promise.all([
    currentTargets(ids, period.key),
    figuresFor(units, period, now),
    figuresFor(units, { from: month, to: month }, now),
    figuresFor(units, { from: monthBefore(month), to: monthBefore(month) }, now),
  ]);
  // This month's count: the month's own figure; for members trained (counted to date) the growth since last month.
  const monthDone = (id: number, metric: TargetMetric) =>
    metric === "trained" ? thisMonth.get(id)!.trained - lastMonth.get(id)!.trained : figureOf(thisMonth.get(id)!, metric);
  const row = (id: number, name: string, metric: TargetMetric, target: number, share: number | null): TargetRow => {
    const done = figureOf(figures.get(id)!, metric);
    return {
      unitId: id,
      name,
      metric,
      target,
      share,
      done,
      progress: target ? done / target : 1,
      projection: project(target, done, monthDone(id, metric), period, now),
    };
  };
  const childRows: TargetRow[] = [];
  const own: TargetRow[] = [];
  for (const metric of TARGET_METRICS) {
    let childSum = 0;
    let anyChild = false;
    for (const c of children) {
      const t = current.get(`${c.id}:${metric}`);
      if (t?.value === null || t?.value === undefined) continue;
      anyChild = true;
      childSum += t.value;
      childRows.push(row(c.id, c.name, metric, t.value, t.share));
    }
    const mine = current.get(`${unit.id}:${metric}`);
    const ownValue = mine?.value ?? null;
    if (ownValue !== null)
      own.push({
        ...row(unit.id, unit.name, metric, ownValue, mine!.share),
        childSum: anyChild ? childSum : undefined,
        belowChildren: anyChild && ownValue < childSum,
      });
    else if (anyChild) {
      // Rolled up: the targets set below and what those same units did (units without a target are left out of both).
      const withTarget = childRows.filter((r) => r.metric === metric);
      const done = withTarget.reduce((sum, r) => sum + r.done, 0);
      const paced = withTarget.reduce((sum, r) => sum + monthDone(r.unitId, metric), 0);
      own.push({
        unitId: unit.id,
        name: unit.name,
        metric,
        target: childSum,
        share: null,
        done,
        progress: childSum ? done / childSum : 1,
        projection: project(childSum, done, paced, period, now),
        childSum,
        rolledUp: true,
      });
    }
  }
  childRows.sort((a, b) => a.progress - b.progress || a.name.localeCompare(b.name, "vi"));
  return { own, children: childRows, childUnits: children.map((c) => ({ id: c.id, name: c.name, households: c.households })), current };
}

/** The projection in words, for the page and every file. */
export function projectionText(p: Projection, t: I18n["t"]) {
  if (p.kind === "onTrack" || p.kind === "late") return t(`targets.projection.${p.kind}`, { date: formatVietnamDate(`${p.date}T05:00:00Z`) });
  return t(`targets.projection.${p.kind}`);
}
