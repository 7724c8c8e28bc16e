// Summary tables for coverage reports, kept current with every write.
// An event is counted for the member's unit and every ancestor of it, per
// month (UnitMonthStat) or per lesson (UnitLessonStat), so a report for any
// unit and period reads a handful of rows however large the country.
// After the unit tree changes shape (a move or a merge), rebuildStats()
// recomputes them from the facts.
import type { Prisma } from "~/generated/prisma/client";
import { ATTENDED, ATTENDED_SQL } from "~/utils/attendance";
import { prisma } from "~/utils/db.server";
import { isPostgres, portable, tempIndex, tempTable, unitsOnPathOf, vietnamMonth } from "~/utils/sql-dialect.server";
import { toVietnamLocal } from "~/utils/time";
import { pathIds } from "~/utils/unit-path";

type Tx = Prisma.TransactionClient;

export const MONTH_METRICS = [
  "trained",
  "completions",
  "attempts",
  "passed",
  "sessions",
  "residentsGuided",
  "vneidLevel1",
  "vneidLevel2",
  "publicAccounts",
  "paymentAccounts",
  "productsOnline",
  "guidanceEvents",
] as const;
export type MonthMetric = (typeof MONTH_METRICS)[number];

/** The Vietnam calendar month of an instant, "YYYY-MM". */
export function monthOf(at: Date | string) {
  return toVietnamLocal(at).date.slice(0, 7);
}

export async function addMonthStats(tx: Tx, unitPath: string, month: string, deltas: Partial<Record<MonthMetric, number>>) {
  const metrics = MONTH_METRICS.filter((m) => deltas[m]);
  if (metrics.length === 0 || !unitPath) return;
  const ids = pathIds(unitPath);
  // Column names come from the fixed list above, never from input.
  const columns = metrics.map((m) => `"${m}"`).join(", ");
  const updates = metrics.map((m) => `"${m}" = "UnitMonthStat"."${m}" + excluded."${m}"`).join(", ");
  const rows = ids.map(() => `(?, ?, ${metrics.map(() => "?").join(", ")})`).join(", ");
  const values = ids.flatMap((id) => [id, month, ...metrics.map((m) => deltas[m]!)]);
  await tx.$executeRawUnsafe(
    portable(`INSERT INTO "UnitMonthStat" ("unitId", "month", ${columns}) VALUES ${rows} ON CONFLICT ("unitId", "month") DO UPDATE SET ${updates}`),
    ...values,
  );
}

export async function addLessonStat(tx: Tx, unitPath: string, lessonSlug: string, delta: number) {
  if (!unitPath || !delta) return;
  const ids = pathIds(unitPath);
  await tx.$executeRawUnsafe(
    portable(`INSERT INTO "UnitLessonStat" ("unitId", "lessonSlug", "completions") VALUES ${ids.map(() => "(?, ?, ?)").join(", ")}
     ON CONFLICT ("unitId", "lessonSlug") DO UPDATE SET "completions" = "UnitLessonStat"."completions" + excluded."completions"`),
    ...ids.flatMap((id) => [id, lessonSlug, delta]),
  );
}

/**
 * The member's team and where their own learning counts: the team's path
 * while the member and the team are both active, nowhere ("") otherwise. A
 * member's record follows them (see withMemberPlacement): the figures of a
 * unit are always those of the members it has now.
 */
export async function memberPlace(tx: Tx, userId: number) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { active: true, firstTrainedAt: true, team: { select: { id: true, path: true, active: true } } },
  });
  const counted = Boolean(user?.active && user.team?.active);
  return { teamId: user?.team?.id ?? null, path: counted ? user!.team!.path : "", firstTrainedAt: user?.firstTrainedAt ?? null };
}

