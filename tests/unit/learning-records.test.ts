// Learning records out: facts are queued in their own transaction while an LRS
// is configured, corrections withdraw or void what was queued, earlier facts
// can be queued from the facts (once), and the export gives a subtree's
// statements for a period, each valid, with the ids the sender uses.
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getCourse, type Lesson } from "~/content/course.server";
import { parsePeriod } from "~/models/coverage.server";
import { actorName, exportStatements, siteFor } from "~/models/learning-records.server";
import { queueEarlierFacts, sendBatch } from "~/models/lrs-outbox.server";
import { submitAttempt } from "~/models/quiz.server";
import { createTrainingSession, markAttendance, recordInPersonCompletions, setSkill } from "~/models/training-session.server";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { validateStatement } from "~/xapi/validate";
import { buildWorld, requestAs } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

const ORIGIN = "https://kynangso.example.vn";
let world: Awaited<ReturnType<typeof buildWorld>>;
let trainer: SessionUser;
let lesson: Lesson;
const RIGHT = { q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" };
const WRONG = { q1: "b", q2: "a", q3: "a", q4: "b", q5: "a" };

beforeAll(async () => {
  world = await buildWorld();
  lesson = (await getCourse()).bySlug.get("demo-basics")!;
  trainer = await requireUser(await requestAs(world.staff.trainerA.id));
});

beforeEach(() => {
  process.env.LRS_URL = "http://127.0.0.1:9/xapi";
});
afterEach(() => {
  delete process.env.LRS_URL;
});

const rows = (where: object = {}) => prisma.statementOutbox.findMany({ where, orderBy: { id: "asc" } });
const answer = (userId: number, answers: Record<string, string>, now?: Date) =>
  submitAttempt({ userId, lesson, quiz: lesson.text.vi.quiz, language: "vi", answers, now });

async function sessionFor(teamId: number, unitId: number, startsAt = new Date(Date.now() - 3600_000)) {
  const { id } = (await createTrainingSession(trainer, {
    unitId,
    title: "Buổi thử xAPI",
    startsAt,
    durationMinutes: 60,
    place: "Nhà văn hóa",
    teamIds: [teamId],
    lessonSlugs: ["demo-basics"],
  })) as {
    id: number;
  };
  return id;
}

/** Pretends the queued row went out (as the sender would mark it). */
const markSent = (factKey: string) => prisma.statementOutbox.update({ where: { factKey }, data: { status: "sent", tries: 1, sentAt: new Date() } });

async function exported(unitPath: string, period = parsePeriod(null)) {
  const text = await new Response(exportStatements(siteFor(ORIGIN), unitPath, period)).text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; verb: { id: string }; actor: { account: { name: string } }; object: { id: string } });
}

describe("queued with the fact", () => {
  it("a quiz answered queues the attempt, and the completion it made, in the same transaction", async () => {
    const member = world.members.a1[0].id;
    const failed = await answer(member, WRONG);
    const passed = await answer(member, RIGHT);
    const completion = await prisma.completion.findUniqueOrThrow({ where: { userId_lessonSlug: { userId: member, lessonSlug: "demo-basics" } } });
    const queued = await rows({ userId: member });
    expect(queued.map((r) => r.factKey)).toEqual([`attempt/${failed.attemptId}`, `attempt/${passed.attemptId}`, `completion/${completion.id}`]);
    expect(new Set(queued.map((r) => r.status))).toEqual(new Set(["pending"]));
    const villageA1 = await prisma.unit.findUniqueOrThrow({ where: { id: world.units.villageA1.id } });
    expect(queued.every((r) => r.unitPath === villageA1.path)).toBe(true);
  });

  it("queues nothing while no LRS is configured", async () => {
    delete process.env.LRS_URL;
    const before = await prisma.statementOutbox.count();
    await answer(world.members.a2[0].id, WRONG);
    expect(await prisma.statementOutbox.count()).toBe(before);
  });

  it("a fact that is not stored is not queued either", async () => {
    const before = await prisma.statementOutbox.count();
    await expect(answer(987654, RIGHT)).rejects.toThrow();
    expect(await prisma.statementOutbox.count()).toBe(before);
  });

  it("in-person completions are queued, once each", async () => {
    const [m1, m2] = world.members.a2;
    const id = await sessionFor(world.teams.villageA2.id, world.units.villageA2.id);
    await markAttendance(trainer, id, [{ userId: m1.id, status: "present", markedAt: new Date() }]);
    await recordInPersonCompletions(trainer, id);
    await recordInPersonCompletions(trainer, id);
    const completion = await prisma.completion.findUniqueOrThrow({ where: { userId_lessonSlug: { userId: m1.id, lessonSlug: "demo-basics" } } });
    expect((await rows({ factKey: `completion/${completion.id}` })).length).toBe(1);
    expect(await rows({ userId: m2.id, factKey: { startsWith: "completion/" } })).toEqual([]);
  });
});

