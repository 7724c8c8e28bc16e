// Coverage figures for supervisors, read from the summary tables: membership
// counters on Unit (summed over a path range), UnitMonthStat and
// UnitLessonStat rows (one per unit and month or lesson), Team.lastActiveAt.
import { getCourse, lessonText } from "~/content/course.server";
import type { Language } from "~/i18n";
import { ATTENDED_SQL } from "~/utils/attendance";
import { prisma, sql } from "~/utils/db.server";
import { FIXED_ORDER_JOIN, inJsonList, sqlDate } from "~/utils/sql-dialect.server";
import { toVietnamLocal, vietnamMonthStart } from "~/utils/time";
import { subtreeUpperBound } from "~/utils/unit-path";
import { MONTH_METRICS, type MonthMetric } from "./stats.server";
import { cachedSummary } from "./summary-cache.server";
import { byVietnameseName, subtreeTotals } from "./unit.server";

/** A team none of whose active members did anything for this many days is flagged inactive. */
export const INACTIVE_DAYS = 90;
/** The instant before which a team's last activity makes it inactive. */
export const inactiveBefore = (now: Date) => new Date(now.getTime() - INACTIVE_DAYS * 24 * 60 * 60_000);

// ---------------------------------------------------------------- periods

export type Period = { key: string; from: string; to: string; kind: "quarter" | "half" | "year" | "custom" };

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * "2026-Q4", "2026-H1", "2026" or a custom month range "2026-01..2026-05".
 * Anything else (or nothing) means the current year so far.
 */
export function parsePeriod(value: string | null | undefined, now = new Date()): Period {
  const v = (value ?? "").trim();
  let m = v.match(/^(\d{4})-Q([1-4])$/);
  if (m) {
    const q = Number(m[2]);
    return { key: v, kind: "quarter", from: `${m[1]}-${pad(q * 3 - 2)}`, to: `${m[1]}-${pad(q * 3)}` };
  }
  m = v.match(/^(\d{4})-H([12])$/);
  if (m) return { key: v, kind: "half", from: `${m[1]}-${m[2] === "1" ? "01" : "07"}`, to: `${m[1]}-${m[2] === "1" ? "06" : "12"}` };
  m = v.match(/^(\d{4})$/);
  if (m) return { key: v, kind: "year", from: `${m[1]}-01`, to: `${m[1]}-12` };
  m = v.match(/^(\d{4}-(?:0[1-9]|1[0-2]))\.\.(\d{4}-(?:0[1-9]|1[0-2]))$/);
  if (m && m[1] <= m[2]) return { key: v, kind: "custom", from: m[1], to: m[2] };
  const year = toVietnamLocal(now).date.slice(0, 4);
  return { key: year, kind: "year", from: `${year}-01`, to: `${year}-12` };
}

/** The first moment of a period: its first month's first day, in Vietnam time. */
export function periodStart(period: Pick<Period, "from">) {
  const [y, m] = period.from.split("-").map(Number);
  return vietnamMonthStart(y, m);
}

/** The last moment of a period (Vietnam time), or now if the period has not ended. */
export function periodEnd(period: Period, now = new Date()) {
  const [y, m] = period.to.split("-").map(Number);
  const end = new Date(vietnamMonthStart(y, m + 1).getTime() - 1);
  return end < now ? end : now;
}

/** Periods to offer in a picker: this year's quarters and halves, this year and last. */
export function periodChoices(now = new Date()) {
  const year = Number(toVietnamLocal(now).date.slice(0, 4));
  return [
    String(year),
    `${year}-Q1`,
    `${year}-Q2`,
    `${year}-Q3`,
    `${year}-Q4`,
    `${year}-H1`,
    `${year}-H2`,
    String(year - 1),
    `${year - 1}-H1`,
    `${year - 1}-H2`,
  ];
}

// ---------------------------------------------------------------- units

export type UnitRow = {
  id: number;
  name: string;
  levelKey: string;
  path: string;
  parentId: number | null;
  depth: number;
  households: number | null;
  hasChildren: boolean;
};

export async function unitById(id: number) {
  return sql(
    `SELECT id, name, levelKey, path, parentId, depth, households,
       EXISTS (SELECT 1 FROM Unit c WHERE c.parentId = Unit.id) AS hasChildren
     FROM Unit WHERE id = ?`,
  ).get<UnitRow>(id);
}