async function placements(tx: Tx, userIds: number[]) {
  const users = await tx.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, active: true, teamId: true, team: { select: { path: true, active: true } } },
  });
  return {
    paths: new Map(users.map((u) => [u.id, u.active && u.team?.active ? u.team.path : ""])),
    teams: new Map(users.map((u) => [u.id, `${u.teamId ?? ""}:${u.active}`])),
    teamIds: users.map((u) => u.teamId).filter((id): id is number => id !== null),
  };
}

/**
 * Runs a change to where members belong (moved to another team, a team moved
 * or closed, a member deactivated) and carries each affected member's own
 * record (trained, completions, attempts, lessons) from where it counted to
 * where it counts now, in the same transaction.
 */
export async function withMemberPlacement<T>(tx: Tx, userIds: number[], change: () => Promise<T>): Promise<T> {
  if (userIds.length === 0) return change();
  const before = await placements(tx, userIds);
  const result = await change();
  const after = await placements(tx, userIds);
  const moved = userIds.filter((id) => (before.paths.get(id) ?? "") !== (after.paths.get(id) ?? ""));
  if (moved.length) await shiftRecords(tx, moved, before.paths, after.paths);
  // A team's last activity is its current active members' latest: joining or leaving changes it.
  if (userIds.some((id) => before.teams.get(id) !== after.teams.get(id))) {
    await recomputeTeamActivity(tx, [...new Set([...before.teamIds, ...after.teamIds])]);
  }
  return result;
}

/** The activity that keeps a team from being flagged inactive, the same in the rebuild below. */
const TEAM_ACTIVITY_SQL = `
  SELECT u."teamId" AS teamId, MAX(x.at) AS at FROM (
    SELECT "userId", MAX("completedAt") AS at FROM "Completion" GROUP BY "userId"
    UNION ALL SELECT "userId", MAX("createdAt") FROM "QuizAttempt" GROUP BY "userId"
    UNION ALL SELECT "userId", MAX("markedAt") FROM "Attendance" WHERE "status" IN (${ATTENDED_SQL}) GROUP BY "userId"
    UNION ALL SELECT "userId", MAX("createdAt") FROM "FieldResult" GROUP BY "userId"
  ) x JOIN "User" u ON u."id" = x."userId" WHERE u."teamId" IS NOT NULL AND u."active" = TRUE`;

/** Works the last activity of some teams out again from the facts. */
export async function recomputeTeamActivity(tx: Tx, teamIds: number[]) {
  if (teamIds.length === 0) return;
  const rows = (await tx.$queryRawUnsafe(
    portable(`${TEAM_ACTIVITY_SQL} AND u."teamId" IN (${teamIds.map(() => "?").join(", ")}) GROUP BY u."teamId"`),
    ...teamIds,
  )) as Array<{ teamId: number | bigint; at: Date | string | null }>;
  const at = new Map(rows.map((r) => [Number(r.teamId), r.at === null ? null : new Date(r.at)]));
  for (const id of teamIds) await tx.team.update({ where: { id }, data: { lastActiveAt: at.get(id) ?? null }, select: { id: true } });
}

