// Summary tables for coverage reports, kept current with every write.
// An event is counted for the member's unit and every ancestor of it, per
// month (UnitMonthStat) or per lesson (UnitLessonStat), so a report for any
// unit and period reads a handful of rows however large the country.
// After the unit tree changes shape (a move or a merge), rebuildStats()
// recomputes them from the facts.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
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
  const updates = metrics.map((m) => `"${m}" = "${m}" + excluded."${m}"`).join(", ");
  const rows = ids.map(() => `(?, ?, ${metrics.map(() => "?").join(", ")})`).join(", ");
  const values = ids.flatMap((id) => [id, month, ...metrics.map((m) => deltas[m]!)]);
  await tx.$executeRawUnsafe(
    `INSERT INTO "UnitMonthStat" ("unitId", "month", ${columns}) VALUES ${rows} ON CONFLICT ("unitId", "month") DO UPDATE SET ${updates}`,
    ...values,
  );
}

export async function addLessonStat(tx: Tx, unitPath: string, lessonSlug: string, delta: number) {
  if (!unitPath || !delta) return;
  const ids = pathIds(unitPath);
  await tx.$executeRawUnsafe(
    `INSERT INTO "UnitLessonStat" ("unitId", "lessonSlug", "completions") VALUES ${ids.map(() => "(?, ?, ?)").join(", ")}
     ON CONFLICT ("unitId", "lessonSlug") DO UPDATE SET "completions" = "completions" + excluded."completions"`,
    ...ids.flatMap((id) => [id, lessonSlug, delta]),
  );
}

/** The member's team and where it sits in the tree, for counting their events. */
export async function memberPlace(tx: Tx, userId: number) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { firstTrainedAt: true, team: { select: { id: true, path: true } } },
  });
  return { teamId: user?.team?.id ?? null, path: user?.team?.path ?? "", firstTrainedAt: user?.firstTrainedAt ?? null };
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
      where: { userId, status: { in: ["present", "late"] } },
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

const VN_MONTH = (column: string) => `strftime('%Y-%m', datetime(substr(${column}, 1, 19), '+7 hours'))`;

/**
 * Recomputes every summary from the facts, in SQL. For a changed tree (a unit
 * moved or merged), a damaged table, or a freshly generated dataset.
 */
