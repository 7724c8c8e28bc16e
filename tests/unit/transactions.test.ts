// Issue 20: the database is one SQLite connection shared by every request. A
// write from one request must never run inside another request's open
// interactive transaction (and vanish when that one rolls back).
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";

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
