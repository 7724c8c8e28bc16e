-- PostgreSQL baseline: the data model of prisma/schema.prisma as of every SQLite migration up to
-- 20261130200000, made with `prisma migrate diff --from-empty --to-schema-datamodel`, plus what
-- Prisma cannot declare: byte-order collation on the materialised paths and the membership triggers.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "UnitLevel" (
    "key" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "UnitLevel_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "levelKey" TEXT NOT NULL,
    "parentId" INTEGER,
    "path" TEXT COLLATE "C" NOT NULL,
    "depth" INTEGER NOT NULL,
    "households" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "ownTeams" INTEGER NOT NULL DEFAULT 0,
    "ownMembers" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "mergedIntoId" INTEGER,
    "mergedAt" TIMESTAMP(3),

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "path" TEXT COLLATE "C" NOT NULL DEFAULT '',
    "lastActiveAt" TIMESTAMP(3),
    "zaloGroups" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "phone" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'vi',
    "role" TEXT NOT NULL DEFAULT 'member',
    "scopeUnitId" INTEGER,
    "teamId" INTEGER,
    "position" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "firstTrainedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitHit" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lesson" (
    "slug" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "minutes" INTEGER NOT NULL,
    "titleVi" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lesson_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "correct" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "contentVersion" TEXT NOT NULL,
    "clientId" TEXT,
    "deviceTime" TIMESTAMP(3),
    "deviceTimeFlagged" BOOLEAN NOT NULL DEFAULT false,
    "seed" TEXT,
    "questions" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAnswer" (
    "attemptId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "choiceId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "firstTry" BOOLEAN NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuizAnswer_pkey" PRIMARY KEY ("attemptId","questionId")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "earnedAt" TIMESTAMP(3) NOT NULL,
    "lessons" TEXT NOT NULL,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Completion" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3) NOT NULL,
    "contentVersion" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "attemptId" INTEGER,
    "recordedById" INTEGER,
    "sessionId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Completion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 120,
    "place" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "previousStartsAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionLesson" (
    "sessionId" INTEGER NOT NULL,
    "lessonSlug" TEXT NOT NULL,

    CONSTRAINT "SessionLesson_pkey" PRIMARY KEY ("sessionId","lessonSlug")
);

-- CreateTable
CREATE TABLE "SessionTeam" (
    "sessionId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,

    CONSTRAINT "SessionTeam_pkey" PRIMARY KEY ("sessionId","teamId")
);

-- CreateTable
CREATE TABLE "SessionInvitee" (
    "sessionId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "walkIn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionInvitee_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" SERIAL NOT NULL,
    "sessionId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "remark" TEXT,
    "markedAt" TIMESTAMP(3) NOT NULL,
    "markedById" INTEGER NOT NULL,
    "attendedSince" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SkillSignoff" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "skillKey" TEXT NOT NULL,
    "sessionId" INTEGER,
    "signedById" INTEGER NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SkillSignoff_pkey" PRIMARY KEY ("id")
);

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

    CONSTRAINT "UnitMonthStat_pkey" PRIMARY KEY ("unitId","month")
);

-- CreateTable
CREATE TABLE "UnitLessonStat" (
    "unitId" INTEGER NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "completions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UnitLessonStat_pkey" PRIMARY KEY ("unitId","lessonSlug")
);

-- CreateTable
CREATE TABLE "FieldResult" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "teamId" INTEGER,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "productName" TEXT,
    "ocop" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FieldResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportText" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "intro" TEXT NOT NULL DEFAULT '',
    "difficulties" TEXT NOT NULL DEFAULT '',
    "causes" TEXT NOT NULL DEFAULT '',
    "proposals" TEXT NOT NULL DEFAULT '',
    "plan" TEXT NOT NULL DEFAULT '',
    "parentBody" TEXT,
    "issuer" TEXT,
    "symbol" TEXT,
    "place" TEXT,
    "recipients" TEXT,
    "signerPosition" TEXT,
    "signerName" TEXT,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportText_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitReportDefaults" (
    "unitId" INTEGER NOT NULL,
    "parentBody" TEXT NOT NULL DEFAULT '',
    "issuer" TEXT NOT NULL DEFAULT '',
    "symbol" TEXT NOT NULL DEFAULT '',
    "place" TEXT NOT NULL DEFAULT '',
    "recipients" TEXT NOT NULL DEFAULT '',
    "signerPosition" TEXT NOT NULL DEFAULT '',
    "signerName" TEXT NOT NULL DEFAULT '',
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnitReportDefaults_pkey" PRIMARY KEY ("unitId")
);

