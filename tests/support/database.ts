import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { TEMPLATE_DB, TMP_DIR, onServer, withDatabase } from "./migrations";

// Runs before each test file, before the app's modules load: the file gets
// its own copy of the migrated database, so files never see each other's rows.
const suffix = crypto.randomBytes(4).toString("hex");
let drop: () => Promise<void>;
if (process.env.TEST_PG_TEMPLATE) {
  // PostgreSQL: a database of its own, copied from the run's template (made from the PostgreSQL migrations).
  const server = process.env.TEST_PG_SERVER!;
  const database = `kns_test_${process.ppid}_${suffix}`;
  await onServer(server, (admin) => admin.query(`CREATE DATABASE "${database}" TEMPLATE "${process.env.TEST_PG_TEMPLATE}"`));
  process.env.DATABASE_URL = withDatabase(server, database);
  drop = () => onServer(server, (admin) => admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).then(() => {});
} else {
  const file = path.join(TMP_DIR, `test-${process.pid}-${suffix}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
  drop = async () => {
    for (const end of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + end, { force: true });
  };
}
process.env.SESSION_SECRET = "test-secret";
process.env.CONTENT_CACHE_DIR = path.join(TMP_DIR, "content-cache");

afterAll(async () => {
  const { closeDb } = await import("~/utils/db.server");
  await closeDb();
  await drop();
});
