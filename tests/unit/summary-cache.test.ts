// Issue 20: the periodic report's tree figures (households, villages, teams and
// members per level, Zalo groups, products put online) are kept between
// requests and must be worked out again after any write to what they read,
// including a write made outside this process's code (another process, by hand).
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { coverage, parsePeriod, periodicReport, unitById } from "~/models/coverage.server";
import { prisma } from "~/utils/db.server";
import { isPostgres } from "~/utils/sql-dialect.server";
import { buildWorld, createUser, otherConnection } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let world: Awaited<ReturnType<typeof buildWorld>>;
const year = parsePeriod(null);
const report = async () => periodicReport((await unitById(world.units.province.id))!, year);

beforeAll(async () => {
  world = await buildWorld();
});

describe("cached tree figures", () => {
  it("are served again while nothing changed, and follow every write to units, teams, members and products", async () => {
    const first = await report();
    expect(await report()).toEqual(first);

    // Households of a village, written by another connection (as another process would).
    expect((await unitById(world.units.province.id))!.households).toBeNull();
    const was = (await unitById(world.units.villageB1.id))!.households ?? 0;
    const other = await otherConnection();
    await other.run(`UPDATE Unit SET households = 321 WHERE id = ?`, world.units.villageB1.id);
    expect((await report()).indicators.households).toBe(first.indicators.households - was + 321);

    // Zalo groups of a team.
    await prisma.team.update({ where: { id: world.teams.villageA1.id }, data: { zaloGroups: 4 } });
    expect((await report()).zalo.groups).toBe(first.zalo.groups + 4);

    // A member joins: the members per level move.
    const villageLevel = (r: Awaited<ReturnType<typeof report>>) => r.levels.find((l) => l.levelKey === "village")!.members;
    const before = villageLevel(await report());
    await createUser({ name: "Thành viên mới", teamId: world.teams.villageA2.id });
    expect(villageLevel(await report())).toBe(before + 1);

    // A product put online this period, written by hand.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await other.run(
      `INSERT INTO FieldResult (userId, unitId, teamId, date, kind, count, productName, ocop, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'product-online', 1, 'Mật ong rừng Trà My', FALSE, ?, ?)`,
      world.members.a1[0].id,
      world.units.villageA1.id,
      world.teams.villageA1.id,
      today,
      new Date().toISOString(),
      new Date().toISOString(),
    );
    await other.close();
    expect((await report()).indicators.otherProducts).toContain("Mật ong rừng Trà My");
  });

  it("count idle teams exactly while kept: a team crossing the 90-day line either way, or just past it, is counted at once", async () => {
    const idle = async () => (await coverage((await unitById(world.units.province.id))!, year, "vi")).figures.inactiveTeams;
    const day = 86_400_000;
    const team = world.teams.villageB1.id;
    await prisma.team.update({ where: { id: team }, data: { lastActiveAt: new Date(Date.now() - 100 * day) } });
    const before = await idle();
    expect(await idle()).toBe(before);
    // Active today: one idle team fewer.
    await prisma.team.update({ where: { id: team }, data: { lastActiveAt: new Date() } });
    expect(await idle()).toBe(before - 1);
    // Last active a second before the line: idle again (counted among the few near the line).
    await prisma.team.update({ where: { id: team }, data: { lastActiveAt: new Date(Date.now() - 90 * day - 1000) } });
    expect(await idle()).toBe(before);
    // Back well inside the line, then closed.
    await prisma.team.update({ where: { id: team }, data: { lastActiveAt: new Date(Date.now() - 10 * day) } });
    expect(await idle()).toBe(before - 1);
  });

  it("a write over many rows bumps the version, on PostgreSQL once per transaction (per row would be quadratic there)", async () => {
    const version = async () => Number((await prisma.summaryVersion.findUniqueOrThrow({ where: { name: "tree" } })).version);
    const before = await version();
    await prisma.$transaction(async (tx) => {
      await tx.team.updateMany({ where: { active: true }, data: { zaloGroups: 2 } });
      await tx.team.updateMany({ where: { active: true }, data: { zaloGroups: 3 } });
    });
    const teams = await prisma.team.count({ where: { active: true } });
    expect(teams).toBeGreaterThan(1);
    const bumps = (await version()) - before;
    if (isPostgres) expect(bumps).toBe(1);
    else expect(bumps).toBeGreaterThanOrEqual(1);
    // And the next transaction bumps again.
    await prisma.team.updateMany({ where: { active: true }, data: { zaloGroups: 1 } });
    expect(await version()).toBeGreaterThan(before + bumps);
  });
});
