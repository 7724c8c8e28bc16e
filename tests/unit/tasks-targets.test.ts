// Team tasks and targets (issue 18): scope, roles, bad input with nothing
// half-saved, versioned targets rolled up with a warning, progress and the
// projection, and the inactive-teams list matching its count.
import { beforeAll, describe, expect, it } from "vitest";
import { coverage, inactiveTeamList, parsePeriod, unitById } from "~/models/coverage.server";
import { recordEvent } from "~/models/guidance-event.server";
import { periodicDocument } from "~/models/periodic-document.server";
import JSZip from "jszip";
import { periodicCsv, periodicDocx, periodicXlsx } from "~/models/periodic-files.server";
import { tableFile, targetsTable } from "~/models/report-tables.server";
import { currentTargets, project, setTargets, targetHistory, targetProgress } from "~/models/targets.server";
import { cancelTask, createTask, reportProgress, tasksInScope, teamTasks } from "~/models/team-task.server";
import { i18nServer } from "~/i18n.server";
import { type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { toVietnamLocal } from "~/utils/time";
import { buildWorld, signedIn } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
let supervisorA: SessionUser;
let supervisorB: SessionUser;
let trainerA: SessionUser;
let memberA1: SessionUser;
let memberA2: SessionUser;
const now = new Date();
const today = toVietnamLocal(now).date;
const year = today.slice(0, 4);
const inDays = (n: number) => toVietnamLocal(new Date(now.getTime() + n * 86_400_000)).date;
const as = signedIn;

beforeAll(async () => {
  world = await buildWorld();
  supervisorA = await as(world.staff.supervisorA.id);
  supervisorB = await as(world.staff.supervisorB.id);
  trainerA = await as(world.staff.trainerA.id);
  memberA1 = await as(world.members.a1[0].id);
  memberA2 = await as(world.members.a2[0].id);
  await prisma.unit.update({ where: { id: world.units.villageA1.id }, data: { households: 200 } });
});

const rule = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e) => (e instanceof RuleError ? e.key : Promise.reject(e)),
  );

describe("team tasks", () => {
  it("are given only to teams in the giver's scope, by staff, with clear refusals and nothing half-saved", async () => {
    const base = { title: "Hướng dẫn VNeID mức 2", dueDate: inDays(14), teamIds: [world.teams.villageA1.id] };
    expect(await rule(createTask(supervisorA, { ...base, teamIds: [world.teams.villageA1.id, world.teams.villageB1.id] }))).toBe("tasks.errors.teams");
    expect(await rule(createTask(supervisorA, { ...base, dueDate: inDays(-2) }))).toBe("tasks.errors.duePast");
    expect(await rule(createTask(supervisorA, { ...base, metric: "vneidLevel2" }))).toBe("tasks.errors.metricWithoutGoal");
    await expect(createTask(memberA1, base)).rejects.toMatchObject({ status: 403 });
    expect(await prisma.teamTask.count()).toBe(0);
    expect(await prisma.auditEntry.count({ where: { action: "task.create" } })).toBe(0);
  });

  it("show on the team's members' home list, take progress from them, and reach the giver", async () => {
    const task = await createTask(supervisorA, {
      title: "Mở 20 tài khoản thanh toán",
      dueDate: inDays(7),
      goal: 20,
      metric: "paymentAccounts",
      teamIds: [world.teams.villageA1.id, world.teams.villageA2.id],
    });
    const simple = await createTask(trainerA, { title: "Họp tổ phân công", dueDate: inDays(3), teamIds: [world.teams.villageA1.id] });
    expect((await teamTasks(world.teams.villageA1.id)).map((x) => x.title)).toEqual(["Họp tổ phân công", "Mở 20 tài khoản thanh toán"]);
    expect(await teamTasks(world.teams.villageB1.id)).toEqual([]);

    await reportProgress(memberA1, task.id, { progress: 8, done: false });
    expect(await rule(reportProgress(memberA1, simple.id, { progress: 3, done: false }))).toBe("tasks.errors.noGoal");
    await reportProgress(memberA1, simple.id, { done: true });
    // A member of another team cannot report for a task their team does not have.
    await expect(reportProgress(await as(world.members.b1[0].id), task.id, { progress: 5, done: false })).rejects.toMatchObject({ status: 404 });

    const seen = (await tasksInScope(supervisorA)).find((x) => x.id === task.id)!;
    expect(seen.teams.map((x) => [x.id, x.progress, x.done])).toEqual([
      [world.teams.villageA1.id, 8, false],
      [world.teams.villageA2.id, 0, false],
    ]);
    // Reaching the goal marks it done.
    await reportProgress(memberA2, task.id, { progress: 20, done: false });
    expect((await tasksInScope(supervisorA)).find((x) => x.id === task.id)!.done).toBe(1);
    // Commune B's supervisor sees none of it.
    expect(await tasksInScope(supervisorB)).toEqual([]);
    // Overdue: a day later than the due date, an open team shows it.
    const later = new Date(now.getTime() + 9 * 86_400_000);
    expect((await tasksInScope(supervisorA, later)).find((x) => x.id === task.id)!.overdue).toBe(1);
    // Withdrawn by whoever gave it, not by another staff member.
    expect(await rule(cancelTask(supervisorA, simple.id))).toBe("tasks.errors.notYours");
    await cancelTask(trainerA, simple.id);
    expect((await teamTasks(world.teams.villageA1.id)).map((x) => x.title)).toEqual(["Mở 20 tài khoản thanh toán"]);
  });
});

