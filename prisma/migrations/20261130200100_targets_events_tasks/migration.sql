-- Issue 18: targets for units below a supervisor's, guidance events for
-- residents (the detail behind lines of the daily results log), and tasks
-- given to teams.

-- Guidance events held, counted per unit and month like the other figures.
ALTER TABLE "UnitMonthStat" ADD COLUMN "guidanceEvents" INTEGER NOT NULL DEFAULT 0;

-- A daily-log line written by a guidance event carries its id.
ALTER TABLE "FieldResult" ADD COLUMN "eventId" INTEGER;
CREATE INDEX "FieldResult_eventId_idx" ON "FieldResult"("eventId");

CREATE TABLE "TeamTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "skill" TEXT NOT NULL DEFAULT '',
    "dueDate" TEXT NOT NULL,
    "goal" INTEGER,
    "metric" TEXT,
    "unitId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" DATETIME,
    CONSTRAINT "TeamTask_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "TeamTask_unitId_dueDate_idx" ON "TeamTask"("unitId", "dueDate");

CREATE TABLE "TaskTeam" (
    "taskId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "doneAt" DATETIME,
    "updatedById" INTEGER,
    "updatedAt" DATETIME,

    PRIMARY KEY ("taskId", "teamId"),
    CONSTRAINT "TaskTeam_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "TeamTask" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "TaskTeam_teamId_idx" ON "TaskTeam"("teamId");

CREATE TABLE "GuidanceEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "deviceTime" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GuidanceEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "GuidanceEvent_clientId_key" ON "GuidanceEvent"("clientId");
CREATE INDEX "GuidanceEvent_unitId_date_idx" ON "GuidanceEvent"("unitId", "date");
CREATE INDEX "GuidanceEvent_teamId_date_idx" ON "GuidanceEvent"("teamId", "date");
CREATE INDEX "GuidanceEvent_userId_date_idx" ON "GuidanceEvent"("userId", "date");

CREATE TABLE "Target" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" INTEGER,
    "share" REAL,
    "setById" INTEGER NOT NULL,
    "setAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Target_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "Target_unitId_period_metric_id_idx" ON "Target"("unitId", "period", "metric", "id");
