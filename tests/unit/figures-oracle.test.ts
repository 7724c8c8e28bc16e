// The recount oracle (issue 11). Random histories over a small unit tree go
// through the product's own model functions: members join, leave and move;
// teams are created, moved and closed; units are renamed, moved and merged;
// quizzes, in-person completions, training sessions (held, cancelled, never
// attended) and field results land across months and years. After each
// history every figure of every unit, for several periods, is computed twice:
// by the report model (the summary tables kept on write) and by a plain
// recount from the fact tables written here, for this test only. They must
// be equal. Guidance events for residents (their own count, and their counts
// as lines of the results log) and targets (the newest setting, the roll-up of
// the units below, the warning, and "done") are recounted the same way (issue 18).
//
// Runs: FIGURES_RUNS (20 in `npm test`), seed FIGURES_SEED. A failure prints
// the seed and path; replay with FIGURES_SEED=<seed> FIGURES_PATH=<path>.
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import { loadCourse, syncLessons, type Course } from "~/content/course.server";
import type { Actor } from "~/models/admin-units.server";
import { mergeUnit, moveUnit, renameUnit } from "~/models/admin-units.server";
import { createTeam, moveMember, moveTeam, setMemberActive, setTeamActive } from "~/models/admin-members.server";
import { coverage, households, INACTIVE_DAYS, parsePeriod, unitById } from "~/models/coverage.server";
import { recordResults } from "~/models/field-result.server";
import { recordEvent } from "~/models/guidance-event.server";
import { setTargets, targetProgress } from "~/models/targets.server";
import { TARGET_METRICS } from "~/utils/target-metrics";
import { rebuildStats } from "~/models/stats.server";
import { submitAttempt } from "~/models/quiz.server";
import { cancelTrainingSession, createTrainingSession, markAttendance, recordInPersonCompletions } from "~/models/training-session.server";
import { createUnit } from "~/models/unit.server";
import { ATTENDED } from "~/utils/attendance";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { FIELD_KINDS } from "~/utils/field-kinds";
import { RuleError } from "~/utils/rule-error";
import { toVietnamLocal } from "~/utils/time";
import { createUser, requestAs, signedIn } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

const RUNS = Number(process.env.FIGURES_RUNS || 20);
const SEED = Number(process.env.FIGURES_SEED || 20261130);
const PATH = process.env.FIGURES_PATH;

let course: Course;
let run = 0;
let eventCounter = 0;
const worlds: World[] = [];

beforeAll(async () => {
  course = await loadCourse(process.env.CONTENT_DIR);
  await syncLessons(course);
  await prisma.unitLevel.createMany({
    data: [
      { key: "province", rank: 0, nameVi: "Tỉnh", nameEn: "Province" },
      { key: "commune", rank: 2, nameVi: "Xã", nameEn: "Commune" },
      { key: "village", rank: 3, nameVi: "Thôn", nameEn: "Village" },
    ],
  });
}, 60_000);

// ---------------------------------------------------------------- histories

const month = fc.integer({ min: 0, max: 14 }); // months before this one
const pick = fc.nat({ max: 1000 }); // an index, taken modulo what exists
const command = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("join" as const), team: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("moveMember" as const), member: pick, team: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("memberActive" as const), member: pick, active: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("newTeam" as const), unit: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("moveTeam" as const), team: pick, unit: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("teamActive" as const), team: pick, active: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rename" as const), unit: pick, month }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("moveUnit" as const), unit: pick, parent: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("merge" as const), unit: pick, into: pick }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("quiz" as const), member: pick, pass: fc.boolean(), month }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("session" as const),
      unit: pick,
      month,
      marks: fc.array(fc.record({ member: pick, status: fc.constantFrom("present", "late", "absent", "excused") }), { maxLength: 4 }),
      inPerson: fc.boolean(),
      cancel: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("field" as const),
      member: pick,
      field: fc.constantFrom(...FIELD_KINDS),
      count: fc.integer({ min: 1, max: 30 }),
      month,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("event" as const),
      member: pick,
      residents: fc.integer({ min: 1, max: 40 }),
      vneid: fc.integer({ min: 0, max: 20 }),
      month,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("target" as const),
      unit: pick,
      child: pick,
      metric: fc.constantFrom(...TARGET_METRICS),
      value: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
      period: fc.nat({ max: 3 }),
    }),
  },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** Noon on the 10th of a month before this one, Vietnam time. */
