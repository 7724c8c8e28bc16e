import { beforeAll, describe, expect, it } from "vitest";
import { isPostgres } from "~/utils/sql-dialect.server";
import {
  type Actor,
  activateUnit,
  createChildUnit,
  deactivateUnit,
  mergeUnit,
  moveUnit,
  renameUnit,
  setHouseholds,
  teamUnitsAt,
  unitNamesAt,
} from "~/models/admin-units.server";
import { auditEntries } from "~/models/audit.server";
import { childUnitsWithCounts, createUnit, subtreeCounts } from "~/models/unit.server";
import { prisma } from "~/utils/db.server";
import { actorFor, adminOf, rejection } from "../support/admin";
import { buildWorld, createUser } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
let admin: Actor;
beforeAll(async () => {
  world = await buildWorld();
  await prisma.unitLevel.create({ data: { key: "district", rank: 1, nameVi: "Huyện (trước 7/2025)", nameEn: "District" } });
  admin = await actorFor(world.staff.admin.id);
});

const unit = (id: number) => prisma.unit.findUniqueOrThrow({ where: { id } });

describe("adding, renaming and closing units", () => {
  it("adds a unit under a parent with the right path, and refuses a level above its parent", async () => {
    const made = await createChildUnit(admin, { parentId: world.units.communeA.id, code: "A9", name: "Thôn A9", levelKey: "village", households: 120 });
    expect(made.path).toBe(`${world.units.communeA.path}${made.id}/`);
    expect((await unit(made.id)).households).toBe(120);
    expect(
      await rejection(createChildUnit(admin, { parentId: made.id, code: "X", name: "Xã dưới thôn", levelKey: "commune", households: null })),
    ).toMatchObject({
      key: "admin.errors.levelOrder",
    });
    expect(
      await rejection(createChildUnit(admin, { parentId: world.units.communeA.id, code: "A9", name: "Trùng", levelKey: "village", households: null })),
    ).toMatchObject({
      key: "admin.errors.codeTaken",
    });
  });

  it("keeps the old name for past periods when a unit is renamed", async () => {
    const before = new Date(Date.now() - 60_000);
    await renameUnit(admin, world.units.villageA2.id, "Thôn A2 Mới");
    expect((await unit(world.units.villageA2.id)).name).toBe("Thôn A2 Mới");
    expect((await unitNamesAt([world.units.villageA2.id], before)).get(world.units.villageA2.id)).toBe("Thôn A2");
    expect((await unitNamesAt([world.units.villageA2.id], new Date(Date.now() + 1000))).get(world.units.villageA2.id)).toBe("Thôn A2 Mới");
  });

  it("records households", async () => {
    await setHouseholds(admin, world.units.villageA1.id, 268);
    expect((await unit(world.units.villageA1.id)).households).toBe(268);
  });

  it("refuses to close a unit that still has active units or teams, and closes an empty one", async () => {
    expect(await rejection(deactivateUnit(admin, world.units.communeA.id))).toMatchObject({ key: "admin.errors.hasActiveChildren" });
    const empty = await createUnit({ code: "EMPTY", name: "Thôn trống", levelKey: "village", parentId: world.units.communeB.id });
    await prisma.team.create({ data: { name: "Tổ Thôn trống", unitId: empty.id } });
    expect(await rejection(deactivateUnit(admin, empty.id))).toMatchObject({ key: "admin.errors.hasActiveTeams" });
    await prisma.team.updateMany({ where: { unitId: empty.id }, data: { active: false } });
    await deactivateUnit(admin, empty.id);
    expect((await unit(empty.id)).active).toBe(false);
    await activateUnit(admin, empty.id);
    expect((await unit(empty.id)).active).toBe(true);
  });

  it("never lets an admin act on their own unit or outside their subtree", async () => {
    const communeAdmin = await adminOf(world.units.communeA.id);
    expect(await rejection(deactivateUnit(communeAdmin, world.units.communeA.id))).toMatchObject({ key: "admin.errors.scopeRoot" });
    expect((await rejection(renameUnit(communeAdmin, world.units.villageB1.id, "Chiếm"))).status).toBe(404);
    expect(await rejection(moveUnit(communeAdmin, world.units.villageA1.id, "B"))).toMatchObject({ key: "admin.errors.unknownUnit" });
    expect((await unit(world.units.villageB1.id)).name).toBe("Thôn B1");
  });
});

