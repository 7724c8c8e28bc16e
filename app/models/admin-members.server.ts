import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { type Actor, unitByCodeInScope, unitInScope } from "~/models/admin-units.server";
import { recordAudit } from "~/models/audit.server";
import { withMemberPlacement } from "~/models/stats.server";
import { notFound } from "~/utils/auth.server";
import { prisma, sql } from "~/utils/db.server";
import { FIXED_ORDER_JOIN, LIKE_TEXT } from "~/utils/sql-dialect.server";
import { hashPassword } from "~/utils/password.server";
import { type Role, isStaff, roles } from "~/utils/roles";
import { RuleError } from "~/utils/rule-error";
import { subtreeUpperBound, subtreeWhere } from "~/utils/unit-path";
import { requireInScope } from "~/utils/scope.server";
import { subtreeCounts } from "./unit.server";

type Tx = Prisma.TransactionClient;

function transaction<T>(fn: (tx: Tx) => Promise<T>) {
  return prisma.$transaction(fn, { timeout: 60_000, maxWait: 10_000 });
}

// ---------------------------------------------------------------- teams

const teamSelect = {
  id: true,
  name: true,
  active: true,
  unitId: true,
  unit: { select: { id: true, name: true, code: true, path: true, active: true } },
} as const;

/** A team whose unit lies in the actor's subtree; 404 otherwise. */
export async function teamInScope(actor: Actor, teamId: number, tx: Tx = prisma) {
  if (!Number.isInteger(teamId)) notFound();
  return requireInScope(actor, await tx.team.findUnique({ where: { id: teamId }, select: teamSelect }), (t) => t.unit.path);
}

export async function createTeam(actor: Actor, unitId: number, name: string) {
  return transaction(async (tx) => {
    const unit = await unitInScope(actor, unitId, tx);
    if (!unit.active) throw new RuleError("admin.errors.unitInactive");
    if (await tx.team.findFirst({ where: { unitId, name }, select: { id: true } })) throw new RuleError("admin.errors.teamNameTaken");
    const team = await tx.team.create({ data: { name, unitId }, select: { id: true, name: true } });
    await recordAudit(tx, { actorId: actor.id, action: "team.create", unitId, subject: name });
    return team;
  });
}

export async function renameTeam(actor: Actor, teamId: number, name: string) {
  return transaction(async (tx) => {
    const team = await teamInScope(actor, teamId, tx);
    if (team.name === name) return;
    if (await tx.team.findFirst({ where: { unitId: team.unitId, name, id: { not: teamId } }, select: { id: true } })) {
      throw new RuleError("admin.errors.teamNameTaken");
    }
    await tx.team.update({ where: { id: teamId }, data: { name }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: "team.rename", unitId: team.unitId, subject: name, details: { from: team.name, to: name } });
  });
}

/** Moves a team, members and all, to another unit; the move is recorded for reports on past periods. */
export async function moveTeam(actor: Actor, teamId: number, unitCode: string, now = new Date()) {
  return transaction(async (tx) => {
    const team = await teamInScope(actor, teamId, tx);
    const unit = await unitByCodeInScope(tx, actor, unitCode);
    if (!unit.active) throw new RuleError("admin.errors.unitInactive");
    if (unit.id === team.unitId) return;
    await tx.teamMove.create({ data: { teamId, fromUnitId: team.unitId, toUnitId: unit.id, movedAt: now } });
    // The members' records go with their team.
    await withMemberPlacement(tx, await teamMemberIds(tx, teamId), () =>
      tx.team.update({ where: { id: teamId }, data: { unitId: unit.id }, select: { id: true } }),
    );
    const details = { from: team.unit.name, to: unit.name };
    await recordAudit(tx, { actorId: actor.id, action: "team.move", unitId: team.unitId, subject: team.name, details });
    await recordAudit(tx, { actorId: actor.id, action: "team.move", unitId: unit.id, subject: team.name, details });
  });
}

export async function setTeamActive(actor: Actor, teamId: number, active: boolean) {
  return transaction(async (tx) => {
    const team = await teamInScope(actor, teamId, tx);
    if (team.active === active) return;
    if (active && !team.unit.active) throw new RuleError("admin.errors.unitInactive");
    // A closed team's members stop counting anywhere; reopened, they count again.
    await withMemberPlacement(tx, await teamMemberIds(tx, teamId), () => tx.team.update({ where: { id: teamId }, data: { active }, select: { id: true } }));
    await recordAudit(tx, { actorId: actor.id, action: active ? "team.activate" : "team.deactivate", unitId: team.unitId, subject: team.name });
  });
}

