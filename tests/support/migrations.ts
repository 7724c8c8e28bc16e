import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export const TMP_DIR = path.resolve("tests/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

/** True when the suite runs on PostgreSQL (`npm run test:pg`: DATABASE_URL=postgresql://…). */
export const onPostgres = () => /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "");

function migrationScripts(dir: string) {
  return fs
    .readdirSync(dir)
    .filter((n) => fs.statSync(path.join(dir, n)).isDirectory())
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

/** Builds an empty database from the committed migrations, in order. */
export function buildFromMigrations(file: string) {
  fs.rmSync(file, { force: true });
  const db = new Database(file);
  for (const script of migrationScripts(path.resolve("prisma/migrations"))) db.exec(script);
  db.close();
}

/** A PostgreSQL URL with another database name. */
export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs statements on the server's maintenance database (CREATE/DROP DATABASE cannot run in the test's own). */
export async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Builds a PostgreSQL database from the committed PostgreSQL migrations, in order (made anew). */
export async function buildPgFromMigrations(url: string, database: string) {
  await onServer(url, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
  });
  const db = new pg.Client({ connectionString: withDatabase(url, database) });
  await db.connect();
  try {
    // Each script whole, as `prisma migrate deploy` sends it (PL/pgSQL bodies hold semicolons).
    for (const script of migrationScripts(path.resolve("prisma/postgres/migrations"))) await db.query(script);
  } finally {
    await db.end();
  }
}
