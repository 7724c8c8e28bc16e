import type { Actor } from "~/models/admin-units.server";
import { prisma } from "~/utils/db.server";
import type { Role } from "~/utils/roles";
import { createUser } from "./fixtures";

/** The acting admin as the models see it. */
export async function actorFor(userId: number): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, role: true, scopeUnit: { select: { id: true, path: true } } },
  });
  return { id: user.id, role: user.role as Role, scopeUnit: user.scopeUnit };
}

/** An admin over one unit's subtree. */
export async function adminOf(unitId: number, teamId: number | null = null) {
  const user = await createUser({ name: "Quản trị xã", role: "admin", scopeUnitId: unitId, teamId });
  return actorFor(user.id);
}

/** Everything an import could touch, to prove a refused import left no trace. */
export async function fingerprint() {
  const [units, teams, users, moves, memberMoves] = await Promise.all([
    prisma.unit.findMany({ orderBy: { id: "asc" } }),
    prisma.team.findMany({ orderBy: { id: "asc" } }),
    prisma.user.findMany({ orderBy: { id: "asc" } }),
    prisma.teamMove.count(),
    prisma.memberMove.count(),
  ]);
  return JSON.stringify({ units, teams, users, moves, memberMoves });
}

export async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { key?: string; params?: Record<string, unknown>; status?: number };
  }
  throw new Error("expected a rejection");
}