/** The Zalo groups a team runs (seed 001 reports them); null when the team has not said. */
export async function setTeamZaloGroups(actor: Actor, teamId: number, zaloGroups: number | null) {
  return transaction(async (tx) => {
    const team = await teamInScope(actor, teamId, tx);
    const before = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { zaloGroups: true } });
    if (before.zaloGroups === zaloGroups) return;
    await tx.team.update({ where: { id: teamId }, data: { zaloGroups }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "team.zalo",
      unitId: team.unitId,
      subject: team.name,
      details: { from: before.zaloGroups, to: zaloGroups },
    });
  });
}

async function teamMemberIds(tx: Tx, teamId: number) {
  return (await tx.user.findMany({ where: { teamId }, select: { id: true } })).map((u) => u.id);
}

export async function teamDetails(teamId: number) {
  return prisma.team
    .findUniqueOrThrow({
      where: { id: teamId },
      select: {
        ...teamSelect,
        zaloGroups: true,
        members: {
          select: { id: true, name: true, phone: true, position: true, role: true, active: true, passwordHash: true },
          orderBy: [{ active: "desc" }, { name: "asc" }],
        },
      },
    })
    .then((team) => ({
      ...team,
      members: team.members.map(({ passwordHash, ...m }) => ({ ...m, hasPassword: passwordHash !== "" })),
    }));
}

/** Active teams in a subtree, for choosing where a member goes. */
export async function teamChoices(path: string, limit = 500) {
  return prisma.team.findMany({
    where: { active: true, unit: { ...subtreeWhere(path), active: true } },
    select: { id: true, name: true, unit: { select: { name: true } } },
    orderBy: { unit: { path: "asc" } },
    take: limit,
  });
}

// ---------------------------------------------------------------- members

const memberSelect = {
  id: true,
  name: true,
  phone: true,
  position: true,
  role: true,
  active: true,
  teamId: true,
  scopeUnitId: true,
  team: { select: { id: true, name: true, unitId: true, unit: { select: { id: true, name: true, path: true } } } },
  scopeUnit: { select: { id: true, name: true, code: true, path: true } },
} as const;

/**
 * A member the actor may manage: their team's unit and, for staff, the unit
 * they act over must both lie in the actor's subtree (a commune admin cannot
 * touch a province supervisor who happens to sit in a village team). 404 otherwise.
 */
export async function memberInScope(actor: Actor, memberId: number, tx: Tx = prisma) {
  if (!Number.isInteger(memberId)) notFound();
  const member = await tx.user.findUnique({ where: { id: memberId }, select: memberSelect });
  if (!member || (!member.team && !member.scopeUnit)) notFound();
  if (member.team) requireInScope(actor, member.team, (t) => t.unit.path);
  if (member.scopeUnit) requireInScope(actor, member.scopeUnit, (u) => u.path);
  return member;
}

/** Where the audit entry about a member belongs: their team's unit, else the unit they act over. */
function memberUnitId(member: { team: { unitId: number } | null; scopeUnitId: number | null }) {
  return member.team?.unitId ?? member.scopeUnitId!;
}

// Digits only: members type them on a phone's number pad; sign-in throttling limits guessing.
export function temporaryPassword() {
  return String(crypto.randomInt(0, 100_000_000)).padStart(8, "0");
}

export type MemberInput = { name: string; phone: string; position: string | null };

/** Adds a member to a team with a temporary password, returned once so it can be printed. */
export async function createMember(actor: Actor, teamId: number, input: MemberInput) {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    const team = await teamInScope(actor, teamId, tx);
    if (!team.active) throw new RuleError("admin.errors.teamInactive");
    if (await tx.user.findUnique({ where: { phone: input.phone }, select: { id: true } }))
      throw new RuleError("admin.errors.phoneTaken", { phone: input.phone });
    const member = await tx.user.create({
      data: { ...input, teamId, passwordHash, role: "member" },
      select: { id: true, name: true, phone: true },
    });
    await tx.memberMove.create({ data: { userId: member.id, fromTeamId: null, toTeamId: teamId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "member.create",
      unitId: team.unitId,
      subject: member.name,
      details: { phone: member.phone, team: team.name },
    });
    return { ...member, password };
  });
}