async function childUnits(id: number) {
  return (
    await sql(
      `SELECT id, name, levelKey, path, parentId, depth, households,
         EXISTS (SELECT 1 FROM Unit g WHERE g.parentId = c.id) AS hasChildren
       FROM Unit c WHERE parentId = ? AND active = TRUE`,
    ).all<UnitRow>(id)
  ).sort(byVietnameseName);
}

// ---------------------------------------------------------------- figures

export type Figures = {
  teams: number;
  members: number;
  trained: number;
  trainedShare: number;
  completions: number;
  attempts: number;
  passed: number;
  passRate: number | null;
  sessions: number;
  inactiveTeams: number;
  fields: Record<Exclude<MonthMetric, "trained" | "completions" | "attempts" | "passed" | "sessions">, number>;
};

/**
 * Teams in each listed unit's subtree with no activity for INACTIVE_DAYS. The
 * country's children cover every team: the count up to the hour before the
 * cutoff is kept (until a team's activity crosses the 90-day line, or teams
 * change), and the teams last active between that hour and the cutoff, which
 * are few, are added each time: exact to the millisecond.
 */
async function inactiveTeams(unitIds: number[], now: Date) {
  const cutoff = inactiveBefore(now);
  // A report for another moment (tests, a past look) is counted directly: the stamps follow the real clock.
  if (Math.abs(now.getTime() - Date.now()) > 60_000) return countInactiveTeams(unitIds, cutoff);
  const hour = new Date(Math.floor(cutoff.getTime() / 3_600_000) * 3_600_000);
  const [counted, edge] = await Promise.all([
    cachedSummary(["tree", "activity"], `inactiveTeams:${unitIds.join(",")}:${hour.toISOString()}`, () => countInactiveTeams(unitIds, hour)),
    sql(
      `SELECT c.id, COUNT(*) AS n FROM Team t ${FIXED_ORDER_JOIN} Unit c ON t.path >= c.path AND t.path < substr(c.path, 1, length(c.path) - 1) || '0'
       WHERE t.lastActiveAt >= ? AND t.lastActiveAt < ? AND t.active = TRUE AND ${inJsonList("c.id")} GROUP BY c.id`,
    ).all<{ id: number; n: number }>(sqlDate(hour), sqlDate(cutoff), JSON.stringify(unitIds)),
  ]);
  const result = new Map(counted);
  for (const r of edge) result.set(r.id, (result.get(r.id) ?? 0) + Number(r.n));
  return result;
}

async function countInactiveTeams(unitIds: number[], before: Date) {
  const cutoff = sqlDate(before);
  const rows = await sql(
    `SELECT c.id, COUNT(t.id) AS n FROM Unit c
     JOIN Team t ON t.path >= c.path AND t.path < substr(c.path, 1, length(c.path) - 1) || '0'
       AND t.active = TRUE AND (t.lastActiveAt IS NULL OR t.lastActiveAt < ?)
     WHERE ${inJsonList("c.id")} GROUP BY c.id`,
  ).all<{ id: number; n: number }>(cutoff, JSON.stringify(unitIds));
  return new Map(rows.map((r) => [r.id, r.n]));
}

async function monthTotals(unitIds: number[], from: string, to: string) {
  if (unitIds.length === 0) return new Map<number, Record<MonthMetric, number>>();
  const rows = await sql(
    `SELECT unitId, ${MONTH_METRICS.map((m) => `SUM(${m}) AS ${m}`).join(", ")}
     FROM UnitMonthStat WHERE ${inJsonList("unitId")} AND month >= ? AND month <= ? GROUP BY unitId`,
  ).all<{ unitId: number } & Record<MonthMetric, number>>(JSON.stringify(unitIds), from, to);
  return new Map(rows.map((r) => [r.unitId, r]));
}

async function trainedToDate(unitIds: number[], to: string) {
  if (unitIds.length === 0) return new Map<number, number>();
  const rows = await sql(`SELECT unitId, SUM(trained) AS trained FROM UnitMonthStat WHERE ${inJsonList("unitId")} AND month <= ? GROUP BY unitId`).all<{
    unitId: number;
    trained: number;
  }>(JSON.stringify(unitIds), to);
  return new Map(rows.map((r) => [r.unitId, r.trained]));
}

