import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";
import { foldMergedUnit, moveSubtreeStats, withMemberPlacement } from "~/models/stats.server";
import { byVietnameseName, insertUnit } from "~/models/unit.server";
import { notFound } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { portable, sqlDate } from "~/utils/sql-dialect.server";
import { RuleError } from "~/utils/rule-error";
import { isInSubtree, subtreeUpperBound, subtreeWhere } from "~/utils/unit-path";
import type { SessionUser } from "~/utils/auth.server";
import { inScope, requireInScope } from "~/utils/scope.server";

type Tx = Prisma.TransactionClient;

/** Who is acting: the signed-in user, as much of it as the admin models read (any SessionUser is one). */
export type Actor = Pick<SessionUser, "id" | "role"> & { scopeUnit: Pick<NonNullable<SessionUser["scopeUnit"]>, "id" | "path"> | null };

export function scopePath(actor: Actor) {
  if (!actor.scopeUnit) notFound();
  return actor.scopeUnit.path;
}

const unitSelect = {
  id: true,
  code: true,
  name: true,
  path: true,
  depth: true,
  levelKey: true,
  parentId: true,
  active: true,
  households: true,
  mergedIntoId: true,
} as const;

/** A unit inside the actor's subtree; 404 for one outside it, exactly as for one that does not exist. */
export async function unitInScope(actor: Actor, unitId: number, tx: Tx = prisma) {
  if (!Number.isInteger(unitId)) notFound();
  return requireInScope(actor, await tx.unit.findUnique({ where: { id: unitId }, select: unitSelect }), (u) => u.path);
}

/** A unit named by its code in a form: a rule error (not a 404) when it is not in scope. */
export async function unitByCodeInScope(tx: Tx, actor: Actor, code: string) {
  const unit = await tx.unit.findUnique({ where: { code: code.trim() }, select: unitSelect });
  if (!unit || !inScope(actor, unit.path)) throw new RuleError("admin.errors.unknownUnit", { code: code.trim() });
  return unit;
}

async function levelRanks(tx: Tx) {
  const levels = await tx.unitLevel.findMany({ select: { key: true, rank: true } });
  return new Map(levels.map((l) => [l.key, l.rank]));
}

/** A unit must sit strictly below its parent's level (a village under a commune, never the reverse). */
async function checkLevelUnder(tx: Tx, levelKey: string, parentLevelKey: string) {
  const ranks = await levelRanks(tx);
  const rank = ranks.get(levelKey);
  if (rank === undefined) throw new RuleError("admin.errors.unknownLevel", { level: levelKey });
  if (rank <= (ranks.get(parentLevelKey) ?? -1)) throw new RuleError("admin.errors.levelOrder");
}

/** The actor's own scope unit may not be moved, merged or closed: its parent lies outside their reach. */
function notScopeRoot(actor: Actor, unitId: number) {
  if (actor.scopeUnit?.id === unitId) throw new RuleError("admin.errors.scopeRoot");
}

function transaction<T>(fn: (tx: Tx) => Promise<T>) {
  return prisma.$transaction(fn, { timeout: 60_000, maxWait: 10_000 });
}

export async function createChildUnit(actor: Actor, input: { parentId: number; code: string; name: string; levelKey: string; households: number | null }) {
  return transaction(async (tx) => {
    const parent = await unitInScope(actor, input.parentId, tx);
    if (!parent.active) throw new RuleError("admin.errors.unitInactive");
    await checkLevelUnder(tx, input.levelKey, parent.levelKey);
    if (await tx.unit.findUnique({ where: { code: input.code }, select: { id: true } })) {
      throw new RuleError("admin.errors.codeTaken", { code: input.code });
    }
    const unit = await insertUnit(tx, { ...input, parentId: parent.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "unit.create",
      unitId: unit.id,
      subject: unit.name,
      details: { code: input.code, level: input.levelKey, parent: parent.name },
    });
    return unit;
  });
}

