import crypto from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { action } from "~/routes/api.sync.attempts";
import type { AttemptOutcome, AttemptPayload, SyncResponse } from "~/offline/protocol";
import { prisma } from "~/utils/db.server";
import { createUser, requestAs } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

const allRight = { q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" };
const twoWrong = { ...allRight, q1: "b", q2: "a" };

let member: { id: number };
beforeAll(async () => {
  member = await createUser({ name: "Học Ngoại Tuyến" });
});

function attempt(userId: number, overrides: Partial<AttemptPayload> = {}): AttemptPayload {
  return { id: crypto.randomUUID(), userId, slug: "demo-basics", language: "vi", answers: allRight, deviceTime: new Date().toISOString(), ...overrides };
}

async function post(userId: number | null, body: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }) {
  const request = await requestAs(userId, "http://localhost/api/sync/attempts", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  try {
    return (await action({ request, params: {}, context: {} })) as Response;
  } catch (error) {
    // A refused body is thrown as its Response (see request-body.server).
    if (error instanceof Response) return error;
    throw error;
  }
}

async function sync(userId: number, attempts: unknown[]) {
  const response = await post(userId, { attempts });
  expect(response.status).toBe(200);
  return ((await response.json()) as SyncResponse).results;
}

const counts = async (userId: number) => ({
  attempts: await prisma.quizAttempt.count({ where: { userId } }),
  completions: await prisma.completion.count({ where: { userId } }),
});

describe("sync of offline attempts", () => {
  it("grades an attempt, records device time and server time, and completes the lesson", async () => {
    const user = await createUser({});
    const a = attempt(user.id);
    const before = Date.now();
    const [outcome] = await sync(user.id, [a]);
    expect(outcome).toMatchObject({ id: a.id, status: "synced", correct: 5, total: 5, score: 100, passed: true, completed: true });
    const stored = await prisma.quizAttempt.findUniqueOrThrow({ where: { clientId: a.id } });
    expect(stored).toMatchObject({ userId: user.id, lessonSlug: "demo-basics", passed: true, language: "vi" });
    expect(stored.deviceTime?.toISOString()).toBe(a.deviceTime);
    expect(stored.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const completion = await prisma.completion.findFirstOrThrow({ where: { userId: user.id } });
    // Learnt when the device says, since that is in the past.
    expect(completion).toMatchObject({ lessonSlug: "demo-basics", method: "quiz", attemptId: stored.id });
    expect(completion.completedAt.toISOString()).toBe(a.deviceTime);
  });

  it("answers a duplicate with the same result and never counts it twice", async () => {
    const user = await createUser({});
    const fail = attempt(user.id, { answers: twoWrong });
    const pass = attempt(user.id);
    const first = await sync(user.id, [fail, pass]);
    expect(first.map((r) => r.status)).toEqual(["synced", "synced"]);
    // Sent again (the answer was lost on the way), and twice within one batch.
    const again = await sync(user.id, [pass, fail, pass]);
    expect(again.map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
    const strip = (r: AttemptOutcome) => ({ ...r, status: "x" });
    expect(strip(again[0])).toEqual(strip(first[1]));
    expect(again[1]).toMatchObject({ score: 60, passed: false, completed: true });
    expect(await counts(user.id)).toEqual({ attempts: 2, completions: 1 });
  });

  it("rejects malformed attempts one by one, saving nothing for them", async () => {
    const user = await createUser({});
    const good = attempt(user.id);
    const bad: unknown[] = [
      "not an object",
      { ...attempt(user.id), id: "short" },
      { ...attempt(user.id), answers: "q1=a" },
      { ...attempt(user.id), deviceTime: "yesterday" },
      { ...attempt(user.id), language: "fr" },
      attempt(user.id, { answers: { ...allRight, q5: "z" } }),
      attempt(user.id, { answers: { q1: "a" } }),
      attempt(user.id, { answers: { ...allRight, extra: "a" } }),
    ];
    const results = await sync(user.id, [...bad, good]);
    expect(results.slice(0, bad.length).map((r) => [r.status, "reason" in r ? r.reason : null])).toEqual(bad.map(() => ["rejected", "bad-payload"]));
    // A partial failure loses nothing: the good one at the end is graded.
    expect(results.at(-1)).toMatchObject({ id: good.id, status: "synced" });
    expect(await counts(user.id)).toEqual({ attempts: 1, completions: 1 });
  });

  it("explains a rejection when the quiz changed since the lesson was saved", async () => {
    const user = await createUser({});
    const [outcome] = await sync(user.id, [attempt(user.id, { version: "old-version", answers: { q1: "a", q2: "b", q3: "c", q4: "a", q9: "b" } })]);
    expect(outcome).toMatchObject({ status: "rejected", reason: "quiz-changed" });
    expect(await counts(user.id)).toEqual({ attempts: 0, completions: 0 });
  });

  it("refuses a request that is not a JSON list of attempts", async () => {
    const user = await createUser({});
    expect((await post(user.id, "{not json")).status).toBe(400);
    expect((await post(user.id, { attempts: "all" })).status).toBe(400);
    expect((await post(user.id, { attempts: [attempt(user.id)] }, { "Content-Type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await post(user.id, { attempts: Array.from({ length: 101 }, () => attempt(user.id)) })).status).toBe(413);
    expect(await counts(user.id)).toEqual({ attempts: 0, completions: 0 });
  });

  it("refuses someone else's attempt id and leaves their attempt as it was", async () => {
    const owner = await createUser({});
    const thief = await createUser({});
    const original = attempt(owner.id, { answers: twoWrong });
    await sync(owner.id, [original]);
    const [outcome] = await sync(thief.id, [{ ...original, userId: thief.id, answers: allRight }]);
    expect(outcome).toEqual({ id: original.id, status: "rejected", reason: "not-yours" });
    expect(await counts(thief.id)).toEqual({ attempts: 0, completions: 0 });
    const stored = await prisma.quizAttempt.findUniqueOrThrow({ where: { clientId: original.id } });
    expect(stored).toMatchObject({ userId: owner.id, score: 60, passed: false });
  });

  it("keeps another account's attempts on the device without grading them", async () => {
    const user = await createUser({});
    const other = await createUser({});
    const theirs = attempt(other.id);
    const [outcome] = await sync(user.id, [theirs]);
    expect(outcome).toEqual({ id: theirs.id, status: "other-user" });
    expect(await prisma.quizAttempt.count({ where: { clientId: theirs.id } })).toBe(0);
  });

  it("rejects an attempt on a lesson that no longer exists, saving nothing", async () => {
    const user = await createUser({});
    // A lesson that was in the course once and has been removed since.
    await prisma.lesson.create({
      data: { slug: "removed-lesson", topic: "demo", order: 9, minutes: 3, titleVi: "Đã bỏ", titleEn: "Removed", version: "v0", active: false },
    });
    const results = await sync(user.id, [attempt(user.id, { slug: "removed-lesson" }), attempt(user.id, { slug: "never-existed" })]);
    expect(results.map((r) => (r.status === "rejected" ? r.reason : r.status))).toEqual(["lesson-gone", "lesson-gone"]);
    expect(await counts(user.id)).toEqual({ attempts: 0, completions: 0 });
  });

  it("needs a signed-in account and keeps nothing otherwise", async () => {
    const before = await prisma.quizAttempt.count();
    const response = await post(null, { attempts: [attempt(member.id)] });
    expect(response.status).toBe(401);
    expect(await prisma.quizAttempt.count()).toBe(before);
  });

  it("does not move the completion date into the future when the device clock is ahead", async () => {
    const user = await createUser({});
    const before = Date.now();
    await sync(user.id, [attempt(user.id, { deviceTime: "2099-01-01T00:00:00.000Z" })]);
    const stored = await prisma.quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.deviceTime?.toISOString()).toBe("2099-01-01T00:00:00.000Z");
    expect(stored.deviceTimeFlagged).toBe(true);
    const completion = await prisma.completion.findFirstOrThrow({ where: { userId: user.id } });
    expect(completion.completedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(completion.completedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("flags a device time from before the account (1999) and counts the completion today", async () => {
    const user = await createUser({});
    const before = Date.now();
    const [outcome] = await sync(user.id, [attempt(user.id, { deviceTime: "1999-01-01T00:00:00.000Z" })]);
    expect(outcome.status).toBe("synced");
    const stored = await prisma.quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.deviceTimeFlagged).toBe(true);
    expect(stored.deviceTime?.toISOString()).toBe("1999-01-01T00:00:00.000Z");
    const completion = await prisma.completion.findFirstOrThrow({ where: { userId: user.id } });
    expect(completion.completedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const months = await prisma.unitMonthStat.findMany({ where: { month: "1999-01" } });
    expect(months).toEqual([]);
  });

  it("refuses a malformed device time alone and syncs the good attempts after it in the batch", async () => {
    const user = await createUser({});
    const bad = ["+10000-01-01T00:00:00.000Z", "-000001-01-01T00:00:00.000Z", "0000-01-01T00:00:00Z", "2026-02-30T08:00:00Z", "99999-12-31T00:00:00Z"];
    const good = [attempt(user.id), attempt(user.id)];
    const results = await sync(user.id, [...bad.map((deviceTime) => attempt(user.id, { deviceTime })), ...good]);
    expect(results.slice(0, bad.length).map((r) => r.status)).toEqual(bad.map(() => "rejected"));
    expect(results.slice(bad.length).map((r) => r.status)).toEqual(["synced", "synced"]);
    expect(await prisma.quizAttempt.count({ where: { userId: user.id } })).toBe(2);
  });
});