/** Every figure of some units for a period (the dashboard, the periodic report and targets all read them here). */
export async function figuresFor(units: Array<Pick<UnitRow, "id">>, period: Pick<Period, "from" | "to">, now: Date): Promise<Map<number, Figures>> {
  const ids = units.map((u) => u.id);
  const [totals, trained, membership, inactive] = await Promise.all([
    monthTotals(ids, period.from, period.to),
    trainedToDate(ids, period.to),
    subtreeTotals(ids),
    inactiveTeams(ids, now),
  ]);
  const result = new Map<number, Figures>();
  for (const unit of units) {
    const { teams, members } = membership.get(unit.id) ?? { teams: 0, members: 0 };
    const t = totals.get(unit.id);
    const get = (m: MonthMetric) => Number(t?.[m] ?? 0);
    const trainedCount = Number(trained.get(unit.id) ?? 0);
    result.set(unit.id, {
      teams,
      members,
      trained: trainedCount,
      trainedShare: members ? trainedCount / members : 0,
      completions: get("completions"),
      attempts: get("attempts"),
      passed: get("passed"),
      passRate: get("attempts") ? get("passed") / get("attempts") : null,
      sessions: get("sessions"),
      inactiveTeams: inactive.get(unit.id) ?? 0,
      fields: {
        residentsGuided: get("residentsGuided"),
        vneidLevel1: get("vneidLevel1"),
        vneidLevel2: get("vneidLevel2"),
        publicAccounts: get("publicAccounts"),
        paymentAccounts: get("paymentAccounts"),
        productsOnline: get("productsOnline"),
        guidanceEvents: get("guidanceEvents"),
      },
    });
  }
  return result;
}

/** Completions per lesson (members who completed it, to date) for some units. */
async function lessonCounts(unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return sql(`SELECT unitId, lessonSlug, completions FROM UnitLessonStat WHERE ${inJsonList("unitId")}`).all<{
    unitId: number;
    lessonSlug: string;
    completions: number;
  }>(JSON.stringify(unitIds));
}

/** The teams attached to a unit itself (not below it), with their activity. */
async function ownTeams(unitId: number, now: Date) {
  const cutoff = inactiveBefore(now);
  const rows = await sql(
    `SELECT t.id, t.name, t.lastActiveAt,
       (SELECT COUNT(*) FROM User u WHERE u.teamId = t.id AND u.active = TRUE) AS members,
       (SELECT COUNT(*) FROM User u WHERE u.teamId = t.id AND u.active = TRUE AND u.firstTrainedAt IS NOT NULL) AS trained
     FROM Team t WHERE t.unitId = ? AND t.active = TRUE ORDER BY t.name`,
  ).all<{ id: number; name: string; lastActiveAt: string | null; members: number; trained: number }>(unitId);
  return rows.map((r) => ({ ...r, inactive: !r.lastActiveAt || new Date(r.lastActiveAt) < cutoff }));
}

/** The dashboard of one unit for one period: its own figures, each child's, lessons and topics. */
export async function coverage(unit: UnitRow, period: Period, language: Language, now = new Date()) {
  const children = await childUnits(unit.id);
  const [figures, course, counts, teams] = await Promise.all([
    figuresFor([unit, ...children], period, now),
    getCourse(),
    lessonCounts([unit.id, ...children.map((c) => c.id)]),
    ownTeams(unit.id, now),
  ]);
  const own = figures.get(unit.id)!;
  const byUnitLesson = new Map(counts.map((c) => [`${c.unitId}:${c.lessonSlug}`, c.completions]));
  const lessons = course.lessons.map((l) => {
    const completed = byUnitLesson.get(`${unit.id}:${l.slug}`) ?? 0;
    return { slug: l.slug, topic: l.topic, title: lessonText(l, language).title, completed, share: own.members ? completed / own.members : 0 };
  });
  const topicShare = (unitId: number, members: number, topicId: string) => {
    const inTopic = course.lessons.filter((l) => l.topic === topicId);
    const done = inTopic.reduce((sum, l) => sum + (byUnitLesson.get(`${unitId}:${l.slug}`) ?? 0), 0);
    return members && inTopic.length ? done / (members * inTopic.length) : 0;
  };
  const topics = course.topics.map((t) => ({
    id: t.id,
    title: t.title[language],
    share: topicShare(unit.id, own.members, t.id),
    byChild: children.map((c) => ({ unitId: c.id, share: topicShare(c.id, figures.get(c.id)!.members, t.id) })),
  }));
  return {
    unit: { id: unit.id, name: unit.name, levelKey: unit.levelKey, parentId: unit.parentId, path: unit.path },
    figures: own,
    children: children.map((c) => ({ id: c.id, name: c.name, levelKey: c.levelKey, hasChildren: Boolean(c.hasChildren), figures: figures.get(c.id)! })),
    teams,
    lessons,
    topics,
  };
}