/** Renames a unit; the old name is kept with the moment it ended, for reports on past periods. */
export async function renameUnit(actor: Actor, unitId: number, name: string, now = new Date()) {
  return transaction(async (tx) => {
    const unit = await unitInScope(actor, unitId, tx);
    if (unit.name === name) return;
    await tx.unitName.create({ data: { unitId, name: unit.name, until: now } });
    await tx.unit.update({ where: { id: unitId }, data: { name }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: "unit.rename", unitId, subject: name, details: { from: unit.name, to: name } });
  });
}

export async function setHouseholds(actor: Actor, unitId: number, households: number | null) {
  return transaction(async (tx) => {
    const unit = await unitInScope(actor, unitId, tx);
    if (unit.households === households) return;
    await tx.unit.update({ where: { id: unitId }, data: { households }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: "unit.households", unitId, subject: unit.name, details: { from: unit.households, to: households } });
  });
}

/**
 * Rewrites the paths (and depths) of a whole subtree in one statement: every
 * path starting with `fromPrefix` gets `toPrefix` instead. `strict` leaves the
 * root of the subtree itself alone (used when merging: only its children move).
 */
async function rewriteSubtree(tx: Tx, fromPrefix: string, toPrefix: string, depthDelta: number, now: Date, strict = false) {
  const lowerOp = strict ? ">" : ">=";
  return tx.$executeRawUnsafe(
    portable(`UPDATE Unit SET path = ? || substr(path, ?), depth = depth + ?, updatedAt = ?
     WHERE path ${lowerOp} ? AND path < ?`),
    toPrefix,
    fromPrefix.length + 1,
    depthDelta,
    sqlDate(now),
    fromPrefix,
    subtreeUpperBound(fromPrefix),
  );
}

/** Moves a unit, with everything under it, beneath another parent in the actor's scope. */
export async function moveUnit(actor: Actor, unitId: number, newParentCode: string, now = new Date()) {
  return transaction(async (tx) => {
    const unit = await unitInScope(actor, unitId, tx);
    notScopeRoot(actor, unit.id);
    const parent = await unitByCodeInScope(tx, actor, newParentCode);
    if (isInSubtree(unit.path, parent.path)) throw new RuleError("admin.errors.moveIntoItself");
    if (!parent.active) throw new RuleError("admin.errors.unitInactive");
    if (parent.id === unit.parentId) return unit;
    await checkLevelUnder(tx, unit.levelKey, parent.levelKey);
    const oldParent = unit.parentId ? await tx.unit.findUnique({ where: { id: unit.parentId }, select: { name: true, path: true } }) : null;
    // Its figures leave the old ancestors and reach the new ones: no national rebuild.
    await moveSubtreeStats(tx, unit.id, oldParent?.path ?? "", parent.path);
    const newPath = `${parent.path}${unit.id}/`;
    const moved = await rewriteSubtree(tx, unit.path, newPath, parent.depth + 1 - unit.depth, now);
    await tx.unit.update({ where: { id: unit.id }, data: { parentId: parent.id }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "unit.move",
      unitId: unit.id,
      subject: unit.name,
      details: { from: oldParent?.name ?? null, to: parent.name, units: moved },
    });
    return { ...unit, path: newPath, parentId: parent.id };
  });
}

/**
 * Merges a unit into another of the same level (the 2025 reorganisation):
 * its teams, the units under it and the staff scoped to it move to the
 * surviving unit; the merged unit stays, inactive and pointing to the
 * survivor, so past records still show its name; its OCOP products go to the
 * survivor too. Teams' moves are recorded so reports on past periods can still
 * count them for the old unit.
 */