describe("corrections", () => {
  it("attendance: queued when attended, unchanged between present and late, withdrawn while never sent, a new statement when given again", async () => {
    const member = world.members.b1[0].id;
    const admin = await requireUser(await requestAs(world.staff.admin.id));
    const id = (await createTrainingSession(admin, {
      unitId: world.units.villageB1.id,
      title: "Buổi B1",
      startsAt: new Date(Date.now() - 3600_000),
      durationMinutes: 60,
      place: "Thôn B1",
      teamIds: [world.teams.villageB1.id],
      lessonSlugs: ["demo-basics"],
    })) as { id: number };
    const start = Date.now() - 3600_000;
    const t = (minutes: number) => new Date(start + minutes * 60_000);
    await markAttendance(admin, id.id, [{ userId: member, status: "present", markedAt: t(1) }]);
    await markAttendance(admin, id.id, [{ userId: member, status: "late", markedAt: t(2) }]);
    let queued = await rows({ userId: member, factKey: { startsWith: "attendance/" } });
    expect(queued).toHaveLength(1);
    expect(queued[0].factKey).toBe(`attendance/${(await prisma.attendance.findFirstOrThrow({ where: { userId: member } })).id}/${t(1).getTime()}`);

    await markAttendance(admin, id.id, [{ userId: member, status: "absent", markedAt: t(3) }]);
    queued = await rows({ userId: member, factKey: { contains: "attendance/" } });
    expect(queued.map((r) => r.status)).toEqual(["withdrawn"]);

    await markAttendance(admin, id.id, [{ userId: member, status: "present", markedAt: t(4) }]);
    queued = await rows({ userId: member, factKey: { contains: "attendance/" } });
    expect(queued.map((r) => r.status)).toEqual(["withdrawn", "pending"]);
    expect(queued[1].factKey).not.toBe(queued[0].factKey);

    // Once sent, a correction can only void it.
    await markSent(queued[1].factKey);
    await markAttendance(admin, id.id, [{ userId: member, status: "excused", markedAt: t(5) }]);
    queued = await rows({ userId: member, factKey: { contains: "attendance/" } });
    expect(queued.map((r) => [r.factKey.startsWith("void/"), r.status])).toEqual([
      [false, "withdrawn"],
      [false, "sent"],
      [true, "pending"],
    ]);
    expect(queued[2].factKey).toBe(`void/${queued[1].factKey}`);
  });

  it("a skill sign-off withdrawn before it was sent disappears; after, it is voided", async () => {
    const member = world.members.a1[1].id;
    const id = await sessionFor(world.teams.villageA1.id, world.units.villageA1.id);
    await markAttendance(trainer, id, [{ userId: member, status: "present", markedAt: new Date() }]);
    await setSkill(trainer, id, member, "qr-payment", true);
    await setSkill(trainer, id, member, "qr-payment", true);
    let queued = await rows({ userId: member, factKey: { contains: "skill/" } });
    expect(queued.map((r) => r.status)).toEqual(["pending"]);
    await setSkill(trainer, id, member, "qr-payment", false);
    queued = await rows({ userId: member, factKey: { contains: "skill/" } });
    expect(queued.map((r) => r.status)).toEqual(["withdrawn"]);

    await setSkill(trainer, id, member, "qr-payment", true);
    queued = await rows({ userId: member, factKey: { contains: "skill/" } });
    expect(queued.map((r) => r.status)).toEqual(["withdrawn", "pending"]);
    await markSent(queued[1].factKey);
    await setSkill(trainer, id, member, "qr-payment", false);
    queued = await rows({ userId: member, factKey: { contains: "skill/" } });
    expect(queued.map((r) => [r.factKey, r.status])).toEqual([
      [queued[0].factKey, "withdrawn"],
      [queued[1].factKey, "sent"],
      [`void/${queued[1].factKey}`, "pending"],
    ]);
  });
});

