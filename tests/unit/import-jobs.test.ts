// Issue 20: a large import is committed by the worker, outside the admin's
// request, with its progress on the import page; all rows or none, as before.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/models/admin-units.server";
import { type ImportProgress, commitImport, createImport, importBatch, requestCommit, runImportJobs } from "~/models/import.server";
import { loader } from "~/routes/admin.import.$importId";
import { prisma } from "~/utils/db.server";
import { actorFor } from "../support/admin";
import { buildWorld, requestAs } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
let admin: Actor;
beforeAll(async () => {
  world = await buildWorld();
  admin = await actorFor(world.staff.admin.id);
});

const HEADER = "Mã đơn vị,Tên tổ,Họ và tên,Số điện thoại,Chức vụ";
const file = (first: number, n: number) =>
  new TextEncoder().encode([HEADER, ...Array.from({ length: n }, (_, i) => `A1,,Người ${first + i},09780${String(first + i).padStart(5, "0")},`)].join("\n"));

async function pageOf(id: number) {
  const response = (await loader({
    request: await requestAs(world.staff.admin.id, `http://localhost/admin/import/${id}`),
    params: { importId: String(id) },
    context: {},
  })) as Response;
  return response.json();
}

describe("import jobs", () => {
  it("a file over the inline limit is queued, its page shows it waiting, and the worker imports every row", async () => {
    process.env.IMPORT_INLINE_ROWS = "3";
    const batch = await createImport(admin, "members", "lon.csv", file(100, 8));
    // Queued from the request; the worker pass it starts is awaited below.
    expect(await requestCommit(admin, batch.id)).toBe("queued");
    expect(await requestCommit(admin, batch.id)).toBe("unchanged");
    await runImportJobs();
    const done = await importBatch(admin, batch.id);
    expect(done.status).toBe("committed");
    expect(done.summary).toMatchObject({ created: 8, rows: 8 });
    expect(await prisma.user.count({ where: { phone: { startsWith: "09780001" } } })).toBe(8);
    expect(await pageOf(batch.id)).toMatchObject({ committed: { summary: { created: 8 } }, pending: null });
  });

  it("while waiting the page answers without checking the file again, and says so", async () => {
    process.env.IMPORT_INLINE_ROWS = "3";
    const batch = await createImport(admin, "members", "cho.csv", file(200, 5));
    await prisma.importBatch.update({ where: { id: batch.id }, data: { status: "queued", queuedAt: new Date() } });
    expect(await pageOf(batch.id)).toMatchObject({ pending: { status: "queued", progress: null }, preview: null, committed: null });
    await runImportJobs();
    expect((await importBatch(admin, batch.id)).status).toBe("committed");
  });

  it("small files are committed in the request, as before", async () => {
    process.env.IMPORT_INLINE_ROWS = "1000";
    const batch = await createImport(admin, "members", "nho.csv", file(300, 2));
    expect(await requestCommit(admin, batch.id)).toBe("committed");
  });

  it("reports its progress: the check, then rows written of those to write", async () => {
    const batch = await createImport(admin, "members", "tien-do.csv", file(400, 4));
    const seen: ImportProgress[] = [];
    expect((await commitImport(admin, batch.id, (p) => seen.push({ ...p }))).ok).toBe(true);
    expect(seen[0]).toEqual({ phase: "checking", written: 0, total: 0 });
    expect(seen.at(-1)).toEqual({ phase: "writing", written: 4, total: 4 });
  });

  it("a file that no longer passes the check goes back to its problems; an admin no longer admin fails it, and nothing is written", async () => {
    process.env.IMPORT_INLINE_ROWS = "1";
    const taken = await createImport(admin, "members", "trung.csv", file(500, 3));
    await requestCommit(admin, taken.id);
    // Queued, and meanwhile someone outside the admin's units took one of the phones.
    await prisma.user.create({ data: { phone: "0978000501", name: "Người Ngoài", passwordHash: "" } });
    await runImportJobs();
    expect((await importBatch(admin, taken.id)).status).toBe("previewed");
    expect(await prisma.user.count({ where: { phone: { in: ["0978000500", "0978000502"] } } })).toBe(0);

    const demoted = await createImport(admin, "members", "quyen.csv", file(600, 3));
    await prisma.importBatch.update({ where: { id: demoted.id }, data: { status: "queued", queuedAt: new Date() } });
    await prisma.user.update({ where: { id: admin.id }, data: { role: "supervisor" } });
    await runImportJobs();
    await prisma.user.update({ where: { id: admin.id }, data: { role: "admin" } });
    const failed = await importBatch(admin, demoted.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/no longer an admin/);
    expect(await prisma.user.count({ where: { phone: { startsWith: "09780006" } } })).toBe(0);
    // Asked again, it goes through.
    await requestCommit(admin, demoted.id);
    await runImportJobs();
    expect((await importBatch(admin, demoted.id)).status).toBe("committed");
  });
});
