// Training sessions: scheduling, invitations, attendance, in-person completion
// and practical skill sign-off. Every function takes the acting user and
// checks scope itself, so no route can forget to.
import fs from "node:fs";
import path from "node:path";
import { contentDir, getCourse, lessonText } from "~/content/course.server";
import { forbidden, notFound, type SessionUser } from "~/utils/auth.server";
import { prisma, sql } from "~/utils/db.server";
import type { Language } from "~/i18n";
import { containsText } from "~/utils/sql-dialect.server";
import { subtreeUpperBound, subtreeWhere } from "~/utils/unit-path";
import { queueStatement, queueStatements, withdrawStatement } from "./lrs-queue.server";
import { addMonthStats, countCompletions, countingPath, memberPlace, monthOf, recomputeTeamActivity, recomputeTrained } from "./stats.server";

import { ATTENDANCE_OPENS_HOURS, ATTENDED, type AttendanceStatus } from "~/utils/attendance";
import { inScope, requireInScope } from "~/utils/scope.server";
import { RuleError } from "~/utils/rule-error";

export { ATTENDANCE_STATUSES, type AttendanceStatus } from "~/utils/attendance";

export type Skill = { key: string; topic: string; title: { vi: string; en: string } };

let skillsCache: Skill[] | undefined;
/** The practical skills a trainer can sign off (content/skills.json). */
export function skills(): Skill[] {
  skillsCache ??= JSON.parse(fs.readFileSync(path.join(contentDir(), "skills.json"), "utf8")) as Skill[];
  return skillsCache;
}

export function canRunSessions(user: SessionUser) {
  return (user.role === "trainer" || user.role === "admin") && user.scopeUnit !== null;
}

function canReadSessions(user: SessionUser) {
  return user.role !== "member" && user.scopeUnit !== null;
}

/** Which sessions a user may see: staff their subtree, members those they are invited to. */
function visibleWhere(user: SessionUser) {
  if (canReadSessions(user)) return { unit: subtreeWhere(user.scopeUnit!.path) };
  return { invitees: { some: { userId: user.id } } };
}

export async function listTrainingSessions(user: SessionUser, when: "upcoming" | "past", now = new Date()) {
  // A session stays "upcoming" for the day it runs, so it can be opened for attendance.
  const cutoff = new Date(now.getTime() - 12 * 60 * 60_000);
  const sessions = await prisma.trainingSession.findMany({
    where: { ...visibleWhere(user), startsAt: when === "upcoming" ? { gte: cutoff } : { lt: cutoff } },
    orderBy: { startsAt: when === "upcoming" ? "asc" : "desc" },
    take: 100,
    select: { id: true, title: true, startsAt: true, place: true, status: true, previousStartsAt: true, unit: { select: { name: true } } },
  });
  // Invitations counted for the sessions listed only (Prisma's _count groups the whole table first).
  const invited = new Map(
    (await prisma.sessionInvitee.groupBy({ by: ["sessionId"], where: { sessionId: { in: sessions.map((s) => s.id) } }, _count: { _all: true } })).map((g) => [
      g.sessionId,
      g._count._all,
    ]),
  );
  return sessions.map((s) => ({ ...s, _count: { invitees: invited.get(s.id) ?? 0 } }));
}

/** The sessions a member is invited to that have not happened yet (for their home page). */
export function upcomingSessionsFor(userId: number, now = new Date()) {
  return prisma.trainingSession.findMany({
    where: { invitees: { some: { userId } }, startsAt: { gte: new Date(now.getTime() - 12 * 60 * 60_000) } },
    orderBy: { startsAt: "asc" },
    take: 5,
    select: { id: true, title: true, startsAt: true, place: true, status: true, previousStartsAt: true },
  });
}