function monthsAgo(n: number) {
  const [y, m] = toVietnamLocal(new Date()).date.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 10, 5, 0));
  return d;
}

type World = {
  actor: Actor;
  trainer: SessionUser;
  admin: SessionUser;
  units: Array<{ id: number; code: string; level: string }>;
  teams: number[];
  members: number[];
};

async function newWorld(): Promise<World> {
  const n = ++run;
  const province = await createUnit({ code: `R${n}`, name: `Tỉnh ${n}`, levelKey: "province" });
  const units = [{ id: province.id, code: `R${n}`, level: "province" }];
  for (const c of ["A", "B"]) {
    const commune = await createUnit({ code: `R${n}${c}`, name: `Xã ${c}${n}`, levelKey: "commune", parentId: province.id });
    units.push({ id: commune.id, code: `R${n}${c}`, level: "commune" });
    for (const v of c === "A" ? ["1", "2"] : ["1"]) {
      const village = await createUnit({
        code: `R${n}${c}${v}`,
        name: `Thôn ${c}${v}-${n}`,
        levelKey: "village",
        parentId: commune.id,
        households: 10 * Number(v) + n,
      });
      units.push({ id: village.id, code: `R${n}${c}${v}`, level: "village" });
    }
  }
  const teams: number[] = [];
  const members: number[] = [];
  for (const u of units.filter((x) => x.level === "village")) {
    const team = await prisma.team.create({ data: { name: `Tổ ${u.code}`, unitId: u.id }, select: { id: true } });
    teams.push(team.id);
    for (let i = 0; i < 2; i++) members.push((await createUser({ name: `Thành viên ${u.code}-${i}`, teamId: team.id })).id);
  }
  const admin = await createUser({ name: `Quản trị ${n}`, role: "admin", scopeUnitId: province.id });
  const trainerUser = await createUser({ name: `Tập huấn ${n}`, role: "trainer", scopeUnitId: province.id });
  return {
    actor: { id: admin.id, role: "admin", scopeUnit: { id: province.id, path: province.path } },
    trainer: await signedIn(trainerUser.id),
    admin: await requireUser(await requestAs(admin.id)),
    units,
    teams,
    members,
  };
}

const at = <T>(list: T[], i: number) => list[i % list.length];