describe("moving a unit", () => {
  it("rewrites the path and depth of the whole subtree; teams, members and counts follow", async () => {
    // District D (before 2025) with commune C and villages C1, C2 under it, C1 with a hamlet-level child.
    const district = await createUnit({ code: "D", name: "Huyện D", levelKey: "district", parentId: world.units.province.id });
    const commune = await createUnit({ code: "C", name: "Xã C", levelKey: "commune", parentId: district.id });
    const c1 = await createUnit({ code: "C1", name: "Thôn C1", levelKey: "village", parentId: commune.id });
    const c2 = await createUnit({ code: "C2", name: "Thôn C2", levelKey: "village", parentId: commune.id });
    const team = await prisma.team.create({ data: { name: "Tổ C1", unitId: c1.id } });
    await createUser({ teamId: team.id });
    await createUser({ teamId: team.id });
    const provinceBefore = await subtreeCounts(world.units.province.path);

    // Districts abolished: the commune goes straight under the province.
    await moveUnit(admin, commune.id, "P");
    const [movedCommune, movedC1, movedC2] = await Promise.all([unit(commune.id), unit(c1.id), unit(c2.id)]);
    expect(movedCommune).toMatchObject({ parentId: world.units.province.id, path: `${world.units.province.path}${commune.id}/`, depth: 1 });
    expect(movedC1).toMatchObject({ parentId: commune.id, path: `${world.units.province.path}${commune.id}/${c1.id}/`, depth: 2 });
    expect(movedC2.path).toBe(`${world.units.province.path}${commune.id}/${c2.id}/`);
    expect(await subtreeCounts(district.path)).toEqual({ teams: 0, members: 0 });
    expect(await subtreeCounts(movedCommune.path)).toEqual({ teams: 1, members: 2 });
    expect(await subtreeCounts(world.units.province.path)).toEqual(provinceBefore);
    const underProvince = await childUnitsWithCounts(world.units.province.id);
    expect(underProvince.find((c) => c.name === "Xã C")).toMatchObject({ teams: 1, members: 2 });

    // The emptied district can now be closed.
    await deactivateUnit(admin, district.id);
    expect((await unit(district.id)).active).toBe(false);
  });

  it("refuses to move a unit into itself or under a unit of the same or a lower level", async () => {
    expect(await rejection(moveUnit(admin, world.units.communeA.id, "A1"))).toMatchObject({ key: "admin.errors.moveIntoItself" });
    expect(await rejection(moveUnit(admin, world.units.villageA1.id, "B1"))).toMatchObject({ key: "admin.errors.levelOrder" });
    expect((await unit(world.units.villageA1.id)).parentId).toBe(world.units.communeA.id);
  });
});