export async function rebuildStats(db: { $executeRawUnsafe: (sql: string) => Promise<unknown> } = prisma) {
  const statements = [
    `UPDATE "Team" SET "path" = (SELECT "path" FROM "Unit" WHERE "Unit"."id" = "Team"."unitId")`,
    `UPDATE "Unit" SET
       "ownTeams" = (SELECT COUNT(*) FROM "Team" WHERE "Team"."unitId" = "Unit"."id" AND "Team"."active" = 1),
       "ownMembers" = (SELECT COUNT(*) FROM "User" JOIN "Team" ON "Team"."id" = "User"."teamId"
                       WHERE "Team"."unitId" = "Unit"."id" AND "Team"."active" = 1 AND "User"."active" = 1)`,
    // First training and last activity: grouped once over the facts, then
    // written with UPDATE … FROM (one pass, not a subquery per member or team).
    `DROP TABLE IF EXISTS temp."first_trained"`,
    `CREATE TEMP TABLE "first_trained" AS
       SELECT userId, MIN(at) AS at FROM (
         SELECT "userId", MIN("completedAt") AS at FROM "Completion" GROUP BY "userId"
         UNION ALL
         SELECT a."userId", MIN(s."startsAt") FROM "Attendance" a JOIN "TrainingSession" s ON s."id" = a."sessionId"
           WHERE a."status" IN ('present', 'late') GROUP BY a."userId"
       ) GROUP BY userId`,
    `UPDATE "User" SET "firstTrainedAt" = NULL WHERE "firstTrainedAt" IS NOT NULL`,
    `UPDATE "User" SET "firstTrainedAt" = f.at FROM temp."first_trained" f WHERE f.userId = "User"."id"`,
    `DROP TABLE temp."first_trained"`,
    `DROP TABLE IF EXISTS temp."team_activity"`,
    `CREATE TEMP TABLE "team_activity" AS
       SELECT u."teamId" AS teamId, MAX(x.at) AS at FROM (
         SELECT "userId", MAX("completedAt") AS at FROM "Completion" GROUP BY "userId"
         UNION ALL SELECT "userId", MAX("createdAt") FROM "QuizAttempt" GROUP BY "userId"
         UNION ALL SELECT "userId", MAX("markedAt") FROM "Attendance" WHERE "status" IN ('present', 'late') GROUP BY "userId"
         UNION ALL SELECT "userId", MAX("createdAt") FROM "FieldResult" GROUP BY "userId"
       ) x JOIN "User" u ON u."id" = x."userId" WHERE u."teamId" IS NOT NULL GROUP BY u."teamId"`,
    `UPDATE "Team" SET "lastActiveAt" = NULL WHERE "lastActiveAt" IS NOT NULL`,
    `UPDATE "Team" SET "lastActiveAt" = a.at FROM temp."team_activity" a WHERE a.teamId = "Team"."id"`,
    `DROP TABLE temp."team_activity"`,
    `DROP TABLE IF EXISTS temp."leaf_stat"`,
    `CREATE TEMP TABLE "leaf_stat" AS
       SELECT path, month, ${MONTH_METRICS.map((m) => `SUM("${m}") AS "${m}"`).join(", ")} FROM (
         SELECT t."path", ${VN_MONTH('u."firstTrainedAt"')} AS month, 1 AS trained, 0 AS completions, 0 AS attempts, 0 AS passed, 0 AS sessions,
                0 AS residentsGuided, 0 AS vneidLevel1, 0 AS vneidLevel2, 0 AS publicAccounts, 0 AS paymentAccounts, 0 AS productsOnline
           FROM "User" u JOIN "Team" t ON t."id" = u."teamId" WHERE u."firstTrainedAt" IS NOT NULL
         UNION ALL
         SELECT t."path", ${VN_MONTH('c."completedAt"')}, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0
           FROM "Completion" c JOIN "User" u ON u."id" = c."userId" JOIN "Team" t ON t."id" = u."teamId"
         UNION ALL
         SELECT t."path", ${VN_MONTH('q."createdAt"')}, 0, 0, 1, q."passed", 0, 0, 0, 0, 0, 0, 0
           FROM "QuizAttempt" q JOIN "User" u ON u."id" = q."userId" JOIN "Team" t ON t."id" = u."teamId"
         UNION ALL
         SELECT un."path", ${VN_MONTH('s."startsAt"')}, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0
           FROM "TrainingSession" s JOIN "Unit" un ON un."id" = s."unitId" WHERE s."status" <> 'cancelled'
         UNION ALL
         SELECT un."path", substr(f."date", 1, 7), 0, 0, 0, 0, 0,
                CASE f."kind" WHEN 'residents-guided' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'vneid-level1' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'vneid-level2' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'public-account' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'payment-account' THEN f."count" ELSE 0 END,
                CASE f."kind" WHEN 'product-online' THEN f."count" ELSE 0 END
           FROM "FieldResult" f JOIN "Unit" un ON un."id" = f."unitId"
       ) GROUP BY path, month`,
    `CREATE INDEX temp."leaf_stat_path" ON "leaf_stat"(path)`,
    `DELETE FROM "UnitMonthStat"`,
    `INSERT INTO "UnitMonthStat" ("unitId", "month", ${MONTH_METRICS.map((m) => `"${m}"`).join(", ")})
       SELECT a."id", l.month, ${MONTH_METRICS.map((m) => `SUM(l."${m}")`).join(", ")}
       FROM "Unit" a JOIN "leaf_stat" l ON l.path >= a."path" AND l.path < substr(a."path", 1, length(a."path") - 1) || '0'
       GROUP BY a."id", l.month`,
    `DROP TABLE temp."leaf_stat"`,
    `DELETE FROM "UnitLessonStat"`,
    // Materialised with an index: a range join needs one (SQLite builds automatic
    // indexes for equality only), or it compares every unit with every row.
    `DROP TABLE IF EXISTS temp."leaf_lesson"`,
    `CREATE TEMP TABLE "leaf_lesson" AS
       SELECT t."path" AS path, c."lessonSlug" AS lessonSlug, COUNT(*) AS n
       FROM "Completion" c JOIN "User" u ON u."id" = c."userId" JOIN "Team" t ON t."id" = u."teamId"
       GROUP BY t."path", c."lessonSlug"`,
    `CREATE INDEX temp."leaf_lesson_path" ON "leaf_lesson"(path)`,
    `INSERT INTO "UnitLessonStat" ("unitId", "lessonSlug", "completions")
       SELECT a."id", l.lessonSlug, SUM(l.n)
       FROM "Unit" a JOIN "leaf_lesson" l ON l.path >= a."path" AND l.path < substr(a."path", 1, length(a."path") - 1) || '0'
       GROUP BY a."id", l.lessonSlug`,
    `DROP TABLE temp."leaf_lesson"`,
  ];
  for (const statement of statements) await db.$executeRawUnsafe(statement);
}