async function apply(world: World, c: Command) {
  const lesson = course.lessons[0];
  const quiz = lesson.text.vi.quiz;
  switch (c.kind) {
    case "join":
      world.members.push((await createUser({ name: `Người mới ${world.members.length}`, teamId: at(world.teams, c.team) })).id);
      return;
    case "moveMember":
      return moveMember(world.actor, at(world.members, c.member), at(world.teams, c.team));
    case "memberActive":
      return setMemberActive(world.actor, at(world.members, c.member), c.active);
    case "newTeam": {
      const team = await createTeam(world.actor, at(world.units, c.unit).id, `Tổ thêm ${world.teams.length}`);
      world.teams.push(team.id);
      return;
    }
    case "moveTeam":
      return moveTeam(world.actor, at(world.teams, c.team), at(world.units, c.unit).code);
    case "teamActive":
      return setTeamActive(world.actor, at(world.teams, c.team), c.active);
    case "rename":
      return renameUnit(world.actor, at(world.units, c.unit).id, `Tên mới ${c.month}`, monthsAgo(c.month));
    case "moveUnit":
      return moveUnit(world.actor, at(world.units, c.unit).id, at(world.units, c.parent).code);
    case "merge":
      return mergeUnit(world.actor, at(world.units, c.unit).id, at(world.units, c.into).code);
    case "quiz": {
      const answers = Object.fromEntries(quiz.map((q) => [q.id, (c.pass ? q.choices.find((x) => x.correct) : q.choices.find((x) => !x.correct))!.id]));
      const userId = at(world.members, c.member);
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { active: true } });
      if (!user.active) return; // an inactive account cannot sign in to answer
      await submitAttempt({ userId, lesson, quiz, language: "vi", answers, now: monthsAgo(c.month) });
      return;
    }
    case "session": {
      const startsAt = monthsAgo(c.month);
      const unit = at(world.units, c.unit);
      const teams = await prisma.team.findMany({ where: { active: true, unit: { active: true } }, select: { id: true, unit: { select: { path: true } } } });
      const unitRow = await prisma.unit.findUniqueOrThrow({ where: { id: unit.id }, select: { path: true, active: true } });
      const invited = teams.filter((t) => t.unit.path.startsWith(unitRow.path)).map((t) => t.id);
      if (!unitRow.active || invited.length === 0) return;
      const created = await createTrainingSession(world.trainer, {
        unitId: unit.id,
        title: "Buổi thử",
        startsAt,
        durationMinutes: 60,
        place: "Nhà văn hóa",
        teamIds: invited,
        lessonSlugs: [lesson.slug],
      });
      if ("error" in created) return;
      const invitees = (await prisma.sessionInvitee.findMany({ where: { sessionId: created.id }, select: { userId: true } })).map((i) => i.userId);
      const marks = invitees.length ? c.marks.map((m) => ({ userId: at(invitees, m.member), status: m.status, markedAt: startsAt })) : [];
      if (marks.length) await markAttendance(world.trainer, created.id, marks, startsAt);
      if (c.inPerson) await recordInPersonCompletions(world.trainer, created.id, new Date(startsAt.getTime() + 3600_000));
      // Cancelled at the time (a session whose time is over can no longer be cancelled).
      if (c.cancel) await cancelTrainingSession(world.trainer, created.id, startsAt);
      return;
    }
    case "field": {
      const userId = at(world.members, c.member);
      const user = await requireUser(await requestAs(userId)).catch(() => null);
      if (!user?.team) return;
      const when = monthsAgo(c.month);
      const date = toVietnamLocal(when).date;
      await recordResults(
        user,
        date,
        [{ kind: c.field, count: c.count, productName: c.field === "product-online" ? "Chè" : null }],
        new Date(when.getTime() + 86_400_000),
      );
      return;
    }
    case "event": {
      const userId = at(world.members, c.member);
      const user = await requireUser(await requestAs(userId)).catch(() => null);
      if (!user?.team) return;
      const when = monthsAgo(c.month);
      const sheet = `oracle-event-${world.units[0].code}-${++eventCounter}`.padEnd(16, "0");
      const event = {
        sheet,
        date: toVietnamLocal(when).date,
        place: "door-to-door",
        skills: ["vneid"],
        partners: [],
        residents: String(c.residents),
        vneidLevel2: String(c.vneid),
      };
      await recordEvent(user, event, new Date(when.getTime() + 86_400_000));
      // Sent again by the phone's queue: stored once.
      await recordEvent(user, event, new Date(when.getTime() + 2 * 86_400_000));
      return;
    }
    case "target": {
      // A unit with units below it (the province or a commune, wherever the history has put them).
      const parents = await prisma.unit.findMany({
        where: { id: { in: world.units.map((u) => u.id) }, active: true, children: { some: { active: true } } },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      if (!parents.length) return;
      const parent = (await unitById(at(parents, c.unit).id))!;
      const children = await prisma.unit.findMany({ where: { parentId: parent.id, active: true }, select: { id: true }, orderBy: { id: "asc" } });
      const key = targetPeriodKeys(new Date())[c.period];
      // One child cleared or set alone, or every child at once (sums and roll-ups).
      const entries =
        c.child % 2
          ? [{ unitId: at(children, c.child).id, metric: c.metric, raw: c.value === null ? "" : String(c.value) }]
          : children.map((child, i) => ({ unitId: child.id, metric: c.metric, raw: String((c.value ?? 10) + i * 7) }));
      await setTargets(world.admin, parent, parsePeriod(key), entries);
      return;
    }
  }
}

