// The one scope guard. Staff act over the subtree of their scope unit (materialised paths:
// a prefix test). Whatever a loader or action is asked about (a unit, team, member, training
// session, OCOP product) is looked up, then passed through here: a record outside the user's
// subtree answers 404, exactly like one that does not exist, so nothing leaks about it.
import type { Role } from "./roles";
import { prisma } from "./db.server";
import { notFound } from "./auth.server";
import { isInSubtree } from "./unit-path";

/** As much of the signed-in user as scope needs (a SessionUser or an admin model's Actor). */
export type ScopedUser = { role: Role; scopeUnit: { path: string } | null };

/** Whether a unit (by its path) lies inside what the user acts over. Members act over nothing. */
export function inScope(user: ScopedUser, path: string) {
  if (user.role === "member" || !user.scopeUnit) return false;
  return isInSubtree(user.scopeUnit.path, path);
}

/** The record if it exists and lies in the user's subtree (`pathOf` says where it lives); 404 otherwise. */
export function requireInScope<T>(user: ScopedUser, record: T | null | undefined, pathOf: (record: T) => string): T {
  if (record === null || record === undefined || !inScope(user, pathOf(record))) notFound();
  return record;
}

/** A unit by id, if it lies in the user's subtree; 404 otherwise. */
export async function requireUnitInScope(user: ScopedUser, unitId: number) {
  if (!Number.isInteger(unitId)) notFound();
  const unit = await prisma.unit.findUnique({
    where: { id: unitId },
    select: { id: true, name: true, path: true, levelKey: true, parentId: true, depth: true },
  });
  return requireInScope(user, unit, (u) => u.path);
}
