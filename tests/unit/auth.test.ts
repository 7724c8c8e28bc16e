import { beforeAll, describe, expect, it } from "vitest";
import { childUnitsWithCounts, subtreeCounts } from "~/models/unit.server";
import { prisma } from "~/utils/db.server";
import { requireRole, requireUser } from "~/utils/auth.server";
import { inScope, requireUnitInScope } from "~/utils/scope.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { buildWorld, requestAs, thrown } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hashed = await hashPassword("demo1234");
    expect(hashed).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hashed, "demo1234")).toBe(true);
    expect(await verifyPassword(hashed, "demo12345")).toBe(false);
    expect(await verifyPassword("not a hash", "demo1234")).toBe(false);
  });
});

describe("requireUser", () => {
  it("sends a visitor without a session to sign in, keeping where they were going", async () => {
    const response = await thrown(requireUser(new Request("http://localhost/reports?x=1")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Freports%3Fx%3D1");
  });

  it("refuses a forged or stale cookie", async () => {
    const request = new Request("http://localhost/", { headers: { Cookie: "kns_session=forged" } });
    expect((await thrown(requireUser(request))).status).toBe(302);
  });

  it("returns the signed-in user", async () => {
    const user = await requireUser(await requestAs(world.staff.supervisorA.id));
    expect(user.name).toBe("Giám sát A");
    expect(user.scopeUnit?.id).toBe(world.units.communeA.id);
  });

  it("refuses an expired session", async () => {
    const request = await requestAs(world.members.a2[0].id);
    await prisma.session.updateMany({ where: { userId: world.members.a2[0].id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await thrown(requireUser(request))).status).toBe(302);
  });

  it("ends the session of a deactivated account", async () => {
    const request = await requestAs(world.members.b1[1].id);
    await prisma.user.update({ where: { id: world.members.b1[1].id }, data: { active: false } });
    expect((await thrown(requireUser(request))).status).toBe(302);
    await prisma.user.update({ where: { id: world.members.b1[1].id }, data: { active: true } });
  });
});

describe("requireRole", () => {
  it("lets the allowed roles through and refuses the rest with 403", async () => {
    const supervisor = await requireRole(await requestAs(world.staff.supervisorA.id), ["supervisor", "admin"]);
    expect(supervisor.role).toBe("supervisor");
    const member = await thrown(requireRole(await requestAs(world.members.a1[0].id), ["supervisor", "admin"]));
    expect(member.status).toBe(403);
    const trainer = await thrown(requireRole(await requestAs(world.staff.trainerA.id), ["supervisor"]));
    expect(trainer.status).toBe(403);
  });
});

describe("requireUnitInScope: subtree scoping", () => {
  it("lets a commune-A supervisor into commune A and its villages", async () => {
    const user = await requireUser(await requestAs(world.staff.supervisorA.id));
    for (const unit of [world.units.communeA, world.units.villageA1, world.units.villageA2]) {
      expect((await requireUnitInScope(user, unit.id)).id).toBe(unit.id);
    }
  });

  it("never lets a commune-A supervisor load commune B, its village or the province", async () => {
    const user = await requireUser(await requestAs(world.staff.supervisorA.id));
    for (const unit of [world.units.communeB, world.units.villageB1, world.units.province]) {
      const response = await thrown(requireUnitInScope(user, unit.id));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain(unit.id === world.units.communeB.id ? "Xã B" : "Thôn");
    }
  });

  it("answers a unit that does not exist exactly like one outside the scope", async () => {
    const user = await requireUser(await requestAs(world.staff.supervisorA.id));
    expect((await thrown(requireUnitInScope(user, 999_999))).status).toBe(404);
    expect((await thrown(requireUnitInScope(user, Number.NaN))).status).toBe(404);
  });

  it("gives the province admin the whole tree and a member no unit at all", async () => {
    const admin = await requireUser(await requestAs(world.staff.admin.id));
    expect((await requireUnitInScope(admin, world.units.villageB1.id)).id).toBe(world.units.villageB1.id);
    const member = await requireUser(await requestAs(world.members.a1[0].id));
    expect((await thrown(requireUnitInScope(member, world.units.villageA1.id))).status).toBe(404);
  });

  it("does not confuse unit 1 with unit 10 in the prefix check", () => {
    const user = { role: "supervisor" as const, scopeUnit: { id: 1, name: "x", path: "/1/", levelKey: "commune" } };
    expect(inScope(user, "/1/3/")).toBe(true);
    expect(inScope(user, "/10/")).toBe(false);
  });
});

describe("unit counts", () => {
  it("counts teams and members per child unit over the whole subtree", async () => {
    const children = await childUnitsWithCounts(world.units.province.id);
    expect(children.map((c) => [c.name, c.teams, c.members])).toEqual([
      ["Xã A", 3, 6], // commune team (supervisor + trainer) + two villages of two
      ["Xã B", 2, 3],
    ]);
    expect(await subtreeCounts(world.units.province.path)).toEqual({ teams: 6, members: 10 });
  });
});