// ---------------------------------------------------------------- the recount

const monthVN = (d: Date | string) => toVietnamLocal(d).date.slice(0, 7);

/** The fact tables of one world (its units, and everything that happened in them), read once per check. */
async function facts(world: World) {
  const root = await prisma.unit.findUniqueOrThrow({ where: { id: world.units[0].id }, select: { path: true } });
  const units = await prisma.unit.findMany({
    where: { path: { startsWith: root.path } },
    select: { id: true, path: true, parentId: true, active: true, households: true, mergedIntoId: true },
  });
  const unitIds = units.map((u) => u.id);
  const teams = await prisma.team.findMany({ where: { unitId: { in: unitIds } }, select: { id: true, unitId: true, active: true } });
  const users = await prisma.user.findMany({ where: { teamId: { in: teams.map((t) => t.id) } }, select: { id: true, teamId: true, active: true } });
  const userIds = users.map((u) => u.id);
  const [events, targets] = await Promise.all([
    prisma.guidanceEvent.findMany({ where: { unitId: { in: unitIds } }, select: { unitId: true, date: true } }),
    prisma.target.findMany({ where: { unitId: { in: unitIds } }, orderBy: { id: "asc" }, select: { unitId: true, period: true, metric: true, value: true } }),
  ]);
  const [completions, attempts, attendance, sessions, fields] = await Promise.all([
    prisma.completion.findMany({ where: { userId: { in: userIds } }, select: { userId: true, completedAt: true, lessonSlug: true } }),
    prisma.quizAttempt.findMany({ where: { userId: { in: userIds } }, select: { userId: true, createdAt: true, passed: true } }),
    prisma.attendance.findMany({
      where: { userId: { in: userIds } },
      select: { userId: true, status: true, markedAt: true, session: { select: { startsAt: true } } },
    }),
    prisma.trainingSession.findMany({
      where: { unitId: { in: unitIds } },
      select: { id: true, unitId: true, startsAt: true, status: true, _count: { select: { attendance: true } } },
    }),
    prisma.fieldResult.findMany({
      where: { unitId: { in: unitIds } },
      select: { unitId: true, userId: true, date: true, kind: true, count: true, createdAt: true },
    }),
  ]);
  return { units, teams: teams, users, completions: completions, attempts, attendance, sessions, fields, events, targets };
}

