// Issue 11: each case found on the demo data, as a regression test beside the
// recount oracle; and the files equal the screen, cell for cell.
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse, syncLessons } from "~/content/course.server";
import { mergeUnit, renameUnit } from "~/models/admin-units.server";
import { setTeamActive } from "~/models/admin-members.server";
import { coverage, households, parsePeriod, unitById } from "~/models/coverage.server";
import { recordResults } from "~/models/field-result.server";
import { parseCsv } from "~/models/spreadsheet.server";
import { submitAttempt } from "~/models/quiz.server";
import { cancelTrainingSession, createTrainingSession, markAttendance } from "~/models/training-session.server";
import { loader as dashboardLoader } from "~/routes/reports._index";
import { loader as exportLoader } from "~/routes/reports.export";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import en from "~/locales/en";
import vi from "~/locales/vi";
import { toVietnamLocal } from "~/utils/time";
import { buildWorld, requestAs } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let world: Awaited<ReturnType<typeof buildWorld>>;
let lesson: Awaited<ReturnType<typeof loadCourse>>["lessons"][number];
const as = async (id: number) => requireUser(await requestAs(id));
const admin = () => ({ id: world.staff.admin.id, role: "admin" as const, scopeUnit: { id: world.units.province.id, path: world.units.province.path } });
const thisYear = () => parsePeriod(null);
const figures = async (unitId: number, key?: string) => (await coverage((await unitById(unitId))!, key ? parsePeriod(key) : thisYear(), "vi")).figures;

async function pass(userId: number, now = new Date()) {
  const quiz = lesson.text.vi.quiz;
  const answers = Object.fromEntries(quiz.map((q) => [q.id, q.choices.find((c) => c.correct)!.id]));
  await submitAttempt({ userId, lesson, quiz, language: "vi", answers, now });
}

beforeAll(async () => {
  world = await buildWorld();
  const course = await loadCourse(process.env.CONTENT_DIR);
  await syncLessons(course);
  lesson = course.lessons[0];
});

describe("cases found on the demo data", () => {
  it("merging a village into another does not raise the households of the units above", async () => {
    await prisma.unit.update({ where: { id: world.units.villageA1.id }, data: { households: 120 } });
    await prisma.unit.update({ where: { id: world.units.villageA2.id }, data: { households: 80 } });
    await prisma.unit.update({ where: { id: world.units.villageB1.id }, data: { households: 50 } });
    const before = await households((await unitById(world.units.province.id))!);
    expect(before).toBe(250);
    await mergeUnit(admin(), world.units.villageA2.id, "A1");
    expect(await households((await unitById(world.units.province.id))!)).toBe(before);
    expect(await households((await unitById(world.units.communeA.id))!)).toBe(200);
    expect(await households((await unitById(world.units.villageA1.id))!)).toBe(200);
  });

  it("after a team is closed, members trained never exceed members (no 617%)", async () => {
    const [m1, m2] = world.members.b1;
    await pass(m1.id);
    await pass(m2.id);
    expect(await figures(world.units.villageB1.id)).toMatchObject({ members: 2, trained: 2, trainedShare: 1 });
    await setTeamActive(admin(), world.teams.villageB1.id, false);
    const closed = await figures(world.units.villageB1.id);
    expect(closed).toMatchObject({ members: 0, trained: 0, completions: 0, trainedShare: 0 });
    const province = await figures(world.units.province.id);
    expect(province.trained).toBeLessThanOrEqual(province.members);
    await setTeamActive(admin(), world.teams.villageB1.id, true);
    expect(await figures(world.units.villageB1.id)).toMatchObject({ members: 2, trained: 2 });
  });

  it("sessions count as held only once attendance is taken; scheduled, unattended and cancelled ones do not", async () => {
    const trainer = await as(world.staff.trainerA.id);
    const base = {
      unitId: world.units.villageA1.id,
      title: "Buổi",
      durationMinutes: 60,
      place: "Nhà văn hóa",
      teamIds: [world.teams.villageA1.id],
      lessonSlugs: [lesson.slug],
    };
    const before = (await figures(world.units.villageA1.id)).sessions;
    const nextMonth = (await createTrainingSession(trainer, { ...base, startsAt: new Date(Date.now() + 30 * 86_400_000) })) as { id: number };
    const unattended = (await createTrainingSession(trainer, { ...base, startsAt: new Date(Date.now() - 2 * 86_400_000) })) as { id: number };
    expect((await figures(world.units.villageA1.id)).sessions).toBe(before);
    // Attendance on next month's session is refused (it opens 3 hours before the start).
    const marks = [{ userId: world.members.a1[0].id, status: "present" as const, markedAt: new Date() }];
    await expect(markAttendance(trainer, nextMonth.id, marks)).rejects.toMatchObject({ key: "sessions.errors.tooEarly" });
    // A session whose time is over cannot be cancelled (issue 16); one under way can, and then takes no marks.
    await expect(cancelTrainingSession(trainer, unattended.id)).rejects.toMatchObject({ key: "sessions.errors.cancelPast" });
    const underWay = (await createTrainingSession(trainer, { ...base, startsAt: new Date(Date.now() - 30 * 60_000) })) as { id: number };
    await cancelTrainingSession(trainer, underWay.id);
    await expect(markAttendance(trainer, underWay.id, marks)).rejects.toMatchObject({ key: "sessions.errors.cancelled" });
    const held = (await createTrainingSession(trainer, { ...base, startsAt: new Date(Date.now() - 3600_000) })) as { id: number };
    expect((await figures(world.units.villageA1.id)).sessions).toBe(before);
    await markAttendance(trainer, held.id, marks);
    expect((await figures(world.units.villageA1.id)).sessions).toBe(before + 1);
    // Held means it happened: it can no longer be cancelled.
    await expect(cancelTrainingSession(trainer, held.id)).rejects.toMatchObject({ key: "sessions.errors.cancelHeld" });
  });

  it("every figure on the dashboard has a one-line definition in both languages", () => {
    const keys = [
      "teams",
      "members",
      "trained",
      "trainedShare",
      "completions",
      "attempts",
      "passRate",
      "sessions",
      "inactiveTeams",
      "residentsGuided",
      "vneid",
      "vneidLevel1",
      "vneidLevel2",
      "publicAccounts",
      "paymentAccounts",
      "productsOnline",
    ] as const;
    for (const key of keys) {
      expect(vi.reports.figureDefinitions[key].length, key).toBeGreaterThan(20);
      expect(en.reports.figureDefinitions[key].length, key).toBeGreaterThan(20);
    }
    // "Products put online" counts entries, and says so.
    expect(vi.reports.figureDefinitions.productsOnline).toMatch(/hai lượt/);
    expect(en.reports.figureDefinitions.productsOnline).toMatch(/counts twice/);
  });
});

