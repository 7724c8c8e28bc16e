-- Issue 14: attempts draw from a pool (seed and questions asked), answers per
-- question for "what to re-teach", and certificates that can be checked.
ALTER TABLE "QuizAttempt" ADD COLUMN "seed" TEXT;
ALTER TABLE "QuizAttempt" ADD COLUMN "questions" TEXT;

CREATE TABLE "QuizAnswer" (
    "attemptId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "choiceId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "firstTry" BOOLEAN NOT NULL,
    "answeredAt" DATETIME NOT NULL,

    PRIMARY KEY ("attemptId", "questionId"),
    CONSTRAINT "QuizAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "QuizAnswer_answeredAt_lessonSlug_questionId_idx" ON "QuizAnswer"("answeredAt", "lessonSlug", "questionId");
CREATE INDEX "QuizAnswer_userId_lessonSlug_questionId_idx" ON "QuizAnswer"("userId", "lessonSlug", "questionId");

CREATE TABLE "Certificate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "earnedAt" DATETIME NOT NULL,
    "lessons" TEXT NOT NULL,
    "withdrawnAt" DATETIME,
    CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");
CREATE UNIQUE INDEX "Certificate_userId_topic_key" ON "Certificate"("userId", "topic");