describe("targets", () => {
  const period = parsePeriod(year);
  it("are set for units directly below, refused with a message otherwise, nothing half-saved", async () => {
    const communeA = (await unitById(world.units.communeA.id))!;
    expect(await rule(setTargets(supervisorA, communeA, period, [{ unitId: world.units.villageA1.id, metric: "vneidLevel2", raw: "12x" }]))).toBe(
      "targets.errors.value",
    );
    expect(
      await rule(
        setTargets(supervisorA, communeA, period, [
          { unitId: world.units.villageA1.id, metric: "vneidLevel2", raw: "100" },
          { unitId: world.units.villageB1.id, metric: "vneidLevel2", raw: "100" },
        ]),
      ),
    ).toBe("targets.errors.unit");
    expect(await rule(setTargets(supervisorA, communeA, period, [{ unitId: world.units.villageA2.id, metric: "vneidLevel2", raw: "30%" }]))).toBe(
      "targets.errors.noHouseholds",
    );
    expect(await rule(setTargets(supervisorA, communeA, period, [{ unitId: world.units.villageA1.id, metric: "trained", raw: "30%" }]))).toBe(
      "targets.errors.shareNotHere",
    );
    expect(
      await rule(setTargets(supervisorA, communeA, parsePeriod(`${year}-01..${year}-02`), [{ unitId: world.units.villageA1.id, metric: "trained", raw: "3" }])),
    ).toBe("targets.errors.period");
    await expect(setTargets(supervisorA, (await unitById(world.units.communeB.id))!, period, [])).rejects.toMatchObject({ status: 403 });
    await expect(setTargets(trainerA, communeA, period, [])).rejects.toMatchObject({ status: 403 });
    expect(await prisma.target.count()).toBe(0);
  });

  it("are versioned, roll up, warn when a commune's own target is below its villages', and project", async () => {
    const communeA = (await unitById(world.units.communeA.id))!;
    const province = (await unitById(world.units.province.id))!;
    const admin = await as(world.staff.admin.id);
    await setTargets(supervisorA, communeA, period, [
      { unitId: world.units.villageA1.id, metric: "vneidLevel2", raw: "25%" },
      { unitId: world.units.villageA2.id, metric: "vneidLevel2", raw: "40" },
      { unitId: world.units.villageA1.id, metric: "residentsGuided", raw: "" },
    ]);
    // Unchanged values write nothing; a change is a new row.
    expect(await setTargets(supervisorA, communeA, period, [{ unitId: world.units.villageA2.id, metric: "vneidLevel2", raw: "40" }])).toEqual({ changed: 0 });
    await setTargets(supervisorA, communeA, period, [{ unitId: world.units.villageA2.id, metric: "vneidLevel2", raw: "30" }]);
    const history = await targetHistory([world.units.villageA2.id], period.key);
    expect(history.map((h) => [h.value, h.setBy])).toEqual([
      [30, "Giám sát A"],
      [40, "Giám sát A"],
    ]);
    const current = await currentTargets([world.units.villageA1.id], period.key);
    expect(current.get(`${world.units.villageA1.id}:vneidLevel2`)).toMatchObject({ value: 50, share: 0.25 });

    // Commune A has no target of its own: its villages' sum stands for it.
    let progress = await targetProgress(communeA, period, now);
    expect(progress.own.find((r) => r.metric === "vneidLevel2")).toMatchObject({ target: 80, rolledUp: true, done: 0 });
    // The province sets commune A below that sum: the supervisor is told.
    await setTargets(admin, province, period, [{ unitId: world.units.communeA.id, metric: "vneidLevel2", raw: "60" }]);
    progress = await targetProgress(communeA, period, now);
    expect(progress.own.find((r) => r.metric === "vneidLevel2")).toMatchObject({ target: 60, childSum: 80, belowChildren: true });
    const t = await i18nServer.getFixedT("vi");
    const table = await targetsTable(communeA, period, "vi", t, now);
    expect(table.warnings).toHaveLength(1);

    // Progress comes from the report model's own figure: a guidance event in village A1.
    await recordEvent(
      memberA1,
      { sheet: "target-event-000000001", date: today, place: "market", skills: ["vneid"], partners: [], residents: "20", vneidLevel2: "15" },
      now,
    );
    progress = await targetProgress(communeA, period, now);
    const figures = await coverage(communeA, period, "vi", now);
    const a1 = progress.children.find((r) => r.unitId === world.units.villageA1.id && r.metric === "vneidLevel2")!;
    expect(a1.done).toBe(figures.children.find((c) => c.id === world.units.villageA1.id)!.figures.fields.vneidLevel2);
    expect(a1).toMatchObject({ done: 15, target: 50 });
    // Furthest behind first: A2 (0/30) before A1 (15/50).
    expect(progress.children.filter((r) => r.metric === "vneidLevel2").map((r) => r.unitId)).toEqual([world.units.villageA2.id, world.units.villageA1.id]);

    // The periodic report and its CSV carry them.
    const doc = await periodicDocument(communeA, period, "vi", t, now);
    expect(doc.targets!.rows.some((r) => r.metric === "Tài khoản VNeID mức 2" && r.done === 15 && r.target === 50)).toBe(true);
    expect(doc.targets!.warnings).toHaveLength(1);
    // Indicator 2: member trainings and guidance events for residents, together and apart.
    const sessions = doc.indicators.rows.find((r) => r.key === "sessions")!;
    expect(sessions.value).toBe(figures.figures.sessions + figures.figures.fields.guidanceEvents);
    expect(figures.figures.fields.guidanceEvents).toBe(1);
    expect(sessions.detail).toBe(`gồm ${figures.figures.sessions} buổi tập huấn thành viên, 1 buổi hướng dẫn người dân`);
    const csv = periodicCsv(doc).toString("utf8");
    expect(csv).toContain(doc.targets!.title);
    expect(csv).toContain("15,50,30%");
    // XLSX and DOCX: the same rows, in the shared strings and the document's text.
    const xlsx = await JSZip.loadAsync(await periodicXlsx(doc));
    const strings = await xlsx.file("xl/sharedStrings.xml")!.async("string");
    expect(strings).toContain(doc.targets!.title);
    expect(strings).toContain(doc.targets!.rows[0].projection);
    const docx = await JSZip.loadAsync(await periodicDocx(doc));
    const text = [...(await docx.file("word/document.xml")!.async("string")).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("|");
    expect(text).toContain(doc.targets!.title);
    expect(text).toContain("15 / 50 (30%)");
    const file = (await tableFile(table.table, "csv")).toString("utf8");
    expect(file).toContain("Tài khoản VNeID mức 2");
  });

  it("projects at this month's pace", () => {
    const p = { from: "2026-01", to: "2026-12" };
    const at = new Date("2026-11-10T05:00:00Z"); // the 10th
    expect(project(100, 100, 5, p, at)).toEqual({ kind: "reached" });
    expect(project(100, 40, 0, p, at)).toEqual({ kind: "stalled" });
    // 20 this month in 10 days: 2 a day; 60 more take 30 days: within the year, after November.
    expect(project(100, 40, 20, p, at)).toEqual({ kind: "onTrack", date: "2026-12-10" });
    expect(project(100, 40, 20, { from: "2026-10", to: "2026-11" }, at)).toEqual({ kind: "late", date: "2026-12-10" });
    expect(project(100, 80, 20, p, at)).toEqual({ kind: "onTrack", date: "2026-11-20" });
    expect(project(100, 40, 20, { from: "2025-01", to: "2025-12" }, at)).toEqual({ kind: "ended" });
    expect(project(100, 0, 0, { from: "2027-01", to: "2027-12" }, at)).toEqual({ kind: "notStarted" });
  });
});

describe("inactive teams", () => {
  it("are listed exactly as counted, with their last activity", async () => {
    const province = (await unitById(world.units.province.id))!;
    const list = await inactiveTeamList(province, now);
    const figures = await coverage(province, parsePeriod(year), "vi", now);
    expect(list).toHaveLength(figures.figures.inactiveTeams);
    // Village A1 recorded an event: active, so not listed; the others never were.
    expect(list.some((t) => t.id === world.teams.villageA1.id)).toBe(false);
    expect(list.every((t) => t.lastActiveAt === null)).toBe(true);
  });
});
