// Issue 20: the database is one SQLite connection shared by every request. A
// write from one request must never run inside another request's open
// interactive transaction (and vanish when that one rolls back).
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { isPostgres } from "~/utils/sql-dialect.server";
import { databaseFile } from "../../prisma/database";

describe("interactive transactions on the shared connection", () => {
  it("a write made by another request while a transaction is open survives that transaction's rollback", async () => {
    let release!: () => void;
    const opened = new Promise<void>((resolve) => (release = resolve));
    let done!: () => void;
    const outsideWritten = new Promise<void>((resolve) => (done = resolve));
    const failing = prisma
      .$transaction(async (tx) => {
        await tx.rateLimitHit.create({ data: { key: "inside" } });
        release();
        // Give the other request every chance to run now.
        await Promise.race([outsideWritten, new Promise((r) => setTimeout(r, 300))]);
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);
    await opened;
    const outside = prisma.rateLimitHit.create({ data: { key: "outside" } }).then(() => done());
    expect(await failing).toBe("roll back");
    await outside;
    expect(await prisma.rateLimitHit.count({ where: { key: "inside" } })).toBe(0);
    expect(await prisma.rateLimitHit.count({ where: { key: "outside" } })).toBe(1);
  });
});

describe("reads while a transaction is open", () => {
  it("a plain read is answered from what was committed, without waiting for the open transaction", async () => {
    await prisma.rateLimitHit.create({ data: { key: "committed" } });
    let release!: () => void;
    const opened = new Promise<void>((resolve) => (release = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const long = prisma.$transaction(async (tx) => {
      await tx.rateLimitHit.create({ data: { key: "uncommitted" } });
      release();
      await finished;
    });
    await opened;
    // Answered while the transaction is still open (it waits for `finish`), and without its row.
    const seen = await prisma.rateLimitHit.findMany({ where: { key: { in: ["committed", "uncommitted"] } }, select: { key: true } });
    expect(seen.map((r) => r.key)).toEqual(["committed"]);
    finish();
    await long;
    expect(await prisma.rateLimitHit.count({ where: { key: "uncommitted" } })).toBe(1);
  });
});

// SQLite's own locking (prisma/database.ts); PostgreSQL's transactions wait on row locks by themselves.
describe.skipIf(isPostgres)("a second writer on the same file", () => {
  // Another process writing the database (the stats rebuild command, the end-to-end tests' worlds):
  // a transaction that had read and then met that process's commit used to fail at its first write
  // (SQLITE_BUSY_SNAPSHOT). It takes the write lock at its start now, so the other writer waits.
  // The other writer must be another process: two SQLite libraries in one process (Prisma's adapter
  // brings its own better-sqlite3) do not see each other's locks.
  const writeFromAnotherProcess = (key: string) =>
    execFileSync(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(process.env.FILE, { timeout: 0 });
         try { db.prepare('INSERT INTO "RateLimitHit" ("key", "createdAt") VALUES (?, ?)').run(process.env.KEY, new Date().toISOString()); console.log("written"); }
         catch (error) { console.log(error.code); }`,
      ],
      { env: { ...process.env, FILE: databaseFile(), KEY: key }, encoding: "utf8" },
    ).trim();

  it("a transaction holds the write lock from its start: another process waits for it rather than making it fail", async () => {
    // As the server runs it (prisma/setup.ts): in WAL mode a reader does not hold writers off.
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    let during = "";
    await prisma.$transaction(async (tx) => {
      await tx.rateLimitHit.count();
      during = writeFromAnotherProcess("other-during");
      await tx.rateLimitHit.create({ data: { key: "mine" } });
    });
    expect(during).toBe("SQLITE_BUSY");
    expect(writeFromAnotherProcess("other-after")).toBe("written");
    expect(await prisma.rateLimitHit.count({ where: { key: { in: ["mine", "other-after"] } } })).toBe(2);
    expect(await prisma.rateLimitHit.count({ where: { key: "other-during" } })).toBe(0);
  });
});