export async function updateMember(actor: Actor, memberId: number, input: MemberInput) {
  return transaction(async (tx) => {
    const member = await memberInScope(actor, memberId, tx);
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    for (const key of ["name", "phone", "position"] as const) {
      if ((member[key] ?? null) !== (input[key] ?? null)) changes[key] = { from: member[key] ?? null, to: input[key] ?? null };
    }
    if (Object.keys(changes).length === 0) return;
    if (changes.phone) {
      const other = await tx.user.findUnique({ where: { phone: input.phone }, select: { id: true } });
      if (other) throw new RuleError("admin.errors.phoneTaken", { phone: input.phone });
    }
    await tx.user.update({ where: { id: memberId }, data: input, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: "member.update", unitId: memberUnitId(member), subject: input.name, details: changes });
  });
}

export async function moveMember(actor: Actor, memberId: number, teamId: number, now = new Date()) {
  return transaction(async (tx) => {
    const member = await memberInScope(actor, memberId, tx);
    const team = await teamInScope(actor, teamId, tx);
    if (!team.active) throw new RuleError("admin.errors.teamInactive");
    if (member.teamId === team.id) return;
    await tx.memberMove.create({ data: { userId: memberId, fromTeamId: member.teamId, toTeamId: team.id, movedAt: now } });
    await withMemberPlacement(tx, [memberId], () => tx.user.update({ where: { id: memberId }, data: { teamId: team.id }, select: { id: true } }));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "member.move",
      unitId: team.unitId,
      subject: member.name,
      details: { from: member.team?.name ?? null, to: team.name },
    });
  });
}

export async function setMemberActive(actor: Actor, memberId: number, active: boolean) {
  return transaction(async (tx) => {
    if (memberId === actor.id) throw new RuleError("admin.errors.notYourself");
    const member = await memberInScope(actor, memberId, tx);
    if (member.active === active) return;
    await withMemberPlacement(tx, [memberId], () => tx.user.update({ where: { id: memberId }, data: { active }, select: { id: true } }));
    // A deactivated account is signed out everywhere at once.
    if (!active) await tx.session.deleteMany({ where: { userId: memberId } });
    await recordAudit(tx, { actorId: actor.id, action: active ? "member.activate" : "member.deactivate", unitId: memberUnitId(member), subject: member.name });
  });
}

const rank = (role: Role) => roles.indexOf(role);

/**
 * The role-granting rule: nobody grants a role wider than their own, nor a
 * scope outside their own subtree, nor changes their own role.
 */
export async function assignRole(actor: Actor, memberId: number, role: Role, scopeUnitCode: string | null) {
  return transaction(async (tx) => {
    if (memberId === actor.id) throw new RuleError("admin.errors.notYourself");
    if (rank(role) > rank(actor.role)) throw new RuleError("admin.errors.roleTooWide");
    const member = await memberInScope(actor, memberId, tx);
    if (rank(member.role as Role) > rank(actor.role)) notFound();
    let scope: { id: number; name: string } | null = null;
    if (isStaff(role)) {
      if (!scopeUnitCode?.trim()) throw new RuleError("admin.errors.scopeRequired");
      const unit = await unitByCodeInScope(tx, actor, scopeUnitCode);
      if (!unit.active) throw new RuleError("admin.errors.unitInactive");
      scope = { id: unit.id, name: unit.name };
    }
    if (member.role === role && member.scopeUnitId === (scope?.id ?? null)) return;
    await tx.user.update({ where: { id: memberId }, data: { role, scopeUnitId: scope?.id ?? null }, select: { id: true } });
    // Sessions cache nothing about roles, but a narrowed role should not linger in open pages' trust.
    await tx.session.deleteMany({ where: { userId: memberId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "member.role",
      unitId: scope?.id ?? memberUnitId(member),
      subject: member.name,
      details: { from: { role: member.role, scope: member.scopeUnit?.name ?? null }, to: { role, scope: scope?.name ?? null } },
    });
  });
}

export type Slip = { name: string; phone: string; password: string; team: string };

/** A new temporary password for one member; the old one and their sessions end. Returned once, never stored in clear. */
export async function resetPassword(actor: Actor, memberId: number): Promise<Slip> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    const member = await memberInScope(actor, memberId, tx);
    await tx.user.update({ where: { id: memberId }, data: { passwordHash }, select: { id: true } });
    await tx.session.deleteMany({ where: { userId: memberId } });
    await recordAudit(tx, { actorId: actor.id, action: "member.password", unitId: memberUnitId(member), subject: member.name });
    return { name: member.name, phone: member.phone, password, team: member.team?.name ?? "" };
  });
}

/**
 * Temporary passwords for the active members of a team who have none yet
 * (members brought in by an import), for printing their login slips.
 */