/** The session with everything its page shows; 404 if the user may not see it. */
export async function getTrainingSession(user: SessionUser, id: number) {
  if (!Number.isInteger(id)) notFound();
  const session = await prisma.trainingSession.findFirst({
    where: { id, ...visibleWhere(user) },
    select: {
      id: true,
      title: true,
      startsAt: true,
      durationMinutes: true,
      place: true,
      note: true,
      status: true,
      previousStartsAt: true,
      cancelledAt: true,
      unit: { select: { id: true, name: true, path: true } },
      createdBy: { select: { name: true, phone: true } },
      lessons: { select: { lessonSlug: true } },
      teams: { select: { team: { select: { id: true, name: true } } } },
      invitees: {
        select: { walkIn: true, user: { select: { id: true, name: true, phone: true, position: true, team: { select: { name: true } } } } },
      },
      attendance: { select: { userId: true, status: true, remark: true, markedAt: true } },
      completions: { select: { userId: true, lessonSlug: true } },
      skillSignoffs: { select: { userId: true, skillKey: true } },
    },
  });
  if (!session) notFound();
  return session;
}

/** The session if this user may run it (a trainer or admin whose scope holds its unit). */
async function requireManageable(user: SessionUser, id: number) {
  if (!canRunSessions(user)) forbidden();
  const session = await prisma.trainingSession.findUnique({
    where: { id },
    select: { id: true, status: true, startsAt: true, durationMinutes: true, unitId: true, unit: { select: { path: true } } },
  });
  return requireInScope(user, session, (s) => s.unit.path);
}

export function canManage(user: SessionUser, session: { unit: { path: string } }) {
  return canRunSessions(user) && inScope(user, session.unit.path);
}

export type TrainingSessionInput = {
  unitId: number;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  place: string;
  note?: string | null;
  teamIds: number[];
  lessonSlugs: string[];
};

/** Checks that the unit, the teams and the lessons are all ones this user may use; RuleError otherwise. */
async function validateInput(user: SessionUser, input: TrainingSessionInput) {
  if (!canRunSessions(user)) forbidden();
  const unit = await prisma.unit.findUnique({ where: { id: input.unitId }, select: { id: true, path: true, active: true } });
  if (!unit || !unit.active || !inScope(user, unit.path)) throw new RuleError("sessions.errors.unit");
  const teams = await prisma.team.findMany({
    where: { id: { in: input.teamIds }, active: true, unit: subtreeWhere(unit.path) },
    select: { id: true },
  });
  if (teams.length === 0 || teams.length !== new Set(input.teamIds).size) throw new RuleError("sessions.errors.teams");
  const course = await getCourse();
  if (input.lessonSlugs.length === 0 || input.lessonSlugs.some((s) => !course.bySlug.has(s))) throw new RuleError("sessions.errors.lessons");
  return unit;
}

async function inviteTeams(tx: Pick<typeof prisma, "user" | "sessionInvitee">, sessionId: number, teamIds: number[]) {
  const members = await tx.user.findMany({ where: { teamId: { in: teamIds }, active: true }, select: { id: true } });
  const existing = new Set((await tx.sessionInvitee.findMany({ where: { sessionId }, select: { userId: true } })).map((i) => i.userId));
  const fresh = members.filter((m) => !existing.has(m.id)).map((m) => ({ sessionId, userId: m.id }));
  if (fresh.length) await tx.sessionInvitee.createMany({ data: fresh });
}

/** The columns a session form sets. */
function sessionFields(input: TrainingSessionInput) {
  return {
    unitId: input.unitId,
    title: input.title,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    place: input.place,
    note: input.note || null,
  };
}

export async function createTrainingSession(user: SessionUser, input: TrainingSessionInput) {
  await validateInput(user, input);
  const session = await prisma.$transaction(async (tx) => {
    const created = await tx.trainingSession.create({
      data: {
        ...sessionFields(input),
        createdById: user.id,
        lessons: { create: [...new Set(input.lessonSlugs)].map((lessonSlug) => ({ lessonSlug })) },
        teams: { create: [...new Set(input.teamIds)].map((teamId) => ({ teamId })) },
      },
      select: { id: true },
    });
    await inviteTeams(tx, created.id, input.teamIds);
    // Not counted yet: a session counts as held once attendance is taken (see SESSION_HELD_SQL).
    return created;
  });
  return { id: session.id };
}