async function shiftRecords(tx: Tx, userIds: number[], before: Map<number, string>, after: Map<number, string>) {
  const [users, completions, attempts] = await Promise.all([
    tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, firstTrainedAt: true } }),
    tx.completion.findMany({ where: { userId: { in: userIds } }, select: { userId: true, completedAt: true, lessonSlug: true } }),
    tx.quizAttempt.findMany({ where: { userId: { in: userIds } }, select: { userId: true, createdAt: true, passed: true } }),
  ]);
  const months = new Map<string, Partial<Record<MonthMetric, number>>>();
  const lessons = new Map<string, number>();
  const add = (userId: number, month: string, metric: MonthMetric, n: number) => {
    for (const [path, sign] of [
      [before.get(userId) ?? "", -1],
      [after.get(userId) ?? "", 1],
    ] as const) {
      if (!path) continue;
      const key = `${path}|${month}`;
      const row = months.get(key) ?? {};
      row[metric] = (row[metric] ?? 0) + sign * n;
      months.set(key, row);
    }
  };
  for (const u of users) if (u.firstTrainedAt) add(u.id, monthOf(u.firstTrainedAt), "trained", 1);
  for (const c of completions) {
    add(c.userId, monthOf(c.completedAt), "completions", 1);
    for (const [path, sign] of [
      [before.get(c.userId) ?? "", -1],
      [after.get(c.userId) ?? "", 1],
    ] as const) {
      if (path) lessons.set(`${path}|${c.lessonSlug}`, (lessons.get(`${path}|${c.lessonSlug}`) ?? 0) + sign);
    }
  }
  for (const a of attempts) {
    add(a.userId, monthOf(a.createdAt), "attempts", 1);
    if (a.passed) add(a.userId, monthOf(a.createdAt), "passed", 1);
  }
  for (const [key, deltas] of months) {
    const [path, month] = key.split("|");
    await addMonthStats(tx, path, month, deltas);
  }
  for (const [key, delta] of lessons) {
    const [path, slug] = key.split("|");
    await addLessonStat(tx, path, slug, delta);
  }
}

/** Everything counted in a unit's subtree: its UnitMonthStat and UnitLessonStat rows. */
async function subtreeTotals(tx: Tx, unitId: number) {
  const [months, lessons] = await Promise.all([
    tx.unitMonthStat.findMany({ where: { unitId } }),
    tx.unitLessonStat.findMany({ where: { unitId }, select: { lessonSlug: true, completions: true } }),
  ]);
  return { months, lessons };
}

/**
 * Moves what a subtree counts from one chain of ancestors to another: the
 * subtree's own rows already hold its totals, so its old ancestors lose them
 * and its new ancestors gain them. Time grows with the months and lessons
 * recorded and the depth of the tree, never with the size of the country.
 * `fromPath`/`toPath` are the paths of the old and new parent (every unit on
 * them is affected), or of the unit itself when it is to lose its own figures.
 */
export async function shiftSubtreeTotals(tx: Tx, totals: Awaited<ReturnType<typeof subtreeTotals>>, fromPath: string, toPath: string) {
  if (fromPath === toPath) return;
  for (const row of totals.months) {
    const deltas = Object.fromEntries(MONTH_METRICS.map((m) => [m, row[m]])) as Record<MonthMetric, number>;
    await addMonthStats(tx, fromPath, row.month, Object.fromEntries(MONTH_METRICS.map((m) => [m, -deltas[m]])));
    await addMonthStats(tx, toPath, row.month, deltas);
  }
  for (const row of totals.lessons) {
    await addLessonStat(tx, fromPath, row.lessonSlug, -row.completions);
    await addLessonStat(tx, toPath, row.lessonSlug, row.completions);
  }
}

/** A unit (with its subtree) is about to move from one parent to another: carry its figures. */
export async function moveSubtreeStats(tx: Tx, unitId: number, oldParentPath: string, newParentPath: string) {
  await shiftSubtreeTotals(tx, await subtreeTotals(tx, unitId), oldParentPath, newParentPath);
}

/**
 * After a merge has moved the source's children and teams to the target, what
 * still counts at the source is its own figures (sessions held there, field
 * results recorded there): they now count for the target, once.
 */
export async function foldMergedUnit(tx: Tx, sourceId: number, sourcePath: string, targetPath: string) {
  await shiftSubtreeTotals(tx, await subtreeTotals(tx, sourceId), sourcePath, targetPath);
}

/**
 * The path where a unit's own figures (sessions held, field results) count:
 * its own while active, the unit it was merged into (followed to the end)
 * once merged.
 */
export async function countingPath(tx: Tx, unitId: number) {
  let unit = await tx.unit.findUnique({ where: { id: unitId }, select: { path: true, mergedIntoId: true } });
  for (let hops = 0; unit?.mergedIntoId && hops < 50; hops++) {
    unit = await tx.unit.findUnique({ where: { id: unit.mergedIntoId }, select: { path: true, mergedIntoId: true } });
  }
  return unit?.path ?? "";
}