export async function mergeUnit(actor: Actor, unitId: number, intoCode: string, now = new Date()) {
  return transaction(async (tx) => {
    const source = await unitInScope(actor, unitId, tx);
    notScopeRoot(actor, source.id);
    const target = await unitByCodeInScope(tx, actor, intoCode);
    if (target.id === source.id || isInSubtree(source.path, target.path)) throw new RuleError("admin.errors.mergeIntoItself");
    if (!source.active || !target.active) throw new RuleError("admin.errors.unitInactive");
    if (source.levelKey !== target.levelKey) throw new RuleError("admin.errors.mergeLevel");
    const at = sqlDate(now);

    await tx.$executeRaw`INSERT INTO "TeamMove" ("teamId", "fromUnitId", "toUnitId", "movedAt")
      SELECT "id", ${source.id}, ${target.id}, ${at} FROM "Team" WHERE "unitId" = ${source.id}`;
    // The summaries follow, in proportion to what moves: the units under the
    // source, its teams' members, then what was counted at the source itself.
    for (const child of await tx.unit.findMany({ where: { parentId: source.id }, select: { id: true } })) {
      await moveSubtreeStats(tx, child.id, source.path, target.path);
    }
    const memberIds = (await tx.user.findMany({ where: { team: { unitId: source.id } }, select: { id: true } })).map((u) => u.id);
    const teams = await withMemberPlacement(
      tx,
      memberIds,
      () => tx.$executeRaw`UPDATE "Team" SET "unitId" = ${target.id}, "updatedAt" = ${at} WHERE "unitId" = ${source.id}`,
    );
    const units = await rewriteSubtree(tx, source.path, target.path, target.depth - source.depth, now, true);
    await tx.$executeRaw`UPDATE "Unit" SET "parentId" = ${target.id} WHERE "parentId" = ${source.id}`;
    const staff = await tx.$executeRaw`UPDATE "User" SET "scopeUnitId" = ${target.id}, "updatedAt" = ${at} WHERE "scopeUnitId" = ${source.id}`;
    // The merged unit's OCOP products are now the survivor's (the list has no history to keep).
    await tx.$executeRaw`UPDATE "OcopProduct" SET "unitId" = ${target.id}, "updatedAt" = ${at} WHERE "unitId" = ${source.id}`;
    const households = source.households === null ? target.households : (target.households ?? 0) + source.households;
    await tx.unit.update({ where: { id: target.id }, data: { households }, select: { id: true } });
    await tx.unit.update({
      where: { id: source.id },
      data: { active: false, mergedIntoId: target.id, mergedAt: now },
      select: { id: true },
    });
    await foldMergedUnit(tx, source.id, source.path, target.path);
    const details = { into: target.name, intoCode: target.code, teams, units, staff, households };
    await recordAudit(tx, { actorId: actor.id, action: "unit.merge", unitId: source.id, subject: source.name, details });
    await recordAudit(tx, { actorId: actor.id, action: "unit.merge", unitId: target.id, subject: target.name, details: { ...details, from: source.name } });
    return { teams, units, staff };
  });
}

/** Closes a unit. Its history stays; it must first be emptied of active units and teams so nobody is lost. */
export async function deactivateUnit(actor: Actor, unitId: number) {
  return transaction(async (tx) => {
    const unit = await unitInScope(actor, unitId, tx);
    notScopeRoot(actor, unit.id);
    if (!unit.active) return;
    if (await tx.unit.count({ where: { parentId: unit.id, active: true } })) throw new RuleError("admin.errors.hasActiveChildren");
    if (await tx.team.count({ where: { unitId: unit.id, active: true } })) throw new RuleError("admin.errors.hasActiveTeams");
    await tx.unit.update({ where: { id: unit.id }, data: { active: false }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: "unit.deactivate", unitId: unit.id, subject: unit.name });
  });
}

