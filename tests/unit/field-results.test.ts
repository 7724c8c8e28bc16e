import { beforeAll, describe, expect, it } from "vitest";
import { deleteResult, recordResults, updateResult } from "~/models/field-result.server";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { buildWorld, requestAs } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
let member: SessionUser;
const now = new Date("2026-11-23T05:00:00Z"); // 12:00 in Vietnam
const month = async (unitId: number) => prisma.unitMonthStat.findUnique({ where: { unitId_month: { unitId, month: "2026-11" } } });

beforeAll(async () => {
  world = await buildWorld();
  member = await requireUser(await requestAs(world.members.a1[0].id));
});

describe("field results", () => {
  it("refuses bad days and counts with a message, saving nothing", async () => {
    const cases: Array<[string, Parameters<typeof recordResults>[2], string]> = [
      ["2026-11-24", [{ kind: "residents-guided", count: 2 }], "results.errors.future"],
      ["2026-09-01", [{ kind: "residents-guided", count: 2 }], "results.errors.tooOld"],
      ["23/11/2026", [{ kind: "residents-guided", count: 2 }], "results.errors.date"],
      ["2026-11-23", [{ kind: "residents-guided", count: -1 }], "results.errors.count"],
      ["2026-11-23", [{ kind: "residents-guided", count: 2.5 }], "results.errors.count"],
      ["2026-11-23", [{ kind: "residents-guided", count: 0 }], "results.errors.empty"],
      ["2026-11-23", [{ kind: "product-online", count: 1, productName: " " }], "results.errors.productName"],
    ];
    for (const [date, entries, error] of cases) await expect(recordResults(member, date, entries, now), error).rejects.toMatchObject({ key: error });
    expect(await prisma.fieldResult.count()).toBe(0);
  });

  it("records a day, one line per kind, and counts it up the tree", async () => {
    expect(
      await recordResults(
        member,
        "2026-11-22",
        [
          { kind: "residents-guided", count: 7 },
          { kind: "vneid-level1", count: 2 },
          { kind: "public-account", count: 0 },
        ],
        now,
      ),
    ).toEqual({ created: 2 });
    for (const unit of [world.units.villageA1, world.units.communeA, world.units.province]) {
      expect(await month(unit.id)).toMatchObject({ residentsGuided: 7, vneidLevel1: 2 });
    }
    expect(await month(world.units.communeB.id)).toBeNull();
  });

  it("lets the member correct an entry for a few days, then locks it", async () => {
    const entry = await prisma.fieldResult.findFirstOrThrow({ where: { userId: member.id, kind: "residents-guided" } });
    await updateResult(member, entry.id, { count: 5 }, now);
    expect(await month(world.units.province.id)).toMatchObject({ residentsGuided: 5 });
    const later = new Date(now.getTime() + 4 * 24 * 60 * 60_000);
    await expect(updateResult(member, entry.id, { count: 9 }, later)).rejects.toMatchObject({ key: "results.errors.locked" });
    await expect(deleteResult(member, entry.id, later)).rejects.toMatchObject({ key: "results.errors.locked" });
    expect((await prisma.fieldResult.findUniqueOrThrow({ where: { id: entry.id } })).count).toBe(5);
  });

  it("deletes an entry and its counts; nobody else can touch it", async () => {
    const entry = await prisma.fieldResult.findFirstOrThrow({ where: { userId: member.id, kind: "vneid-level1" } });
    const other = await requireUser(await requestAs(world.members.a1[1].id));
    await expect(updateResult(other, entry.id, { count: 1 }, now)).rejects.toMatchObject({ status: 404 });
    await deleteResult(member, entry.id, now);
    expect(await month(world.units.province.id)).toMatchObject({ vneidLevel1: 0 });
  });
});
