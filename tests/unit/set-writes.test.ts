// Issue 20: attendance and in-person completion write in a few statements per
// request, whatever the number of members: the same count of SQL statements
// for 3 members as for 30 (every statement Prisma sends is counted through the
// slow-statement log, with its threshold at 0 ms for this file).
process.env.SLOW_QUERY_MS = "0";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadCourse, syncLessons } from "~/content/course.server";
import { commitImport, createImport } from "~/models/import.server";
import { createTrainingSession, markEveryonePresent, recordInPersonCompletions } from "~/models/training-session.server";
import { actorFor } from "../support/admin";
import { type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { buildWorld, createUser, signedIn } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let world: Awaited<ReturnType<typeof buildWorld>>;
let trainer: SessionUser;

beforeAll(async () => {
  world = await buildWorld();
  await syncLessons(await loadCourse(process.env.CONTENT_DIR));
  trainer = await signedIn(world.staff.trainerA.id);
});
afterEach(() => vi.restoreAllMocks());

async function statementsDuring(run: () => Promise<unknown>) {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  await run();
  const n = warn.mock.calls.filter((c) => String(c[0]).startsWith("[slow query]")).length;
  warn.mockRestore();
  return n;
}

async function sessionFor(members: number) {
  const team = await prisma.team.create({ data: { name: `Tổ ${members} người`, unitId: world.units.villageA1.id }, select: { id: true } });
  for (let i = 0; i < members; i++) await createUser({ name: `Người học ${members}-${i}`, teamId: team.id });
  const { id } = (await createTrainingSession(trainer, {
    unitId: world.units.villageA1.id,
    title: "Cài đặt VNeID",
    startsAt: new Date(Date.now() - 60 * 60_000),
    durationMinutes: 90,
    place: "Nhà văn hóa",
    teamIds: [team.id],
    lessonSlugs: ["demo-basics"],
  })) as { id: number };
  return id;
}

describe("writes per request, not per member", () => {
  it("marking everyone present and recording their lessons take as many statements for 30 members as for 3", async () => {
    const small = await sessionFor(3);
    const large = await sessionFor(30);
    const marks = [await statementsDuring(() => markEveryonePresent(trainer, small)), await statementsDuring(() => markEveryonePresent(trainer, large))];
    expect(marks[1]).toBe(marks[0]);
    expect(marks[0]).toBeGreaterThan(0);
    expect(marks[0]).toBeLessThan(30);
    const lessons = [
      await statementsDuring(() => recordInPersonCompletions(trainer, small)),
      await statementsDuring(() => recordInPersonCompletions(trainer, large)),
    ];
    expect(lessons[1]).toBe(lessons[0]);
    // Everyone was marked and counted.
    expect(await prisma.attendance.count({ where: { sessionId: large, status: "present" } })).toBe(30);
    expect(await prisma.completion.count({ where: { sessionId: large } })).toBe(30);
  });

  it("an import that renames 30 members takes as many statements as one that renames 3", async () => {
    const admin = await actorFor(world.staff.admin.id);
    const renames = async (n: number, first: number) => {
      const phones = Array.from({ length: n }, (_, i) => `09790${String(first + i).padStart(5, "0")}`);
      for (const phone of phones) await createUser({ name: "Tên cũ", phone, teamId: world.teams.villageA1.id });
      const lines = ["Mã đơn vị,Tên tổ,Họ và tên,Số điện thoại,Chức vụ", ...phones.map((p, i) => `A1,Tổ Thôn A1,Tên mới ${i},${p},Tổ viên`)];
      const batch = await createImport(admin, "members", "doi-ten.csv", new TextEncoder().encode(lines.join("\n")));
      return statementsDuring(async () => expect((await commitImport(admin, batch.id)).ok).toBe(true));
    };
    expect(await renames(30, 100)).toBe(await renames(3, 200));
    expect(await prisma.user.count({ where: { phone: { startsWith: "09790001" }, name: { startsWith: "Tên mới" }, position: "Tổ viên" } })).toBe(30);
  });
});
