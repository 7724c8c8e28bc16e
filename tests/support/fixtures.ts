import Database from "better-sqlite3";
import pg from "pg";
import { createUnit } from "~/models/unit.server";
import { createUserSession, requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

import { isPostgres, portable } from "~/utils/sql-dialect.server";
import { databaseFile } from "../../prisma/database";

/**
 * A second connection to the test database, outside the app's code, as another process or
 * someone writing by hand would be: what it writes reaches the app only through the database
 * (triggers, versions). Portable SQL (app/utils/sql-dialect.server.ts).
 */
export async function otherConnection() {
  if (isPostgres) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    return { run: async (text: string, ...params: unknown[]) => void (await client.query(portable(text), params)), close: () => client.end() };
  }
  const db = new Database(databaseFile());
  return { run: async (text: string, ...params: unknown[]) => void db.prepare(text).run(...params), close: async () => db.close() };
}

let phoneCounter = 0;
let passwordHash: Promise<string> | undefined;

export const PASSWORD = "mat-khau-thu";

/** Next unused valid mobile number. */
export function nextPhone() {
  phoneCounter++;
  return `09${String(phoneCounter).padStart(8, "0")}`;
}

export async function createUser(input: {
  name?: string;
  role?: string;
  teamId?: number | null;
  scopeUnitId?: number | null;
  phone?: string;
  active?: boolean;
}) {
  passwordHash ??= hashPassword(PASSWORD);
  return prisma.user.create({
    data: {
      phone: input.phone ?? nextPhone(),
      name: input.name ?? "Người Thử",
      role: input.role ?? "member",
      teamId: input.teamId ?? null,
      scopeUnitId: input.scopeUnitId ?? null,
      passwordHash: await passwordHash,
      active: input.active ?? true,
    },
  });
}

/**
 * A small known world: province P with communes A (villages A1, A2) and B
 * (village B1), a team at every unit, two members per village, and staff.
 */
export async function buildWorld() {
  await prisma.unitLevel.createMany({
    data: [
      { key: "province", rank: 0, nameVi: "Tỉnh", nameEn: "Province" },
      { key: "commune", rank: 2, nameVi: "Xã", nameEn: "Commune" },
      { key: "village", rank: 3, nameVi: "Thôn", nameEn: "Village" },
    ],
  });
  const province = await createUnit({ code: "P", name: "Tỉnh Thử", levelKey: "province" });
  const communeA = await createUnit({ code: "A", name: "Xã A", levelKey: "commune", parentId: province.id });
  const communeB = await createUnit({ code: "B", name: "Xã B", levelKey: "commune", parentId: province.id });
  const villageA1 = await createUnit({ code: "A1", name: "Thôn A1", levelKey: "village", parentId: communeA.id });
  const villageA2 = await createUnit({ code: "A2", name: "Thôn A2", levelKey: "village", parentId: communeA.id });
  const villageB1 = await createUnit({ code: "B1", name: "Thôn B1", levelKey: "village", parentId: communeB.id });
  const units = { province, communeA, communeB, villageA1, villageA2, villageB1 };
  const teams = {} as Record<keyof typeof units, { id: number }>;
  for (const [key, unit] of Object.entries(units)) {
    teams[key as keyof typeof units] = await prisma.team.create({ data: { name: `Tổ ${unit.name}`, unitId: unit.id }, select: { id: true } });
  }
  const members = {
    a1: [await createUser({ name: "Thành viên A1-1", teamId: teams.villageA1.id }), await createUser({ name: "Thành viên A1-2", teamId: teams.villageA1.id })],
    a2: [await createUser({ name: "Thành viên A2-1", teamId: teams.villageA2.id }), await createUser({ name: "Thành viên A2-2", teamId: teams.villageA2.id })],
    b1: [await createUser({ name: "Thành viên B1-1", teamId: teams.villageB1.id }), await createUser({ name: "Thành viên B1-2", teamId: teams.villageB1.id })],
  };
  const staff = {
    admin: await createUser({ name: "Quản trị", role: "admin", scopeUnitId: province.id, teamId: teams.province.id }),
    supervisorA: await createUser({ name: "Giám sát A", role: "supervisor", scopeUnitId: communeA.id, teamId: teams.communeA.id }),
    supervisorB: await createUser({ name: "Giám sát B", role: "supervisor", scopeUnitId: communeB.id, teamId: teams.communeB.id }),
    trainerA: await createUser({ name: "Tập huấn A", role: "trainer", scopeUnitId: communeA.id, teamId: teams.communeA.id }),
  };
  return { units, teams, members, staff };
}

/** The user as a signed-in request shows them to the models (scope unit, team, role): what routes pass on. */
export async function signedIn(userId: number) {
  return requireUser(await requestAs(userId));
}

/** A request carrying a fresh session cookie for the user. */
export async function requestAs(userId: number | null, url = "http://localhost/", init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (userId !== null) {
    const setCookie = await createUserSession(userId);
    headers.set("Cookie", setCookie.split(";")[0]);
  }
  return new Request(url, { ...init, headers });
}

/** The Response a guard or loader threw; fails the test if nothing was thrown. */
export async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Response;
  }
  throw new Error("expected a thrown response");
}
