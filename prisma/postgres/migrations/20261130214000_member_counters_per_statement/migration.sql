-- The membership counters (Unit.ownMembers) kept per statement on PostgreSQL, not per member.
-- Per row, every member a statement adds to one team updated that team's unit once each; a
-- transaction's updates of one row are each slower than the last on PostgreSQL (it walks the
-- row's earlier versions), so 5,000 members imported into one team took 10 s (measured), and
-- 20,000 two and a half minutes. Per statement, each unit is updated once by the net change.
-- Same rule as prisma/triggers.sql: an active member of an active team counts for its unit.
CREATE OR REPLACE FUNCTION "user_members_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Unit" u SET "ownMembers" = u."ownMembers" + d.n
    FROM (SELECT t."unitId" AS "unitId", COUNT(*) AS n FROM new_rows r JOIN "Team" t ON t."id" = r."teamId" AND t."active"
          WHERE r."active" GROUP BY t."unitId") d
    WHERE u."id" = d."unitId";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Unit" u SET "ownMembers" = u."ownMembers" - d.n
    FROM (SELECT t."unitId" AS "unitId", COUNT(*) AS n FROM old_rows r JOIN "Team" t ON t."id" = r."teamId" AND t."active"
          WHERE r."active" GROUP BY t."unitId") d
    WHERE u."id" = d."unitId";
  ELSE
    UPDATE "Unit" u SET "ownMembers" = u."ownMembers" + d.n
    FROM (SELECT "unitId", SUM(delta) AS n FROM (
            SELECT t."unitId", -1 AS delta FROM old_rows r JOIN "Team" t ON t."id" = r."teamId" AND t."active" WHERE r."active"
            UNION ALL
            SELECT t."unitId", 1 FROM new_rows r JOIN "Team" t ON t."id" = r."teamId" AND t."active" WHERE r."active"
          ) x GROUP BY "unitId" HAVING SUM(delta) <> 0) d
    WHERE u."id" = d."unitId";
  END IF;
  RETURN NULL;
END $$;

-- Same names as the row triggers they replace (and as SQLite's).
DROP TRIGGER IF EXISTS "user_after_insert" ON "User";
DROP TRIGGER IF EXISTS "user_after_update" ON "User";
DROP TRIGGER IF EXISTS "user_after_delete" ON "User";
DROP FUNCTION IF EXISTS "user_after_insert"();
DROP FUNCTION IF EXISTS "user_after_update"();
DROP FUNCTION IF EXISTS "user_after_delete"();
-- A statement trigger with transition tables cannot name columns: it runs for every update
-- of members (one pass over the rows the statement changed) and nets out to nothing when
-- neither team nor active changed.
CREATE TRIGGER "user_after_insert" AFTER INSERT ON "User" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "user_members_changed"();
CREATE TRIGGER "user_after_update" AFTER UPDATE ON "User" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "user_members_changed"();
CREATE TRIGGER "user_after_delete" AFTER DELETE ON "User" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "user_members_changed"();
