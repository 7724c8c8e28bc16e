// The push to a Learning Record Store, against a stand-in LRS on 127.0.0.1
// (tests/support/lrs-stand-in.ts) that checks the version header, Basic
// authentication and each statement, and fails on demand. Across outages,
// lost answers, refusals, two senders at once and a crashed sender, every
// queued statement ends up stored exactly once, and nothing sent is sent again.
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getCourse, type Lesson } from "~/content/course.server";
import { backoffMs, retryDelayMs, retryNow, roundDelayMs, sendBatch, type LrsSettings } from "~/models/lrs-outbox.server";
import { submitAttempt } from "~/models/quiz.server";
import { createTrainingSession, markAttendance, recordInPersonCompletions, setSkill } from "~/models/training-session.server";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { buildWorld, createUser, requestAs } from "../support/fixtures";
import { LrsStandIn } from "../support/lrs-stand-in";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

const ORIGIN = "https://kynangso.example.vn";
const RIGHT = { q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" };
const WRONG = { q1: "b", q2: "a", q3: "a", q4: "b", q5: "a" };

let world: Awaited<ReturnType<typeof buildWorld>>;
let trainer: SessionUser;
let lesson: Lesson;
let lrs: LrsStandIn;
let clock: Date;

beforeAll(async () => {
  process.env.LRS_URL = "http://127.0.0.1:9/xapi"; // queued from here on; each test sends to its own stand-in
  world = await buildWorld();
  lesson = (await getCourse()).bySlug.get("demo-basics")!;
  trainer = await requireUser(await requestAs(world.staff.trainerA.id));
});
afterAll(() => {
  delete process.env.LRS_URL;
});

beforeEach(async () => {
  // Every test starts from an empty queue and a fresh LRS.
  await prisma.statementOutbox.deleteMany();
  clock = new Date();
  lrs = await new LrsStandIn().start();
  return () => lrs.stop();
});

const settings = (overrides: Partial<LrsSettings> = {}): LrsSettings => ({
  endpoint: `${lrs.url}/statements`,
  key: lrs.key,
  secret: lrs.secret,
  batchSize: 7,
  intervalMs: 1000,
  ...overrides,
});
const send = (overrides: Partial<LrsSettings> = {}) => sendBatch({ settings: settings(overrides), origin: ORIGIN, now: () => clock });
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

/** Rounds of the sender until nothing is left to do, moving the clock past each backoff. */
async function drain(overrides: Partial<LrsSettings> = {}, maxRounds = 100) {
  for (let round = 0; round < maxRounds; round++) {
    const report = await send(overrides);
    if (report.claimed > 0) continue;
    const next = await prisma.statementOutbox.findFirst({ where: { status: { in: ["pending", "sending"] } }, orderBy: { nextTryAt: "asc" } });
    if (!next) return round;
    clock = new Date(Math.max(clock.getTime(), next.nextTryAt.getTime(), next.leaseUntil?.getTime() ?? 0) + 1);
  }
  throw new Error("the queue never emptied");
}

/** Some learning by a few new members: attempts, completions (quiz and in person), attendance, skills and a withdrawn sign-off. */
async function someLearning(members = 6) {
  const people = [];
  for (let i = 0; i < members; i++) people.push(await createUser({ name: `Học viên ${i}`, teamId: world.teams.villageA1.id }));
  for (const [i, p] of people.entries()) {
    if (i % 2) await submitAttempt({ userId: p.id, lesson, quiz: lesson.text.vi.quiz, language: "vi", answers: WRONG });
    if (i % 3 !== 2) await submitAttempt({ userId: p.id, lesson, quiz: lesson.text.vi.quiz, language: i % 2 ? "en" : "vi", answers: RIGHT });
  }
  const { id } = (await createTrainingSession(trainer, {
    unitId: world.units.villageA1.id,
    title: "Tập huấn thanh toán",
    startsAt: new Date(Date.now() - 3600_000),
    durationMinutes: 90,
    place: "Nhà văn hóa",
    teamIds: [world.teams.villageA1.id],
    lessonSlugs: ["demo-basics"],
  })) as { id: number };
  await markAttendance(
    trainer,
    id,
    people.map((p) => ({ userId: p.id, status: "present" as const, markedAt: new Date() })),
  );
  await recordInPersonCompletions(trainer, id);
  for (const p of people.slice(0, 3)) await setSkill(trainer, id, p.id, "qr-payment", true);
  clock = new Date(); // the sender's clock starts when the facts are queued
  return { people, sessionId: id };
}

async function everythingSentOnce() {
  const rows = await prisma.statementOutbox.findMany({ where: { status: { not: "withdrawn" } } });
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((r) => r.status !== "sent").map((r) => `${r.factKey}: ${r.status} ${r.answer}`)).toEqual([]);
  // The LRS holds exactly the queued statements, each once, exactly as kept in the outbox.
  expect([...lrs.stored.keys()].sort()).toEqual(rows.map((r) => r.statementId!).sort());
  for (const row of rows) expect(lrs.stored.get(row.statementId!)).toBe(JSON.stringify(JSON.parse(row.body!)));
  return rows;
}

