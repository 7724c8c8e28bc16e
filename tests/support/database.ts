import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { TEMPLATE_DB, TMP_DIR } from "./migrations";

// Runs before each test file, before the app's modules load: the file gets
// its own copy of the migrated database, so files never see each other's rows.
const file = path.join(TMP_DIR, `test-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
fs.copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.SESSION_SECRET = "test-secret";
process.env.CONTENT_CACHE_DIR = path.join(TMP_DIR, "content-cache");

afterAll(async () => {
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
});