export type MemberPlace = Awaited<ReturnType<typeof memberPlace>>;

/**
 * A member counts as trained from their first completed lesson or attended
 * session. An earlier event arriving later (an offline quiz) moves the date back.
 */
export async function markTrained(tx: Tx, userId: number, at: Date, known?: MemberPlace) {
  const place = known ?? (await memberPlace(tx, userId));
  if (place.firstTrainedAt && place.firstTrainedAt <= at) return;
  await tx.user.update({ where: { id: userId }, data: { firstTrainedAt: at }, select: { id: true } });
  if (place.firstTrainedAt) await addMonthStats(tx, place.path, monthOf(place.firstTrainedAt), { trained: -1 });
  await addMonthStats(tx, place.path, monthOf(at), { trained: 1 });
}

/**
 * Works the member's first training date out again from the facts, for when a
 * mark changes (present, then corrected to absent), and moves the count.
 */
export async function recomputeTrained(tx: Tx, userId: number) {
  const place = await memberPlace(tx, userId);
  const [completion, attended] = await Promise.all([
    tx.completion.findFirst({ where: { userId }, orderBy: { completedAt: "asc" }, select: { completedAt: true } }),
    tx.attendance.findFirst({
      where: { userId, status: { in: ATTENDED } },
      orderBy: { session: { startsAt: "asc" } },
      select: { session: { select: { startsAt: true } } },
    }),
  ]);
  const candidates = [completion?.completedAt, attended?.session.startsAt].filter((d): d is Date => Boolean(d));
  const first = candidates.length ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : null;
  if ((first?.getTime() ?? null) === (place.firstTrainedAt?.getTime() ?? null)) return;
  await tx.user.update({ where: { id: userId }, data: { firstTrainedAt: first }, select: { id: true } });
  if (place.firstTrainedAt) await addMonthStats(tx, place.path, monthOf(place.firstTrainedAt), { trained: -1 });
  if (first) await addMonthStats(tx, place.path, monthOf(first), { trained: 1 });
}

/** Notes team activity (teams idle for 90 days are flagged to supervisors). */
export async function touchTeam(tx: Tx, teamId: number | null, at: Date) {
  if (!teamId) return;
  await tx.team.updateMany({ where: { id: teamId, OR: [{ lastActiveAt: null }, { lastActiveAt: { lt: at } }] }, data: { lastActiveAt: at } });
}

/** A completed lesson, however it was completed. */
export async function countCompletion(tx: Tx, userId: number, lessonSlug: string, completedAt: Date, known?: MemberPlace) {
  const place = known ?? (await memberPlace(tx, userId));
  await addMonthStats(tx, place.path, monthOf(completedAt), { completions: 1 });
  await addLessonStat(tx, place.path, lessonSlug, 1);
  await markTrained(tx, userId, completedAt, place);
  await touchTeam(tx, place.teamId, completedAt);
}

/**
 * Many lessons completed at one moment (in person, at a session): the same
 * counting as countCompletion, in a few statements whatever the number of
 * attendees and lessons (grouped by where each member counts).
 */
