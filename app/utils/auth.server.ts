import crypto from "node:crypto";
import { redirect } from "@remix-run/node";
import { prisma, sql } from "./db.server";
import { sqlDate } from "./sql-dialect.server";
import { authSessionStorage, SESSION_DAYS } from "./session.server";
import { isRole, type Role } from "./roles";
import { secureCookies } from "./env.server";
import { MEMBER_COOKIE, memberHintValue } from "./member-hint";

export type SessionUser = {
  id: number;
  name: string;
  phone: string;
  role: Role;
  language: string;
  scopeUnit: { id: number; name: string; path: string; levelKey: string } | null;
  team: { id: number; name: string; unit: { id: number; name: string; path: string } } | null;
};

type SessionRow = {
  id: number;
  name: string;
  phone: string;
  role: string;
  language: string;
  scopeId: number | null;
  scopeName: string | null;
  scopePath: string | null;
  scopeLevel: string | null;
  teamId: number | null;
  teamName: string | null;
  teamUnitId: number | null;
  teamUnitName: string | null;
  teamUnitPath: string | null;
};

// Every signed-in page asks this: one indexed join on the direct connection.
async function findSessionUser(sessionId: string): Promise<SessionUser | null> {
  const r = await sql(`
    SELECT u.id, u.name, u.phone, u.role, u.language,
      su.id AS scopeId, su.name AS scopeName, su.path AS scopePath, su.levelKey AS scopeLevel,
      t.id AS teamId, t.name AS teamName, tu.id AS teamUnitId, tu.name AS teamUnitName, tu.path AS teamUnitPath
    FROM Session s
    JOIN User u ON u.id = s.userId
    LEFT JOIN Unit su ON su.id = u.scopeUnitId
    LEFT JOIN Team t ON t.id = u.teamId
    LEFT JOIN Unit tu ON tu.id = t.unitId
    WHERE s.id = ? AND s.expiresAt > ? AND u.active = TRUE`).get<SessionRow>(sessionId, sqlDate(new Date()));
  if (!r || !isRole(r.role)) return null;
  return {
    id: Number(r.id),
    name: r.name,
    phone: r.phone,
    role: r.role,
    language: r.language,
    scopeUnit: r.scopeId === null ? null : { id: Number(r.scopeId), name: r.scopeName!, path: r.scopePath!, levelKey: r.scopeLevel! },
    team:
      r.teamId === null ? null : { id: Number(r.teamId), name: r.teamName!, unit: { id: Number(r.teamUnitId), name: r.teamUnitName!, path: r.teamUnitPath! } },
  };
}

async function readSessionId(request: Request) {
  const session = await authSessionStorage.getSession(request.headers.get("Cookie"));
  const id = session.get("sessionId");
  return typeof id === "string" ? id : null;
}

// Remix hands each loader of one page its own copy of the request, so the root
// loader and the page's loader would each verify the cookie's signature and
// look the session up. Remember the answer for a moment, keyed by the exact
// cookie header; signing out forgets it at once.
const MEMO_MS = 1000;
const recentUsers = new Map<string, { at: number; user: Promise<SessionUser | null> }>();

async function lookUpUser(cookie: string) {
  const session = await authSessionStorage.getSession(cookie);
  const sessionId = session.get("sessionId");
  return typeof sessionId === "string" ? findSessionUser(sessionId) : null;
}

/** The signed-in user, or null. */
export function getUser(request: Request): Promise<SessionUser | null> {
  const cookie = request.headers.get("Cookie");
  if (!cookie || !cookie.includes("kns_session=")) return Promise.resolve(null);
  const now = Date.now();
  const memo = recentUsers.get(cookie);
  if (memo && now - memo.at < MEMO_MS) return memo.user;
  if (recentUsers.size > 5000) recentUsers.clear();
  const user = lookUpUser(cookie);
  recentUsers.set(cookie, { at: now, user });
  return user;
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

function hintCookie(value: string, maxAge: number) {
  return `${MEMBER_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secureCookies() ? "; Secure" : ""}`;
}

/** The page scripts' hint of who is signed in (see member-hint.ts), ending with the session. */
export function memberHintCookie(userId: number, now = Date.now()) {
  const maxAge = SESSION_DAYS * 24 * 60 * 60;
  return hintCookie(memberHintValue({ id: userId, until: now + maxAge * 1000 }), maxAge);
}

/** Removes the hint: every sign-out sends it. */
export const clearMemberHintCookie = () => hintCookie("", 0);

export async function logout(request: Request) {
  const cookie = request.headers.get("Cookie");
  if (cookie) recentUsers.delete(cookie);
  const sessionId = await readSessionId(request);
  if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } });
  const session = await authSessionStorage.getSession(request.headers.get("Cookie"));
  const headers = new Headers();
  headers.append("Set-Cookie", await authSessionStorage.destroySession(session));
  headers.append("Set-Cookie", clearMemberHintCookie());
  return redirect("/", { headers });
}

/**
 * Where a redirect after sign-in or a language switch may go: a path on this
 * site. It must begin with one "/" followed by a path character: never "//x"
 * or "/\\x" (browsers read both as another host), never a control character
 * or space (browsers drop tabs and newlines, so "/\t/x" becomes "//x"), and
 * once resolved it must still be on this origin. Anything else goes home.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string" || to.length > 2000) return fallback;
  if (!/^\/(?:[^/\\]|$)/.test(to)) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(to)) return fallback;
  const base = "http://kns.invalid";
  let resolved: URL;
  try {
    resolved = new URL(to, base);
  } catch {
    return fallback;
  }
  const path = resolved.pathname + resolved.search + resolved.hash;
  // "/..//x" resolves to "//x": check the result again.
  if (resolved.origin !== base || path.startsWith("//")) return fallback;
  return path;
}