describe("merging units (2025 reorganisation)", () => {
  it("moves teams, child units and staff to the survivor, keeps the merged unit inactive, and past periods still count for it", async () => {
    const east = await createUnit({ code: "E", name: "Xã Đông", levelKey: "commune", parentId: world.units.province.id });
    const west = await createUnit({ code: "W", name: "Xã Tây", levelKey: "commune", parentId: world.units.province.id });
    await prisma.unit.update({ where: { id: east.id }, data: { households: 500 } });
    await prisma.unit.update({ where: { id: west.id }, data: { households: 300 } });
    const w1 = await createUnit({ code: "W1", name: "Thôn W1", levelKey: "village", parentId: west.id });
    const westTeam = await prisma.team.create({ data: { name: "Tổ Xã Tây", unitId: west.id } });
    const w1Team = await prisma.team.create({ data: { name: "Tổ Thôn W1", unitId: w1.id } });
    const westMember = await createUser({ teamId: westTeam.id });
    await createUser({ teamId: w1Team.id });
    const westSupervisor = await createUser({ role: "supervisor", scopeUnitId: west.id, teamId: westTeam.id });
    const provinceBefore = await subtreeCounts(world.units.province.path);

    const beforeMerge = new Date(Date.now() - 60_000);
    const mergedAt = new Date();
    const result = await mergeUnit(admin, west.id, "E", mergedAt);
    expect(result).toEqual({ teams: 1, units: 1, staff: 1 });

    const [merged, survivor, movedW1] = await Promise.all([unit(west.id), unit(east.id), unit(w1.id)]);
    expect(merged).toMatchObject({ active: false, mergedIntoId: east.id, name: "Xã Tây", households: 300 });
    expect(survivor.households).toBe(800);
    expect(movedW1).toMatchObject({ parentId: east.id, path: `${east.path}${w1.id}/`, depth: 2 });
    expect((await prisma.team.findUniqueOrThrow({ where: { id: westTeam.id } })).unitId).toBe(east.id);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: westSupervisor.id } })).scopeUnitId).toBe(east.id);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: westMember.id } })).teamId).toBe(westTeam.id);

    // Today's report: everything under the survivor, nothing lost at province level.
    expect(await subtreeCounts(survivor.path)).toEqual({ teams: 2, members: 3 });
    expect(await subtreeCounts(world.units.province.path)).toEqual(provinceBefore);
    // A past period: the team still counts for the merged unit, under its old name.
    expect((await teamUnitsAt([westTeam.id], beforeMerge)).get(westTeam.id)).toEqual({ unitId: west.id, name: "Xã Tây" });
    expect((await teamUnitsAt([westTeam.id], new Date(mergedAt.getTime() + 1))).get(westTeam.id)).toEqual({ unitId: east.id, name: "Xã Đông" });

    const audit = await auditEntries(world.units.province.path, { action: "unit.merge" });
    expect(audit.entries.map((e) => e.subject)).toEqual(expect.arrayContaining(["Xã Tây", "Xã Đông"]));
    expect(audit.entries[0].actor?.name).toBe("Quản trị");
  });

  it("refuses merging units of different levels, into itself, or a closed unit", async () => {
    expect(await rejection(mergeUnit(admin, world.units.villageB1.id, "A"))).toMatchObject({ key: "admin.errors.mergeLevel" });
    expect(await rejection(mergeUnit(admin, world.units.communeB.id, "B1"))).toMatchObject({ key: "admin.errors.mergeIntoItself" });
    expect(await rejection(mergeUnit(admin, world.units.communeB.id, "W"))).toMatchObject({ key: "admin.errors.unitInactive" });
    expect((await unit(world.units.villageB1.id)).active).toBe(true);
  });

  it("does all of a merge or none of it", async () => {
    const n1 = await createUnit({ code: "N1", name: "Thôn N1", levelKey: "village", parentId: world.units.communeB.id });
    const team = await prisma.team.create({ data: { name: "Tổ N1", unitId: n1.id } });
    // A failure half-way (the survivor vanishes under us) must leave the team where it was.
    const broken: Actor = { ...admin };
    // The merge's last write fails (a trigger that refuses it: SQLite's RAISE, PostgreSQL's PL/pgSQL).
    if (isPostgres) {
      await prisma.$executeRawUnsafe(`CREATE FUNCTION fail_merge() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;
        CREATE TRIGGER fail_merge BEFORE UPDATE OF "mergedIntoId" ON "Unit" FOR EACH ROW EXECUTE FUNCTION fail_merge()`);
    } else {
      await prisma.$executeRawUnsafe(`CREATE TRIGGER fail_merge BEFORE UPDATE OF mergedIntoId ON Unit BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    }
    await expect(mergeUnit(broken, n1.id, "B1")).rejects.toThrow();
    await prisma.$executeRawUnsafe(isPostgres ? `DROP TRIGGER fail_merge ON "Unit"; DROP FUNCTION fail_merge()` : `DROP TRIGGER fail_merge`);
    expect((await prisma.team.findUniqueOrThrow({ where: { id: team.id } })).unitId).toBe(n1.id);
    expect((await unit(n1.id)).active).toBe(true);
    expect(await prisma.teamMove.count({ where: { teamId: team.id } })).toBe(0);
  });
});
