// Learning records out (issue 19): the facts of the site (quiz attempts, lesson
// completions, attendance, skill sign-offs) read as xAPI statements, for the
// admin's export (JSON lines for a subtree and a period) and for the sender
// (lrs-outbox.server.ts). Both build with app/xapi/statements.ts, so a fact has
// the same statement id in a file and in the LRS.
import crypto from "node:crypto";
import { vietnamMonthStart } from "~/utils/time";
import { getCourse } from "~/content/course.server";
import { sql } from "~/utils/db.server";
import { inJsonList, sqlDate } from "~/utils/sql-dialect.server";
import { xapiActorSecret } from "~/utils/env.server";
import { subtreeUpperBound, pathIds } from "~/utils/unit-path";
import { buildStatement, type Bilingual, type Fact, type LessonRef, type SessionRef, type Site, type Topic, type UnitOnPath } from "~/xapi/statements";
import { validateStatement } from "~/xapi/validate";
import { periodStart, type Period } from "./coverage.server";
import { skills } from "./training-session.server";
import { ATTENDED_SQL } from "~/utils/attendance";

/**
 * The pseudonym a person carries in every statement: HMAC-SHA256 of their user
 * id under XAPI_ACTOR_SECRET, 32 hex digits. Not the user id itself: ids are
 * sequential (they would tell how many accounts exist and in which order they
 * were made) and appear in our own addresses and spreadsheets, so anyone
 * holding both could put names to an LRS's records. The HMAC is stable as
 * long as the secret is, and cannot be reversed or recomputed without it.
 * Never the phone number: ten digits are easily guessed, even hashed.
 */
export function actorName(userId: number) {
  return crypto.createHmac("sha256", xapiActorSecret()).update(`kns-user:${userId}`).digest("hex").slice(0, 32);
}

export function siteFor(origin: string): Site {
  const names = new Map<number, string>();
  return {
    origin,
    actorName: (userId) => {
      let name = names.get(userId);
      if (!name) names.set(userId, (name = actorName(userId)));
      return name;
    },
  };
}

// ---------------------------------------------------------------- what facts refer to

/** Lessons, topics, skills and units by key, read once per export or batch. */
class Lookups {
  private units = new Map<number, UnitOnPath | null>();
  private topics: Map<string, Topic> | undefined;
  private skillList = new Map(skills().map((s) => [s.key, s]));

  async load() {
    const course = await getCourse();
    this.topics = new Map(course.topics.map((t) => [t.id, { id: t.id, title: { vi: t.title.vi, en: t.title.en } }]));
    return this;
  }

  topic(id: string | null | undefined) {
    return (id && this.topics?.get(id)) || null;
  }

  lesson(row: { lessonSlug: string; topic: string | null; titleVi: string | null; titleEn: string | null }): LessonRef {
    const title: Bilingual = { vi: row.titleVi ?? row.lessonSlug, en: row.titleEn ?? row.titleVi ?? row.lessonSlug };
    return { slug: row.lessonSlug, title, topic: this.topic(row.topic) };
  }

  skill(key: string) {
    const skill = this.skillList.get(key);
    return { key, title: skill ? { vi: skill.title.vi, en: skill.title.en } : { vi: key, en: key }, topic: this.topic(skill?.topic) };
  }

  /** The units of a path ("/1/4/17/"), root first, with their codes, names and levels. */
  async path(path: string): Promise<UnitOnPath[]> {
    const ids = pathIds(path);
    const missing = ids.filter((id) => !this.units.has(id));
    if (missing.length) {
      const rows = await sql(`SELECT id, code, name, levelKey FROM Unit WHERE ${inJsonList("id")}`).all<{
        id: number;
        code: string;
        name: string;
        levelKey: string;
      }>(JSON.stringify(missing));
      for (const id of missing) this.units.set(id, null);
      for (const r of rows) this.units.set(r.id, { code: r.code, name: r.name, level: r.levelKey });
    }
    return ids.map((id) => this.units.get(id)).filter((u): u is UnitOnPath => Boolean(u));
  }
}

const date = (value: string) => new Date(value);
const session = (row: { sessionId: number | null; sessionTitle: string | null; sessionStartsAt: string | null }): SessionRef | null =>
  row.sessionId === null ? null : { id: row.sessionId, title: row.sessionTitle ?? "", startsAt: date(row.sessionStartsAt!) };

// The moment a quiz was answered: the device's time when it was believed (and
// not after receipt), else the receipt; the same rule as the completion it made.
const ATTEMPT_AT = `CASE WHEN q.deviceTime IS NOT NULL AND q.deviceTimeFlagged = FALSE AND q.deviceTime < q.createdAt THEN q.deviceTime ELSE q.createdAt END`;

