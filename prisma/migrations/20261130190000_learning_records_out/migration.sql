-- Learning records out (issue 19): xAPI statements queued for a Learning Record Store.

-- When the latest spell of "attended" began: it names the statement of an attendance.
ALTER TABLE "Attendance" ADD COLUMN "attendedSince" DATETIME;
UPDATE "Attendance" SET "attendedSince" = "markedAt" WHERE "status" IN ('present', 'late');

-- CreateTable
CREATE TABLE "StatementOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "factKey" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "unitPath" TEXT NOT NULL,
    "statementId" TEXT,
    "body" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "tries" INTEGER NOT NULL DEFAULT 0,
    "nextTryAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "answerStatus" INTEGER,
    "answer" TEXT,
    "problem" TEXT,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "StatementOutbox_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "StatementOutbox_factKey_key" ON "StatementOutbox"("factKey");

-- CreateIndex
CREATE UNIQUE INDEX "StatementOutbox_statementId_key" ON "StatementOutbox"("statementId");

-- CreateIndex
CREATE INDEX "StatementOutbox_status_nextTryAt_idx" ON "StatementOutbox"("status", "nextTryAt");

-- CreateIndex
CREATE INDEX "StatementOutbox_unitPath_status_idx" ON "StatementOutbox"("unitPath", "status");
