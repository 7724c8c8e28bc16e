-- The periodic report as an official document (Decree 30/2020/NĐ-CP) and the
-- indicators of seed 001 it could not produce: Zalo groups per team, the local
-- OCOP products, and the document parts a supervisor types (kept per report
-- and remembered per unit for the next one).

-- Zalo groups a team runs; null until the team says.
ALTER TABLE "Team" ADD COLUMN "zaloGroups" INTEGER;

-- The opening line and the document parts of one period's report.
ALTER TABLE "ReportText" ADD COLUMN "intro" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ReportText" ADD COLUMN "parentBody" TEXT;
ALTER TABLE "ReportText" ADD COLUMN "issuer" TEXT;
ALTER TABLE "ReportText" ADD COLUMN "symbol" TEXT;
ALTER TABLE "ReportText" ADD COLUMN "place" TEXT;
ALTER TABLE "ReportText" ADD COLUMN "recipients" TEXT;
ALTER TABLE "ReportText" ADD COLUMN "signerPosition" TEXT;
ALTER TABLE "ReportText" ADD COLUMN "signerName" TEXT;

-- The document parts last typed for a unit, offered for its next report.
CREATE TABLE "UnitReportDefaults" (
    "unitId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "parentBody" TEXT NOT NULL DEFAULT '',
    "issuer" TEXT NOT NULL DEFAULT '',
    "symbol" TEXT NOT NULL DEFAULT '',
    "place" TEXT NOT NULL DEFAULT '',
    "recipients" TEXT NOT NULL DEFAULT '',
    "signerPosition" TEXT NOT NULL DEFAULT '',
    "signerName" TEXT NOT NULL DEFAULT '',
    "updatedById" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UnitReportDefaults_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "UnitReportDefaults_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Local OCOP products kept per unit.
CREATE TABLE "OcopProduct" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "marketplaces" TEXT NOT NULL DEFAULT '',
    "updatedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OcopProduct_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OcopProduct_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "OcopProduct_unitId_idx" ON "OcopProduct"("unitId");

-- The villages of a subtree (units at the deepest level in use), and the few
-- field results that are products put online, read without scanning the rest.
CREATE INDEX "Unit_levelKey_path_idx" ON "Unit"("levelKey", "path");
CREATE INDEX "FieldResult_kind_date_idx" ON "FieldResult"("kind", "date");