-- CreateTable
CREATE TABLE "OcopProduct" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "marketplaces" TEXT NOT NULL DEFAULT '',
    "updatedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OcopProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitName" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnitName_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMove" (
    "id" SERIAL NOT NULL,
    "teamId" INTEGER NOT NULL,
    "fromUnitId" INTEGER NOT NULL,
    "toUnitId" INTEGER NOT NULL,
    "movedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamMove_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberMove" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "fromTeamId" INTEGER,
    "toTeamId" INTEGER,
    "movedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberMove_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "parsed" TEXT,
    "createdById" INTEGER NOT NULL,
    "scopeUnitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'previewed',
    "summary" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" TIMESTAMP(3),

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementOutbox" (
    "id" SERIAL NOT NULL,
    "factKey" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "unitPath" TEXT COLLATE "C" NOT NULL,
    "statementId" TEXT,
    "body" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "tries" INTEGER NOT NULL DEFAULT 0,
    "nextTryAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "answerStatus" INTEGER,
    "answer" TEXT,
    "problem" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "StatementOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "Unit_path_ownTeams_ownMembers_idx" ON "Unit"("path", "ownTeams", "ownMembers");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE INDEX "Unit_levelKey_path_idx" ON "Unit"("levelKey", "path");

-- CreateIndex
CREATE INDEX "Team_unitId_idx" ON "Team"("unitId");