// ---------------------------------------------------------------- team and member

/** A team's members with what each has done (small: one team). */
export async function teamDetail(teamId: number, now = new Date()) {
  const team = await sql(
    `SELECT t.id, t.name, t.unitId, t.lastActiveAt, un.path, un.name AS unitName FROM Team t JOIN Unit un ON un.id = t.unitId WHERE t.id = ?`,
  ).get<{
    id: number;
    name: string;
    unitId: number;
    lastActiveAt: string | null;
    path: string;
    unitName: string;
  }>(teamId);
  if (!team) return null;
  const members = await sql(
    `SELECT u.id, u.name, u.phone, u.position, u.firstTrainedAt,
       (SELECT COUNT(*) FROM Completion c WHERE c.userId = u.id) AS completions,
       (SELECT COUNT(*) FROM Completion c WHERE c.userId = u.id AND c.method = 'in-person') AS inPerson,
       (SELECT COUNT(*) FROM Attendance a WHERE a.userId = u.id AND a.status IN (${ATTENDED_SQL})) AS sessions,
       (SELECT COUNT(*) FROM SkillSignoff s WHERE s.userId = u.id) AS skills,
       (SELECT MAX(c.completedAt) FROM Completion c WHERE c.userId = u.id) AS lastCompletion
     FROM User u WHERE u.teamId = ? AND u.active = TRUE`,
  ).all<{
    id: number;
    name: string;
    phone: string;
    position: string | null;
    firstTrainedAt: string | null;
    completions: number;
    inPerson: number;
    sessions: number;
    skills: number;
    lastCompletion: string | null;
  }>(teamId);
  const cutoff = inactiveBefore(now);
  return {
    team: { ...team, inactive: !team.lastActiveAt || new Date(team.lastActiveAt) < cutoff },
    members: members.sort(byVietnameseName),
  };
}

/** One member's record: lessons, sessions, skills, field results. */
export async function memberDetail(userId: number, language: Language) {
  const member = await sql(
    `SELECT u.id, u.name, u.phone, u.position, u.firstTrainedAt, u.teamId, t.name AS teamName, un.path, un.name AS unitName
     FROM User u JOIN Team t ON t.id = u.teamId JOIN Unit un ON un.id = t.unitId WHERE u.id = ?`,
  ).get<{
    id: number;
    name: string;
    phone: string;
    position: string | null;
    firstTrainedAt: string | null;
    teamId: number;
    teamName: string;
    path: string;
    unitName: string;
  }>(userId);
  if (!member) return null;
  const course = await getCourse();
  const completions = (
    await sql(`SELECT lessonSlug, completedAt, method FROM Completion WHERE userId = ? ORDER BY completedAt`).all<{
      lessonSlug: string;
      completedAt: string;
      method: string;
    }>(userId)
  ).map((c) => {
    const lesson = course.bySlug.get(c.lessonSlug);
    return { ...c, title: lesson ? lessonText(lesson, language).title : c.lessonSlug };
  });
  const attempts = (await sql(`SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN passed THEN 1 ELSE 0 END), 0) AS passed FROM QuizAttempt WHERE userId = ?`).get<{
    n: number;
    passed: number;
  }>(userId))!;
  const sessions = await sql(
    `SELECT s.id, s.title, s.startsAt, a.status FROM Attendance a JOIN TrainingSession s ON s.id = a.sessionId WHERE a.userId = ? ORDER BY s.startsAt DESC LIMIT 20`,
  ).all<{ id: number; title: string; startsAt: string; status: string }>(userId);
  const skills = await sql(`SELECT skillKey, signedAt FROM SkillSignoff WHERE userId = ?`).all<{ skillKey: string; signedAt: string }>(userId);
  const results = await sql(`SELECT kind, SUM(count) AS total FROM FieldResult WHERE userId = ? GROUP BY kind`).all<{ kind: string; total: number }>(userId);
  return { member, completions, attempts, sessions, skills, results };
}