describe("delivery", () => {
  it("sends everything in batches, each statement once, with the version header and Basic authentication", async () => {
    await someLearning();
    const queued = await prisma.statementOutbox.count();
    expect(queued).toBeGreaterThan(20);
    await drain();
    await everythingSentOnce();
    expect(lrs.requests.every((r) => r.status === 200 && r.statements <= 7)).toBe(true);
    expect([...lrs.received.values()].every((n) => n === 1)).toBe(true);
    expect(lrs.received.size).toBe(queued);
    // Nothing sent goes again.
    const requests = lrs.requests.length;
    later(24 * 3600_000);
    expect((await send()).claimed).toBe(0);
    expect(lrs.requests.length).toBe(requests);
  });

  it("survives an outage and a lost answer: nothing lost, nothing stored twice, each statement backing off 30 s, 1 min, 2 min", async () => {
    await someLearning();
    const queued = await prisma.statementOutbox.count();
    const oneBatch = { batchSize: 500 };
    lrs.failNext({ kind: "status", status: 503 }, { kind: "status", status: 503 }, { kind: "status", status: 502 });
    for (let failures = 1; failures <= 3; failures++) {
      expect(await send(oneBatch)).toMatchObject({ claimed: queued, retrying: queued, sent: 0 });
      const rows = await prisma.statementOutbox.findMany();
      for (const row of rows) {
        expect(row).toMatchObject({ status: "pending", tries: failures, problem: null });
        expect(row.answerStatus).toBe(failures === 3 ? 502 : 503);
        expect(row.answer).toContain("Service unavailable");
        const wait = row.nextTryAt.getTime() - clock.getTime();
        expect(wait).toBe(retryDelayMs(row.id, failures));
        expect(wait).toBeGreaterThan(0.75 * backoffMs(failures));
        expect(wait).toBeLessThanOrEqual(backoffMs(failures));
      }
      // Nothing is tried before its time.
      const due = rows.map((r) => r.nextTryAt.getTime());
      clock = new Date(Math.min(...due) - 1);
      expect((await send(oneBatch)).claimed).toBe(0);
      clock = new Date(Math.max(...due));
    }
    expect([1, 2, 3, 8, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);

    // Back up, but the first answer is lost after the LRS stored the batch, and then a 500.
    lrs.failNext({ kind: "store-then-drop" }, { kind: "status", status: 500 });
    await drain();
    const rows = await everythingSentOnce();
    // Only the batch whose answer was lost was delivered twice; the LRS kept it once.
    const twice = [...lrs.delivered.entries()].filter(([, n]) => n > 1).map(([id]) => id);
    expect(twice).toHaveLength(7);
    expect([...lrs.delivered.values()].every((n) => n <= 2)).toBe(true);
    expect(lrs.delivered.size).toBe(queued);
    expect(rows.filter((r) => twice.includes(r.statementId!)).every((r) => r.tries === 4 && r.answerStatus === 200 && r.answer === null)).toBe(true);
  });

  it("the loop itself backs off while the LRS keeps failing", () => {
    expect([0, 1, 2, 3, 10].map((rounds) => roundDelayMs(30_000, rounds))).toEqual([30_000, 30_000, 60_000, 120_000, 3_600_000]);
    expect(roundDelayMs(90_000, 1)).toBe(90_000);
  });

  it("with an LRS that answers 409 to ids it already has, the lost batch counts as delivered", async () => {
    await lrs.stop();
    lrs = await new LrsStandIn({ duplicates: "conflict" }).start();
    await someLearning(3);
    lrs.failNext({ kind: "store-then-drop" });
    await drain();
    const rows = await everythingSentOnce();
    // The seven whose answer was lost: the LRS said it already had them.
    const known = rows.filter((r) => r.answerStatus === 409);
    expect(known).toHaveLength(7);
    expect(known.every((r) => r.tries === 1 && (lrs.delivered.get(r.statementId!) ?? 0) === 1)).toBe(true);
  });

  it("one statement the LRS refuses does not hold back the others; sent again after the LRS is fixed", async () => {
    const { people } = await someLearning(4);
    const refusedName = (await import("~/models/learning-records.server")).actorName(people[1].id);
    lrs.refuseWhere((s) =>
      (s.actor as { account: { name: string } }).account.name === refusedName ? "Learner not registered in the province platform" : null,
    );
    await drain();
    const failed = await prisma.statementOutbox.findMany({ where: { status: "failed" } });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.userId === people[1].id)).toBe(true);
    expect(failed[0].answerStatus).toBe(400);
    expect(failed[0].answer).toBe('{"error":"Learner not registered in the province platform"}');
    const sent = await prisma.statementOutbox.count({ where: { status: "sent" } });
    expect(sent).toBe(lrs.stored.size);
    expect(sent + failed.length).toBe(await prisma.statementOutbox.count({ where: { status: { not: "withdrawn" } } }));
    // Refused statements are not retried on their own…
    later(24 * 3600_000);
    expect((await send()).claimed).toBe(0);
    // …until an admin asks, once the LRS accepts them.
    lrs.refuseWhere(null);
    const villageA1 = await prisma.unit.findUniqueOrThrow({ where: { id: world.units.villageA1.id } });
    expect(await retryNow(villageA1.path, clock)).toBe(failed.length);
    await drain();
    await everythingSentOnce();
  });

  it("an LRS that goes down while a refused batch is split: the rest wait untouched", async () => {
    const { people } = await someLearning(4);
    const refusedName = (await import("~/models/learning-records.server")).actorName(people[0].id);
    lrs.refuseWhere((s) => ((s.actor as { account: { name: string } }).account.name === refusedName ? "Not registered" : null));
    lrs.failNext({ kind: "as-usual" }, { kind: "status", status: 503 });
    const report = await send();
    // The batch was refused (400), its first statement then met a 503: nothing more was asked of the LRS this round.
    expect(lrs.requests.map((r) => [r.status, r.statements])).toEqual([
      [400, 7],
      [503, 1],
    ]);
    expect(report).toMatchObject({ claimed: 7, retrying: 7, sent: 0, requests: 2 });
    expect(await prisma.statementOutbox.count({ where: { status: "sending" } })).toBe(0);
    lrs.refuseWhere(null);
    await drain();
    await everythingSentOnce();
  });

  it("wrong credentials are a passing problem: kept, retried, sent once fixed", async () => {
    await someLearning(2);
    await send({ secret: "sai" });
    const row = await prisma.statementOutbox.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(row).toMatchObject({ status: "pending", tries: 1, answerStatus: 401 });
    expect(lrs.stored.size).toBe(0);
    await drain();
    await everythingSentOnce();
  });

  it("an LRS that cannot be reached: kept with the reason", async () => {
    await someLearning(1);
    const endpoint = settings().endpoint;
    await lrs.stop(); // nothing listens there any more
    const report = await sendBatch({ settings: settings({ endpoint }), origin: ORIGIN, now: () => clock });
    expect(report.retrying).toBeGreaterThan(0);
    const row = await prisma.statementOutbox.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(row).toMatchObject({ status: "pending", answerStatus: null, problem: "admin.xapi.problems.noAnswer" });
    expect(row.answer).toMatch(/ECONNREFUSED/);
  });

  it("honours Retry-After when it asks for longer than the backoff", async () => {
    await someLearning(1);
    lrs.failNext({ kind: "status", status: 429, retryAfter: 600 });
    await send();
    const row = await prisma.statementOutbox.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(row.nextTryAt.getTime() - clock.getTime()).toBe(600_000);
  });
});