export async function activateUnit(actor: Actor, unitId: number) {
  return transaction(async (tx) => {
    const unit = await unitInScope(actor, unitId, tx);
    if (unit.active) return;
    if (unit.mergedIntoId) throw new RuleError("admin.errors.unitMerged");
    const parent = unit.parentId ? await tx.unit.findUnique({ where: { id: unit.parentId }, select: { active: true } }) : null;
    if (parent && !parent.active) throw new RuleError("admin.errors.unitInactive");
    await tx.unit.update({ where: { id: unit.id }, data: { active: true }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: "unit.activate", unitId: unit.id, subject: unit.name });
  });
}

/** Everything the unit page shows. */
export async function unitDetails(unitId: number) {
  const unit = await prisma.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: {
      ...unitSelect,
      mergedAt: true,
      level: { select: { nameVi: true, nameEn: true, rank: true } },
      parent: { select: { id: true, name: true, code: true } },
      mergedInto: { select: { id: true, name: true, code: true } },
      mergedFrom: { select: { id: true, name: true, code: true, mergedAt: true } },
      formerNames: { select: { name: true, until: true }, orderBy: { until: "desc" } },
    },
  });
  const [children, teams] = await Promise.all([
    prisma.unit.findMany({
      where: { parentId: unitId },
      select: { id: true, code: true, name: true, active: true, mergedIntoId: true, level: { select: { nameVi: true, nameEn: true } } },
    }),
    prisma.team.findMany({ where: { unitId }, select: { id: true, name: true, active: true } }),
  ]);
  // Counted per team here: Prisma's _count groups every member of the country before joining.
  const members = new Map(
    (await prisma.user.groupBy({ by: ["teamId"], where: { teamId: { in: teams.map((t) => t.id) }, active: true }, _count: { _all: true } })).map((g) => [
      g.teamId,
      g._count._all,
    ]),
  );
  return {
    unit,
    children: children.sort(byVietnameseName),
    teams: teams.map((t) => ({ id: t.id, name: t.name, active: t.active, members: members.get(t.id) ?? 0 })).sort(byVietnameseName),
  };
}

/** Active units in a subtree a unit of this level could go under or merge with, for the form's suggestions. */
export async function unitSuggestions(scope: string, near: string, limit = 300) {
  const units = await prisma.unit.findMany({
    where: { AND: [subtreeWhere(scope), subtreeWhere(near)], active: true },
    select: { code: true, name: true, levelKey: true },
    orderBy: { path: "asc" },
    take: limit,
  });
  return units;
}

/**
 * The unit each team counted for at a past moment, with the name that unit
 * had then: a team moved (or whose unit merged) after that moment counts for
 * the unit it left. For reports on past periods.
 */
export async function teamUnitsAt(teamIds: number[], at: Date) {
  const [teams, moves] = await Promise.all([
    prisma.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, unitId: true } }),
    prisma.teamMove.findMany({
      where: { teamId: { in: teamIds }, movedAt: { gt: at } },
      orderBy: { movedAt: "asc" },
      select: { teamId: true, fromUnitId: true },
    }),
  ]);
  const unitOf = new Map(teams.map((t) => [t.id, t.unitId]));
  const firstMove = new Map<number, number>();
  for (const m of moves) if (!firstMove.has(m.teamId)) firstMove.set(m.teamId, m.fromUnitId);
  for (const [teamId, unitId] of firstMove) unitOf.set(teamId, unitId);
  const names = await unitNamesAt([...new Set(unitOf.values())], at);
  return new Map([...unitOf].map(([teamId, unitId]) => [teamId, { unitId, name: names.get(unitId)! }]));
}

/** Each unit's name as it was at a past moment (before any later rename). */
export async function unitNamesAt(unitIds: number[], at: Date) {
  const [units, former] = await Promise.all([
    prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }),
    prisma.unitName.findMany({ where: { unitId: { in: unitIds }, until: { gt: at } }, orderBy: { until: "asc" }, select: { unitId: true, name: true } }),
  ]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const seen = new Set<number>();
  for (const f of former) {
    if (seen.has(f.unitId)) continue;
    seen.add(f.unitId);
    names.set(f.unitId, f.name);
  }
  return names;
}
