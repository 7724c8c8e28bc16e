import crypto from "node:crypto";
import { redirect } from "@remix-run/node";
import { prisma } from "./db.server";
import { authSessionStorage, SESSION_DAYS } from "./session.server";
import { isRole, type Role } from "./roles";
import { isInSubtree } from "./unit-path";

const userSelect = {
  id: true,
  name: true,
  phone: true,
  role: true,
  language: true,
  scopeUnit: { select: { id: true, name: true, path: true, levelKey: true } },
  team: { select: { id: true, name: true, unit: { select: { id: true, name: true, path: true } } } },
} as const;

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>> & { role: Role };

async function findSessionUser(sessionId: string) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: { ...userSelect, active: true } } },
  });
  if (!session || session.expiresAt < new Date() || !session.user.active) return null;
  return session.user;
}

async function readSessionId(request: Request) {
  const session = await authSessionStorage.getSession(request.headers.get("Cookie"));
  const id = session.get("sessionId");
  return typeof id === "string" ? id : null;
}

/** The signed-in user, or null. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const user = await findSessionUser(sessionId);
  if (!user || !isRole(user.role)) return null;
  return user as SessionUser;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = url.pathname + url.search;
  const params = redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`;
  return redirect(`/login${params}`);
}

/** The signed-in user; anyone else is sent to the sign-in page. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/** The signed-in user if their role is one of `allowed`; 403 otherwise. */
export async function requireRole(request: Request, allowed: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!allowed.includes(user.role)) forbidden();
  return user;
}

/** Whether a unit (by its path) lies inside what the user acts over. */
export function canAccessUnitPath(user: Pick<SessionUser, "role" | "scopeUnit">, path: string) {
  if (user.role === "member" || !user.scopeUnit) return false;
  return isInSubtree(user.scopeUnit.path, path);
}

/**
 * The unit if it lies in the user's subtree. A unit outside it answers 404,
 * exactly like a unit that does not exist, so nothing leaks about it.
 */
export async function requireUnitAccess(user: SessionUser, unitId: number) {
  if (!Number.isInteger(unitId)) notFound();
  const unit = await prisma.unit.findUnique({
    where: { id: unitId },
    select: { id: true, name: true, path: true, levelKey: true, parentId: true, depth: true },
  });
  if (!unit || !canAccessUnitPath(user, unit.path)) notFound();
  return unit;
}

/** Starts a session and returns the Set-Cookie header value. */
export async function createUserSession(userId: number) {
  const id = crypto.randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: { id, userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60_000) },
  });
  const session = await authSessionStorage.getSession();
  session.set("sessionId", id);
  return authSessionStorage.commitSession(session);
}

export async function logout(request: Request) {
  const sessionId = await readSessionId(request);
  if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } });
  const session = await authSessionStorage.getSession(request.headers.get("Cookie"));
  return redirect("/", { headers: { "Set-Cookie": await authSessionStorage.destroySession(session) } });
}

/** Where a safe relative redirect goes; anything else goes home. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  return to;
}