export async function countCompletions(tx: Tx, rows: Array<{ userId: number; lessonSlug: string }>, completedAt: Date) {
  if (rows.length === 0) return;
  const userIds = [...new Set(rows.map((r) => r.userId))];
  const users = await tx.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, active: true, firstTrainedAt: true, team: { select: { id: true, path: true, active: true } } },
  });
  const placeOf = new Map(users.map((u) => [u.id, u.active && u.team?.active ? u.team.path : ""]));
  const month = monthOf(completedAt);
  const byPath = new Map<string, number>();
  const byLesson = new Map<string, number>();
  for (const r of rows) {
    const path = placeOf.get(r.userId) ?? "";
    if (!path) continue;
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
    byLesson.set(`${path}|${r.lessonSlug}`, (byLesson.get(`${path}|${r.lessonSlug}`) ?? 0) + 1);
  }
  // Members trained from now, or from earlier than they were: one update, then the month counts moved.
  const trainedNow = users.filter((u) => !u.firstTrainedAt || u.firstTrainedAt > completedAt);
  if (trainedNow.length) {
    await tx.user.updateMany({ where: { id: { in: trainedNow.map((u) => u.id) } }, data: { firstTrainedAt: completedAt } });
  }
  const trained = new Map<string, Partial<Record<MonthMetric, number>>>();
  const addTrained = (path: string, m: string, n: number) => {
    if (!path) return;
    const key = `${path}|${m}`;
    const row = trained.get(key) ?? {};
    row.trained = (row.trained ?? 0) + n;
    trained.set(key, row);
  };
  for (const u of trainedNow) {
    const path = placeOf.get(u.id) ?? "";
    if (u.firstTrainedAt) addTrained(path, monthOf(u.firstTrainedAt), -1);
    addTrained(path, month, 1);
  }
  for (const [path, n] of byPath) {
    const row = trained.get(`${path}|${month}`) ?? {};
    row.completions = (row.completions ?? 0) + n;
    trained.set(`${path}|${month}`, row);
  }
  for (const [key, deltas] of trained) {
    const [path, m] = key.split("|");
    await addMonthStats(tx, path, m, deltas);
  }
  for (const [key, n] of byLesson) {
    const [path, slug] = key.split("|");
    await addLessonStat(tx, path, slug, n);
  }
  const teamIds = [...new Set(users.map((u) => u.team?.id).filter((id): id is number => Boolean(id)))];
  await tx.team.updateMany({
    where: { id: { in: teamIds }, OR: [{ lastActiveAt: null }, { lastActiveAt: { lt: completedAt } }] },
    data: { lastActiveAt: completedAt },
  });
}

/**
 * A training session counts as held once attendance has been recorded for it
 * (possible from ATTENDANCE_OPENS_HOURS before it starts) and it was not
 * cancelled: a session scheduled, or one nobody took attendance at, is not
 * training that happened. The same rule in SQL, for the rebuild and the recount.
 */
export const SESSION_HELD_SQL = (alias: string) =>
  `${alias}."status" <> 'cancelled' AND EXISTS (SELECT 1 FROM "Attendance" a WHERE a."sessionId" = ${alias}."id")`;

const VN_MONTH = (column: string) => vietnamMonth(column);
// PostgreSQL: one rebuild at a time across every app server (released at commit); SQLite has one writer.
const REBUILD_LOCK = isPostgres ? [`SELECT pg_advisory_xact_lock(${0x6b6e73})`] : [];
const T = (name: string) => tempTable(name);
const ONE_IF = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;

type RawDb = { $executeRawUnsafe: (sql: string) => Promise<unknown> };

/**
 * Recomputes every summary from the facts, in SQL: a repair tool (`npm run
 * stats:rebuild`) and the loader of generated datasets, never a request (moves
 * and merges adjust the summaries incrementally). Everything happens in one
 * transaction: readers (WAL) see the old figures until the new ones are
 * complete, never empty tables.
 */
export async function rebuildStats(db: RawDb & { $transaction?: typeof prisma.$transaction } = prisma, progress?: (step: number, steps: number) => void) {
  if (db.$transaction) {
    await (db as typeof prisma).$transaction((tx) => runRebuild(tx, progress), { timeout: 60 * 60_000, maxWait: 60_000 });
    // PostgreSQL: the rebuild rewrote every summary row and every member's and team's dates.
    // Until vacuumed, the dead row versions and a cleared visibility map make the report
    // reads of those tables several times slower (measured: 99 ms → 354 ms for the national
    // dashboard); vacuum now rather than wait for autovacuum (it cannot run in the transaction).
    if (isPostgres) await db.$executeRawUnsafe(`VACUUM (ANALYZE) "UnitMonthStat", "UnitLessonStat", "Team", "User"`);
  } else {
    await runRebuild(db, progress);
  }
}