/**
 * Edits or reschedules a session. A new date is remembered as a change so the
 * invited members see it moved; newly invited teams' members are added, and
 * members of teams no longer invited are removed unless they were marked.
 */
export async function updateTrainingSession(user: SessionUser, id: number, input: TrainingSessionInput) {
  const current = await requireManageable(user, id);
  if (current.status === "cancelled") throw new RuleError("sessions.errors.cancelled");
  await validateInput(user, input);
  const before = await prisma.trainingSession.findUniqueOrThrow({
    where: { id },
    select: { startsAt: true, previousStartsAt: true, unitId: true, _count: { select: { attendance: true } } },
  });
  const moved = before.startsAt.getTime() !== input.startsAt.getTime();
  await prisma.$transaction(async (tx) => {
    await tx.trainingSession.update({
      where: { id },
      data: {
        ...sessionFields(input),
        previousStartsAt: moved ? before.startsAt : before.previousStartsAt,
      },
    });
    // A held session counts in the month and unit it was held in: a corrected date or place moves it.
    if (before._count.attendance > 0) {
      await addMonthStats(tx, await countingPath(tx, before.unitId), monthOf(before.startsAt), { sessions: -1 });
      await addMonthStats(tx, await countingPath(tx, input.unitId), monthOf(input.startsAt), { sessions: 1 });
    }
    await tx.sessionLesson.deleteMany({ where: { sessionId: id } });
    await tx.sessionLesson.createMany({ data: [...new Set(input.lessonSlugs)].map((lessonSlug) => ({ sessionId: id, lessonSlug })) });
    await tx.sessionTeam.deleteMany({ where: { sessionId: id } });
    await tx.sessionTeam.createMany({ data: [...new Set(input.teamIds)].map((teamId) => ({ sessionId: id, teamId })) });
    const marked = (await tx.attendance.findMany({ where: { sessionId: id }, select: { userId: true } })).map((a) => a.userId);
    await tx.sessionInvitee.deleteMany({
      where: { sessionId: id, walkIn: false, userId: { notIn: marked }, user: { teamId: { notIn: input.teamIds } } },
    });
    await inviteTeams(tx, id, input.teamIds);
  });
  return { id };
}

/** Whether a session's time is over (its start plus its length): it can no longer be cancelled. */
export function sessionEnded(session: { startsAt: Date; durationMinutes: number }, now = new Date()) {
  return session.startsAt.getTime() + session.durationMinutes * 60_000 <= now.getTime();
}

/**
 * Cancels a session that has not been held: once attendance is taken it
 * happened, and stays counted; once its time is over it is history either way.
 */
export async function cancelTrainingSession(user: SessionUser, id: number, now = new Date()) {
  const session = await requireManageable(user, id);
  if (session.status === "cancelled") return;
  if (await prisma.attendance.count({ where: { sessionId: id } })) throw new RuleError("sessions.errors.cancelHeld");
  if (sessionEnded(session, now)) throw new RuleError("sessions.errors.cancelPast");
  await prisma.trainingSession.update({ where: { id }, data: { status: "cancelled", cancelledAt: new Date() }, select: { id: true } });
}

/** Marks can be taken on a session that is not cancelled, from a few hours before it starts. */
function requireMarkable(session: { status: string; startsAt: Date }, now: Date) {
  if (session.status === "cancelled") throw new RuleError("sessions.errors.cancelled");
  if (now.getTime() < session.startsAt.getTime() - ATTENDANCE_OPENS_HOURS * 3600_000) throw new RuleError("sessions.errors.tooEarly");
}

export type Mark = { userId: number; status: AttendanceStatus; remark?: string | null; markedAt: Date };

/**
 * Saves attendance marks. Marks come from a phone that may resend them after
 * a dropped connection, so each is idempotent, and an older tap that arrives
 * late never overwrites a newer one. Only invited members can be marked.
 */
