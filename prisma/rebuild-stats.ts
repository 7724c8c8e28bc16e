// `npm run stats:rebuild`: recounts every report summary from the facts, for
// a damaged table or after data was loaded by hand. Safe while the site runs
// (one transaction: readers keep the old figures until the new are complete).
// Two rebuilds at once would only wait for each other: on SQLite a lock file refuses the
// second; on PostgreSQL (several app servers, one database) the rebuild's own transaction
// takes an advisory lock, so a second one waits and then recounts again.
import fs from "node:fs";
import { closeDb, prisma } from "../app/utils/db.server";
import { rebuildStats } from "../app/models/stats.server";
import { isPostgres } from "../app/utils/sql-dialect.server";
import { databaseFile } from "./database";

const lock = isPostgres ? null : `${databaseFile()}.rebuild.lock`;
let fd: number | null = null;
if (lock) {
  try {
    fd = fs.openSync(lock, "wx");
  } catch {
    console.error(`A rebuild is already running (lock file ${lock}). If none is, remove that file and try again.`);
    process.exit(1);
  }
}
const started = Date.now();
try {
  // Progress on one line: the statements are few and the longest take tens of seconds for the country.
  await rebuildStats(prisma, (step, steps) => process.stdout.write(`\r  step ${step} of ${steps} (${((Date.now() - started) / 1000).toFixed(0)} s)`));
  process.stdout.write("\n");
  console.log(`Report summaries recounted from the facts in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await closeDb();
  if (fd !== null) fs.closeSync(fd);
  if (lock) fs.rmSync(lock, { force: true });
}