async function runRebuild(db: RawDb, progress?: (step: number, steps: number) => void) {
  const statements = [
    ...REBUILD_LOCK,
    `UPDATE "Team" SET "path" = (SELECT "path" FROM "Unit" WHERE "Unit"."id" = "Team"."unitId")`,
    `UPDATE "Unit" SET
       "ownTeams" = (SELECT COUNT(*) FROM "Team" WHERE "Team"."unitId" = "Unit"."id" AND "Team"."active" = TRUE),
       "ownMembers" = (SELECT COUNT(*) FROM "User" JOIN "Team" ON "Team"."id" = "User"."teamId"
                       WHERE "Team"."unitId" = "Unit"."id" AND "Team"."active" = TRUE AND "User"."active" = TRUE)`,
    // First training and last activity: grouped once over the facts, then
    // written with UPDATE … FROM (one pass, not a subquery per member or team).
    `DROP TABLE IF EXISTS ${T("first_trained")}`,
    `CREATE TEMP TABLE "first_trained" AS
       SELECT userId, MIN(at) AS at FROM (
         SELECT "userId", MIN("completedAt") AS at FROM "Completion" GROUP BY "userId"
         UNION ALL
         SELECT a."userId", MIN(s."startsAt") FROM "Attendance" a JOIN "TrainingSession" s ON s."id" = a."sessionId"
           WHERE a."status" IN (${ATTENDED_SQL}) GROUP BY a."userId"
       ) facts GROUP BY userId`,
    `UPDATE "User" SET "firstTrainedAt" = NULL WHERE "firstTrainedAt" IS NOT NULL`,
    `UPDATE "User" SET "firstTrainedAt" = f.at FROM ${T("first_trained")} f WHERE f.userId = "User"."id"`,
    `DROP TABLE ${T("first_trained")}`,
    `DROP TABLE IF EXISTS ${T("team_activity")}`,
    `CREATE TEMP TABLE "team_activity" AS ${TEAM_ACTIVITY_SQL} GROUP BY u."teamId"`,
    `UPDATE "Team" SET "lastActiveAt" = NULL WHERE "lastActiveAt" IS NOT NULL`,
    `UPDATE "Team" SET "lastActiveAt" = a.at FROM ${T("team_activity")} a WHERE a.teamId = "Team"."id"`,
    `DROP TABLE ${T("team_activity")}`,
    // Where a unit's own figures count: itself, or the unit it was merged into (followed to the end).
    `DROP TABLE IF EXISTS ${T("counting_unit")}`,
    `CREATE TEMP TABLE "counting_unit" AS
       WITH RECURSIVE chain(id, target) AS (
         SELECT "id", "id" FROM "Unit" WHERE "mergedIntoId" IS NULL
         UNION ALL SELECT u."id", c.target FROM "Unit" u JOIN chain c ON u."mergedIntoId" = c.id
       ) SELECT chain.id AS id, t."path" AS path FROM chain JOIN "Unit" t ON t."id" = chain.target`,
    tempIndex("counting_unit_id", "counting_unit", "id"),
    // Members count where they belong now, while they and their team are active.
    `DROP TABLE IF EXISTS ${T("member_place")}`,
    `CREATE TEMP TABLE "member_place" AS
       SELECT u."id" AS userId, t."path" AS path, u."firstTrainedAt" AS firstTrainedAt
       FROM "User" u JOIN "Team" t ON t."id" = u."teamId" WHERE u."active" = TRUE AND t."active" = TRUE`,
    tempIndex("member_place_user", "member_place", "userId"),
    `DROP TABLE IF EXISTS ${T("leaf_stat")}`,
    `CREATE TEMP TABLE "leaf_stat" AS
       SELECT path, month, ${MONTH_METRICS.map((m) => `SUM("${m}") AS "${m}"`).join(", ")} FROM (
         SELECT p.path, ${VN_MONTH("p.firstTrainedAt")} AS month, 1 AS trained, 0 AS completions, 0 AS attempts, 0 AS passed, 0 AS sessions,
                0 AS residentsGuided, 0 AS vneidLevel1, 0 AS vneidLevel2, 0 AS publicAccounts, 0 AS paymentAccounts, 0 AS productsOnline,
                0 AS guidanceEvents
           FROM ${T("member_place")} p WHERE p.firstTrainedAt IS NOT NULL
         UNION ALL
         SELECT p.path, ${VN_MONTH('c."completedAt"')}, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
           FROM "Completion" c JOIN ${T("member_place")} p ON p.userId = c."userId"
         UNION ALL
         SELECT p.path, ${VN_MONTH('q."createdAt"')}, 0, 0, 1, ${ONE_IF('q."passed"')}, 0, 0, 0, 0, 0, 0, 0, 0
           FROM "QuizAttempt" q JOIN ${T("member_place")} p ON p.userId = q."userId"
         UNION ALL
         SELECT cu.path, ${VN_MONTH('s."startsAt"')}, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0
           FROM "TrainingSession" s JOIN ${T("counting_unit")} cu ON cu.id = s."unitId"
           WHERE ${SESSION_HELD_SQL("s")}
         UNION ALL
         SELECT cu.path, substr(f."date", 1, 7), 0, 0, 0, 0, 0,
                CASE f."kind" WHEN 'residents-guided' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'vneid-level1' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'vneid-level2' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'public-account' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'payment-account' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'product-online' THEN f."count" ELSE 0 END,
                0
           FROM "FieldResult" f JOIN ${T("counting_unit")} cu ON cu.id = f."unitId"
         UNION ALL
         SELECT cu.path, substr(g."date", 1, 7), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
           FROM "GuidanceEvent" g JOIN ${T("counting_unit")} cu ON cu.id = g."unitId"
       ) facts GROUP BY path, month`,
    tempIndex("leaf_stat_path", "leaf_stat", "path"),
    `DELETE FROM "UnitMonthStat"`,
    `INSERT INTO "UnitMonthStat" ("unitId", "month", ${MONTH_METRICS.map((m) => `"${m}"`).join(", ")})
       SELECT a."id", l.month, ${MONTH_METRICS.map((m) => `SUM(l."${m}")`).join(", ")}
       FROM ${unitsOnPathOf(T("leaf_stat"))}
       GROUP BY a."id", l.month`,
    `DROP TABLE ${T("leaf_stat")}`,
    `DELETE FROM "UnitLessonStat"`,
    // Materialised with an index: a range join needs one (SQLite builds automatic
    // indexes for equality only), or it compares every unit with every row.
    `DROP TABLE IF EXISTS ${T("leaf_lesson")}`,
    `CREATE TEMP TABLE "leaf_lesson" AS
       SELECT p.path AS path, c."lessonSlug" AS lessonSlug, COUNT(*) AS n
       FROM "Completion" c JOIN ${T("member_place")} p ON p.userId = c."userId"
       GROUP BY p.path, c."lessonSlug"`,
    tempIndex("leaf_lesson_path", "leaf_lesson", "path"),
    `INSERT INTO "UnitLessonStat" ("unitId", "lessonSlug", "completions")
       SELECT a."id", l.lessonSlug, SUM(l.n)
       FROM ${unitsOnPathOf(T("leaf_lesson"))}
       GROUP BY a."id", l.lessonSlug`,
    `DROP TABLE ${T("leaf_lesson")}`,
    `DROP TABLE ${T("member_place")}`,
    `DROP TABLE ${T("counting_unit")}`,
  ];
  for (const [i, statement] of statements.entries()) {
    await db.$executeRawUnsafe(portable(statement));
    progress?.(i + 1, statements.length);
  }
}
