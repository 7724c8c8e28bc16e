import { beforeAll, describe, expect, it } from "vitest";
import {
  assignRole,
  createMember,
  createTeam,
  issueTeamPasswords,
  moveMember,
  moveTeam,
  resetPassword,
  searchMembers,
  setMemberActive,
} from "~/models/admin-members.server";
import type { Actor } from "~/models/admin-units.server";
import { teamUnitsAt } from "~/models/admin-units.server";
import { auditEntries } from "~/models/audit.server";
import { verifyLogin } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { actorFor, adminOf, rejection } from "../support/admin";
import { buildWorld, createUser } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
let admin: Actor;
let communeAdmin: Actor;
beforeAll(async () => {
  world = await buildWorld();
  admin = await actorFor(world.staff.admin.id);
  communeAdmin = await adminOf(world.units.communeA.id, world.teams.communeA.id);
});

const user = (id: number) => prisma.user.findUniqueOrThrow({ where: { id } });

describe("role granting", () => {
  it("lets a commune admin make a member of their commune a supervisor of it", async () => {
    const member = world.members.a1[0];
    await assignRole(communeAdmin, member.id, "supervisor", "A1");
    expect(await user(member.id)).toMatchObject({ role: "supervisor", scopeUnitId: world.units.villageA1.id });
    const audit = await auditEntries(world.units.communeA.path, { action: "member.role" });
    expect(audit.entries[0]).toMatchObject({ subject: member.name, details: { to: { role: "supervisor", scope: "Thôn A1" } } });
    await assignRole(communeAdmin, member.id, "member", null);
    expect(await user(member.id)).toMatchObject({ role: "member", scopeUnitId: null });
  });

  it("never grants a scope outside the granter's own subtree", async () => {
    const member = world.members.a2[0];
    expect(await rejection(assignRole(communeAdmin, member.id, "admin", "P"))).toMatchObject({ key: "admin.errors.unknownUnit" });
    expect(await rejection(assignRole(communeAdmin, member.id, "supervisor", "B"))).toMatchObject({ key: "admin.errors.unknownUnit" });
    expect(await user(member.id)).toMatchObject({ role: "member", scopeUnitId: null });
  });

  it("never grants a role wider than the granter's own", async () => {
    const supervisor = await actorFor(world.staff.supervisorA.id);
    expect(await rejection(assignRole(supervisor, world.members.a2[1].id, "admin", "A"))).toMatchObject({ key: "admin.errors.roleTooWide" });
    expect((await user(world.members.a2[1].id)).role).toBe("member");
  });

  it("does not let an admin touch people outside their subtree, nor themselves", async () => {
    expect((await rejection(assignRole(communeAdmin, world.staff.admin.id, "member", null))).status).toBe(404);
    expect((await rejection(assignRole(communeAdmin, world.staff.supervisorB.id, "member", null))).status).toBe(404);
    expect((await rejection(assignRole(communeAdmin, world.members.b1[0].id, "trainer", "A"))).status).toBe(404);
    expect(await rejection(assignRole(communeAdmin, communeAdmin.id, "member", null))).toMatchObject({ key: "admin.errors.notYourself" });
    // A province supervisor sitting in a commune-A team is still out of a commune admin's reach.
    const provinceSupervisor = await createUser({ role: "supervisor", scopeUnitId: world.units.province.id, teamId: world.teams.villageA1.id });
    expect((await rejection(assignRole(communeAdmin, provinceSupervisor.id, "member", null))).status).toBe(404);
    expect((await user(provinceSupervisor.id)).role).toBe("supervisor");
  });

  it("requires a scope for staff roles", async () => {
    expect(await rejection(assignRole(admin, world.members.a2[1].id, "trainer", ""))).toMatchObject({ key: "admin.errors.scopeRequired" });
  });
});

