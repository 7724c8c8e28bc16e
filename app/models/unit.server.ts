import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { childPath, pathIds, subtreeUpperBound } from "~/utils/unit-path";

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

/**
 * The units directly under a unit, each with the active teams and members in
 * its whole subtree. One query: each child's subtree is a path range.
 */
export async function childUnitsWithCounts(unitId: number): Promise<UnitSummary[]> {
  const rows = await prisma.$queryRaw<
    Array<{ id: number; name: string; levelKey: string; path: string; teams: bigint | number; members: bigint | number }>
  >`
    SELECT c.id, c.name, c.levelKey, c.path,
      (SELECT COUNT(*) FROM Team t JOIN Unit u ON u.id = t.unitId
        WHERE t.active = 1 AND u.path >= c.path AND u.path < substr(c.path, 1, length(c.path) - 1) || '0') AS teams,
      (SELECT COUNT(*) FROM User m JOIN Team t ON t.id = m.teamId JOIN Unit u ON u.id = t.unitId
        WHERE m.active = 1 AND t.active = 1 AND u.path >= c.path AND u.path < substr(c.path, 1, length(c.path) - 1) || '0') AS members
    FROM Unit c
    WHERE c.parentId = ${unitId} AND c.active = 1
`;
  return rows
    .map((r) => ({ id: r.id, name: r.name, levelKey: r.levelKey, teams: Number(r.teams), members: Number(r.members) }))
    .sort(byVietnameseName);
}

/** The active teams and members of a whole subtree. */
export async function subtreeCounts(path: string) {
  const upper = subtreeUpperBound(path);
  const [teams, members] = await Promise.all([
    prisma.team.count({ where: { active: true, unit: { path: { gte: path, lt: upper } } } }),
    prisma.user.count({ where: { active: true, team: { active: true, unit: { path: { gte: path, lt: upper } } } } }),
  ]);
  return { teams, members };
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
  const parent = input.parentId
    ? await tx.unit.findUniqueOrThrow({ where: { id: input.parentId }, select: { path: true, depth: true } })
    : null;
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
