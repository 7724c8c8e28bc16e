// `npm run stats:rebuild`: recounts every report summary from the facts, for
// a damaged table or after data was loaded by hand. Safe while the site runs
// (one transaction: readers keep the old figures until the new are complete).
// Two rebuilds at once would only wait for each other: a lock file refuses the second.
import fs from "node:fs";
import { PrismaClient } from "../app/generated/prisma/client";
import { rebuildStats } from "../app/models/stats.server";
import { adapterFactory, databaseFile } from "./database";

const file = databaseFile();
const lock = `${file}.rebuild.lock`;
let fd: number;
try {
  fd = fs.openSync(lock, "wx");
} catch {
  console.error(`A rebuild is already running (lock file ${lock}). If none is, remove that file and try again.`);
  process.exit(1);
}
const prisma = new PrismaClient({ adapter: adapterFactory(file) });
const started = Date.now();
try {
  // Progress on one line: the statements are few and the longest take tens of seconds for the country.
  await rebuildStats(prisma, (step, steps) => process.stdout.write(`\r  step ${step} of ${steps} (${((Date.now() - started) / 1000).toFixed(0)} s)`));
  process.stdout.write("\n");
  console.log(`Report summaries recounted from the facts in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await prisma.$disconnect();
  fs.closeSync(fd);
  fs.rmSync(lock, { force: true });
}
