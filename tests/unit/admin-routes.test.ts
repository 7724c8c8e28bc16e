import { beforeAll, describe, expect, it } from "vitest";
import { loader as exportLoader } from "~/routes/admin.export.$kind";
import { loader as memberLoader } from "~/routes/admin.members.$memberId";
import { loader as teamLoader } from "~/routes/admin.teams.$teamId";
import { action as unitAction, loader as unitLoader } from "~/routes/admin.units.$unitId";
import { prisma } from "~/utils/db.server";
import { buildWorld, createUser, requestAs } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
let communeAdmin: { id: number };
beforeAll(async () => {
  world = await buildWorld();
  communeAdmin = await createUser({ name: "Quản trị xã A", role: "admin", scopeUnitId: world.units.communeA.id, teamId: world.teams.communeA.id });
});

async function status(promise: Promise<unknown>) {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (error) {
    return (error as Response).status;
  }
}

const url = (path: string) => `http://localhost${path}`;

describe("admin pages check the scope of every id", () => {
  it("answers 404 for units, teams and members outside a commune admin's subtree", async () => {
    const as = (path: string) => requestAs(communeAdmin.id, url(path));
    expect(await status(unitLoader({ request: await as("/admin/units/x"), params: { unitId: String(world.units.villageA1.id) }, context: {} }))).toBe(200);
    expect(await status(unitLoader({ request: await as("/admin/units/x"), params: { unitId: String(world.units.villageB1.id) }, context: {} }))).toBe(404);
    expect(await status(unitLoader({ request: await as("/admin/units/x"), params: { unitId: String(world.units.province.id) }, context: {} }))).toBe(404);
    expect(await status(teamLoader({ request: await as("/admin/teams/x"), params: { teamId: String(world.teams.villageB1.id) }, context: {} }))).toBe(404);
    expect(await status(memberLoader({ request: await as("/admin/members/x"), params: { memberId: String(world.members.b1[0].id) }, context: {} }))).toBe(404);
    expect(await status(memberLoader({ request: await as("/admin/members/x"), params: { memberId: String(world.staff.admin.id) }, context: {} }))).toBe(404);
  });

  it("refuses a rename posted to a unit outside the scope, changing nothing", async () => {
    const request = await requestAs(communeAdmin.id, url("/admin/units/x"), { method: "POST", body: new URLSearchParams({ intent: "rename", name: "Chiếm" }) });
    expect(await status(unitAction({ request, params: { unitId: String(world.units.communeB.id) }, context: {} }))).toBe(404);
    expect((await prisma.unit.findUniqueOrThrow({ where: { id: world.units.communeB.id } })).name).toBe("Xã B");
  });

  it("shows a rule broken in the reader's language key, not an error page", async () => {
    const request = await requestAs(communeAdmin.id, url("/admin/units/x"), { method: "POST", body: new URLSearchParams({ intent: "merge", code: "B1" }) });
    const response = (await unitAction({ request, params: { unitId: String(world.units.villageA1.id) }, context: {} })) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ intent: "merge", error: { key: "admin.errors.unknownUnit", params: { code: "B1" } } });
  });

  it("exports only the admin's subtree, and only to admins", async () => {
    const response = (await exportLoader({
      request: await requestAs(communeAdmin.id, url("/admin/export/members?format=csv")),
      params: { kind: "members" },
      context: {},
    })) as Response;
    const text = await response.text();
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    expect(text).toContain(world.members.a1[0].phone);
    expect(text).not.toContain(world.members.b1[0].phone);
    const supervisor = await requestAs(world.staff.supervisorA.id, url("/admin/export/members?format=csv"));
    expect(await status(exportLoader({ request: supervisor, params: { kind: "members" }, context: {} }))).toBe(403);
  });
});