/** Every figure of a unit, recounted from the facts. */
function recount(all: Awaited<ReturnType<typeof facts>>, unitId: number, period: { from: string; to: string }, now: Date) {
  const { units, attendance, sessions, fields } = all;
  const byId = new Map(units.map((u) => [u.id, u]));
  const root = byId.get(unitId)!;
  const inside = (p: string) => p.startsWith(root.path);
  const counting = (id: number): string => {
    let u = byId.get(id)!;
    while (u.mergedIntoId) u = byId.get(u.mergedIntoId)!;
    return u.path;
  };
  const teams = all.teams.filter((t) => t.active && inside(byId.get(t.unitId)!.path));
  const teamIds = new Set(teams.map((t) => t.id));
  const members = all.users.filter((u) => u.active && teamIds.has(u.teamId!));
  const memberIds = members.map((m) => m.id);
  const isMember = new Set(memberIds);
  const completions = all.completions.filter((c) => isMember.has(c.userId));
  const attempts = all.attempts.filter((a) => isMember.has(a.userId));
  const inPeriod = (m: string) => m >= period.from && m <= period.to;
  // Trained: first completion or first attended session, by the end of the period.
  const first = new Map<number, number>();
  const earliest = (userId: number, t: number) => first.set(userId, Math.min(first.get(userId) ?? Infinity, t));
  for (const c of completions) earliest(c.userId, c.completedAt.getTime());
  for (const a of attendance) if (ATTENDED.includes(a.status as (typeof ATTENDED)[number])) earliest(a.userId, a.session.startsAt.getTime());
  const trained = memberIds.filter((id) => first.has(id) && monthVN(new Date(first.get(id)!)) <= period.to).length;
  const field = (kind: string) =>
    fields.filter((f) => f.kind === kind && inside(counting(f.unitId)) && inPeriod(f.date.slice(0, 7))).reduce((s, f) => s + f.count, 0);
  // A team is inactive when none of its active members did anything in the last 90 days.
  const cutoff = now.getTime() - INACTIVE_DAYS * 86_400_000;
  const activeMembers = members;
  const last = new Map<number, number>();
  const touch = (userId: number, t: number) => last.set(userId, Math.max(last.get(userId) ?? -Infinity, t));
  for (const c of completions) touch(c.userId, c.completedAt.getTime());
  for (const a of attempts) touch(a.userId, a.createdAt.getTime());
  for (const a of attendance) if (ATTENDED.includes(a.status as (typeof ATTENDED)[number])) touch(a.userId, a.markedAt.getTime());
  for (const f of fields) touch(f.userId, f.createdAt.getTime());
  const inactiveTeams = teams.filter((t) => !activeMembers.some((m) => m.teamId === t.id && (last.get(m.id) ?? -Infinity) >= cutoff)).length;
  // Households: a unit's own figure, or the sum over active units at the bottom.
  const householdsOf = (id: number): number => {
    const u = byId.get(id)!;
    if (u.households !== null) return u.households;
    const kids = units.filter((k) => k.parentId === id && k.active);
    if (kids.length === 0) return u.active ? 0 : 0;
    return kids.reduce((s, k) => s + householdsOf(k.id), 0);
  };
  const lessons: Record<string, number> = {};
  for (const c of completions) lessons[c.lessonSlug] = (lessons[c.lessonSlug] ?? 0) + 1;
  return {
    teams: teams.length,
    members: memberIds.length,
    trained,
    completions: completions.filter((c) => inPeriod(monthVN(c.completedAt))).length,
    attempts: attempts.filter((a) => inPeriod(monthVN(a.createdAt))).length,
    passed: attempts.filter((a) => a.passed && inPeriod(monthVN(a.createdAt))).length,
    sessions: sessions.filter((s) => s.status !== "cancelled" && s._count.attendance > 0 && inside(counting(s.unitId)) && inPeriod(monthVN(s.startsAt))).length,
    inactiveTeams,
    residentsGuided: field("residents-guided"),
    vneidLevel1: field("vneid-level1"),
    vneidLevel2: field("vneid-level2"),
    publicAccounts: field("public-account"),
    paymentAccounts: field("payment-account"),
    productsOnline: field("product-online"),
    guidanceEvents: all.events.filter((e) => inside(counting(e.unitId)) && inPeriod(e.date.slice(0, 7))).length,
    households: householdsOf(unitId),
    lessons,
  };
}

/** The same figures through the product's report model. */
async function reported(unitId: number, periodKey: string, now: Date) {
  const unit = (await unitById(unitId))!;
  const data = await coverage(unit, parsePeriod(periodKey, now), "vi", now);
  const f = data.figures;
  return {
    teams: f.teams,
    members: f.members,
    trained: f.trained,
    completions: f.completions,
    attempts: f.attempts,
    passed: f.passed,
    sessions: f.sessions,
    inactiveTeams: f.inactiveTeams,
    ...f.fields,
    households: await households(unit),
    lessons: Object.fromEntries(data.lessons.filter((l) => l.completed > 0).map((l) => [l.slug, l.completed])),
  };
}

/** The periods targets are set for in the histories (whole report periods only). */
function targetPeriodKeys(now: Date) {
  const year = Number(toVietnamLocal(now).date.slice(0, 4));
  return [String(year), `${year}-H1`, `${year}-H2`, `${year - 1}-Q4`];
}

/**
 * Targets of a unit and its active children for a period, recounted: the
 * newest row per unit and figure; a unit without its own takes the sum of its
 * children's (and their done); its own below that sum is flagged; done is the
 * recounted figure.
 */
