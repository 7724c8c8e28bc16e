// Reads the end-to-end server's database directly: a spec counts what was
// stored (attempts, and whose they are) without trusting what the page says.
import Database from "better-sqlite3";

const file = process.env.E2E_DB || "./tests/.tmp/e2e.db";
let db: Database.Database | undefined;

function open() {
  db ??= new Database(file, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}

export function userIdOf(phone: string) {
  return (open().prepare("SELECT id FROM User WHERE phone = ?").get(phone) as { id: number }).id;
}

/** Attempts stored for a member on a lesson. */
export function attemptsOf(phone: string, slug: string) {
  return open()
    .prepare(
      "SELECT a.id, a.userId, a.clientId, a.passed FROM QuizAttempt a JOIN User u ON u.id = a.userId WHERE u.phone = ? AND a.lessonSlug = ? ORDER BY a.id",
    )
    .all(phone, slug) as Array<{ id: number; userId: number; clientId: string | null; passed: number }>;
}

/** Ends every session of a member, as an expired or revoked session would. */
export function endSessions(phone: string) {
  open().prepare("DELETE FROM Session WHERE userId = (SELECT id FROM User WHERE phone = ?)").run(phone);
}

/** The last attempt of a member on a lesson, with its draw. */
export function lastAttemptOf(phone: string, slug: string) {
  return open()
    .prepare(
      "SELECT a.seed, a.questions, a.correct, a.total, a.score, a.passed FROM QuizAttempt a JOIN User u ON u.id = a.userId WHERE u.phone = ? AND a.lessonSlug = ? ORDER BY a.id DESC LIMIT 1",
    )
    .get(phone, slug) as { seed: string | null; questions: string; correct: number; total: number; score: number; passed: number };
}

/** Guidance events a member recorded (issue 18), with their log lines. */
export function eventsOf(phone: string) {
  return open()
    .prepare(
      `SELECT g.id, g.clientId, g.userId, g.residents, (SELECT COUNT(*) FROM FieldResult f WHERE f.eventId = g.id) AS lines
       FROM GuidanceEvent g JOIN User u ON u.id = g.userId WHERE u.phone = ? ORDER BY g.id`,
    )
    .all(phone) as Array<{ id: number; clientId: string; userId: number; residents: number; lines: number }>;
}
