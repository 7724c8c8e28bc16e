import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse, syncLessons } from "~/content/course.server";
import { coverage, parsePeriod, periodicReport, unitById } from "~/models/coverage.server";
import { recordResults } from "~/models/field-result.server";
import { submitAttempt } from "~/models/quiz.server";
import { rebuildStats } from "~/models/stats.server";
import { countTriggersSql } from "~/utils/sql-dialect.server";
import { createTrainingSession, markAttendance, recordInPersonCompletions } from "~/models/training-session.server";
import { loader as dashboardLoader } from "~/routes/reports._index";
import { loader as exportLoader } from "~/routes/reports.export";
import { loader as memberLoader } from "~/routes/reports.member.$id";
import { loader as periodicLoader, action as periodicAction } from "~/routes/reports.periodic";
import { loader as teamLoader } from "~/routes/reports.team.$id";

import { prisma } from "~/utils/db.server";
import { buildWorld, requestAs, signedIn } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let world: Awaited<ReturnType<typeof buildWorld>>;
const period = parsePeriod(null);
const as = signedIn;

beforeAll(async () => {
  world = await buildWorld();
  const course = await loadCourse(process.env.CONTENT_DIR);
  await syncLessons(course);
  await prisma.unit.update({ where: { id: world.units.villageA1.id }, data: { households: 100 } });
  await prisma.unit.update({ where: { id: world.units.villageA2.id }, data: { households: 50 } });
  const lesson = course.bySlug.get("demo-basics")!;
  const quiz = lesson.text.vi.quiz;
  const right = { q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" };
  await submitAttempt({ userId: world.members.a1[0].id, lesson, quiz, language: "vi", answers: right });
  await submitAttempt({ userId: world.members.a1[1].id, lesson, quiz, language: "vi", answers: { ...right, q1: "b", q2: "a" } });
  const trainer = await as(world.staff.trainerA.id);
  const { id } = (await createTrainingSession(trainer, {
    unitId: world.units.villageA2.id,
    title: "Buổi thử",
    startsAt: new Date(Date.now() - 60 * 60_000),
    durationMinutes: 60,
    place: "Thôn A2",
    teamIds: [world.teams.villageA2.id],
    lessonSlugs: ["demo-vi-only"],
  })) as { id: number };
  await markAttendance(trainer, id, [
    { userId: world.members.a2[0].id, status: "present", markedAt: new Date() },
    { userId: world.members.a2[1].id, status: "absent", markedAt: new Date() },
  ]);
  await recordInPersonCompletions(trainer, id);
  const b1 = await as(world.members.b1[0].id);
  const today = new Date(Date.now() + 7 * 60 * 60_000).toISOString().slice(0, 10);
  await recordResults(b1, today, [
    { kind: "residents-guided", count: 10 },
    { kind: "vneid-level2", count: 3 },
    { kind: "product-online", count: 1, productName: "Gạo bãi rươi", ocop: true },
  ]);
});

describe("coverage figures against a hand-counted dataset", () => {
  it("counts the province and each commune", async () => {
    const data = await coverage((await unitById(world.units.province.id))!, period, "vi");
    expect(data.figures).toMatchObject({
      teams: 6,
      members: 10,
      trained: 2,
      completions: 2,
      attempts: 2,
      passed: 1,
      passRate: 0.5,
      sessions: 1,
      inactiveTeams: 3,
    });
    expect(data.figures.trainedShare).toBeCloseTo(0.2);
    expect(data.figures.fields).toMatchObject({ residentsGuided: 10, vneidLevel2: 3, vneidLevel1: 0, productsOnline: 1 });
    expect(data.children.map((c) => [c.name, c.figures.teams, c.figures.members, c.figures.trained, c.figures.sessions, c.figures.inactiveTeams])).toEqual([
      ["Xã A", 3, 6, 2, 1, 1],
      ["Xã B", 2, 3, 0, 0, 1],
    ]);
    expect(data.lessons.map((l) => [l.slug, l.completed])).toEqual([
      ["demo-basics", 1],
      ["demo-vi-only", 1],
    ]);
    // Two lessons in the topic, ten members, two completions: 10%.
    expect(data.topics[0].share).toBeCloseTo(0.1);
  });

  it("drills down to a village and its team", async () => {
    const data = await coverage((await unitById(world.units.villageA1.id))!, period, "vi");
    expect(data.figures).toMatchObject({ teams: 1, members: 2, trained: 1, attempts: 2, passed: 1, inactiveTeams: 0 });
    expect(data.children).toEqual([]);
    expect(data.teams).toHaveLength(1);
    expect(data.teams[0]).toMatchObject({ members: 2, trained: 1, inactive: false });
  });

  it("counts nothing for a period with no activity, but keeps membership", async () => {
    const data = await coverage((await unitById(world.units.province.id))!, parsePeriod("2019"), "vi");
    expect(data.figures).toMatchObject({ teams: 6, members: 10, trained: 0, completions: 0, attempts: 0, sessions: 0 });
  });

  it("builds the periodic report", async () => {
    const a = await periodicReport((await unitById(world.units.communeA.id))!, period);
    expect(a.indicators).toMatchObject({ households: 150, sessions: 1, membersTrained: 2, members: 6, residentsGuided: 0 });
    const b = await periodicReport((await unitById(world.units.communeB.id))!, period);
    expect(b.indicators).toMatchObject({
      residentsGuided: 10,
      vneidTotal: 3,
      vneidLevel2: 3,
      productsOnline: 1,
      ocopProducts: [],
      otherProducts: ["Gạo bãi rươi"],
    });
    const p = await periodicReport((await unitById(world.units.province.id))!, period);
    expect(p.levels.map((l) => [l.levelKey, l.units, l.teams, l.members])).toEqual([
      ["province", 1, 1, 1],
      ["commune", 2, 2, 3],
      ["village", 3, 3, 6],
    ]);
  });

  it("reads periods", () => {
    expect(parsePeriod("2026-Q4")).toMatchObject({ from: "2026-10", to: "2026-12", kind: "quarter" });
    expect(parsePeriod("2023-H1")).toMatchObject({ from: "2023-01", to: "2023-06", kind: "half" });
    expect(parsePeriod("2025-02..2025-05")).toMatchObject({ from: "2025-02", to: "2025-05", kind: "custom" });
    expect(parsePeriod("2025-05..2025-02").kind).toBe("year");
    expect(parsePeriod("nonsense").kind).toBe("year");
  });
});

describe("summary tables", () => {
  it("the counters kept on write equal a rebuild from the facts", async () => {
    const snapshot = async () => ({
      months: await prisma.unitMonthStat.findMany({ orderBy: [{ unitId: "asc" }, { month: "asc" }] }),
      lessons: await prisma.unitLessonStat.findMany({ orderBy: [{ unitId: "asc" }, { lessonSlug: "asc" }] }),
      units: await prisma.unit.findMany({ select: { id: true, ownTeams: true, ownMembers: true }, orderBy: { id: "asc" } }),
      users: await prisma.user.findMany({ select: { id: true, firstTrainedAt: true }, orderBy: { id: "asc" } }),
    });
    const strip = (s: Awaited<ReturnType<typeof snapshot>>) => ({
      ...s,
      months: s.months.filter((m) => Object.entries(m).some(([k, v]) => k !== "unitId" && k !== "month" && v !== 0)),
    });
    const before = strip(await snapshot());
    await rebuildStats();
    expect(strip(await snapshot())).toEqual(before);
  });

  it("database triggers keep member and team counts right through moves and deactivations", async () => {
    const direct = async () =>
      Object.fromEntries(
        (
          await prisma.unit.findMany({
            select: { id: true, teams: { where: { active: true }, select: { _count: { select: { members: { where: { active: true } } } } } } },
          })
        ).map((u) => [u.id, { teams: u.teams.length, members: u.teams.reduce((s, t) => s + t._count.members, 0) }]),
      );
    const counters = async () =>
      Object.fromEntries(
        (await prisma.unit.findMany({ select: { id: true, ownTeams: true, ownMembers: true } })).map((u) => [
          u.id,
          { teams: u.ownTeams, members: u.ownMembers },
        ]),
      );
    const extra = await prisma.user.create({ data: { phone: "0966000001", name: "Mới", passwordHash: "x", teamId: world.teams.villageA1.id } });
    await prisma.user.update({ where: { id: extra.id }, data: { teamId: world.teams.villageB1.id } });
    await prisma.user.update({ where: { id: extra.id }, data: { active: false } });
    const team = await prisma.team.create({ data: { name: "Tổ phụ", unitId: world.units.villageB1.id } });
    await prisma.user.update({ where: { id: extra.id }, data: { active: true, teamId: team.id } });
    await prisma.team.update({ where: { id: team.id }, data: { unitId: world.units.villageA2.id } });
    await prisma.team.update({ where: { id: team.id }, data: { active: false } });
    expect(await counters()).toEqual(await direct());
    // Many members in one statement, into one team, across teams, and out again.
    await prisma.user.createMany({
      data: ["0966000011", "0966000012", "0966000013"].map((phone) => ({ phone, name: "Nhập", passwordHash: "", teamId: world.teams.villageA1.id })),
    });
    expect(await counters()).toEqual(await direct());
    await prisma.user.updateMany({ where: { phone: { in: ["0966000011", "0966000012"] } }, data: { teamId: world.teams.villageB1.id } });
    await prisma.user.updateMany({ where: { phone: { in: ["0966000012", "0966000013"] } }, data: { active: false } });
    expect(await counters()).toEqual(await direct());
    await prisma.user.deleteMany({ where: { phone: { in: ["0966000011", "0966000012", "0966000013"] } } });
    expect(await counters()).toEqual(await direct());
    const triggers = await prisma.$queryRawUnsafe<Array<{ n: number }>>(countTriggersSql());
    // 7 membership counters and 13 that stamp cached summaries (prisma/triggers.sql).
    expect(Number(triggers[0].n)).toBe(20);
    await prisma.user.update({ where: { id: extra.id }, data: { active: false } });
  });
});

describe("report scope", () => {
  async function status(promise: Promise<unknown>) {
    try {
      const r = await promise;
      return r instanceof Response ? r.status : 200;
    } catch (error) {
      return (error as Response).status;
    }
  }
  const get = (userId: number, url: string) => requestAs(userId, `http://localhost${url}`);

  it("gives a supervisor their subtree and nothing outside it, in pages and files", async () => {
    const a = world.units.communeA.id;
    const sup = world.staff.supervisorB.id;
    const teamA1 = world.teams.villageA1.id;
    const memberA1 = world.members.a1[0].id;
    const ctx = { params: {}, context: {} };
    expect(await status(dashboardLoader({ request: await get(sup, `/reports?unit=${a}`), ...ctx }))).toBe(404);
    expect(await status(periodicLoader({ request: await get(sup, `/reports/periodic?unit=${a}`), ...ctx }))).toBe(404);
    for (const table of ["children", "lessons", "periodic"]) {
      for (const format of ["csv", "xlsx"]) {
        expect(await status(exportLoader({ request: await get(sup, `/reports/export?unit=${a}&table=${table}&format=${format}`), ...ctx }))).toBe(404);
      }
    }
    expect(await status(exportLoader({ request: await get(sup, `/reports/export?table=members&team=${teamA1}&format=csv`), ...ctx }))).toBe(404);
    expect(await status(teamLoader({ request: await get(sup, `/reports/team/${teamA1}`), params: { id: String(teamA1) }, context: {} }))).toBe(404);
    expect(await status(memberLoader({ request: await get(sup, `/reports/member/${memberA1}`), params: { id: String(memberA1) }, context: {} }))).toBe(404);
    const write = await get(sup, `/reports/periodic?unit=${a}`);
    const post = new Request(write.url, { method: "POST", headers: write.headers, body: new URLSearchParams({ difficulties: "x" }) });
    expect(await status(periodicAction({ request: post, ...ctx }))).toBe(404);
    // Their own commune works, and the province above them does not.
    expect(await status(dashboardLoader({ request: await get(sup, `/reports`), ...ctx }))).toBe(200);
    expect(await status(dashboardLoader({ request: await get(sup, `/reports?unit=${world.units.province.id}`), ...ctx }))).toBe(404);
  });

  it("refuses members", async () => {
    expect(await status(dashboardLoader({ request: await get(world.members.a1[0].id, "/reports"), params: {}, context: {} }))).toBe(403);
  });

  it("exports the same figures as the page", async () => {
    const url = `/reports/export?unit=${world.units.province.id}&table=children&format=csv`;
    const response = (await exportLoader({ request: await get(world.staff.admin.id, url), params: {}, context: {} })) as Response;
    const csv = (await response.text()).replace(/^\uFEFF/, "");
    const lines = csv
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    expect(lines[1].slice(0, 4)).toEqual(["Xã A", "3", "6", "2"]);
    expect(lines[2].slice(0, 4)).toEqual(["Xã B", "2", "3", "0"]);
    const xlsx = (await exportLoader({ request: await get(world.staff.admin.id, url.replace("csv", "xlsx")), params: {}, context: {} })) as Response;
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
    // The cells, not the byte length: the same first figures as the CSV.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const row = workbook.worksheets[0].getRow(4);
    expect([1, 2, 3, 4].map((i) => String(row.getCell(i).value))).toEqual(["Xã A", "3", "6", "2"]);
  });

  it("saves the supervisor's sections of the periodic report, and refuses text that is too long", async () => {
    const url = `http://localhost/reports/periodic?unit=${world.units.communeA.id}&period=2026-Q4`;
    const request = async (body: Record<string, string>) => {
      const base = await requestAs(world.staff.supervisorA.id, url);
      return new Request(url, { method: "POST", headers: base.headers, body: new URLSearchParams(body) });
    };
    expect(
      await status(
        periodicAction({
          request: await request({ difficulties: "Thiếu điện thoại", causes: "", proposals: "", plan: "", issuer: "Tổ Xã A" }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(200);
    expect(
      await status(
        periodicAction({
          request: await request({ difficulties: "x".repeat(5001), causes: "", proposals: "", plan: "", issuer: "Tổ Xã A" }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(400);
    const saved = await prisma.reportText.findMany({ where: { unitId: world.units.communeA.id } });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ period: "2026-Q4", difficulties: "Thiếu điện thoại" });
  });
});

describe("the tree changes", () => {
  it("a report for a past period shows the unit's name of that time", async () => {
    const { renameUnit } = await import("~/models/admin-units.server");
    const admin = await as(world.staff.admin.id);
    await renameUnit(admin, world.units.communeB.id, "Xã B mới");
    const past = `${new Date().getUTCFullYear() - 1}`;
    const url = (period: string) => `http://localhost/reports/periodic?unit=${world.units.communeB.id}&period=${period}`;
    const then = await periodicLoader({ request: await requestAs(world.staff.admin.id, url(past)), params: {}, context: {} });
    expect(then.unit.name).toBe("Xã B");
    const current = await periodicLoader({ request: await requestAs(world.staff.admin.id, url(String(new Date().getUTCFullYear()))), params: {}, context: {} });
    expect(current.unit.name).toBe("Xã B mới");
  });

  it("moving a village to another commune carries its figures with it", async () => {
    const { moveUnit } = await import("~/models/admin-units.server");
    const admin = await as(world.staff.admin.id);
    await moveUnit(admin, world.units.villageA1.id, "B");
    const data = await coverage((await unitById(world.units.province.id))!, period, "vi");
    expect(data.children.map((c) => [c.id, c.figures.members, c.figures.trained, c.figures.attempts])).toEqual([
      [world.units.communeA.id, 4, 1, 0],
      [world.units.communeB.id, 5, 1, 2],
    ]);
    expect(data.figures).toMatchObject({ members: 10, trained: 2, attempts: 2 });
  });
});