export async function markAttendance(user: SessionUser, sessionId: number, marks: Mark[], now = new Date()) {
  const session = await requireManageable(user, sessionId);
  requireMarkable(session, now);
  const invited = new Set(
    (await prisma.sessionInvitee.findMany({ where: { sessionId, userId: { in: marks.map((m) => m.userId) } }, select: { userId: true } })).map((i) => i.userId),
  );
  const saved: Array<{ userId: number; status: string }> = [];
  await prisma.$transaction(async (tx) => {
    const heldBefore = (await tx.attendance.count({ where: { sessionId } })) > 0;
    // The marks already stored, read once; the batch is worked out in memory, then
    // written in a few statements whatever the number of members (issue 20).
    type Stored = { id: number | null; markedAt: Date; status: string; attendedSince: Date | null; remark: string | null };
    const stored = new Map<number, Stored>(
      (
        await tx.attendance.findMany({
          where: { sessionId, userId: { in: [...invited] } },
          select: { id: true, userId: true, markedAt: true, status: true, attendedSince: true, remark: true },
        })
      ).map((a) => [a.userId, a]),
    );
    const attendedBefore = new Set([...stored].filter(([, a]) => ATTENDED.includes(a.status as AttendanceStatus)).map(([userId]) => userId));
    const changed = new Set<number>();
    // Learning records to queue or take back, in the order the taps came: [userId, attendedSince, queue?].
    const statements: Array<{ userId: number; since: Date; queue: boolean }> = [];
    for (const mark of marks) {
      if (!invited.has(mark.userId)) continue;
      const existing = stored.get(mark.userId);
      if (existing && existing.markedAt > mark.markedAt) {
        saved.push({ userId: mark.userId, status: existing.status });
        continue;
      }
      const wasAttended = Boolean(existing && ATTENDED.includes(existing.status as AttendanceStatus));
      const nowAttended = ATTENDED.includes(mark.status);
      // Rows written before this column (or by the seed) fall back to their mark's time.
      const since = existing ? (existing.attendedSince ?? existing.markedAt) : null;
      // A new spell of "attended" begins after any earlier one, so it names a new statement.
      const attendedSince = nowAttended && !wasAttended ? new Date(Math.max(mark.markedAt.getTime(), since ? since.getTime() + 1 : 0)) : since;
      stored.set(mark.userId, { id: existing?.id ?? null, markedAt: mark.markedAt, status: mark.status, attendedSince, remark: mark.remark?.trim() || null });
      changed.add(mark.userId);
      if (nowAttended && !wasAttended) statements.push({ userId: mark.userId, since: attendedSince!, queue: true });
      if (!nowAttended && wasAttended) statements.push({ userId: mark.userId, since: since!, queue: false });
      saved.push({ userId: mark.userId, status: mark.status });
    }
    if (changed.size)
      await writeMarks(
        tx,
        user.id,
        sessionId,
        session.startsAt,
        [...changed].map((userId) => ({ userId, ...stored.get(userId)! })),
        attendedBefore,
        statements,
      );
    // The first mark makes the session one that was held.
    if (!heldBefore && saved.length && (await tx.attendance.count({ where: { sessionId } })) > 0) {
      await addMonthStats(tx, await countingPath(tx, session.unitId), monthOf(session.startsAt), { sessions: 1 });
    }
  });
  return { saved };
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Writes the final mark of each member of a batch and what follows from it:
 * new marks in one statement, changed ones in one per distinct mark (everyone
 * present at one tap is one), members trained from the session's day, their
 * teams active, learning records queued; a mark corrected away from attended
 * works that member's figures out again (rare: one at a time).
 */
async function writeMarks(
  tx: Tx,
  markedById: number,
  sessionId: number,
  startsAt: Date,
  finals: Array<{ userId: number; id: number | null; markedAt: Date; status: string; attendedSince: Date | null; remark: string | null }>,
  attendedBefore: Set<number>,
  statements: Array<{ userId: number; since: Date; queue: boolean }>,
) {
  const data = (f: (typeof finals)[number]) => ({ status: f.status, remark: f.remark, markedAt: f.markedAt, markedById, attendedSince: f.attendedSince });
  const fresh = finals.filter((f) => f.id === null);
  if (fresh.length) await tx.attendance.createMany({ data: fresh.map((f) => ({ sessionId, userId: f.userId, ...data(f) })) });
  const groups = new Map<string, { data: ReturnType<typeof data>; userIds: number[] }>();
  for (const f of finals.filter((f) => f.id !== null)) {
    const d = data(f);
    const key = JSON.stringify(d);
    groups.set(key, { data: d, userIds: [...(groups.get(key)?.userIds ?? []), f.userId] });
  }
  for (const g of groups.values()) await tx.attendance.updateMany({ where: { sessionId, userId: { in: g.userIds } }, data: g.data });

  const attended = finals.filter((f) => ATTENDED.includes(f.status as AttendanceStatus));
  const users = await tx.user.findMany({
    where: { id: { in: finals.map((f) => f.userId) } },
    select: { id: true, active: true, firstTrainedAt: true, team: { select: { id: true, path: true, active: true } } },
  });
  const placeOf = new Map(
    users.map((u) => [u.id, { path: u.active && u.team?.active ? u.team.path : "", teamId: u.team?.id ?? null, firstTrainedAt: u.firstTrainedAt }]),
  );

  // Attending counts as being trained from the day the session was held (markTrained, for many).
  const trainedNow = attended
    .map((f) => f.userId)
    .filter((id) => {
      const first = placeOf.get(id)?.firstTrainedAt;
      return !first || first > startsAt;
    });
  if (trainedNow.length) {
    await tx.user.updateMany({ where: { id: { in: trainedNow } }, data: { firstTrainedAt: startsAt } });
    const deltas = new Map<string, number>();
    const add = (path: string, month: string, n: number) => path && deltas.set(`${path}|${month}`, (deltas.get(`${path}|${month}`) ?? 0) + n);
    for (const id of trainedNow) {
      const place = placeOf.get(id)!;
      if (place.firstTrainedAt) add(place.path, monthOf(place.firstTrainedAt), -1);
      add(place.path, monthOf(startsAt), 1);
    }
    for (const [key, n] of deltas) {
      const [path, month] = key.split("|");
      if (n) await addMonthStats(tx, path, month, { trained: n });
    }
  }
  // Their teams were active at the tap (touchTeam, one statement per distinct tap time).
  const teamsAt = new Map<number, number[]>();
  for (const f of attended) {
    const teamId = placeOf.get(f.userId)?.teamId;
    if (teamId) teamsAt.set(f.markedAt.getTime(), [...(teamsAt.get(f.markedAt.getTime()) ?? []), teamId]);
  }
  for (const [at, teamIds] of teamsAt) {
    await tx.team.updateMany({
      where: { id: { in: [...new Set(teamIds)] }, OR: [{ lastActiveAt: null }, { lastActiveAt: { lt: new Date(at) } }] },
      data: { lastActiveAt: new Date(at) },
    });
  }
  // Corrected away from attended: first training and team activity worked out again from the facts.
  const undone = finals.filter(
    (f) => !ATTENDED.includes(f.status as AttendanceStatus) && (attendedBefore.has(f.userId) || statements.some((s) => s.userId === f.userId)),
  );
  for (const f of undone) await recomputeTrained(tx, f.userId);
  const undoneTeams = undone.map((f) => placeOf.get(f.userId)?.teamId).filter((id): id is number => Boolean(id));
  if (undoneTeams.length) await recomputeTeamActivity(tx, [...new Set(undoneTeams)]);

  if (statements.length) {
    const ids = new Map(
      (
        await tx.attendance.findMany({
          where: { sessionId, userId: { in: [...new Set(statements.map((s) => s.userId))] } },
          select: { id: true, userId: true },
        })
      ).map((a) => [a.userId, a.id]),
    );
    const queue = statements.filter((s) => s.queue && placeOf.get(s.userId)?.path);
    await queueStatements(
      tx,
      queue.map((s) => ({ factKey: `attendance/${ids.get(s.userId)}/${s.since.getTime()}`, userId: s.userId, unitPath: placeOf.get(s.userId)!.path })),
    );
    for (const s of statements.filter((s) => !s.queue)) await withdrawStatement(tx, `attendance/${ids.get(s.userId)}/${s.since.getTime()}`);
  }
}

/** "Everyone present": marks every invited member who has no mark yet. */
export async function markEveryonePresent(user: SessionUser, sessionId: number, markedAt = new Date()) {
  await requireManageable(user, sessionId);
  const unmarked = await prisma.sessionInvitee.findMany({
    where: { sessionId, user: { attendance: { none: { sessionId } } } },
    select: { userId: true },
  });
  return markAttendance(
    user,
    sessionId,
    unmarked.map((i) => ({ userId: i.userId, status: "present" as const, markedAt })),
  );
}

/** Members of the trainer's scope who could be added as walk-ins, found by name or phone. */
export async function findWalkInCandidates(user: SessionUser, sessionId: number, query: string) {
  await requireManageable(user, sessionId);
  const q = query.trim();
  if (q.length < 2) return [];
  return prisma.user.findMany({
    where: {
      active: true,
      team: { unit: subtreeWhere(user.scopeUnit!.path) },
      invitations: { none: { sessionId } },
      OR: [{ name: containsText(q) }, { phone: { contains: q.replace(/\s/g, "") } }],
    },
    select: { id: true, name: true, phone: true, team: { select: { name: true } } },
    take: 10,
    orderBy: { name: "asc" },
  });
}

/** Adds a member who came without an invitation; they must belong to the trainer's scope. */
export async function addWalkIn(user: SessionUser, sessionId: number, memberId: number, markedAt = new Date()) {
  const session = await requireManageable(user, sessionId);
  // Checked before the member is added: a walk-in who cannot be marked is not added either.
  requireMarkable(session, new Date());
  const member = await prisma.user.findFirst({
    where: { id: memberId, active: true, team: { unit: subtreeWhere(user.scopeUnit!.path) } },
    select: { id: true },
  });
  if (!member) throw new RuleError("sessions.errors.walkIn");
  await prisma.sessionInvitee.upsert({
    where: { sessionId_userId: { sessionId, userId: memberId } },
    create: { sessionId, userId: memberId, walkIn: true },
    update: {},
  });
  await markAttendance(user, sessionId, [{ userId: memberId, status: "present", markedAt }]);
}

/**
 * Records the session's lessons as completed in person for everyone marked
 * present or late. A lesson already completed (by quiz or another session)
 * keeps its first completion: once per member and lesson.
 */
export async function recordInPersonCompletions(user: SessionUser, sessionId: number, now = new Date()) {
  await requireManageable(user, sessionId);
  const session = await prisma.trainingSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { startsAt: true, lessons: { select: { lessonSlug: true } }, attendance: { where: { status: { in: ATTENDED } }, select: { userId: true } } },
  });
  const course = await getCourse();
  const lessons = session.lessons.map((l) => course.bySlug.get(l.lessonSlug)).filter((l): l is NonNullable<typeof l> => Boolean(l));
  const attendees = session.attendance.map((a) => a.userId);
  if (lessons.length === 0 || attendees.length === 0) return { created: 0 };
  const existing = await prisma.completion.findMany({
    where: { userId: { in: attendees }, lessonSlug: { in: lessons.map((l) => l.slug) } },
    select: { userId: true, lessonSlug: true },
  });
  const done = new Set(existing.map((c) => `${c.userId}:${c.lessonSlug}`));
  const completedAt = session.startsAt < now ? session.startsAt : now;
  const data = attendees.flatMap((userId) =>
    lessons
      .filter((l) => !done.has(`${userId}:${l.slug}`))
      .map((l) => ({ userId, lessonSlug: l.slug, completedAt, contentVersion: l.version, method: "in-person", sessionId, recordedById: user.id })),
  );
  if (data.length) {
    await prisma.$transaction(async (tx) => {
      await tx.completion.createMany({ data });
      await countCompletions(tx, data, completedAt);
      // Their learning records, in the same transaction (queuing one twice changes nothing).
      const created = await tx.completion.findMany({
        where: { sessionId, userId: { in: attendees }, lessonSlug: { in: lessons.map((l) => l.slug) } },
        select: { id: true, userId: true, user: { select: { team: { select: { path: true } } } } },
      });
      await queueStatements(
        tx,
        created.filter((c) => c.user.team?.path).map((c) => ({ factKey: `completion/${c.id}`, userId: c.userId, unitPath: c.user.team!.path })),
      );
    });
  }
  return { created: data.length };
}