type AttemptRow = {
  id: number;
  userId: number;
  lessonSlug: string;
  correct: number;
  total: number;
  score: number;
  passed: number;
  language: string;
  at: string;
  topic: string | null;
  titleVi: string | null;
  titleEn: string | null;
};
type CompletionRow = {
  id: number;
  userId: number;
  lessonSlug: string;
  method: string;
  at: string;
  recordedById: number | null;
  topic: string | null;
  titleVi: string | null;
  titleEn: string | null;
  sessionId: number | null;
  sessionTitle: string | null;
  sessionStartsAt: string | null;
};
type AttendanceRow = {
  id: number;
  userId: number;
  attendedSince: string;
  markedById: number;
  sessionId: number;
  sessionTitle: string;
  sessionStartsAt: string;
};
type SkillRow = {
  id: number;
  userId: number;
  skillKey: string;
  at: string;
  signedById: number;
  sessionId: number | null;
  sessionTitle: string | null;
  sessionStartsAt: string | null;
};

const SELECT = {
  attempt: `SELECT q.id, q.userId, q.lessonSlug, q.correct, q.total, q.score, q.passed, q.language, ${ATTEMPT_AT} AS at, l.topic, l.titleVi, l.titleEn
    FROM QuizAttempt q LEFT JOIN Lesson l ON l.slug = q.lessonSlug`,
  completion: `SELECT c.id, c.userId, c.lessonSlug, c.method, c.completedAt AS at, c.recordedById, l.topic, l.titleVi, l.titleEn,
      s.id AS sessionId, s.title AS sessionTitle, s.startsAt AS sessionStartsAt
    FROM Completion c LEFT JOIN Lesson l ON l.slug = c.lessonSlug LEFT JOIN TrainingSession s ON s.id = c.sessionId`,
  // A mark written without attendedSince (by hand, a bulk load) counts from its own time, as markAttendance reads it.
  attendance: `SELECT a.id, a.userId, COALESCE(a.attendedSince, a.markedAt) AS attendedSince, a.markedById, s.id AS sessionId, s.title AS sessionTitle, s.startsAt AS sessionStartsAt
    FROM Attendance a JOIN TrainingSession s ON s.id = a.sessionId`,
  skill: `SELECT k.id, k.userId, k.skillKey, k.signedAt AS at, k.signedById, s.id AS sessionId, s.title AS sessionTitle, s.startsAt AS sessionStartsAt
    FROM SkillSignoff k LEFT JOIN TrainingSession s ON s.id = k.sessionId`,
};
/** Attended, as everywhere: the one list in utils/attendance. */
const ATTENDED = `a.status IN (${ATTENDED_SQL})`;

function attemptFact(r: AttemptRow, units: UnitOnPath[], look: Lookups): Fact {
  return {
    kind: "attempt",
    id: r.id,
    userId: r.userId,
    units,
    lesson: look.lesson(r),
    correct: r.correct,
    total: r.total,
    score: r.score,
    passed: Boolean(r.passed),
    language: r.language,
    at: date(r.at),
  };
}

function completionFact(r: CompletionRow, units: UnitOnPath[], look: Lookups): Fact {
  return {
    kind: "completion",
    id: r.id,
    userId: r.userId,
    units,
    lesson: look.lesson(r),
    method: r.method === "in-person" ? "in-person" : "quiz",
    at: date(r.at),
    session: session(r),
    recordedBy: r.recordedById,
  };
}

function attendanceFact(r: AttendanceRow, units: UnitOnPath[]): Fact {
  return { kind: "attendance", id: r.id, userId: r.userId, units, attendedSince: date(r.attendedSince), session: session(r)!, markedBy: r.markedById };
}

function skillFact(r: SkillRow, units: UnitOnPath[], look: Lookups): Fact {
  return { kind: "skill", id: r.id, userId: r.userId, units, skill: look.skill(r.skillKey), at: date(r.at), signedBy: r.signedById, session: session(r) };
}

// ---------------------------------------------------------------- one fact by its key (the sender)

export type QueuedFact = { factKey: string; userId: number; unitPath: string; queuedAt: Date };

export async function lookups() {
  return new Lookups().load();
}

/**
 * The fact a queue row names, as it is now; null when it no longer holds (a
 * sign-off withdrawn, an attendance corrected, before the statement was sent).
 * The unit path is the one recorded when the row was queued.
 */
export async function factFor(row: QueuedFact, look: Lookups): Promise<Fact | null> {
  const units = await look.path(row.unitPath);
  const [kind, ...rest] = row.factKey.split("/");
  const id = Number(rest[0]);
  switch (kind) {
    case "attempt": {
      const r = await sql(`${SELECT.attempt} WHERE q.id = ?`).get<AttemptRow>(id);
      return r ? attemptFact(r, units, look) : null;
    }
    case "completion": {
      const r = await sql(`${SELECT.completion} WHERE c.id = ?`).get<CompletionRow>(id);
      return r ? completionFact(r, units, look) : null;
    }
    case "attendance": {
      const r = await sql(`${SELECT.attendance} WHERE a.id = ? AND ${ATTENDED}`).get<AttendanceRow>(id);
      if (!r || new Date(r.attendedSince).getTime() !== Number(rest[1])) return null;
      return attendanceFact(r, units);
    }
    case "skill": {
      const r = await sql(`${SELECT.skill} WHERE k.id = ?`).get<SkillRow>(id);
      return r ? skillFact(r, units, look) : null;
    }
    case "void":
      // A void states only that another statement no longer holds: always buildable.
      return { kind: "void", userId: row.userId, target: rest.join("/"), at: row.queuedAt };
    default:
      return null;
  }
}

