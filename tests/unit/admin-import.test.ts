import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/models/admin-units.server";
import { auditEntries } from "~/models/audit.server";
import { analyseImport, commitImport, createImport, exportFile, type ImportKind, previewImport, templateFile } from "~/models/import.server";
import { readSpreadsheet } from "~/models/spreadsheet.server";
import { prisma } from "~/utils/db.server";
import { actorFor, adminOf, fingerprint } from "../support/admin";
import { buildWorld } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
let admin: Actor;
let communeAdmin: Actor;
beforeAll(async () => {
  world = await buildWorld();
  admin = await actorFor(world.staff.admin.id);
  communeAdmin = await adminOf(world.units.communeA.id, world.teams.communeA.id);
});

const csv = (lines: string[]) => new TextEncoder().encode(lines.join("\n"));
const MEMBERS_HEADER = "Mã đơn vị,Tên tổ,Họ và tên,Số điện thoại,Chức vụ";

async function xlsx(rows: Array<Array<string | number>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("To vien");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Uploads and commits a file as the actor, like the pages do. */
async function importFile(actor: Actor, kind: ImportKind, bytes: Uint8Array, name = "danh-sach.csv") {
  const batch = await createImport(actor, kind, name, bytes);
  return commitImport(actor, batch.id);
}

describe("bad files are refused with their message, and the database is unchanged", () => {
  const cases: Array<{ name: string; actor: () => Actor; kind: ImportKind; file: () => Promise<Uint8Array> | Uint8Array; expected: object }> = [
    {
      name: "a missing column",
      actor: () => admin,
      kind: "members",
      file: () => csv(["Mã đơn vị,Tên tổ,Họ và tên,Chức vụ", "A1,,Nguyễn Văn Một,"]),
      expected: { row: 1, column: "Số điện thoại", key: "missingColumn" },
    },
    {
      name: "a bad phone number",
      actor: () => admin,
      kind: "members",
      file: () => csv([MEMBERS_HEADER, "A1,,Nguyễn Văn Một,0912 345 678,", "A1,,Trần Thị Hai,12345,"]),
      expected: { row: 3, column: "Số điện thoại", key: "badPhone", params: { value: "12345" } },
    },
    {
      name: "a phone twice in the file",
      actor: () => admin,
      kind: "members",
      file: () => csv([MEMBERS_HEADER, "A1,,Nguyễn Văn Một,0912345678,", "A2,,Trần Thị Hai,+84 912 345 678,"]),
      expected: { row: 3, column: "Số điện thoại", key: "duplicatePhone", params: { first: 2 } },
    },
    {
      name: "a phone already used by a member outside the admin's subtree",
      actor: () => communeAdmin,
      kind: "members",
      file: () => csv([MEMBERS_HEADER, `A1,,Người Khác,${world.members.b1[0].phone},`]),
      expected: { row: 2, column: "Số điện thoại", key: "phoneOutsideScope" },
    },
    {
      name: "an unknown unit code",
      actor: () => admin,
      kind: "members",
      file: () => csv([MEMBERS_HEADER, "A1,,Nguyễn Văn Một,0912345678,", "ZZZ,,Trần Thị Hai,0912345679,"]),
      expected: { row: 3, column: "Mã đơn vị", key: "unknownUnit", params: { code: "ZZZ" } },
    },
    {
      name: "a unit outside the admin's subtree (answered like an unknown one)",
      actor: () => communeAdmin,
      kind: "members",
      file: () => csv([MEMBERS_HEADER, "B1,,Trần Thị Hai,0912345679,"]),
      expected: { row: 2, column: "Mã đơn vị", key: "unknownUnit", params: { code: "B1" } },
    },
    {
      name: "a unit at the wrong level (a commune under a village)",
      actor: () => admin,
      kind: "units",
      file: () => csv(["Mã đơn vị,Tên đơn vị,Cấp,Mã đơn vị cấp trên,Số hộ", "A3,Thôn A3,Thôn,A,120", "X9,Xã X9,Xã,A1,"]),
      expected: { row: 3, column: "Cấp", key: "wrongLevel" },
    },
    {
      name: "a level that does not exist",
      actor: () => admin,
      kind: "units",
      file: () => csv(["Mã đơn vị,Tên đơn vị,Cấp,Mã đơn vị cấp trên,Số hộ", "A3,Thôn A3,Liên xã,A,"]),
      expected: { row: 2, column: "Cấp", key: "unknownLevel" },
    },
    {
      name: "a CSV saved in a Windows code page instead of UTF-8",
      actor: () => admin,
      kind: "members",
      // "Mã đơn vị..." in Windows-1258-like single bytes: not valid UTF-8.
      file: () => Uint8Array.from([...Buffer.from("M\xe3 \xf0\xf5n v\xec,T\xean t\xf4,H\xf2 v\xe0 t\xean,S\xf4 \xf0i\xean tho\xe0i\n", "latin1")]),
      expected: { row: null, column: null, key: "badEncoding" },
    },
    {
      name: "a UTF-16 text file",
      actor: () => admin,
      kind: "members",
      file: () => Uint8Array.from([0xff, 0xfe, ...Buffer.from(MEMBERS_HEADER, "utf16le")]),
      expected: { key: "utf16" },
    },
    {
      name: "an old .xls workbook",
      actor: () => admin,
      kind: "members",
      file: () => Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]),
      expected: { key: "oldExcel" },
    },
    {
      name: "an XLSX with a bad phone in row 3",
      actor: () => admin,
      kind: "members",
      file: () =>
        xlsx([
          ["Mã đơn vị", "Tên tổ", "Họ và tên", "Số điện thoại", "Chức vụ"],
          ["A1", "", "Nguyễn Văn Một", "0912345678", ""],
          ["A1", "", "Trần Thị Hai", "09123", ""],
        ]),
      expected: { row: 3, column: "Số điện thoại", key: "badPhone" },
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const before = await fingerprint();
      const bytes = await c.file();
      const preview = await analyseImport(prisma, c.actor(), c.kind, bytes);
      const { params, ...rest } = c.expected as { params?: object };
      expect(preview.problems).toContainEqual(expect.objectContaining({ ...rest, ...(params ? { params: expect.objectContaining(params) } : {}) }));
      expect(preview.apply).toBeNull();
      const result = await importFile(c.actor(), c.kind, bytes);
      expect(result.ok).toBe(false);
      expect(await fingerprint()).toBe(before);
    });
  }

  it("lists every problem of a file, by row and column, not just the first", async () => {
    const bytes = csv([MEMBERS_HEADER, "A1,,,0912345678,", "ZZ,,Hai,0912,", "A1,,Ba,0912345678,"]);
    const { problems } = await analyseImport(prisma, admin, "members", bytes);
    expect(problems.map((p) => [p.row, p.column, p.key])).toEqual([
      [2, "Họ và tên", "required"],
      [3, "Mã đơn vị", "unknownUnit"],
      [3, "Số điện thoại", "badPhone"],
      [4, "Số điện thoại", "duplicatePhone"],
    ]);
  });

  it("checks again at commit: a phone taken after the preview stops the whole import", async () => {
    const bytes = csv([MEMBERS_HEADER, "A1,,Người Một,0977000001,", "A1,,Người Hai,0977000002,"]);
    const batch = await createImport(admin, "members", "late.csv", bytes);
    expect((await previewImport(admin, batch.id)).analysis.problems).toEqual([]);
    await prisma.user.create({ data: { phone: "0977000002", name: "Người Ngoài", passwordHash: "" } });
    const before = await fingerprint();
    const result = await commitImport(admin, batch.id);
    expect(result).toMatchObject({ ok: false, problems: [expect.objectContaining({ row: 3, key: "phoneOutsideScope" })] });
    expect(await fingerprint()).toBe(before);
    await prisma.user.delete({ where: { phone: "0977000002" } });
  });
});