export async function issueTeamPasswords(actor: Actor, teamId: number): Promise<Slip[]> {
  const team = await teamInScope(actor, teamId);
  const members = await prisma.user.findMany({
    where: { teamId, active: true, passwordHash: "" },
    select: { id: true, name: true, phone: true },
    orderBy: { name: "asc" },
  });
  // Hashing is the slow part (argon2, ~20 ms each on the worker pool), so it happens outside the transaction.
  const issued = await Promise.all(
    members.map(async (m) => {
      const password = temporaryPassword();
      return { ...m, password, hash: await hashPassword(password) };
    }),
  );
  return transaction(async (tx) => {
    const slips: Slip[] = [];
    for (const m of issued) {
      // Only if still without one: two admins printing at once must not overwrite each other's slips.
      const { count } = await tx.user.updateMany({ where: { id: m.id, passwordHash: "" }, data: { passwordHash: m.hash } });
      if (count) slips.push({ name: m.name, phone: m.phone, password: m.password, team: team.name });
    }
    if (slips.length) {
      await recordAudit(tx, { actorId: actor.id, action: "member.password", unitId: team.unitId, subject: team.name, details: { members: slips.length } });
    }
    return slips;
  });
}

export const MEMBER_PAGE_SIZE = 50;

type MemberRow = {
  id: number;
  name: string;
  phone: string;
  role: string;
  active: number;
  position: string | null;
  teamId: number | null;
  teamName: string | null;
  unitName: string | null;
};

/** A LIKE pattern that finds `text` anywhere, its own % and _ taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Members of a subtree, found by name or phone, a page at a time. The whole
 * country has half a million: the plain list is read in name order from an
 * index and its total from the membership counters (plus members of closed
 * teams, who are listed but not counted there), never by counting every row.
 */
export async function searchMembers(path: string, options: { q?: string; page?: number; inactive?: boolean }) {
  const q = options.q?.trim();
  const digits = q?.replace(/\D/g, "");
  const page = Math.max(1, options.page ?? 1);
  const params = {
    from: path,
    to: subtreeUpperBound(path),
    name: q ? containing(q) : null,
    phone: digits && digits.length >= 3 ? containing(digits) : null,
    take: MEMBER_PAGE_SIZE,
    skip: (page - 1) * MEMBER_PAGE_SIZE,
  };
  const filters = [`t.path >= @from AND t.path < @to`];
  if (!options.inactive) filters.push(`u.active = TRUE`);
  if (q) filters.push(params.phone ? `(u.name ${LIKE_TEXT} @name ESCAPE '\\' OR u.phone LIKE @phone ESCAPE '\\')` : `u.name ${LIKE_TEXT} @name ESCAPE '\\'`);
  const where = filters.join(" AND ");
  const counted = await subtreeCounts(path);
  let total: number;
  if (!q && !options.inactive) {
    const closed = await sql(
      `SELECT COUNT(*) AS n FROM Team t ${FIXED_ORDER_JOIN} User u ON u.teamId = t.id WHERE t.path >= ? AND t.path < ? AND t.active = FALSE AND u.active = TRUE`,
    ).get<{ n: number }>(params.from, params.to);
    total = counted.members + Number(closed!.n);
  } else {
    total = Number((await sql(`SELECT COUNT(*) AS n FROM Team t ${FIXED_ORDER_JOIN} User u ON u.teamId = t.id WHERE ${where}`).get<{ n: number }>(params))!.n);
  }
  // A small subtree: its teams' members, sorted. A large one: the name index, read in order until the page is full.
  const fromTeams = counted.members < 20_000;
  const rows = await sql(
    `SELECT u.id, u.name, u.phone, u.role, u.active, u.position, t.id AS teamId, t.name AS teamName, un.name AS unitName
     FROM ${fromTeams ? `Team t ${FIXED_ORDER_JOIN} User u ON u.teamId = t.id` : `User u ${FIXED_ORDER_JOIN} Team t ON t.id = u.teamId`}
     JOIN Unit un ON un.id = t.unitId
     WHERE ${where} ORDER BY u.name, u.id LIMIT @take OFFSET @skip`,
  ).all<MemberRow>(params);
  const members = rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.phone,
    role: r.role,
    active: Boolean(r.active),
    position: r.position,
    team: r.teamId === null ? null : { id: r.teamId, name: r.teamName!, unit: { name: r.unitName! } },
  }));
  return { total, page, pages: Math.max(1, Math.ceil(total / MEMBER_PAGE_SIZE)), members };
}

export async function memberDetails(memberId: number) {
  const member = await prisma.user.findUniqueOrThrow({
    where: { id: memberId },
    select: { ...memberSelect, passwordHash: true, createdAt: true },
  });
  const { passwordHash, ...rest } = member;
  return { ...rest, hasPassword: passwordHash !== "" };
}