// ---------------------------------------------------------------- periodic report

/**
 * Households of a unit: its own figure, or the sum over the active units at
 * the bottom of its subtree. A merged unit is inactive: its households were
 * added to the unit it merged into, so they count there, once.
 */
export async function households(unit: UnitRow) {
  if (unit.households !== null) return unit.households;
  // A scan of the subtree (the whole country for a national report): kept until the tree changes.
  return cachedSummary(["tree"], `households:${unit.path}`, async () => {
    const row = await sql(
      `SELECT COALESCE(SUM(households), 0) AS n FROM Unit u WHERE path >= ? AND path < ? AND active = TRUE
         AND NOT EXISTS (SELECT 1 FROM Unit c WHERE c.parentId = u.id AND c.active = TRUE)`,
    ).get<{ n: number }>(unit.path, subtreeUpperBound(unit.path));
    return Number(row!.n);
  });
}

/** A product name compared as people mean it: case, spacing and Unicode form aside. */
export function productKey(name: string) {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

/** Distinct names, first spelling kept, in Vietnamese dictionary order. */
function distinctNames(names: string[]) {
  const byKey = new Map<string, string>();
  for (const name of names) if (!byKey.has(productKey(name))) byKey.set(productKey(name), name.trim());
  return [...byKey.values()]
    .map((name) => ({ name }))
    .sort(byVietnameseName)
    .map((r) => r.name);
}

/**
 * The local OCOP products kept for the active units of the subtree (the list
 * as it stands: it has no history), by distinct name. A merged unit's products
 * moved with it to the unit it merged into.
 */
export async function ocopProducts(unit: Pick<UnitRow, "path">) {
  const rows = await sql(
    // The list is small and the country's units are many: read the list, then each product's unit.
    `SELECT o.name, o.online FROM OcopProduct o ${FIXED_ORDER_JOIN} Unit u ON u.id = o.unitId
     WHERE u.path >= ? AND u.path < ? AND u.active = TRUE`,
  ).all<{ name: string; online: number }>(unit.path, subtreeUpperBound(unit.path));
  return { all: distinctNames(rows.map((r) => r.name)), online: distinctNames(rows.filter((r) => r.online).map((r) => r.name)) };
}

/**
 * Products members put on e-commerce in the subtree during the period (their
 * field results), by distinct name, leaving out those on the OCOP list: the
 * seed reports them apart ("besides the OCOP products, … other products").
 */
async function productsOnline(unit: UnitRow, period: Period, ocopNames: string[]) {
  // Kept until a product is recorded or the tree changes (the names of the whole country otherwise read per request).
  const rows = await cachedSummary(["tree", "products"], `productsOnline:${unit.path}:${period.from}:${period.to}`, () =>
    sql(
      // Products put online are few among the field results: read them by kind and date, then their units.
      `SELECT f.productName AS name FROM FieldResult f ${FIXED_ORDER_JOIN} Unit u ON u.id = f.unitId
     WHERE u.path >= ? AND u.path < ? AND f.kind = 'product-online' AND f.date >= ? AND f.date <= ? AND f.productName IS NOT NULL`,
    ).all<{ name: string }>(unit.path, subtreeUpperBound(unit.path), `${period.from}-01`, `${period.to}-31`),
  );
  const ocop = new Set(ocopNames.map(productKey));
  return distinctNames(rows.map((r) => r.name).filter((name) => name.trim() && !ocop.has(productKey(name))));
}

/** Teams and members per level of the tree (as seed 000 reports them). */
function perLevel(unit: UnitRow) {
  // The counters of every unit in the subtree: kept until the tree or its counters change.
  return cachedSummary(["tree"], `perLevel:${unit.path}`, () =>
    sql(
      `SELECT u.levelKey, l.nameVi, l.nameEn, COUNT(CASE WHEN u.ownTeams > 0 THEN 1 END) AS units, SUM(u.ownTeams) AS teams, SUM(u.ownMembers) AS members
     FROM Unit u JOIN UnitLevel l ON l.key = u.levelKey
     WHERE u.path >= ? AND u.path < ? GROUP BY u.levelKey, l.nameVi, l.nameEn ORDER BY MIN(l.rank)`,
    ).all<{ levelKey: string; nameVi: string; nameEn: string; units: number; teams: number; members: number }>(unit.path, subtreeUpperBound(unit.path)),
  );
}

/**
 * The village level (thôn, bản, ấp, tổ dân phố, khu dân cư): the deepest level
 * any active unit has anywhere in the tree. Levels are data and districts went
 * in 2025, so no level is named in code; the deepest one in use stays the
 * village whatever was removed above it. It is taken over the whole tree, not
 * one subtree, so a commune whose villages are not entered yet counts none
 * rather than itself. Levels of equal rank (village, residential group) count together.
 */
export function villageLevel() {
  return cachedSummary(["tree"], "villageLevel", deepestLevel);
}

async function deepestLevel() {
  const deepest = await sql(
    `SELECT l.rank FROM UnitLevel l WHERE EXISTS (SELECT 1 FROM Unit u WHERE u.levelKey = l.key AND u.active = TRUE) ORDER BY l.rank DESC LIMIT 1`,
  ).get<{ rank: number }>();
  if (!deepest) return null;
  const levels = await sql(`SELECT key, nameVi, nameEn FROM UnitLevel WHERE rank = ? ORDER BY key`).all<{ key: string; nameVi: string; nameEn: string }>(
    deepest.rank,
  );
  return { rank: deepest.rank, keys: levels.map((l) => l.key), nameVi: levels.map((l) => l.nameVi).join(", "), nameEn: levels.map((l) => l.nameEn).join(", ") };
}

/**
 * Villages in the subtree at the end of the period, and how many had a team
 * then (the coverage denominator of seed 001: "105 villages, 105 village
 * teams"). A village counts while it is active, or until the moment it was
 * merged into another; a team counts for the village it belonged to at the
 * end of the period (a later move or merge is undone from its TeamMove rows)
 * if it is active today. The product does not record when a unit or team
 * closed, only merges and moves, so a closed one is left out of every period.
 */
function villages(unit: UnitRow, end: Date, now: Date) {
  // Until the period ends its end is now, and the figure is the tree as it stands: kept until the tree changes.
  const key = `villages:${unit.path}:${end.getTime() >= now.getTime() ? "now" : end.toISOString()}`;
  return cachedSummary(["tree"], key, () => villagesAt(unit, end));
}

async function villagesAt(unit: UnitRow, end: Date) {
  const level = await villageLevel();
  if (!level) return null;
  const at = sqlDate(end);
  const params = { end: at, from: unit.path, to: subtreeUpperBound(unit.path), levels: JSON.stringify(level.keys) };
  const inTree = `v.path >= @from AND v.path < @to AND ${inJsonList("v.levelKey", "text", "@levels")}
       AND (v.active = TRUE OR (v.mergedAt IS NOT NULL AND v.mergedAt > @end))`;
  // With no team moved since the end of the period (always so for the current one),
  // a village's teams then are its active teams now, which its counter holds.
  const movedSince = (await sql(`SELECT EXISTS (SELECT 1 FROM TeamMove WHERE movedAt > ?) AS moved`).get<{ moved: number }>(at))!;
  const row = (await (
    movedSince.moved
      ? sql(
          `SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN
              EXISTS (SELECT 1 FROM Team t WHERE t.unitId = v.id AND t.active = TRUE
                        AND NOT EXISTS (SELECT 1 FROM TeamMove m WHERE m.teamId = t.id AND m.movedAt > @end))
              OR EXISTS (SELECT 1 FROM TeamMove m JOIN Team t ON t.id = m.teamId
                        WHERE m.fromUnitId = v.id AND m.movedAt > @end AND t.active = TRUE
                          AND NOT EXISTS (SELECT 1 FROM TeamMove e WHERE e.teamId = m.teamId AND e.movedAt > @end
                                            AND (e.movedAt < m.movedAt OR (e.movedAt = m.movedAt AND e.id < m.id))))
            THEN 1 ELSE 0 END), 0) AS withTeam
           FROM Unit v WHERE ${inTree}`,
        )
      : sql(`SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN v.ownTeams > 0 THEN 1 ELSE 0 END), 0) AS withTeam FROM Unit v WHERE ${inTree}`)
  ).get<{ total: number; withTeam: number }>(params))!;
  return { levelVi: level.nameVi, levelEn: level.nameEn, total: Number(row.total), withTeam: Number(row.withTeam) };
}

/**
 * Zalo groups the active teams of the subtree say they run (the figure kept on
 * each team, as it stands), and how many teams have given it.
 */
function zaloGroups(unit: UnitRow) {
  return cachedSummary(["tree"], `zalo:${unit.path}`, () => zaloGroupsNow(unit));
}

async function zaloGroupsNow(unit: UnitRow) {
  const row = (await sql(
    `SELECT COUNT(*) AS teams, COUNT(zaloGroups) AS reported, COALESCE(SUM(zaloGroups), 0) AS groups
     FROM Team WHERE path >= ? AND path < ? AND active = TRUE`,
  ).get<{ teams: number; reported: number; groups: number }>(unit.path, subtreeUpperBound(unit.path)))!;
  return { groups: Number(row.groups), teams: Number(row.teams), reported: Number(row.reported) };
}

/** The figures of the periodic report (seed 001, sections 1 and 3.1), for a unit and period. */
export async function periodicReport(unit: UnitRow, period: Period, now = new Date()) {
  const [figures, ocop, householdCount, villageCount, zalo, levels] = await Promise.all([
    figuresFor([unit], period, now).then((f) => f.get(unit.id)!),
    ocopProducts(unit),
    households(unit),
    villages(unit, periodEnd(period, now), now),
    zaloGroups(unit),
    perLevel(unit),
  ]);
  return {
    indicators: {
      households: householdCount,
      sessions: figures.sessions,
      guidanceEvents: figures.fields.guidanceEvents,
      membersTrained: figures.trained,
      members: figures.members,
      residentsGuided: figures.fields.residentsGuided,
      publicAccounts: figures.fields.publicAccounts,
      vneidTotal: figures.fields.vneidLevel1 + figures.fields.vneidLevel2,
      vneidLevel1: figures.fields.vneidLevel1,
      vneidLevel2: figures.fields.vneidLevel2,
      paymentAccounts: figures.fields.paymentAccounts,
      productsOnline: figures.fields.productsOnline,
      ocopProducts: ocop.all,
      ocopOnline: ocop.online,
      otherProducts: await productsOnline(unit, period, ocop.all),
    },
    villages: villageCount,
    zalo,
    levels,
    teams: figures.teams,
    inactiveTeams: figures.inactiveTeams,
  };
}

// ---------------------------------------------------------------- inactive teams (issue 18)

/**
 * The teams behind the inactive-teams figure of a unit: the same rule (active
 * teams of the subtree, no activity for INACTIVE_DAYS), as a list with each
 * team's last activity, never-active first, then longest idle first, and
 * whether it has a task open now.
 */
export async function inactiveTeamList(unit: Pick<UnitRow, "path">, now = new Date(), take = 500) {
  const cutoff = inactiveBefore(now);
  const teams = await prisma.team.findMany({
    where: { active: true, path: { gte: unit.path, lt: subtreeUpperBound(unit.path) }, OR: [{ lastActiveAt: null }, { lastActiveAt: { lt: cutoff } }] },
    select: {
      id: true,
      name: true,
      lastActiveAt: true,
      unit: { select: { id: true, name: true } },
      _count: { select: { members: { where: { active: true } }, tasks: { where: { doneAt: null, task: { cancelledAt: null } } } } },
    },
    orderBy: [{ lastActiveAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take,
  });
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    unitId: t.unit.id,
    unitName: t.unit.name,
    lastActiveAt: t.lastActiveAt ? t.lastActiveAt.toISOString() : null,
    members: t._count.members,
    openTasks: t._count.tasks,
  }));
}
