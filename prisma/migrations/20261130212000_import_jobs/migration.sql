-- Issue 20: a large import is committed by a worker in the server process, not in the
-- admin's request: the batch is the job (queued, running, then committed or failed).
ALTER TABLE "ImportBatch" ADD COLUMN "queuedAt" DATETIME;
ALTER TABLE "ImportBatch" ADD COLUMN "startedAt" DATETIME;
ALTER TABLE "ImportBatch" ADD COLUMN "error" TEXT;
CREATE INDEX "ImportBatch_status_queuedAt_idx" ON "ImportBatch"("status", "queuedAt");