describe("teams and members", () => {
  it("creates a member with a temporary password shown once and stored only as a hash", async () => {
    const created = await createMember(communeAdmin, world.teams.villageA1.id, { name: "Tổ Viên Mới", phone: "0912000111", position: "Bí thư Chi đoàn" });
    expect(created.password).toMatch(/^\d{8}$/);
    const row = await user(created.id);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain(created.password);
    expect(await verifyLogin("0912000111", created.password)).toMatchObject({ id: created.id });
    expect(await rejection(createMember(communeAdmin, world.teams.villageA1.id, { name: "Trùng", phone: "0912000111", position: null }))).toMatchObject({
      key: "admin.errors.phoneTaken",
    });
    expect((await rejection(createMember(communeAdmin, world.teams.villageB1.id, { name: "Ngoài", phone: "0912000112", position: null }))).status).toBe(404);
  });

  it("resets a password: the old one stops working and the member is signed out", async () => {
    const member = world.members.a2[1];
    await prisma.session.create({ data: { id: "s-reset", userId: member.id, expiresAt: new Date(Date.now() + 60_000) } });
    const slip = await resetPassword(communeAdmin, member.id);
    expect(await verifyLogin(member.phone, "mat-khau-thu")).toBeNull();
    expect(await verifyLogin(member.phone, slip.password)).toMatchObject({ id: member.id });
    expect(await prisma.session.count({ where: { userId: member.id } })).toBe(0);
  });

  it("moves a member between teams, keeping the move", async () => {
    const member = world.members.a1[1];
    await moveMember(communeAdmin, member.id, world.teams.villageA2.id);
    expect((await user(member.id)).teamId).toBe(world.teams.villageA2.id);
    expect(await prisma.memberMove.findFirst({ where: { userId: member.id } })).toMatchObject({
      fromTeamId: world.teams.villageA1.id,
      toTeamId: world.teams.villageA2.id,
    });
    expect((await rejection(moveMember(communeAdmin, member.id, world.teams.villageB1.id))).status).toBe(404);
  });

  it("moves a team to another unit and remembers where it counted before", async () => {
    const team = await createTeam(admin, world.units.communeB.id, "Tổ lưu động");
    const before = new Date(Date.now() - 1000);
    await moveTeam(admin, team.id, "B1");
    expect((await teamUnitsAt([team.id], before)).get(team.id)).toEqual({ unitId: world.units.communeB.id, name: "Xã B" });
    expect(await rejection(createTeam(admin, world.units.villageB1.id, "Tổ lưu động"))).toMatchObject({ key: "admin.errors.teamNameTaken" });
  });

  it("deactivates a member (history kept, signed out) but never the admin themselves", async () => {
    const member = world.members.a2[0];
    await setMemberActive(communeAdmin, member.id, false);
    expect((await user(member.id)).active).toBe(false);
    expect(await verifyLogin(member.phone, "mat-khau-thu")).toBeNull();
    await setMemberActive(communeAdmin, member.id, true);
    expect(await rejection(setMemberActive(communeAdmin, communeAdmin.id, false))).toMatchObject({ key: "admin.errors.notYourself" });
  });

  it("issues passwords only to members who have none, once", async () => {
    const team = await createTeam(communeAdmin, world.units.villageA2.id, "Tổ mới nhập");
    await prisma.user.createMany({
      data: [
        { phone: "0933000001", name: "Nhập Một", teamId: team.id, passwordHash: "" },
        { phone: "0933000002", name: "Nhập Hai", teamId: team.id, passwordHash: "" },
      ],
    });
    const slips = await issueTeamPasswords(communeAdmin, team.id);
    expect(slips.map((s) => s.phone).sort()).toEqual(["0933000001", "0933000002"]);
    expect(await verifyLogin("0933000001", slips.find((s) => s.phone === "0933000001")!.password)).not.toBeNull();
    expect(await issueTeamPasswords(communeAdmin, team.id)).toEqual([]);
  });

  it("finds members of the admin's subtree only, by name or phone", async () => {
    const found = await searchMembers(world.units.communeA.path, { q: "Thành viên" });
    expect(found.members.map((m) => m.name).sort()).toEqual(["Thành viên A1-1", "Thành viên A1-2", "Thành viên A2-1", "Thành viên A2-2"]);
    expect((await searchMembers(world.units.communeA.path, { q: world.members.b1[0].phone })).total).toBe(0);
    expect((await searchMembers(world.units.province.path, { q: world.members.b1[0].phone.slice(-6) })).members[0].name).toBe("Thành viên B1-1");
    // Typed in lower case, as people type on a phone: the same members on SQLite and PostgreSQL.
    expect((await searchMembers(world.units.communeA.path, { q: "thành viên a1" })).members.map((m) => m.name).sort()).toEqual([
      "Thành viên A1-1",
      "Thành viên A1-2",
    ]);
  });
});
