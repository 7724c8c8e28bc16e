-- Issues 18 and 20 on PostgreSQL (the SQLite migrations 20261130200100 to 20261130213000):
-- targets, guidance events and team tasks; the import worker's queue; the member name index;
-- versions that stamp cached national summaries, and the triggers that bump them. Made with
-- `prisma migrate diff --from-migrations prisma/postgres/migrations --to-schema-datamodel`,
-- plus what Prisma cannot declare (the partial index, the versions' rows, the triggers).
-- AlterTable
ALTER TABLE "FieldResult" ADD COLUMN     "eventId" INTEGER;

-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "error" TEXT,
ADD COLUMN     "queuedAt" TIMESTAMP(3),
ADD COLUMN     "startedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "UnitMonthStat" ADD COLUMN     "guidanceEvents" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "SummaryVersion" (
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SummaryVersion_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "TeamTask" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "skill" TEXT NOT NULL DEFAULT '',
    "dueDate" TEXT NOT NULL,
    "goal" INTEGER,
    "metric" TEXT,
    "unitId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "TeamTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskTeam" (
    "taskId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "doneAt" TIMESTAMP(3),
    "updatedById" INTEGER,
    "updatedAt" TIMESTAMP(3),

    CONSTRAINT "TaskTeam_pkey" PRIMARY KEY ("taskId","teamId")
);

