-- AlterTable
ALTER TABLE "User" ADD COLUMN "firstTrainedAt" DATETIME;

-- CreateTable
CREATE TABLE "UnitMonthStat" (
    "unitId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "trained" INTEGER NOT NULL DEFAULT 0,
    "completions" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "passed" INTEGER NOT NULL DEFAULT 0,
    "sessions" INTEGER NOT NULL DEFAULT 0,
    "residentsGuided" INTEGER NOT NULL DEFAULT 0,
    "vneidLevel1" INTEGER NOT NULL DEFAULT 0,
    "vneidLevel2" INTEGER NOT NULL DEFAULT 0,
    "publicAccounts" INTEGER NOT NULL DEFAULT 0,
    "paymentAccounts" INTEGER NOT NULL DEFAULT 0,
    "productsOnline" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("unitId", "month")
);

-- CreateTable
CREATE TABLE "UnitLessonStat" (
    "unitId" INTEGER NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "completions" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("unitId", "lessonSlug")
);

-- CreateTable
CREATE TABLE "FieldResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "teamId" INTEGER,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "productName" TEXT,
    "ocop" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FieldResult_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportText" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "difficulties" TEXT NOT NULL DEFAULT '',
    "causes" TEXT NOT NULL DEFAULT '',
    "proposals" TEXT NOT NULL DEFAULT '',
    "plan" TEXT NOT NULL DEFAULT '',
    "updatedById" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReportText_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Team" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "path" TEXT NOT NULL DEFAULT '',
    "lastActiveAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Team_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Team" ("active", "createdAt", "id", "name", "unitId", "updatedAt") SELECT "active", "createdAt", "id", "name", "unitId", "updatedAt" FROM "Team";
DROP TABLE "Team";
ALTER TABLE "new_Team" RENAME TO "Team";
CREATE INDEX "Team_unitId_idx" ON "Team"("unitId");
CREATE INDEX "Team_path_active_lastActiveAt_idx" ON "Team"("path", "active", "lastActiveAt");
CREATE TABLE "new_Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "levelKey" TEXT NOT NULL,
    "parentId" INTEGER,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "households" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "ownTeams" INTEGER NOT NULL DEFAULT 0,
    "ownMembers" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Unit_levelKey_fkey" FOREIGN KEY ("levelKey") REFERENCES "UnitLevel" ("key") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Unit" ("active", "code", "createdAt", "depth", "households", "id", "levelKey", "name", "parentId", "path", "updatedAt") SELECT "active", "code", "createdAt", "depth", "households", "id", "levelKey", "name", "parentId", "path", "updatedAt" FROM "Unit";
DROP TABLE "Unit";
ALTER TABLE "new_Unit" RENAME TO "Unit";
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");
CREATE INDEX "Unit_path_ownTeams_ownMembers_idx" ON "Unit"("path", "ownTeams", "ownMembers");
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FieldResult_userId_date_idx" ON "FieldResult"("userId", "date");

-- CreateIndex
CREATE INDEX "FieldResult_unitId_date_idx" ON "FieldResult"("unitId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ReportText_unitId_period_key" ON "ReportText"("unitId", "period");

-- Membership counters and team paths for existing rows.
UPDATE "Team" SET "path" = (SELECT "path" FROM "Unit" WHERE "Unit"."id" = "Team"."unitId");
UPDATE "Unit" SET
  "ownTeams" = (SELECT COUNT(*) FROM "Team" WHERE "Team"."unitId" = "Unit"."id" AND "Team"."active" = 1),
  "ownMembers" = (SELECT COUNT(*) FROM "User" JOIN "Team" ON "Team"."id" = "User"."teamId"
                  WHERE "Team"."unitId" = "Unit"."id" AND "Team"."active" = 1 AND "User"."active" = 1);

-- Membership counters kept current on every write, whatever code path writes:
-- Unit.ownTeams / Unit.ownMembers count the active teams attached to a unit and
-- their active members; Team.path copies its unit's path. Reports sum them over
-- a path range instead of counting 500,000 members per request.
-- (SQLite drops a table's triggers when a migration redefines the table, so
-- prisma/setup.ts re-creates them at every start and a test checks them.)
CREATE TRIGGER IF NOT EXISTS "team_after_insert" AFTER INSERT ON "Team" BEGIN
  UPDATE "Team" SET "path" = (SELECT "path" FROM "Unit" WHERE "id" = NEW."unitId") WHERE "id" = NEW."id";
  UPDATE "Unit" SET "ownTeams" = "ownTeams" + 1 WHERE "id" = NEW."unitId" AND NEW."active" = 1;
END;
CREATE TRIGGER IF NOT EXISTS "team_after_update" AFTER UPDATE OF "unitId", "active" ON "Team" BEGIN
  UPDATE "Team" SET "path" = (SELECT "path" FROM "Unit" WHERE "id" = NEW."unitId") WHERE "id" = NEW."id";
  UPDATE "Unit" SET "ownTeams" = "ownTeams" - 1,
    "ownMembers" = "ownMembers" - (SELECT COUNT(*) FROM "User" WHERE "teamId" = OLD."id" AND "active" = 1)
    WHERE "id" = OLD."unitId" AND OLD."active" = 1;
  UPDATE "Unit" SET "ownTeams" = "ownTeams" + 1,
    "ownMembers" = "ownMembers" + (SELECT COUNT(*) FROM "User" WHERE "teamId" = NEW."id" AND "active" = 1)
    WHERE "id" = NEW."unitId" AND NEW."active" = 1;
END;
CREATE TRIGGER IF NOT EXISTS "team_after_delete" AFTER DELETE ON "Team" WHEN OLD."active" = 1 BEGIN
  UPDATE "Unit" SET "ownTeams" = "ownTeams" - 1 WHERE "id" = OLD."unitId";
END;
CREATE TRIGGER IF NOT EXISTS "user_after_insert" AFTER INSERT ON "User" WHEN NEW."teamId" IS NOT NULL AND NEW."active" = 1 BEGIN
  UPDATE "Unit" SET "ownMembers" = "ownMembers" + 1 WHERE "id" = (SELECT "unitId" FROM "Team" WHERE "id" = NEW."teamId" AND "active" = 1);
END;
CREATE TRIGGER IF NOT EXISTS "user_after_update" AFTER UPDATE OF "teamId", "active" ON "User" BEGIN
  UPDATE "Unit" SET "ownMembers" = "ownMembers" - 1 WHERE OLD."active" = 1 AND "id" = (SELECT "unitId" FROM "Team" WHERE "id" = OLD."teamId" AND "active" = 1);
  UPDATE "Unit" SET "ownMembers" = "ownMembers" + 1 WHERE NEW."active" = 1 AND "id" = (SELECT "unitId" FROM "Team" WHERE "id" = NEW."teamId" AND "active" = 1);
END;
CREATE TRIGGER IF NOT EXISTS "user_after_delete" AFTER DELETE ON "User" WHEN OLD."active" = 1 AND OLD."teamId" IS NOT NULL BEGIN
  UPDATE "Unit" SET "ownMembers" = "ownMembers" - 1 WHERE "id" = (SELECT "unitId" FROM "Team" WHERE "id" = OLD."teamId" AND "active" = 1);
END;
CREATE TRIGGER IF NOT EXISTS "unit_after_path" AFTER UPDATE OF "path" ON "Unit" BEGIN
  UPDATE "Team" SET "path" = NEW."path" WHERE "unitId" = NEW."id";
END;
