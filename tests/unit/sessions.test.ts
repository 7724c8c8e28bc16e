import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse, syncLessons } from "~/content/course.server";
import {
  addWalkIn,
  cancelTrainingSession,
  createTrainingSession,
  getTrainingSession,
  listTrainingSessions,
  markAttendance,
  markEveryonePresent,
  recordInPersonCompletions,
  setSkill,
  updateTrainingSession,
  upcomingSessionsFor,
  type TrainingSessionInput,
} from "~/models/training-session.server";
import { type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { buildWorld, thrown, signedIn } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let world: Awaited<ReturnType<typeof buildWorld>>;
let trainerA: SessionUser;
let supervisorA: SessionUser;
let supervisorB: SessionUser;
let admin: SessionUser;
const as = signedIn;

beforeAll(async () => {
  world = await buildWorld();
  await syncLessons(await loadCourse(process.env.CONTENT_DIR));
  trainerA = await as(world.staff.trainerA.id);
  supervisorA = await as(world.staff.supervisorA.id);
  supervisorB = await as(world.staff.supervisorB.id);
  admin = await as(world.staff.admin.id);
});

const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60_000);
/** Attendance opens 3 hours before a session: sessions that take marks in these tests began an hour ago. */
const justStarted = () => new Date(Date.now() - 60 * 60_000);

function input(overrides: Partial<TrainingSessionInput> = {}): TrainingSessionInput {
  return {
    unitId: world.units.villageA1.id,
    title: "Cài đặt VNeID",
    startsAt: inDays(3),
    durationMinutes: 90,
    place: "Nhà văn hóa thôn A1",
    teamIds: [world.teams.villageA1.id],
    lessonSlugs: ["demo-basics"],
    ...overrides,
  };
}

describe("scheduling and scope", () => {
  it("invites every active member of the invited teams", async () => {
    const { id } = (await createTrainingSession(trainerA, input())) as { id: number };
    const invitees = await prisma.sessionInvitee.findMany({ where: { sessionId: id }, select: { userId: true } });
    expect(invitees.map((i) => i.userId).sort()).toEqual(world.members.a1.map((m) => m.id).sort());
  });

  it("refuses a unit, a team or a lesson outside what the trainer may use, saving nothing", async () => {
    const before = await prisma.trainingSession.count();
    await expect(createTrainingSession(trainerA, input({ unitId: world.units.villageB1.id, teamIds: [world.teams.villageB1.id] }))).rejects.toMatchObject({
      key: "sessions.errors.unit",
    });
    await expect(createTrainingSession(trainerA, input({ teamIds: [world.teams.villageB1.id] }))).rejects.toMatchObject({ key: "sessions.errors.teams" });
    await expect(createTrainingSession(trainerA, input({ teamIds: [world.teams.villageA2.id] }))).rejects.toMatchObject({ key: "sessions.errors.teams" });
    await expect(createTrainingSession(trainerA, input({ lessonSlugs: ["no-such-lesson"] }))).rejects.toMatchObject({ key: "sessions.errors.lessons" });
    expect(await prisma.trainingSession.count()).toBe(before);
  });

  it("lets only trainers and admins schedule", async () => {
    expect((await thrown(createTrainingSession(supervisorA, input()))).status).toBe(403);
  });

  it("shows sessions to supervisors of the subtree and to invited members only", async () => {
    const { id } = (await createTrainingSession(trainerA, input({ title: "Phạm vi" }))) as { id: number };
    expect((await getTrainingSession(supervisorA, id)).title).toBe("Phạm vi");
    expect((await getTrainingSession(admin, id)).title).toBe("Phạm vi");
    expect((await thrown(getTrainingSession(supervisorB, id))).status).toBe(404);
    const invited = await as(world.members.a1[0].id);
    const notInvited = await as(world.members.a2[0].id);
    expect((await getTrainingSession(invited, id)).id).toBe(id);
    expect((await thrown(getTrainingSession(notInvited, id))).status).toBe(404);
    expect((await listTrainingSessions(notInvited, "upcoming")).map((s) => s.id)).not.toContain(id);
    expect((await listTrainingSessions(supervisorB, "upcoming")).map((s) => s.id)).not.toContain(id);
  });

  it("refuses attendance from a supervisor, or from a trainer of another commune", async () => {
    const { id } = (await createTrainingSession(trainerA, input())) as { id: number };
    expect((await thrown(markAttendance(supervisorA, id, [{ userId: world.members.a1[0].id, status: "present", markedAt: new Date() }]))).status).toBe(403);
    const trainerB = await as(
      (
        await prisma.user.create({
          data: { phone: "0977000001", name: "Tập huấn B", role: "trainer", scopeUnitId: world.units.communeB.id, passwordHash: "x" },
        })
      ).id,
    );
    expect((await thrown(markAttendance(trainerB, id, [{ userId: world.members.a1[0].id, status: "present", markedAt: new Date() }]))).status).toBe(404);
  });
});