-- CreateTable
CREATE TABLE "GuidanceEvent" (
    "id" SERIAL NOT NULL,
    "clientId" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "skills" TEXT NOT NULL DEFAULT '[]',
    "residents" INTEGER NOT NULL,
    "partners" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT,
    "deviceTime" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuidanceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" INTEGER,
    "share" DOUBLE PRECISION,
    "setById" INTEGER NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TeamTask_unitId_dueDate_idx" ON "TeamTask"("unitId", "dueDate");

-- CreateIndex
CREATE INDEX "TaskTeam_teamId_idx" ON "TaskTeam"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "GuidanceEvent_clientId_key" ON "GuidanceEvent"("clientId");

-- CreateIndex
CREATE INDEX "GuidanceEvent_unitId_date_idx" ON "GuidanceEvent"("unitId", "date");

-- CreateIndex
CREATE INDEX "GuidanceEvent_teamId_date_idx" ON "GuidanceEvent"("teamId", "date");

-- CreateIndex
CREATE INDEX "GuidanceEvent_userId_date_idx" ON "GuidanceEvent"("userId", "date");

-- CreateIndex
CREATE INDEX "Target_unitId_period_metric_id_idx" ON "Target"("unitId", "period", "metric", "id");

-- CreateIndex
CREATE INDEX "FieldResult_eventId_idx" ON "FieldResult"("eventId");

-- CreateIndex
CREATE INDEX "ImportBatch_status_queuedAt_idx" ON "ImportBatch"("status", "queuedAt");

-- CreateIndex
CREATE INDEX "Team_lastActiveAt_idx" ON "Team"("lastActiveAt");

-- CreateIndex
CREATE INDEX "User_name_id_idx" ON "User"("name", "id");

-- AddForeignKey
ALTER TABLE "TeamTask" ADD CONSTRAINT "TeamTask_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskTeam" ADD CONSTRAINT "TaskTeam_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "TeamTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskTeam" ADD CONSTRAINT "TaskTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceEvent" ADD CONSTRAINT "GuidanceEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The versions' rows (app/models/summary-cache.server.ts).
INSERT INTO "SummaryVersion" ("name", "version") VALUES ('tree', 0), ('products', 0), ('activity', 0);

-- Teams awaiting login slips (no password yet) are found by index, not by reading every member.
CREATE INDEX "User_awaiting_slip_idx" ON "User"("teamId") WHERE "passwordHash" = '' AND "active" = TRUE;

-- The summary versions of prisma/triggers.sql, as PL/pgSQL (same names, same columns). Every
-- write to what a cached figure reads bumps its version in the writing transaction, so the new
-- version becomes visible with the new data, never before it: a reader that computed from the
-- old data stamped it with the old version.
-- Once per transaction and version, not per row: PostgreSQL keeps every version of a row a
-- transaction updates until it ends, and each update of that row walks them, so bumping per
-- row made a statement over 100,000 teams (the stats rebuild) quadratic (minutes, measured).
-- One bump covers the whole transaction, since readers see all of it at once. The version row
-- is locked from the bump to the commit, so writes to the tree queue behind each other there
-- (as every write does on SQLite); they are admin work, not members' everyday writes.
CREATE OR REPLACE FUNCTION "bump_summary_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  done text := 'kns.summary_version_bumped_' || TG_ARGV[0];
BEGIN
  IF current_setting(done, true) IS DISTINCT FROM 'yes' THEN
    UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = TG_ARGV[0];
    -- Local to the transaction (and undone with a rolled-back savepoint, as the bump is).
    PERFORM set_config(done, 'yes', true);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "unit_version_insert" AFTER INSERT ON "Unit" FOR EACH STATEMENT EXECUTE FUNCTION "bump_summary_version"('tree');
CREATE TRIGGER "unit_version_update" AFTER UPDATE OF "path", "parentId", "levelKey", "active", "households", "ownTeams", "ownMembers", "mergedAt", "mergedIntoId" ON "Unit"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_summary_version"('tree');
CREATE TRIGGER "unit_version_delete" AFTER DELETE ON "Unit" FOR EACH STATEMENT EXECUTE FUNCTION "bump_summary_version"('tree');
CREATE TRIGGER "team_version_insert" AFTER INSERT ON "Team" FOR EACH STATEMENT EXECUTE FUNCTION "bump_summary_version"('tree');
CREATE TRIGGER "team_version_update" AFTER UPDATE OF "unitId", "active", "path", "zaloGroups" ON "Team" FOR EACH STATEMENT EXECUTE FUNCTION "bump_summary_version"('tree');
CREATE TRIGGER "team_version_delete" AFTER DELETE ON "Team" FOR EACH STATEMENT EXECUTE FUNCTION "bump_summary_version"('tree');
CREATE TRIGGER "team_move_version_insert" AFTER INSERT ON "TeamMove" FOR EACH STATEMENT EXECUTE FUNCTION "bump_summary_version"('tree');
CREATE TRIGGER "team_move_version_delete" AFTER DELETE ON "TeamMove" FOR EACH STATEMENT EXECUTE FUNCTION "bump_summary_version"('tree');
CREATE TRIGGER "unit_level_version_update" AFTER UPDATE ON "UnitLevel" FOR EACH STATEMENT EXECUTE FUNCTION "bump_summary_version"('tree');
CREATE TRIGGER "field_result_version_insert" AFTER INSERT ON "FieldResult" FOR EACH ROW
  WHEN (NEW."kind" = 'product-online') EXECUTE FUNCTION "bump_summary_version"('products');
CREATE TRIGGER "field_result_version_update" AFTER UPDATE ON "FieldResult" FOR EACH ROW
  WHEN (NEW."kind" = 'product-online' OR OLD."kind" = 'product-online') EXECUTE FUNCTION "bump_summary_version"('products');
CREATE TRIGGER "field_result_version_delete" AFTER DELETE ON "FieldResult" FOR EACH ROW
  WHEN (OLD."kind" = 'product-online') EXECUTE FUNCTION "bump_summary_version"('products');

-- Idle teams (no activity for 90 days) are counted from a cache stamped 'activity': bumped
-- when a team's last activity is or becomes older than 89 days (it may cross the 90-day
-- line), not for the everyday activity of teams well inside it. Times are UTC, as stored.
CREATE TRIGGER "team_activity_version" AFTER UPDATE OF "lastActiveAt" ON "Team" FOR EACH ROW
  WHEN (OLD."lastActiveAt" IS NULL OR NEW."lastActiveAt" IS NULL
    OR OLD."lastActiveAt" < (now() AT TIME ZONE 'UTC') - interval '89 days'
    OR NEW."lastActiveAt" < (now() AT TIME ZONE 'UTC') - interval '89 days')
  EXECUTE FUNCTION "bump_summary_version"('activity');
