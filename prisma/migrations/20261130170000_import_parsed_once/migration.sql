-- The uploaded file as read once at upload (JSON rows or the reason it could not be
-- read), so previews and the commit never parse the file again.
ALTER TABLE "ImportBatch" ADD COLUMN "parsed" TEXT;
