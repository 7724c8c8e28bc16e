import crypto from "node:crypto";
import fs from "node:fs";
import { databaseFile } from "../../prisma/database";

let cachedSecret: string | undefined;

/**
 * SESSION_SECRET from the environment. For a local demo without one, a random
 * secret is made once and kept beside the database file, so no known default
 * ever signs a cookie.
 */
export function sessionSecret(): string {
  if (cachedSecret) return cachedSecret;
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return (cachedSecret = fromEnv);
  const file = `${databaseFile()}.secret`;
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
