-- Issue 20: idle teams counted from a cache, not from every team of the country per request.
INSERT INTO "SummaryVersion" ("name", "version") VALUES ('activity', 0);
-- The teams last active within an hour of the 90-day line, found by their time.
CREATE INDEX "Team_lastActiveAt_idx" ON "Team"("lastActiveAt");

-- Idle teams (no activity for 90 days) are counted from a cache stamped 'activity':
-- bumped when a team's last activity is or becomes older than 89 days (it may cross
-- the 90-day line), not for the everyday activity of teams well inside it.
CREATE TRIGGER IF NOT EXISTS "team_activity_version" AFTER UPDATE OF "lastActiveAt" ON "Team"
  WHEN OLD."lastActiveAt" IS NULL OR NEW."lastActiveAt" IS NULL
    OR OLD."lastActiveAt" < strftime('%Y-%m-%dT%H:%M:%S', 'now', '-89 days')
    OR NEW."lastActiveAt" < strftime('%Y-%m-%dT%H:%M:%S', 'now', '-89 days') BEGIN
  UPDATE "SummaryVersion" SET "version" = "version" + 1 WHERE "name" = 'activity';
END;