/** Ticks or unticks a practical skill for a member who attended. */
export async function setSkill(user: SessionUser, sessionId: number, memberId: number, skillKey: string, signed: boolean) {
  await requireManageable(user, sessionId);
  if (!skills().some((s) => s.key === skillKey)) throw new RuleError("sessions.errors.skill");
  const attended = await prisma.attendance.findFirst({ where: { sessionId, userId: memberId, status: { in: ATTENDED } }, select: { id: true } });
  if (!attended) throw new RuleError("sessions.errors.notPresent");
  await prisma.$transaction(async (tx) => {
    if (signed) {
      // Once per member and skill: a second tick keeps the first sign-off.
      const existing = await tx.skillSignoff.findUnique({ where: { userId_skillKey: { userId: memberId, skillKey } }, select: { id: true } });
      if (existing) return;
      const created = await tx.skillSignoff.create({ data: { userId: memberId, skillKey, sessionId, signedById: user.id }, select: { id: true } });
      const place = await memberPlace(tx, memberId);
      if (place.path) await queueStatement(tx, { factKey: `skill/${created.id}`, userId: memberId, unitPath: place.path });
    } else {
      // Only the sign-off made at this session can be withdrawn here; its learning record goes with it.
      const signoff = await tx.skillSignoff.findFirst({ where: { userId: memberId, skillKey, sessionId }, select: { id: true } });
      if (!signoff) return;
      await tx.skillSignoff.delete({ where: { id: signoff.id } });
      await withdrawStatement(tx, `skill/${signoff.id}`);
    }
  });
}

