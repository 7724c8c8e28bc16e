import fs from "node:fs";
import { TEMPLATE_DB, TMP_DIR, buildFromMigrations, buildPgFromMigrations, onPostgres, onServer } from "./migrations";

// One template made from the migrations per run; each test file copies it
// (SQLite: the file; PostgreSQL: CREATE DATABASE … TEMPLATE, see database.ts).
export default async function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (!onPostgres()) {
    buildFromMigrations(TEMPLATE_DB);
    return;
  }
  const url = process.env.DATABASE_URL!;
  // Named per run, so two runs on one server (two worktrees) never share one.
  const template = `kns_template_${process.pid}`;
  await buildPgFromMigrations(url, template);
  process.env.TEST_PG_TEMPLATE = template;
  process.env.TEST_PG_SERVER = url;
  return async () => {
    await onServer(url, async (admin) => {
      // The template, and any test file's database a crash left behind.
      const { rows } = await admin.query<{ name: string }>(`SELECT datname::text AS name FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
        template,
        `kns_test_${process.pid}_%`,
      ]);
      for (const { name } of rows) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  };
}