describe("earlier facts and the export", () => {
  it("queues earlier facts of a subtree once, derived from the facts", async () => {
    delete process.env.LRS_URL;
    const member = world.members.b1[1].id;
    await answer(member, RIGHT);
    expect(await rows({ userId: member })).toEqual([]);
    process.env.LRS_URL = "http://127.0.0.1:9/xapi";
    const communeB = await prisma.unit.findUniqueOrThrow({ where: { id: world.units.communeB.id } });
    const first = await queueEarlierFacts(communeB.path);
    expect(first).toBeGreaterThanOrEqual(2);
    expect((await rows({ userId: member })).map((r) => r.factKey.split("/")[0])).toEqual(["attempt", "completion"]);
    expect(await queueEarlierFacts(communeB.path)).toBe(0);
    // Nothing outside the subtree.
    expect(
      await rows({
        unitPath: { not: { startsWith: communeB.path } },
        queuedAt: { gte: new Date(Date.now() - 5000) },
        factKey: { startsWith: "attempt/" },
        userId: member,
      }),
    ).toEqual([]);
  });

  it("exports a subtree's statements for a period, each valid, actors by pseudonym", async () => {
    const communeA = await prisma.unit.findUniqueOrThrow({ where: { id: world.units.communeA.id } });
    const communeB = await prisma.unit.findUniqueOrThrow({ where: { id: world.units.communeB.id } });
    const statements = await exported(communeA.path);
    expect(statements.length).toBeGreaterThanOrEqual(5);
    for (const s of statements) expect(validateStatement(s).problems).toEqual([]);
    const inA = [...world.members.a1, ...world.members.a2].map((m) => actorName(m.id));
    expect(statements.every((s) => inA.includes(s.actor.account.name))).toBe(true);
    const verbs = new Set(statements.map((s) => s.verb.id.split("/").pop()));
    for (const v of ["passed", "failed", "completed", "attended"]) expect(verbs).toContain(v);
    // Commune B's members are not in commune A's file.
    const inB = (await exported(communeB.path)).map((s) => s.actor.account.name);
    expect(inB.length).toBeGreaterThan(0);
    expect(inB.some((name) => inA.includes(name))).toBe(false);
    // A period with nothing in it.
    expect(await exported(communeA.path, parsePeriod("2001"))).toEqual([]);
  });

  it("an attempt answered at the end of March (Vietnam time) is in Q1, not Q2", async () => {
    const member = world.members.a2[1].id;
    const at = new Date("2026-03-31T16:30:00Z"); // 23:30 on 31 March in Vietnam
    const { attemptId } = await answer(member, WRONG, at);
    const villageA2 = await prisma.unit.findUniqueOrThrow({ where: { id: world.units.villageA2.id } });
    const id = siteFor(ORIGIN);
    const inQ1 = await exported(villageA2.path, parsePeriod("2026-Q1"));
    const inQ2 = await exported(villageA2.path, parsePeriod("2026-Q2"));
    const { statementId } = await import("~/xapi/statements");
    expect(inQ1.map((s) => s.id)).toContain(statementId(id.origin, `attempt/${attemptId}`));
    expect(inQ2.map((s) => s.id)).not.toContain(statementId(id.origin, `attempt/${attemptId}`));
  });

  it("the file and the sender give a fact the same statement id", async () => {
    const communeA = await prisma.unit.findUniqueOrThrow({ where: { id: world.units.communeA.id } });
    const ids = new Set((await exported(communeA.path)).map((s) => s.id));
    // Build (without sending: nothing answers on port 9) the queued rows of commune A.
    await sendBatch({ origin: ORIGIN, settings: { endpoint: "http://127.0.0.1:9/xapi/statements", key: "k", secret: "s", batchSize: 500, intervalMs: 1000 } });
    const built = await prisma.statementOutbox.findMany({
      where: { unitPath: { startsWith: communeA.path }, statementId: { not: null }, factKey: { not: { startsWith: "void/" } }, status: { not: "withdrawn" } },
    });
    expect(built.length).toBeGreaterThan(0);
    for (const row of built) expect(ids.has(row.statementId!), row.factKey).toBe(true);
  });
});
