-- Membership counters kept current on every write, whatever code path writes:
-- Unit.ownTeams / Unit.ownMembers count the active teams attached to a unit and
-- their active members; Team.path copies its unit's path. Reports sum them over
-- a path range instead of counting 500,000 members per request.
-- A migration that rebuilds Unit, Team or User (Prisma's "RedefineTables")
-- must DROP these triggers first (SQLite will not rename a table a trigger
-- names) and append this file at its end; see 20261123190726_admin_units_audit_import.
-- prisma/setup.ts re-creates any that are missing at every start, and a test counts them.
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

-- Idle teams (no activity for 90 days) are counted from a cache stamped 'activity':
-- bumped when a team's last activity is or becomes older than 89 days (it may cross
-- the 90-day line), not for the everyday activity of teams well inside it.
CREATE TRIGGER IF NOT EXISTS "team_activity_version" AFTER UPDATE OF "lastActiveAt" ON "Team"
  WHEN OLD."lastActiveAt" IS NULL OR NEW."lastActiveAt" IS NULL
    OR OLD."lastActiveAt" < strftime('%Y-%m-%dT%H:%M:%S', 'now', '-89 days')
    OR NEW."lastActiveAt" < strftime('%Y-%m-%dT%H:%M:%S', 'now', '-89 days') BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'activity';
END;