describe("good files", () => {
  it("imports units, teams and members; a second import of the same files changes nothing", async () => {
    const units = csv(["Mã đơn vị,Tên đơn vị,Cấp,Mã đơn vị cấp trên,Số hộ", "A4,Thôn A4,Thôn,A,1.236", "A3,Thôn A3,thon,A,"]);
    const teams = csv(["Mã đơn vị,Tên tổ", "A3,Tổ CNSCĐ Thôn A3", "A4,Tổ CNSCĐ Thôn A4"]);
    const members = await xlsx([
      ["STT", "Mã đơn vị", "Tên tổ", "Họ và tên", "Số điện thoại", "Chức vụ"],
      [1, "A3", "Tổ CNSCĐ Thôn A3", "Nguyễn Văn Trưởng", 912000001, "Tổ trưởng (Trưởng thôn)"],
      [2, "A3", "Tổ CNSCĐ Thôn A3", "Lê Thị Phụ Nữ", "091 200 0002", "Chi hội trưởng Hội Phụ nữ"],
      [3, "A4", "", "Hồ Văn Cựu Binh", "+84912000003", ""],
      [4, "A1", "", world.members.a1[0].name, world.members.a1[0].phone, "Công chức xã"],
    ]);

    const first = await importFile(communeAdmin, "units", units);
    expect(first, JSON.stringify(first)).toMatchObject({ ok: true, counts: { created: 2 } });
    expect(await importFile(communeAdmin, "teams", teams)).toMatchObject({ ok: true, counts: { created: 2 } });
    expect(await importFile(communeAdmin, "members", members, "to-vien.xlsx")).toMatchObject({
      ok: true,
      counts: { created: 3, updated: 1, unchanged: 0, teamsCreated: 0 },
    });

    const a4 = await prisma.unit.findUniqueOrThrow({ where: { code: "A4" } });
    expect(a4).toMatchObject({ households: 1236, parentId: world.units.communeA.id, path: `${world.units.communeA.path}${a4.id}/`, levelKey: "village" });
    const imported = await prisma.user.findUniqueOrThrow({ where: { phone: "0912000001" }, include: { team: { include: { unit: true } } } });
    expect(imported).toMatchObject({ name: "Nguyễn Văn Trưởng", role: "member", passwordHash: "", team: { name: "Tổ CNSCĐ Thôn A3", unit: { code: "A3" } } });
    expect((await prisma.user.findUniqueOrThrow({ where: { phone: "0912000003" }, include: { team: true } })).team?.name).toBe("Tổ CNSCĐ Thôn A4");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: world.members.a1[0].id } })).position).toBe("Công chức xã");

    const before = await fingerprint();
    expect(await importFile(communeAdmin, "units", units)).toMatchObject({ ok: true, counts: { created: 0, updated: 0, unchanged: 2 } });
    expect(await importFile(communeAdmin, "teams", teams)).toMatchObject({ ok: true, counts: { created: 0, unchanged: 2 } });
    expect(await importFile(communeAdmin, "members", members)).toMatchObject({ ok: true, counts: { created: 0, updated: 0, unchanged: 4 } });
    expect(await fingerprint()).toBe(before);

    const audit = await auditEntries(world.units.communeA.path, { action: "import" });
    expect(audit.entries[0]).toMatchObject({ subject: "danh-sach.csv", details: { kind: "members", unchanged: 4 } });
  });

  it("exports lists that import back unchanged, in CSV and XLSX", async () => {
    for (const kind of ["units", "teams", "members"] as const) {
      for (const format of ["csv", "xlsx"] as const) {
        const file = await exportFile(communeAdmin, kind, format);
        const before = await fingerprint();
        const result = await importFile(communeAdmin, kind, new Uint8Array(file), `export.${format}`);
        expect(result, `${kind} ${format}`).toMatchObject({ ok: true, counts: { created: 0, updated: 0 } });
        expect(await fingerprint()).toBe(before);
      }
    }
    const members = await readSpreadsheet(new Uint8Array(await exportFile(communeAdmin, "members", "xlsx")));
    expect(members.ok && members.sheet.rows[0]).toEqual(["Mã đơn vị", "Tên tổ", "Họ và tên", "Số điện thoại", "Chức vụ"]);
    expect(members.ok && members.sheet.rows.some((r) => r.includes(world.members.b1[0].phone))).toBe(false);
    expect(members.ok && members.sheet.rows.some((r) => r[3] === "0912000002")).toBe(true);
  });

  it("gives templates whose headers the import recognises", async () => {
    for (const kind of ["units", "teams", "members"] as const) {
      const guide = { columns: {}, title: "Hướng dẫn", required: "bắt buộc", optional: "không bắt buộc", levels: "Cấp" };
      for (const format of ["csv", "xlsx"] as const) {
        const template = await templateFile(kind, format, guide);
        const { problems } = await analyseImport(prisma, admin, kind, new Uint8Array(template));
        expect(problems, `${kind} ${format}`).toEqual([{ row: null, column: null, key: "noRows" }]);
      }
    }
  });

  // Its timings are printed, not asserted (they belong to benches); the counts are the test.
  it("imports 5,000 members in one go, and re-importing them changes nothing", async () => {
    const villages = Array.from({ length: 100 }, (_, i) => `BIG-${String(i + 1).padStart(3, "0")}`);
    const unitsFile = csv([
      "Mã đơn vị,Tên đơn vị,Cấp,Mã đơn vị cấp trên,Số hộ",
      ...villages.map((code, i) => `${code},Thôn Số ${i + 1},Thôn,${i % 2 ? "A" : "B"},${200 + i}`),
    ]);
    expect(await importFile(admin, "units", unitsFile)).toMatchObject({ ok: true, counts: { created: 100 } });

    const lines = [MEMBERS_HEADER];
    for (let i = 0; i < 5000; i++) {
      const village = villages[i % villages.length];
      lines.push(`${village},Tổ CNSCĐ ${village},Tổ Viên Số ${i + 1},03${String(10_000_000 + i)},${i % 50 === 0 ? "Tổ trưởng" : "Tổ viên"}`);
    }
    const file = csv(lines);
    const started = performance.now();
    const result = await importFile(admin, "members", file, "5000.csv");
    const seconds = (performance.now() - started) / 1000;
    console.log(`5,000 members imported in ${seconds.toFixed(2)} s`);
    expect(result).toMatchObject({ ok: true, rows: 5000, counts: { created: 5000, teamsCreated: 100 } });
    expect(await prisma.user.count({ where: { team: { unit: { code: { startsWith: "BIG-" } } } } })).toBe(5000);

    const again = performance.now();
    expect(await importFile(admin, "members", file, "5000.csv")).toMatchObject({ ok: true, counts: { unchanged: 5000, created: 0 } });
    console.log(`re-import of the same 5,000 in ${((performance.now() - again) / 1000).toFixed(2)} s`);
  });
});
