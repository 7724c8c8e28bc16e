-- The membership triggers name "Unit"; SQLite refuses to rename the rebuilt
-- table while they point at it, so they are dropped here and made again below.
DROP TRIGGER IF EXISTS "team_after_insert";
DROP TRIGGER IF EXISTS "team_after_update";
DROP TRIGGER IF EXISTS "team_after_delete";
DROP TRIGGER IF EXISTS "user_after_insert";
DROP TRIGGER IF EXISTS "user_after_update";
DROP TRIGGER IF EXISTS "user_after_delete";
DROP TRIGGER IF EXISTS "unit_after_path";

-- CreateTable
CREATE TABLE "UnitName" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "until" DATETIME NOT NULL,
    CONSTRAINT "UnitName_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TeamMove" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" INTEGER NOT NULL,
    "fromUnitId" INTEGER NOT NULL,
    "toUnitId" INTEGER NOT NULL,
    "movedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TeamMove_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TeamMove_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TeamMove_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MemberMove" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "fromTeamId" INTEGER,
    "toTeamId" INTEGER,
    "movedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MemberMove_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "createdById" INTEGER NOT NULL,
    "scopeUnitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'previewed',
    "summary" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" DATETIME,
    CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "mergedIntoId" INTEGER,
    "mergedAt" DATETIME,
    CONSTRAINT "Unit_levelKey_fkey" FOREIGN KEY ("levelKey") REFERENCES "UnitLevel" ("key") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Unit_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Unit" ("active", "code", "createdAt", "depth", "households", "id", "levelKey", "name", "ownMembers", "ownTeams", "parentId", "path", "updatedAt") SELECT "active", "code", "createdAt", "depth", "households", "id", "levelKey", "name", "ownMembers", "ownTeams", "parentId", "path", "updatedAt" FROM "Unit";
DROP TABLE "Unit";
ALTER TABLE "new_Unit" RENAME TO "Unit";
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");
CREATE INDEX "Unit_path_ownTeams_ownMembers_idx" ON "Unit"("path", "ownTeams", "ownMembers");
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "UnitName_unitId_until_idx" ON "UnitName"("unitId", "until");

-- CreateIndex
CREATE INDEX "TeamMove_teamId_movedAt_idx" ON "TeamMove"("teamId", "movedAt");

-- CreateIndex
CREATE INDEX "MemberMove_userId_movedAt_idx" ON "MemberMove"("userId", "movedAt");

-- CreateIndex
CREATE INDEX "AuditEntry_unitId_at_idx" ON "AuditEntry"("unitId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "ImportBatch_createdById_createdAt_idx" ON "ImportBatch"("createdById", "createdAt");

-- Redefining "Unit" above dropped its trigger; put the membership triggers back.
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
