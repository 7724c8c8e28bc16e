// First-start setup for `npm start`: create and migrate the database DATABASE_URL names
// (SQLite by default, or PostgreSQL), then load the demo data if (and only if) the
// database has no users yet.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { DEFAULT_DATABASE_URL, databaseFile } from "./database";
import { ensurePgDatabase } from "./pg-database";

process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
const url = process.env.DATABASE_URL;
const postgres = /^postgres(ql)?:/.test(url);

let triggersRestored = false;
if (postgres) {
  // Prisma's adapter does not create the database: do it when the server lets us.
  await ensurePgDatabase(url);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
} else {
  const file = databaseFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  process.env.DATABASE_URL = `file:${file}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit", env: process.env });
  // The membership triggers live in a migration, but SQLite drops a table's
  // triggers whenever a later migration redefines that table: put them back,
  // and recount (below) if any were missing. PostgreSQL keeps them.
  const sqlite = new Database(file);
  const triggers = () => (sqlite.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger'").get() as { n: number }).n;
  const before = triggers();
  sqlite.exec(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "triggers.sql"), "utf8"));
  triggersRestored = before < triggers();
  // WAL lets readers go on while a write commits; it is stored in the file.
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}

// Loaded after DATABASE_URL is final: the app's database module reads it once.
const { prisma, closeDb } = await import("../app/utils/db.server");
const { rebuildStats } = await import("../app/models/stats.server");
const { seed } = await import("./seed");
try {
  if (triggersRestored) {
    await rebuildStats(prisma);
    console.log("Membership triggers restored and report summaries recounted.");
  }
  if ((await prisma.user.count()) === 0) {
    await seed(prisma, { log: true });
  } else {
    console.log(`Database ${postgres ? url.replace(/\/\/[^@/]*@/, "//") : databaseFile()} already has data; demo data not loaded again.`);
  }
} finally {
  await closeDb();
}
