-- Sign-in failures become one table of rate-limited tries (sign-in, quiz, sync),
-- each keyed "phone:…", "ip:…", "quiz:<user>", "sync:<user>".
ALTER TABLE "LoginFailure" RENAME TO "RateLimitHit";
DROP INDEX "LoginFailure_key_createdAt_idx";
CREATE INDEX "RateLimitHit_key_createdAt_idx" ON "RateLimitHit"("key", "createdAt");

-- A device time that could not be believed (future, too old, before the account) is
-- replaced by the receipt time and the attempt flagged.
ALTER TABLE "QuizAttempt" ADD COLUMN "deviceTimeFlagged" BOOLEAN NOT NULL DEFAULT false;
