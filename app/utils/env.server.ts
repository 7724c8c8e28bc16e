import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseFile } from "../../prisma/database";
import { isPostgres } from "./sql-dialect.server";

/**
 * Where the demo keeps its made-up secrets: beside the SQLite file, or, on PostgreSQL,
 * in prisma/ under the database's name (app servers on one machine share them; servers on
 * several machines must be given SESSION_SECRET and XAPI_ACTOR_SECRET, see README).
 */
function secretBase() {
  if (!isPostgres) return databaseFile();
  const name = new URL(process.env.DATABASE_URL!).pathname.slice(1) || "postgres";
  return path.resolve("prisma", `postgres-${name.replace(/[^\w-]/g, "_")}`);
}

let cachedSecret: string | undefined;

export const SECRET_HELP =
  "SESSION_SECRET is not set. In production the session cookie must be signed with a secret of your own: " +
  "make one with `node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"` " +
  "and start the server with SESSION_SECRET=<that value>. (`npm start` runs the local demo, which makes its own.)";

/** Whether this process is the local demo (`npm start`) rather than a production deployment. */
export function isDemo() {
  return process.env.KNS_DEMO === "1";
}

/**
 * SESSION_SECRET from the environment. In production there is no fallback: a
 * missing secret stops the server. The local demo, development and tests make
 * a random secret once and keep it beside the database file (ignored by git),
 * so no known default ever signs a cookie.
 */
export function sessionSecret(): string {
  if (cachedSecret) return cachedSecret;
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return (cachedSecret = fromEnv);
  if (process.env.NODE_ENV === "production" && !isDemo()) throw new Error(SECRET_HELP);
  const file = `${secretBase()}.secret`;
  try {
    cachedSecret = fs.readFileSync(file, "utf8").trim();
  } catch {
    cachedSecret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, cachedSecret, { mode: 0o600 });
  }
  return cachedSecret;
}

export function secureCookies() {
  return process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false";
}

let cachedActorSecret: string | undefined;

export const ACTOR_SECRET_HELP =
  "XAPI_ACTOR_SECRET is not set. xAPI statements name each person by a pseudonym made with this secret; " +
  "set one (made like SESSION_SECRET) before exporting or sending learning records, and never change it afterwards " +
  "(every learner would become a stranger to the Learning Record Store).";

/**
 * The secret that turns a user id into the pseudonym learning records carry
 * (an HMAC). Separate from SESSION_SECRET, which may be rotated to sign
 * everyone out: this one must never change. Required in production; the demo,
 * development and tests keep one beside the database file, like the session secret.
 */
export function xapiActorSecret(): string {
  if (cachedActorSecret) return cachedActorSecret;
  const fromEnv = process.env.XAPI_ACTOR_SECRET?.trim();
  if (fromEnv) return (cachedActorSecret = fromEnv);
  if (process.env.NODE_ENV === "production" && !isDemo()) throw new Error(ACTOR_SECRET_HELP);
  const file = `${secretBase()}.xapi.secret`;
  try {
    cachedActorSecret = fs.readFileSync(file, "utf8").trim();
  } catch {
    cachedActorSecret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, cachedActorSecret, { mode: 0o600 });
  }
  return cachedActorSecret;
}

/** Whether pseudonyms can be made here (production needs XAPI_ACTOR_SECRET). */
export function hasActorSecret() {
  try {
    xapiActorSecret();
    return true;
  } catch {
    return false;
  }
}
