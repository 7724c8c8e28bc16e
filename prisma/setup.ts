// First-start setup for `npm start`: create and migrate the SQLite database,
// then load the demo data if (and only if) the database has no users yet.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaClient } from "../app/generated/prisma/client";
import { rebuildStats } from "../app/models/stats.server";
import { adapterFactory, databaseFile } from "./database";
import { seed } from "./seed";

const file = databaseFile();
fs.mkdirSync(path.dirname(file), { recursive: true });
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: `file:${file}` } });

// The membership triggers live in a migration, but SQLite drops a table's
// triggers whenever a later migration redefines that table: put them back,
// and recount (below) if any were missing.
let triggersRestored = false;
{
  const sqlite = new Database(file);
  const triggers = () => (sqlite.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger'").get() as { n: number }).n;
  const before = triggers();
  sqlite.exec(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "triggers.sql"), "utf8"));
  triggersRestored = before < triggers();
  sqlite.close();
}

const prisma = new PrismaClient({ adapter: adapterFactory(file) });
try {
  // WAL lets readers go on while a write commits; it is stored in the file.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  if (triggersRestored) {
    await rebuildStats(prisma);
    console.log("Membership triggers restored and report summaries recounted.");
  }
  if ((await prisma.user.count()) === 0) {
    await seed(prisma, { log: true });
  } else {
    console.log(`Database ${file} already has data; demo data not loaded again.`);
  }
} finally {
  await prisma.$disconnect();
}
