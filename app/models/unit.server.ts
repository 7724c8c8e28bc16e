import type { Prisma } from "~/generated/prisma/client";
import { prisma, sql } from "~/utils/db.server";
import { inJsonList } from "~/utils/sql-dialect.server";
import { childPath, pathIds, subtreeUpperBound } from "~/utils/unit-path";
import { cachedSummary } from "./summary-cache.server";

// SQLite sorts bytes, which puts "Ấp" after "Z"; people expect dictionary order.
const collator = new Intl.Collator("vi");
export function byVietnameseName(a: { name: string }, b: { name: string }) {
  return collator.compare(a.name, b.name);
}

export type UnitSummary = {
  id: number;
  name: string;
  levelKey: string;
  teams: number;
  members: number;
};

const UPPER = (alias: string) => `substr(${alias}.path, 1, length(${alias}.path) - 1) || '0'`;

/**
 * Active teams and their active members in each listed unit's whole subtree,
 * summed from the counters the database triggers keep on every unit.
 */
export function subtreeTotals(unitIds: number[]) {
  // The country's children sum every unit's counters: kept until the tree or a counter changes.
  return cachedSummary(["tree"], `subtreeTotals:${unitIds.join(",")}`, () => sumSubtrees(unitIds));
}

async function sumSubtrees(unitIds: number[]) {
  const rows = await sql(
    `SELECT c.id, COALESCE(SUM(d.ownTeams), 0) AS teams, COALESCE(SUM(d.ownMembers), 0) AS members
     FROM Unit c JOIN Unit d ON d.path >= c.path AND d.path < ${UPPER("c")}
     WHERE ${inJsonList("c.id")} GROUP BY c.id`,
  ).all<{ id: number; teams: number; members: number }>(JSON.stringify(unitIds));
  return new Map(rows.map((r) => [r.id, { teams: r.teams, members: r.members }]));
}

/** The units directly under a unit, each with the active teams and members in its whole subtree. */
export async function childUnitsWithCounts(unitId: number): Promise<UnitSummary[]> {
  const children = await sql(`SELECT id, name, levelKey FROM Unit WHERE parentId = ? AND active = TRUE`).all<Omit<UnitSummary, "teams" | "members">>(unitId);
  const totals = await subtreeTotals(children.map((c) => c.id));
  return children.map((c) => ({ ...c, ...(totals.get(c.id) ?? { teams: 0, members: 0 }) })).sort(byVietnameseName);
}

/** The active teams and members of a whole subtree. */
export async function subtreeCounts(path: string) {
  return cachedSummary(
    ["tree"],
    `subtreeCounts:${path}`,
    async () =>
      (await sql(`SELECT COALESCE(SUM(ownTeams), 0) AS teams, COALESCE(SUM(ownMembers), 0) AS members FROM Unit WHERE path >= ? AND path < ?`).get<{
        teams: number;
        members: number;
      }>(path, subtreeUpperBound(path)))!,
  );
}

/** The chain of units from the root down to this one, for breadcrumbs. */
export async function unitAncestry(path: string) {
  const ids = pathIds(path);
  const units = await prisma.unit.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, levelKey: true },
  });
  const byId = new Map(units.map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id)).filter((u): u is NonNullable<typeof u> => Boolean(u));
}

export function unitLevels() {
  return prisma.unitLevel.findMany({ orderBy: { rank: "asc" } });
}

type UnitInput = { code: string; name: string; levelKey: string; parentId?: number | null; households?: number | null };

/** Adds a unit under a parent (or as a root), keeping its path and depth right. */
export async function createUnit(input: UnitInput) {
  return prisma.$transaction((tx) => insertUnit(tx, input));
}

/** createUnit inside the caller's transaction. */
export async function insertUnit(tx: Prisma.TransactionClient, input: UnitInput) {
  const parent = input.parentId ? await tx.unit.findUniqueOrThrow({ where: { id: input.parentId }, select: { path: true, depth: true } }) : null;
  const created = await tx.unit.create({
    data: {
      code: input.code,
      name: input.name,
      levelKey: input.levelKey,
      parentId: input.parentId ?? null,
      households: input.households ?? null,
      path: "",
      depth: parent ? parent.depth + 1 : 0,
    },
    select: { id: true },
  });
  return tx.unit.update({
    where: { id: created.id },
    data: { path: childPath(parent?.path ?? null, created.id) },
    select: { id: true, name: true, path: true, depth: true, levelKey: true },
  });
}

/** The active units directly below one, in dictionary order. */
export async function activeChildUnits(parentId: number) {
  return (
    await prisma.unit.findMany({
      where: { parentId, active: true },
      select: { id: true, name: true, path: true, households: true, levelKey: true, parentId: true, depth: true },
    })
  ).sort(byVietnameseName);
}

/** Whether a unit is still in use (not closed or merged away). */
export async function isUnitActive(id: number) {
  return (await prisma.unit.findUnique({ where: { id }, select: { active: true } }))?.active ?? false;
}