describe("concurrency and crashes", () => {
  it("two senders at once never take the same statement", async () => {
    await someLearning();
    for (let i = 0; i < 10; i++) await Promise.all([send(), send(), send()]);
    await drain();
    await everythingSentOnce();
    expect([...lrs.received.values()].every((n) => n === 1)).toBe(true);
  });

  it("a sender that died mid-send: its statements are taken up again when the lease runs out", async () => {
    await someLearning(2);
    // A sender claimed everything and then the process died.
    await prisma.statementOutbox.updateMany({ data: { status: "sending", leaseUntil: new Date(clock.getTime() + 120_000) } });
    expect((await send()).claimed).toBe(0);
    later(120_001);
    await drain();
    await everythingSentOnce();
  });

  it("a member's request never waits for the LRS", async () => {
    await someLearning(1);
    lrs.failNext({ kind: "hang" });
    const inFlight = send();
    await new Promise<void>((resolve) => {
      const wait = () => (lrs.inFlight ? resolve() : setTimeout(wait, 5));
      wait();
    });
    // The LRS holds the sender's request open; a member answers a quiz meanwhile.
    const member = await createUser({ name: "Người đến sau", teamId: world.teams.villageA1.id });
    const result = await submitAttempt({ userId: member.id, lesson, quiz: lesson.text.vi.quiz, language: "vi", answers: RIGHT });
    expect(result.grade.passed).toBe(true);
    expect(lrs.inFlight).toBe(1);
    expect(await prisma.statementOutbox.count({ where: { userId: member.id, status: "pending" } })).toBe(2);
    lrs.releaseHung();
    await inFlight;
    await drain();
    await everythingSentOnce();
  });
});

