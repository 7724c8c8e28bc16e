-- Issue 20: versions that stamp cached report summaries (national figures are
-- read from a cache invalidated on write instead of scanning the tree per request).
CREATE TABLE "SummaryVersion" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "SummaryVersion" ("name", "version") VALUES ('tree', 0), ('products', 0);

-- Teams awaiting login slips (no password yet) are found by index, not by reading every member.
CREATE INDEX "User_awaiting_slip_idx" ON "User"("teamId") WHERE "passwordHash" = '' AND "active" = 1;

-- Cached summaries (app/models/summary-cache.server.ts) are stamped with these
-- versions; every write to what they read bumps one, whatever code path writes,
-- so a cached figure is never served after the data under it changed (issue 20).
CREATE TRIGGER IF NOT EXISTS "unit_version_insert" AFTER INSERT ON "Unit" BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'tree';
END;
CREATE TRIGGER IF NOT EXISTS "unit_version_update" AFTER UPDATE OF "path", "parentId", "levelKey", "active", "households", "ownTeams", "ownMembers", "mergedAt", "mergedIntoId" ON "Unit" BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'tree';
END;
CREATE TRIGGER IF NOT EXISTS "unit_version_delete" AFTER DELETE ON "Unit" BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'tree';
END;
CREATE TRIGGER IF NOT EXISTS "team_version_insert" AFTER INSERT ON "Team" BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'tree';
END;
CREATE TRIGGER IF NOT EXISTS "team_version_update" AFTER UPDATE OF "unitId", "active", "path", "zaloGroups" ON "Team" BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'tree';
END;
CREATE TRIGGER IF NOT EXISTS "team_version_delete" AFTER DELETE ON "Team" BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'tree';
END;
CREATE TRIGGER IF NOT EXISTS "team_move_version_insert" AFTER INSERT ON "TeamMove" BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'tree';
END;
CREATE TRIGGER IF NOT EXISTS "team_move_version_delete" AFTER DELETE ON "TeamMove" BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'tree';
END;
CREATE TRIGGER IF NOT EXISTS "unit_level_version_update" AFTER UPDATE ON "UnitLevel" BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'tree';
END;
CREATE TRIGGER IF NOT EXISTS "field_result_version_insert" AFTER INSERT ON "FieldResult" WHEN NEW."kind" = 'product-online' BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'products';
END;
CREATE TRIGGER IF NOT EXISTS "field_result_version_update" AFTER UPDATE ON "FieldResult" WHEN NEW."kind" = 'product-online' OR OLD."kind" = 'product-online' BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'products';
END;
CREATE TRIGGER IF NOT EXISTS "field_result_version_delete" AFTER DELETE ON "FieldResult" WHEN OLD."kind" = 'product-online' BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'products';
END;