// ---------------------------------------------------------------- the facts of a subtree and period (export, queuing earlier facts)

/** A period's bounds as stored instants: Vietnam's first day of `from` to the first day after `to`. */
export function periodBounds(period: Pick<Period, "from" | "to">) {
  const [y, m] = period.to.split("-").map(Number);
  return { start: sqlDate(periodStart(period)), end: sqlDate(vietnamMonthStart(y, m + 1)) };
}

const MEMBERS_PER_CHUNK = 200;

/** Every member whose team lies in the subtree (active or not: what they did still counts), with the team's path. */
function membersOf(unitPath: string) {
  return sql(`SELECT u.id, t.path FROM Team t JOIN User u ON u.teamId = t.id WHERE t.path >= ? AND t.path < ? ORDER BY u.id`).all<{ id: number; path: string }>(
    unitPath,
    subtreeUpperBound(unitPath),
  );
}

/**
 * The facts of the members of a subtree, member by member in chunks (bounded
 * memory, index lookups by member), optionally within a period. The period
 * applies to the moment the statement gives: answered, completed, the
 * session's start, signed off.
 */
export async function* subtreeFacts(unitPath: string, period?: Pick<Period, "from" | "to">): AsyncGenerator<Fact> {
  const look = await lookups();
  const members = await membersOf(unitPath);
  // Text that cannot pass for a number: DATETIME columns have numeric affinity,
  // and SQLite would compare them with "9999" as the number 9999. Year 1, not 0:
  // PostgreSQL has no year 0.
  const bounds = period ? periodBounds(period) : { start: "0001-01-01T00:00:00.000+00:00", end: "9999-12-31T23:59:59.999+00:00" };
  for (let i = 0; i < members.length; i += MEMBERS_PER_CHUNK) {
    const chunk = members.slice(i, i + MEMBERS_PER_CHUNK);
    const ids = JSON.stringify(chunk.map((m) => m.id));
    const pathOf = new Map(chunk.map((m) => [m.id, m.path]));
    const units = (userId: number) => look.path(pathOf.get(userId) ?? "");
    const inChunk = (column: string) => inJsonList(column);
    const attempts = await sql(`${SELECT.attempt} WHERE ${inChunk("q.userId")} AND ${ATTEMPT_AT} >= ? AND ${ATTEMPT_AT} < ? ORDER BY q.id`).all<AttemptRow>(
      ids,
      bounds.start,
      bounds.end,
    );
    for (const r of attempts) yield attemptFact(r, await units(r.userId), look);
    const completions = await sql(
      `${SELECT.completion} WHERE ${inChunk("c.userId")} AND c.completedAt >= ? AND c.completedAt < ? ORDER BY c.id`,
    ).all<CompletionRow>(ids, bounds.start, bounds.end);
    for (const r of completions) yield completionFact(r, await units(r.userId), look);
    const attendance = await sql(
      `${SELECT.attendance} WHERE ${inChunk("a.userId")} AND ${ATTENDED} AND s.startsAt >= ? AND s.startsAt < ? ORDER BY a.id`,
    ).all<AttendanceRow>(ids, bounds.start, bounds.end);
    for (const r of attendance) yield attendanceFact(r, await units(r.userId));
    const signoffs = await sql(`${SELECT.skill} WHERE ${inChunk("k.userId")} AND k.signedAt >= ? AND k.signedAt < ? ORDER BY k.id`).all<SkillRow>(
      ids,
      bounds.start,
      bounds.end,
    );
    for (const r of signoffs) yield skillFact(r, await units(r.userId), look);
  }
}

export type ExportCount = { written: number; invalid: number };

/**
 * The statements of a subtree and period as JSON lines, checked one by one
 * against xAPI 1.0.3; one that fails (a bug, never expected) is left out and
 * logged rather than sent out. Streamed: a province's year never sits in memory.
 */
export function exportStatements(site: Site, unitPath: string, period: Pick<Period, "from" | "to">, count: ExportCount = { written: 0, invalid: 0 }) {
  const facts = subtreeFacts(unitPath, period);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const lines: string[] = [];
      // About a hundred lines per chunk: few enqueues, small buffers.
      while (lines.length < 100) {
        const next = await facts.next();
        if (next.done) break;
        const statement = buildStatement(site, next.value);
        const check = validateStatement(statement);
        if (!check.valid) {
          count.invalid++;
          console.error(`xAPI export: statement ${statement.id} left out: ${check.problems.join("; ")}`);
          continue;
        }
        lines.push(JSON.stringify(statement));
        count.written++;
      }
      if (lines.length) controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
      else controller.close();
    },
    async cancel() {
      await facts.return(undefined);
    },
  });
}