/** Teams a session for this unit can invite: every active team in the unit's subtree. */
export async function invitableTeams(user: SessionUser, unitId: number) {
  if (!canRunSessions(user)) forbidden();
  const unit = requireInScope(user, await prisma.unit.findUnique({ where: { id: unitId }, select: { path: true } }), (u) => u.path);
  // Members counted per team listed (Prisma's _count would group every member of the country first).
  const rows = await sql(
    `SELECT t.id, t.name, un.name AS unitName, un.depth, (SELECT COUNT(*) FROM User u WHERE u.teamId = t.id AND u.active = TRUE) AS members
     FROM Team t JOIN Unit un ON un.id = t.unitId WHERE t.active = TRUE AND t.path >= ? AND t.path < ? ORDER BY un.depth, t.name`,
  ).all<{ id: number; name: string; unitName: string; depth: number; members: number }>(unit.path, subtreeUpperBound(unit.path));
  return rows.map((r) => ({ id: r.id, name: r.name, unit: { name: r.unitName, depth: r.depth }, _count: { members: Number(r.members) } }));
}

/** Units a trainer can hold a session for: their scope and everything under it. */
export function schedulableUnits(user: SessionUser) {
  if (!canRunSessions(user)) forbidden();
  return prisma.unit.findMany({
    where: { active: true, ...subtreeWhere(user.scopeUnit!.path) },
    select: { id: true, name: true, depth: true, path: true },
    orderBy: [{ path: "asc" }],
  });
}

/** What the scheduling form offers this trainer for the chosen unit. */
export async function sessionFormOptions(user: SessionUser, requestedUnitId: number | null, language: Language) {
  const units = await schedulableUnits(user);
  const unitId = units.some((u) => u.id === requestedUnitId) ? requestedUnitId! : units[0].id;
  const [teams, course] = await Promise.all([invitableTeams(user, unitId), getCourse()]);
  return {
    unitId,
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, unit: t.unit.name, members: t._count.members })),
    topics: course.topics.map((topic) => ({
      id: topic.id,
      title: topic.title[language],
      lessons: course.lessons.filter((l) => l.topic === topic.id).map((l) => ({ slug: l.slug, title: lessonText(l, language).title })),
    })),
  };
}