describe("rescheduling and cancelling", () => {
  it("remembers the old time so invited members see the change, and keeps marked members", async () => {
    const first = inDays(5);
    const { id } = (await createTrainingSession(
      trainerA,
      input({ startsAt: first, unitId: world.units.communeA.id, teamIds: [world.teams.villageA1.id] }),
    )) as { id: number };
    // Attendance taken on the day (the model is told the time it happens).
    await markAttendance(trainerA, id, [{ userId: world.members.a1[0].id, status: "excused", markedAt: first }], first);
    const moved = inDays(6);
    await updateTrainingSession(trainerA, id, input({ startsAt: moved, unitId: world.units.communeA.id, teamIds: [world.teams.villageA2.id] }));
    const session = await prisma.trainingSession.findUniqueOrThrow({ where: { id }, include: { invitees: true } });
    expect(session.startsAt.getTime()).toBe(moved.getTime());
    expect(session.previousStartsAt?.getTime()).toBe(first.getTime());
    const invited = session.invitees.map((i) => i.userId).sort();
    // A1's marked member stays; A1's unmarked member goes; A2's members come.
    expect(invited).toEqual([world.members.a1[0].id, ...world.members.a2.map((m) => m.id)].sort());
    const upcoming = await upcomingSessionsFor(world.members.a2[0].id);
    expect(upcoming.find((s) => s.id === id)?.previousStartsAt?.getTime()).toBe(first.getTime());
  });

  it("a cancelled session shows as cancelled and takes no marks or edits", async () => {
    const { id } = (await createTrainingSession(trainerA, input())) as { id: number };
    await cancelTrainingSession(trainerA, id);
    const member = await as(world.members.a1[1].id);
    expect((await getTrainingSession(member, id)).status).toBe("cancelled");
    await expect(markAttendance(trainerA, id, [{ userId: world.members.a1[1].id, status: "present", markedAt: new Date() }])).rejects.toMatchObject({
      key: "sessions.errors.cancelled",
    });
    await expect(updateTrainingSession(trainerA, id, input())).rejects.toMatchObject({ key: "sessions.errors.cancelled" });
  });

  it("a session whose time is over cannot be cancelled, even with no attendance taken", async () => {
    const startsAt = inDays(2);
    const { id } = (await createTrainingSession(trainerA, input({ startsAt }))) as { id: number };
    const length = (await prisma.trainingSession.findUniqueOrThrow({ where: { id } })).durationMinutes;
    const over = new Date(startsAt.getTime() + length * 60_000);
    await expect(cancelTrainingSession(trainerA, id, over)).rejects.toMatchObject({ key: "sessions.errors.cancelPast" });
    expect((await prisma.trainingSession.findUniqueOrThrow({ where: { id } })).status).not.toBe("cancelled");
    // A minute before its end it still can be (nobody came, say).
    await cancelTrainingSession(trainerA, id, new Date(over.getTime() - 60_000));
    expect((await prisma.trainingSession.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
  });
});

describe("attendance", () => {
  it("keeps one mark per member however often it is sent, and an older tap never wins", async () => {
    const { id } = (await createTrainingSession(trainerA, input({ startsAt: justStarted() }))) as { id: number };
    const member = world.members.a1[0].id;
    const t1 = new Date("2026-11-30T01:00:00Z");
    const t2 = new Date("2026-11-30T01:00:05Z");
    await markAttendance(trainerA, id, [{ userId: member, status: "absent", markedAt: t1 }]);
    await markAttendance(trainerA, id, [{ userId: member, status: "present", markedAt: t2 }]);
    // The first request is resent after a dropped connection.
    await markAttendance(trainerA, id, [{ userId: member, status: "absent", markedAt: t1 }]);
    const marks = await prisma.attendance.findMany({ where: { sessionId: id, userId: member } });
    expect(marks).toHaveLength(1);
    expect(marks[0].status).toBe("present");
  });

  it("ignores marks for people who are not invited", async () => {
    const { id } = (await createTrainingSession(trainerA, input({ startsAt: justStarted() }))) as { id: number };
    const { saved } = await markAttendance(trainerA, id, [{ userId: world.members.b1[0].id, status: "present", markedAt: new Date() }]);
    expect(saved).toEqual([]);
    expect(await prisma.attendance.count({ where: { sessionId: id } })).toBe(0);
  });

  it("marks everyone present except those already marked, and adds walk-ins from the scope only", async () => {
    const { id } = (await createTrainingSession(trainerA, input({ startsAt: justStarted() }))) as { id: number };
    await markAttendance(trainerA, id, [{ userId: world.members.a1[1].id, status: "absent", markedAt: new Date() }]);
    await markEveryonePresent(trainerA, id);
    const marks = Object.fromEntries((await prisma.attendance.findMany({ where: { sessionId: id } })).map((a) => [a.userId, a.status]));
    expect(marks).toEqual({ [world.members.a1[0].id]: "present", [world.members.a1[1].id]: "absent" });
    await addWalkIn(trainerA, id, world.members.a2[0].id);
    await expect(addWalkIn(trainerA, id, world.members.b1[0].id)).rejects.toMatchObject({ key: "sessions.errors.walkIn" });
    const walkIn = await prisma.sessionInvitee.findUniqueOrThrow({ where: { sessionId_userId: { sessionId: id, userId: world.members.a2[0].id } } });
    expect(walkIn.walkIn).toBe(true);
  });
});

describe("in-person completion and skills", () => {
  it("completes the session's lessons for those present or late, once, marked as in person", async () => {
    const { id } = (await createTrainingSession(
      trainerA,
      input({ startsAt: justStarted(), teamIds: [world.teams.villageA1.id], lessonSlugs: ["demo-basics", "demo-vi-only"] }),
    )) as { id: number };
    const [present, absent] = world.members.a1;
    // Already completed one lesson by quiz: that completion stays.
    await prisma.completion.create({ data: { userId: present.id, lessonSlug: "demo-basics", completedAt: new Date(), contentVersion: "v", method: "quiz" } });
    await markAttendance(trainerA, id, [
      { userId: present.id, status: "late", markedAt: new Date() },
      { userId: absent.id, status: "absent", markedAt: new Date() },
    ]);
    expect(await recordInPersonCompletions(trainerA, id)).toEqual({ created: 1 });
    expect(await recordInPersonCompletions(trainerA, id)).toEqual({ created: 0 });
    const completions = await prisma.completion.findMany({ where: { userId: { in: [present.id, absent.id] } }, orderBy: { lessonSlug: "asc" } });
    expect(completions.map((c) => [c.userId, c.lessonSlug, c.method, c.sessionId, c.recordedById])).toEqual([
      [present.id, "demo-basics", "quiz", null, null],
      [present.id, "demo-vi-only", "in-person", id, trainerA.id],
    ]);
  });

  it("signs off a skill for a member who attended, with who and when, and refuses others", async () => {
    const { id } = (await createTrainingSession(trainerA, input({ startsAt: justStarted() }))) as { id: number };
    const [here, away] = world.members.a1;
    await markAttendance(trainerA, id, [
      { userId: here.id, status: "present", markedAt: new Date() },
      { userId: away.id, status: "absent", markedAt: new Date() },
    ]);
    await setSkill(trainerA, id, here.id, "qr-payment", true);
    await setSkill(trainerA, id, here.id, "qr-payment", true);
    await expect(setSkill(trainerA, id, away.id, "qr-payment", true)).rejects.toMatchObject({ key: "sessions.errors.notPresent" });
    await expect(setSkill(trainerA, id, here.id, "flying", true)).rejects.toMatchObject({ key: "sessions.errors.skill" });
    const signoffs = await prisma.skillSignoff.findMany({ where: { userId: { in: [here.id, away.id] }, skillKey: "qr-payment" } });
    expect(signoffs).toHaveLength(1);
    expect(signoffs[0]).toMatchObject({ userId: here.id, signedById: trainerA.id, sessionId: id });
    await setSkill(trainerA, id, here.id, "qr-payment", false);
    expect(await prisma.skillSignoff.count({ where: { userId: here.id, skillKey: "qr-payment" } })).toBe(0);
  });
});