describe("files equal the screen", () => {
  it("the children and lessons tables in CSV and XLSX hold exactly the dashboard's cells, for a past period with a renamed unit", async () => {
    const lastYear = Number(toVietnamLocal(new Date()).date.slice(0, 4)) - 1;
    const member = world.members.a1[1];
    const whenLastYear = new Date(Date.UTC(lastYear, 5, 10, 5));
    await pass(member.id, whenLastYear);
    const user = await as(member.id);
    const day = toVietnamLocal(new Date()).date;
    await recordResults(user, day, [{ kind: "residents-guided", count: 7 }]);
    // Renamed now: a report on last year must still show the old name, on screen and in files.
    await renameUnit(admin(), world.units.communeA.id, "Xã A mới");
    const supervisor = world.staff.admin.id;
    for (const period of [String(lastYear), String(lastYear + 1)]) {
      const query = `unit=${world.units.province.id}&period=${period}`;
      const page = (await dashboardLoader({ request: await requestAs(supervisor, `http://localhost/reports?${query}`), params: {}, context: {} })) as Awaited<
        ReturnType<typeof dashboardLoader>
      >;
      const shownNames = page.tables.children.rows.map((r) => r.cells[0].text);
      expect(shownNames).toContain(period === String(lastYear) ? "Xã A" : "Xã A mới");
      for (const id of ["children", "lessons"] as const) {
        const table = page.tables[id];
        const expected = [table.columns.map((c) => c.label), ...table.rows.map((r) => r.cells.map((c) => (c.value !== undefined ? String(c.value) : c.text)))];
        const csv = (await exportLoader({
          request: await requestAs(supervisor, `http://localhost/reports/export?${query}&table=${id}&format=csv`),
          params: {},
          context: {},
        })) as Response;
        const csvRows = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
        expect(csvRows, `${id} CSV ${period}`).toEqual(expected);
        const xlsx = (await exportLoader({
          request: await requestAs(supervisor, `http://localhost/reports/export?${query}&table=${id}&format=xlsx`),
          params: {},
          context: {},
        })) as Response;
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
        const sheet = workbook.worksheets[0];
        expect(String(sheet.getRow(1).getCell(1).value)).toBe(table.title);
        const cells: string[][] = [];
        sheet.eachRow((row, n) => {
          if (n < 3) return; // the title and a blank line
          cells.push(expected[0].map((_, i) => String(row.getCell(i + 1).value ?? "")));
        });
        expect(cells, `${id} XLSX ${period}`).toEqual(expected);
      }
    }
  });
});