describe("what never leaves", () => {
  it("a statement that is not valid xAPI is marked failed with the problems, and the LRS never sees it", async () => {
    await someLearning(1);
    await sendBatch({ settings: settings(), origin: "kynangso", now: () => clock });
    const failed = await prisma.statementOutbox.findMany({ where: { status: "failed" } });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].problem).toBe("admin.xapi.problems.invalid");
    expect(failed[0].answer).toMatch(/^actor\.account\.homePage: must be an IRL.*must be an IRI/);
    expect(lrs.requests).toEqual([]);
  });

  it("a fact gone before it was sent is withdrawn, not sent", async () => {
    const member = world.members.a1[0];
    await prisma.statementOutbox.create({ data: { factKey: "skill/999999", userId: member.id, unitPath: "/1/" } });
    clock = new Date();
    const report = await send();
    expect(report.withdrawn).toBe(1);
    expect(await prisma.statementOutbox.findFirstOrThrow()).toMatchObject({ status: "withdrawn", problem: "admin.xapi.problems.factGone" });
    expect(lrs.requests).toEqual([]);
  });

  it("a sign-off withdrawn after it was sent is voided, after it, in order", async () => {
    const { people, sessionId } = await someLearning(2);
    await drain();
    await setSkill(trainer, sessionId, people[0].id, "qr-payment", false);
    await drain();
    const rows = await everythingSentOnce();
    const voiding = rows.find((r) => r.factKey.startsWith("void/"))!;
    const voided = rows.find((r) => `void/${r.factKey}` === voiding.factKey)!;
    const statement = JSON.parse(voiding.body!) as { verb: { id: string }; object: { objectType: string; id: string } };
    expect(statement.verb.id).toBe("http://adlnet.gov/expapi/verbs/voided");
    expect(statement.object).toEqual({ objectType: "StatementRef", id: voided.statementId });
    expect(voiding.id).toBeGreaterThan(voided.id);
  });
});
