// The training session page's action, as the trainer's phone meets it: every button
// of the page posts here, a refusal comes back with the rule's key (409 when the
// session's state refuses it, 400 for a wrong request) and writes nothing.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse, syncLessons } from "~/content/course.server";
import { cancelTrainingSession, createTrainingSession, skills } from "~/models/training-session.server";
import * as sessionRoute from "~/routes/sessions.$id";
import { type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { guardAction } from "~/utils/request-guard.server";
import { buildWorld, requestAs, signedIn } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let world: Awaited<ReturnType<typeof buildWorld>>;
let trainer: SessionUser;
beforeAll(async () => {
  world = await buildWorld();
  await syncLessons(await loadCourse(process.env.CONTENT_DIR));
  trainer = await signedIn(world.staff.trainerA.id);
});

async function newSession(startsAt: Date) {
  const { id } = await createTrainingSession(trainer, {
    unitId: world.units.villageA1.id,
    title: "Buổi thử",
    startsAt,
    durationMinutes: 120,
    place: "Nhà văn hóa",
    note: null,
    teamIds: [world.teams.villageA1.id],
    lessonSlugs: ["demo-basics"],
  });
  return id;
}

/** What the page's action answered (a redirect is thrown by Remix's convention, so caught here). */
async function post(sessionId: number, fields: Record<string, string>) {
  const request = await requestAs(world.staff.trainerA.id, `http://localhost/sessions/${sessionId}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
    body: new URLSearchParams(fields).toString(),
  });
  try {
    return (await guardAction(sessionRoute)!({ request, params: { id: String(sessionId) }, context: {} })) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

const refusalKey = async (response: Response) => ((await response.json()) as { error: { key: string } | null }).error?.key;

describe("the training session page's action", () => {
  it("everyone present on a cancelled session: 409 with the reason, nobody marked", async () => {
    const id = await newSession(new Date(Date.now() + 48 * 3600_000));
    await cancelTrainingSession(trainer, id);
    const response = await post(id, { intent: "all-present" });
    expect(response.status).toBe(409);
    expect(await refusalKey(response)).toBe("sessions.errors.cancelled");
    expect(await prisma.attendance.count({ where: { sessionId: id } })).toBe(0);
  });

  it("everyone present on a started session marks every invited member and goes back to the list", async () => {
    const id = await newSession(new Date(Date.now() - 600_000));
    const response = await post(id, { intent: "all-present" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/sessions/${id}#attendance`);
    expect(await prisma.attendance.count({ where: { sessionId: id, status: "present" } })).toBe(world.members.a1.length);
  });

  it("a skill for a member who was not there: 400 with the reason, nothing signed", async () => {
    const id = await newSession(new Date(Date.now() - 600_000));
    const response = await post(id, { intent: "skill", userId: String(world.members.a1[0].id), skillKey: skills()[0].key, signed: "1" });
    expect(response.status).toBe(400);
    expect(await refusalKey(response)).toBe("sessions.errors.notPresent");
    expect(await prisma.skillSignoff.count({ where: { sessionId: id } })).toBe(0);
  });

  it("cancelling a session already held: 409 with the reason, still scheduled", async () => {
    const id = await newSession(new Date(Date.now() - 600_000));
    await post(id, { intent: "all-present" });
    const response = await post(id, { intent: "cancel" });
    expect(response.status).toBe(409);
    expect(await refusalKey(response)).toBe("sessions.errors.cancelHeld");
    expect((await prisma.trainingSession.findUniqueOrThrow({ where: { id } })).status).not.toBe("cancelled");
  });

  it("an intent the page does not have, or a walk-in without a member: 400, nothing written", async () => {
    const id = await newSession(new Date(Date.now() - 600_000));
    for (const fields of [{ intent: "delete-everything" }, { intent: "walk-in" }, {}] as Array<Record<string, string>>) {
      expect((await post(id, fields)).status).toBe(400);
    }
    expect(await prisma.attendance.count({ where: { sessionId: id } })).toBe(0);
  });

  it("recording in-person completions answers how many were recorded", async () => {
    const id = await newSession(new Date(Date.now() - 600_000));
    await post(id, { intent: "all-present" });
    const response = await post(id, { intent: "in-person" });
    expect(response.status).toBe(200);
    const recorded = await prisma.completion.count({ where: { sessionId: id } });
    expect(recorded).toBe(world.members.a1.length);
    expect(((await response.json()) as { done: unknown }).done).toEqual({ key: "sessions.inPersonDone", params: { count: recorded } });
  });
});