-- CreateIndex
CREATE INDEX "Team_path_active_lastActiveAt_idx" ON "Team"("path", "active", "lastActiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_phone_key" ON "User"("phone");

-- CreateIndex
CREATE INDEX "User_teamId_idx" ON "User"("teamId");

-- CreateIndex
CREATE INDEX "User_scopeUnitId_idx" ON "User"("scopeUnitId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "RateLimitHit_key_createdAt_idx" ON "RateLimitHit"("key", "createdAt");

-- CreateIndex
CREATE INDEX "Lesson_topic_order_idx" ON "Lesson"("topic", "order");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_clientId_key" ON "QuizAttempt"("clientId");

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_lessonSlug_idx" ON "QuizAttempt"("userId", "lessonSlug");

-- CreateIndex
CREATE INDEX "QuizAttempt_lessonSlug_createdAt_idx" ON "QuizAttempt"("lessonSlug", "createdAt");

-- CreateIndex
CREATE INDEX "QuizAnswer_answeredAt_lessonSlug_questionId_idx" ON "QuizAnswer"("answeredAt", "lessonSlug", "questionId");

-- CreateIndex
CREATE INDEX "QuizAnswer_userId_lessonSlug_questionId_idx" ON "QuizAnswer"("userId", "lessonSlug", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_userId_topic_key" ON "Certificate"("userId", "topic");

-- CreateIndex
CREATE UNIQUE INDEX "Completion_attemptId_key" ON "Completion"("attemptId");

-- CreateIndex
CREATE INDEX "Completion_lessonSlug_idx" ON "Completion"("lessonSlug");

-- CreateIndex
CREATE INDEX "Completion_completedAt_idx" ON "Completion"("completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Completion_userId_lessonSlug_key" ON "Completion"("userId", "lessonSlug");

-- CreateIndex
CREATE INDEX "TrainingSession_unitId_startsAt_idx" ON "TrainingSession"("unitId", "startsAt");

-- CreateIndex
CREATE INDEX "TrainingSession_startsAt_idx" ON "TrainingSession"("startsAt");

-- CreateIndex
CREATE INDEX "SessionInvitee_userId_idx" ON "SessionInvitee"("userId");

-- CreateIndex
CREATE INDEX "Attendance_userId_idx" ON "Attendance"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_sessionId_userId_key" ON "Attendance"("sessionId", "userId");

-- CreateIndex
CREATE INDEX "SkillSignoff_sessionId_idx" ON "SkillSignoff"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "SkillSignoff_userId_skillKey_key" ON "SkillSignoff"("userId", "skillKey");

-- CreateIndex
CREATE INDEX "FieldResult_userId_date_idx" ON "FieldResult"("userId", "date");

-- CreateIndex
CREATE INDEX "FieldResult_unitId_date_idx" ON "FieldResult"("unitId", "date");

-- CreateIndex
CREATE INDEX "FieldResult_kind_date_idx" ON "FieldResult"("kind", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ReportText_unitId_period_key" ON "ReportText"("unitId", "period");

-- CreateIndex
CREATE INDEX "OcopProduct_unitId_idx" ON "OcopProduct"("unitId");

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

-- CreateIndex
CREATE UNIQUE INDEX "StatementOutbox_factKey_key" ON "StatementOutbox"("factKey");

-- CreateIndex
CREATE UNIQUE INDEX "StatementOutbox_statementId_key" ON "StatementOutbox"("statementId");

-- CreateIndex
CREATE INDEX "StatementOutbox_status_nextTryAt_idx" ON "StatementOutbox"("status", "nextTryAt");

-- CreateIndex
CREATE INDEX "StatementOutbox_unitPath_status_idx" ON "StatementOutbox"("unitPath", "status");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_levelKey_fkey" FOREIGN KEY ("levelKey") REFERENCES "UnitLevel"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_scopeUnitId_fkey" FOREIGN KEY ("scopeUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_lessonSlug_fkey" FOREIGN KEY ("lessonSlug") REFERENCES "Lesson"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAnswer" ADD CONSTRAINT "QuizAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Completion" ADD CONSTRAINT "Completion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Completion" ADD CONSTRAINT "Completion_lessonSlug_fkey" FOREIGN KEY ("lessonSlug") REFERENCES "Lesson"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Completion" ADD CONSTRAINT "Completion_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Completion" ADD CONSTRAINT "Completion_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Completion" ADD CONSTRAINT "Completion_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionLesson" ADD CONSTRAINT "SessionLesson_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionTeam" ADD CONSTRAINT "SessionTeam_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionTeam" ADD CONSTRAINT "SessionTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionInvitee" ADD CONSTRAINT "SessionInvitee_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionInvitee" ADD CONSTRAINT "SessionInvitee_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_markedById_fkey" FOREIGN KEY ("markedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SkillSignoff" ADD CONSTRAINT "SkillSignoff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SkillSignoff" ADD CONSTRAINT "SkillSignoff_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SkillSignoff" ADD CONSTRAINT "SkillSignoff_signedById_fkey" FOREIGN KEY ("signedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FieldResult" ADD CONSTRAINT "FieldResult_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportText" ADD CONSTRAINT "ReportText_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitReportDefaults" ADD CONSTRAINT "UnitReportDefaults_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitReportDefaults" ADD CONSTRAINT "UnitReportDefaults_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OcopProduct" ADD CONSTRAINT "OcopProduct_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OcopProduct" ADD CONSTRAINT "OcopProduct_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitName" ADD CONSTRAINT "UnitName_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMove" ADD CONSTRAINT "TeamMove_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMove" ADD CONSTRAINT "TeamMove_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMove" ADD CONSTRAINT "TeamMove_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberMove" ADD CONSTRAINT "MemberMove_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementOutbox" ADD CONSTRAINT "StatementOutbox_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Subtree ranges ("path" >= '/1/2/' AND "path" < '/1/20') hold only under byte order: collation "C"
-- above, whatever the server's default locale (a punctuation-blind one would drop /1/2/10/).

-- The membership counters of prisma/triggers.sql, as PL/pgSQL (same rules, same names):
-- Unit.ownTeams / Unit.ownMembers count the active teams attached to a unit and their
-- active members; Team.path copies its unit's path. Reports sum them over a path range.
-- Part of the first PostgreSQL migration; unlike SQLite, PostgreSQL keeps a table's
-- triggers when a migration alters the table, so nothing re-creates them at start.
CREATE OR REPLACE FUNCTION "team_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Team" SET "path" = (SELECT "path" FROM "Unit" WHERE "id" = NEW."unitId") WHERE "id" = NEW."id";
  IF NEW."active" THEN
    UPDATE "Unit" SET "ownTeams" = "ownTeams" + 1 WHERE "id" = NEW."unitId";
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS "team_after_insert" ON "Team";
CREATE TRIGGER "team_after_insert" AFTER INSERT ON "Team" FOR EACH ROW EXECUTE FUNCTION "team_after_insert"();

CREATE OR REPLACE FUNCTION "team_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Team" SET "path" = (SELECT "path" FROM "Unit" WHERE "id" = NEW."unitId") WHERE "id" = NEW."id";
  IF OLD."active" THEN
    UPDATE "Unit" SET "ownTeams" = "ownTeams" - 1,
      "ownMembers" = "ownMembers" - (SELECT COUNT(*) FROM "User" WHERE "teamId" = OLD."id" AND "active")
      WHERE "id" = OLD."unitId";
  END IF;
  IF NEW."active" THEN
    UPDATE "Unit" SET "ownTeams" = "ownTeams" + 1,
      "ownMembers" = "ownMembers" + (SELECT COUNT(*) FROM "User" WHERE "teamId" = NEW."id" AND "active")
      WHERE "id" = NEW."unitId";
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS "team_after_update" ON "Team";
CREATE TRIGGER "team_after_update" AFTER UPDATE OF "unitId", "active" ON "Team" FOR EACH ROW EXECUTE FUNCTION "team_after_update"();

CREATE OR REPLACE FUNCTION "team_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Unit" SET "ownTeams" = "ownTeams" - 1 WHERE "id" = OLD."unitId";
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS "team_after_delete" ON "Team";
CREATE TRIGGER "team_after_delete" AFTER DELETE ON "Team" FOR EACH ROW WHEN (OLD."active") EXECUTE FUNCTION "team_after_delete"();

CREATE OR REPLACE FUNCTION "user_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Unit" SET "ownMembers" = "ownMembers" + 1 WHERE "id" = (SELECT "unitId" FROM "Team" WHERE "id" = NEW."teamId" AND "active");
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS "user_after_insert" ON "User";
CREATE TRIGGER "user_after_insert" AFTER INSERT ON "User" FOR EACH ROW WHEN (NEW."teamId" IS NOT NULL AND NEW."active") EXECUTE FUNCTION "user_after_insert"();

CREATE OR REPLACE FUNCTION "user_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."active" THEN
    UPDATE "Unit" SET "ownMembers" = "ownMembers" - 1 WHERE "id" = (SELECT "unitId" FROM "Team" WHERE "id" = OLD."teamId" AND "active");
  END IF;
  IF NEW."active" THEN
    UPDATE "Unit" SET "ownMembers" = "ownMembers" + 1 WHERE "id" = (SELECT "unitId" FROM "Team" WHERE "id" = NEW."teamId" AND "active");
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS "user_after_update" ON "User";
CREATE TRIGGER "user_after_update" AFTER UPDATE OF "teamId", "active" ON "User" FOR EACH ROW EXECUTE FUNCTION "user_after_update"();

CREATE OR REPLACE FUNCTION "user_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Unit" SET "ownMembers" = "ownMembers" - 1 WHERE "id" = (SELECT "unitId" FROM "Team" WHERE "id" = OLD."teamId" AND "active");
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS "user_after_delete" ON "User";
CREATE TRIGGER "user_after_delete" AFTER DELETE ON "User" FOR EACH ROW WHEN (OLD."active" AND OLD."teamId" IS NOT NULL) EXECUTE FUNCTION "user_after_delete"();

CREATE OR REPLACE FUNCTION "unit_after_path"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Team" SET "path" = NEW."path" WHERE "unitId" = NEW."id";
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS "unit_after_path" ON "Unit";
CREATE TRIGGER "unit_after_path" AFTER UPDATE OF "path" ON "Unit" FOR EACH ROW EXECUTE FUNCTION "unit_after_path"();