function recountTargets(all: Awaited<ReturnType<typeof facts>>, unitId: number, periodKey: string, now: Date) {
  const period = parsePeriod(periodKey, now);
  const latest = new Map<string, number | null>();
  for (const t of all.targets) if (t.period === periodKey) latest.set(`${t.unitId}:${t.metric}`, t.value);
  const children = all.units.filter((u) => u.parentId === unitId && u.active).map((u) => u.id);
  const figure = (id: number, metric: string) => recount(all, id, period, now)[metric as "trained"] as number;
  const rows: string[] = [];
  for (const metric of TARGET_METRICS) {
    let sum = 0;
    let doneBelow = 0;
    let any = false;
    for (const c of children) {
      const v = latest.get(`${c}:${metric}`);
      if (v === null || v === undefined) continue;
      any = true;
      sum += v;
      doneBelow += figure(c, metric);
      rows.push(`child ${c} ${metric} ${figure(c, metric)}/${v}`);
    }
    const own = latest.get(`${unitId}:${metric}`) ?? null;
    if (own !== null) rows.push(`own ${metric} ${figure(unitId, metric)}/${own}${any && own < sum ? " below" : ""}`);
    // Rolled up: the children's targets against what those same children did.
    else if (any) rows.push(`own ${metric} ${doneBelow}/${sum} rolled-up`);
  }
  return rows.sort();
}

async function reportedTargets(unitId: number, periodKey: string, now: Date) {
  const progress = await targetProgress((await unitById(unitId))!, parsePeriod(periodKey, now), now);
  return [
    ...progress.children.map((r) => `child ${r.unitId} ${r.metric} ${r.done}/${r.target}`),
    ...progress.own.map((r) => `own ${r.metric} ${r.done}/${r.target}${r.belowChildren ? " below" : ""}${r.rolledUp ? " rolled-up" : ""}`),
  ].sort();
}

function periodKeys(now: Date) {
  const year = Number(toVietnamLocal(now).date.slice(0, 4));
  const thisMonth = toVietnamLocal(now).date.slice(0, 7);
  return [String(year), String(year - 1), `${year}-H1`, `${year - 1}-Q4`, `${year - 1}-01..${thisMonth}`];
}

async function check(world: World) {
  const now = new Date();
  const all = await facts(world);
  const units = all.units.filter((u) => u.active);
  for (const { id } of units) {
    for (const key of periodKeys(now)) {
      const period = parsePeriod(key, now);
      const expected = recount(all, id, period, now);
      const actual = await reported(id, key, now);
      const diff = Object.keys(expected).filter(
        (k) => JSON.stringify(expected[k as keyof typeof expected]) !== JSON.stringify(actual[k as keyof typeof actual]),
      );
      if (diff.length) {
        throw new Error(
          `unit ${id}, period ${key}: ${diff.map((k) => `${k} reported ${JSON.stringify(actual[k as keyof typeof actual])}, recounted ${JSON.stringify(expected[k as keyof typeof expected])}`).join("; ")}`,
        );
      }
    }
    for (const key of targetPeriodKeys(now)) {
      const expected = recountTargets(all, id, key, now);
      const actual = await reportedTargets(id, key, now);
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        throw new Error(`targets of unit ${id}, period ${key}: reported ${JSON.stringify(actual)}, recounted ${JSON.stringify(expected)}`);
      }
    }
  }
}

describe("the recount oracle", () => {
  it(`every figure of every unit equals a recount from the facts (${RUNS} random histories, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (commands) => {
        const world = await newWorld();
        worlds.push(world);
        for (const c of commands) {
          try {
            await apply(world, c);
          } catch (error) {
            // A refused change (merging across levels, moving into itself…) changes nothing.
            if (!(error instanceof RuleError) && !(error instanceof Response)) throw error;
          }
        }
        await check(world);
      }),
      { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: false, verbose: 1 },
    );
  }, 1_800_000);

  it("the repair tool's full rebuild gives the same figures as the summaries kept on write", async () => {
    await rebuildStats();
    for (const world of worlds.slice(-40)) await check(world);
  }, 600_000);
});
