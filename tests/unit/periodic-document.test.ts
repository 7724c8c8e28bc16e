// The periodic report as an official document and its files (DOCX, XLSX,
// CSV), and the indicators of seed 001 it produces: villages and how many have
// a team, the local OCOP products, the Zalo groups the teams run.
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { i18nServer } from "~/i18n.server";
import { mergeUnit } from "~/models/admin-units.server";
import { setTeamZaloGroups } from "~/models/admin-members.server";
import { parsePeriod, periodicReport, unitById } from "~/models/coverage.server";
import { recordResults } from "~/models/field-result.server";
import { addOcopProduct, ocopSuggestions, removeOcopProduct, updateOcopProduct } from "~/models/ocop.server";
import { periodicDocument, placeName, reportInputs, saveReport } from "~/models/periodic-document.server";
import { periodicCsv, periodicDocx } from "~/models/periodic-files.server";
import { parseCsv } from "~/models/spreadsheet.server";
import { createUnit } from "~/models/unit.server";
import { loader as periodicLoader } from "~/routes/reports.periodic";
import { loader as fileLoader } from "~/routes/reports.periodic_.$format";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { OcopAddSchema, PeriodicReportSchema } from "~/utils/report-forms";
import { RuleError } from "~/utils/rule-error";
import { buildWorld, requestAs, thrown } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let world: Awaited<ReturnType<typeof buildWorld>>;
const thisYear = parsePeriod(null);
const lastYear = parsePeriod(String(Number(thisYear.key) - 1));
const as = async (id: number) => requireUser(await requestAs(id));
const unit = async (id: number) => (await unitById(id))!;
const vi = () => i18nServer.getFixedT("vi");
const today = () => new Date(Date.now() + 7 * 60 * 60_000).toISOString().slice(0, 10);

const input = (over: Partial<Record<string, string>> = {}) =>
  PeriodicReportSchema.parse({
    intro: "Thực hiện Công văn số 12/CV-UBND, Tổ báo cáo như sau:",
    difficulties: "Một số thành viên chưa có điện thoại thông minh.",
    causes: "Kinh phí không có.",
    proposals: "Đề nghị mở thêm lớp tập huấn.",
    plan: "Tiếp tục hướng dẫn người dân cài VNeID.",
    parentBody: "UBND xã A",
    issuer: "Tổ chỉ đạo CNSCĐ xã A",
    symbol: "TCĐ",
    place: "A",
    recipients: "Sở Khoa học và Công nghệ;\n- Lưu: VT.",
    signerPosition: "TM. Tổ chỉ đạo\nTổ trưởng",
    signerName: "Nguyễn Văn Ký",
    ...over,
  });

beforeAll(async () => {
  world = await buildWorld();
});

describe("villages and how many have a team", () => {
  it("counts the units at the deepest level in use, with and without a team", async () => {
    const a3 = await createUnit({ code: "A3", name: "Thôn A3", levelKey: "village", parentId: world.units.communeA.id });
    expect((await periodicReport(await unit(world.units.province.id), thisYear)).villages).toMatchObject({ levelVi: "Thôn", total: 4, withTeam: 3 });
    expect((await periodicReport(await unit(world.units.communeA.id), thisYear)).villages).toMatchObject({ total: 3, withTeam: 2 });
    expect((await periodicReport(await unit(a3.id), thisYear)).villages).toMatchObject({ total: 1, withTeam: 0 });
    expect((await periodicReport(await unit(world.units.villageA1.id), thisYear)).villages).toMatchObject({ total: 1, withTeam: 1 });
  });

  it("counts no village for a commune whose villages are not entered, rather than the commune itself", async () => {
    const c = await createUnit({ code: "C", name: "Xã C", levelKey: "commune", parentId: world.units.province.id });
    await prisma.team.create({ data: { name: "Tổ xã C", unitId: c.id } });
    expect((await periodicReport(await unit(c.id), thisYear)).villages).toMatchObject({ total: 0, withTeam: 0 });
  });

  it("keeps counting villages when a level above them goes (the 2025 reorganisation) and counts levels of equal rank together", async () => {
    // A district level that no unit uses any more changes nothing.
    await prisma.unitLevel.create({ data: { key: "district", rank: 1, nameVi: "Huyện", nameEn: "District" } });
    expect((await periodicReport(await unit(world.units.province.id), thisYear)).villages).toMatchObject({ total: 4, withTeam: 3 });
    // Residential groups sit at the village rank: they are villages too.
    await prisma.unitLevel.create({ data: { key: "residential", rank: 3, nameVi: "Tổ dân phố", nameEn: "Residential group" } });
    const group = await createUnit({ code: "B2", name: "Tổ dân phố B2", levelKey: "residential", parentId: world.units.communeB.id });
    await prisma.team.create({ data: { name: "Tổ B2", unitId: group.id } });
    const report = await periodicReport(await unit(world.units.communeB.id), thisYear);
    expect(report.villages).toMatchObject({ levelVi: "Tổ dân phố, Thôn", total: 2, withTeam: 2 });
  });

  it("after a merge, counts the merged village in past periods with its team, and only the survivor now", async () => {
    const admin = await as(world.staff.admin.id);
    const before = (await periodicReport(await unit(world.units.communeA.id), thisYear)).villages!;
    await mergeUnit(admin, world.units.villageA2.id, "A1");
    const now = (await periodicReport(await unit(world.units.communeA.id), thisYear)).villages!;
    expect(now).toMatchObject({ total: before.total - 1, withTeam: before.withTeam - 1 });
    // Last year the two villages were apart, each with its own team.
    expect((await periodicReport(await unit(world.units.communeA.id), lastYear)).villages).toMatchObject({ total: before.total, withTeam: before.withTeam });
  });
});

describe("Zalo groups", () => {
  it("sums the groups the active teams give, and says how many teams gave it", async () => {
    const admin = await as(world.staff.admin.id);
    await setTeamZaloGroups(admin, world.teams.villageB1.id, 3);
    await setTeamZaloGroups(admin, world.teams.communeB.id, 2);
    const b = (await periodicReport(await unit(world.units.communeB.id), thisYear)).zalo;
    expect(b).toMatchObject({ groups: 5, reported: 2 });
    expect(b.teams).toBeGreaterThan(2);
    // A team that stops working no longer counts; clearing the figure is allowed.
    await prisma.team.update({ where: { id: world.teams.villageB1.id }, data: { active: false } });
    expect((await periodicReport(await unit(world.units.communeB.id), thisYear)).zalo).toMatchObject({ groups: 2, reported: 1 });
    await prisma.team.update({ where: { id: world.teams.villageB1.id }, data: { active: true } });
    await setTeamZaloGroups(admin, world.teams.communeB.id, null);
    expect((await periodicReport(await unit(world.units.communeB.id), thisYear)).zalo).toMatchObject({ groups: 3, reported: 1 });
    const audit = await prisma.auditEntry.findMany({ where: { action: "team.zalo" } });
    expect(audit).toHaveLength(3);
  });

  it("refuses a team outside the admin's scope", async () => {
    const communeAdmin = {
      id: world.staff.supervisorA.id,
      role: "admin" as const,
      scopeUnit: { id: world.units.communeA.id, path: (await unit(world.units.communeA.id)).path },
    };
    expect((await thrown(setTeamZaloGroups(communeAdmin, world.teams.villageB1.id, 1))).status).toBe(404);
  });
});

describe("the local OCOP products", () => {
  it("are kept by a supervisor within their unit, and not by a trainer or another commune", async () => {
    const supA = await as(world.staff.supervisorA.id);
    const supB = await as(world.staff.supervisorB.id);
    const trainer = await as(world.staff.trainerA.id);
    const rice = { name: "Gạo bãi rươi", stars: 4, online: true, marketplaces: "Postmart, Voso" };
    await addOcopProduct(supA, world.units.communeA.id, rice);
    await addOcopProduct(supA, world.units.villageA1.id, { name: "Nấm sò", stars: 3, online: false, marketplaces: "" });
    expect((await thrown(addOcopProduct(supB, world.units.communeA.id, rice))).status).toBe(404);
    expect((await thrown(addOcopProduct(trainer, world.units.communeA.id, rice))).status).toBe(403);
    // The same name, typed differently, is the same product.
    await expect(addOcopProduct(supA, world.units.communeA.id, { ...rice, name: "  gạo  BÃI rươi " })).rejects.toThrow(RuleError);
    const mushroom = await prisma.ocopProduct.findFirstOrThrow({ where: { name: "Nấm sò" } });
    expect((await thrown(updateOcopProduct(supB, mushroom.id, { ...rice, name: "Nấm sò" }))).status).toBe(404);
    expect((await thrown(removeOcopProduct(supB, mushroom.id))).status).toBe(404);
  });

  it("give indicators 7 and 8 by name, and other products online leave out those on the list", async () => {
    const supA = await as(world.staff.supervisorA.id);
    const member = await as(world.members.a1[0].id);
    await recordResults(member, today(), [
      { kind: "product-online", count: 1, productName: "gạo bãi rươi", ocop: true },
      { kind: "product-online", count: 2, productName: "Mắm cáy", ocop: false },
      { kind: "product-online", count: 1, productName: "Chả rươi", ocop: true },
    ]);
    const report = await periodicReport(await unit(world.units.communeA.id), thisYear);
    expect(report.indicators.ocopProducts).toEqual(["Gạo bãi rươi", "Nấm sò"]);
    expect(report.indicators.ocopOnline).toEqual(["Gạo bãi rươi"]);
    expect(report.indicators.otherProducts).toEqual(["Chả rươi", "Mắm cáy"]);
    // What members called OCOP but is not on the list is put to the supervisor.
    expect(await ocopSuggestions(await unit(world.units.communeA.id))).toEqual(["Chả rươi"]);
    // The village sees only its own product; the province sees both.
    expect((await periodicReport(await unit(world.units.villageA1.id), thisYear)).indicators.ocopProducts).toEqual(["Nấm sò"]);
    expect((await periodicReport(await unit(world.units.province.id), thisYear)).indicators.ocopProducts).toEqual(["Gạo bãi rươi", "Nấm sò"]);
    // Put online later: indicator 8 follows the list.
    const mushroom = await prisma.ocopProduct.findFirstOrThrow({ where: { name: "Nấm sò" } });
    await updateOcopProduct(supA, mushroom.id, { name: "Nấm sò", stars: 4, online: true, marketplaces: "Shopee" });
    expect((await periodicReport(await unit(world.units.communeA.id), thisYear)).indicators.ocopOnline).toEqual(["Gạo bãi rươi", "Nấm sò"]);
    expect(await prisma.auditEntry.count({ where: { action: { startsWith: "ocop." } } })).toBe(3);
  });

  it("move with a merged unit to the unit it merged into", async () => {
    const admin = await as(world.staff.admin.id);
    const b3 = await createUnit({ code: "B3", name: "Thôn B3", levelKey: "village", parentId: world.units.communeB.id });
    await addOcopProduct(admin, b3.id, { name: "Tranh thêu", stars: 3, online: false, marketplaces: "" });
    await mergeUnit(admin, b3.id, "B1");
    expect((await periodicReport(await unit(world.units.villageB1.id), thisYear)).indicators.ocopProducts).toEqual(["Tranh thêu"]);
    expect((await periodicReport(await unit(world.units.communeB.id), thisYear)).indicators.ocopProducts).toEqual(["Tranh thêu"]);
  });

  it("check the form: stars 3 to 5, and where it is sold when it is sold online", () => {
    const base = { intent: "add", name: "Gạo", stars: 4 };
    expect(OcopAddSchema.safeParse({ ...base, stars: 6 }).success).toBe(false);
    expect(OcopAddSchema.safeParse({ ...base, stars: 2 }).success).toBe(false);
    expect(OcopAddSchema.safeParse({ ...base, online: true }).success).toBe(false);
    expect(OcopAddSchema.parse({ ...base, online: false, marketplaces: "Shopee" })).toMatchObject({ online: false, marketplaces: "" });
  });
});

describe("the official document", () => {
  it("suggests the heading from the unit's data before anything is typed", async () => {
    const t = await vi();
    const village = await reportInputs(await unit(world.units.villageB1.id), thisYear, t);
    // A village team answers to its commune's people's committee, and dates its documents there.
    expect(village.parts).toMatchObject({ parentBody: "UBND Xã B", issuer: "Tổ Thôn B1", place: "B", signerName: "" });
    expect(village.parts.recipients).toContain("UBND Xã B");
    expect(placeName("Khu dân cư Đông Hải")).toBe("Đông Hải");
    expect(placeName("Xã A Tiêng")).toBe("A Tiêng");
  });

  it("remembers the heading, recipients and signature for the unit's next report, and keeps each period's own", async () => {
    const t = await vi();
    const sup = await as(world.staff.supervisorA.id);
    const a = await unit(world.units.communeA.id);
    await saveReport(sup, a.id, "2026-Q3", input());
    const next = await reportInputs(a, parsePeriod("2026-Q4"), t);
    expect(next.parts).toMatchObject({
      issuer: "Tổ chỉ đạo CNSCĐ xã A",
      symbol: "TCĐ",
      signerName: "Nguyễn Văn Ký",
      signerPosition: "TM. Tổ chỉ đạo\nTổ trưởng",
    });
    // The written sections belong to their period only.
    expect(next.sections.difficulties).toBe("");
    await saveReport(sup, a.id, "2026-Q4", input({ signerName: "Trần Thị Mới", difficulties: "" }));
    expect((await reportInputs(a, parsePeriod("2026-Q3"), t)).parts.signerName).toBe("Nguyễn Văn Ký");
    expect((await reportInputs(a, parsePeriod("2027-Q1"), t)).parts.signerName).toBe("Trần Thị Mới");
  });

  it("has every part of the decree's layout", async () => {
    const doc = await periodicDocument(await unit(world.units.communeA.id), parsePeriod("2026-Q3"), "vi", await vi(), new Date("2026-12-05T03:00:00Z"));
    expect(doc.heading).toMatchObject({
      parentBody: "UBND XÃ A",
      issuer: "TỔ CHỈ ĐẠO CNSCĐ XÃ A",
      number: "Số:        /BC-TCĐ",
      nationalTitle: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      motto: "Độc lập - Tự do - Hạnh phúc",
      placeDate: "A, ngày      tháng 12 năm 2026",
      docType: "BÁO CÁO",
    });
    expect(doc.heading.subject).toContain("Quý 3/2026");
    expect(doc.indicators.rows.map((r) => r.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(doc.indicators.rows[6]).toMatchObject({ key: "ocopProducts", value: 2, detail: "gồm: Gạo bãi rươi, Nấm sò" });
    // Every indicator and every general figure has its definition printed as a note.
    const refs = doc.notes.items.map((n) => n.ref);
    for (const r of doc.indicators.rows) expect(refs).toContain(String(r.no));
    for (const l of doc.general.lines) expect(refs).toContain(l.ref);
    expect(refs).toContain(doc.general.levels.ref);
    expect(doc.notes.items.every((n) => n.text.length > 20 && !n.text.startsWith("reports."))).toBe(true);
    expect(doc.sections.map((s) => s.title)).toEqual(["II. TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN", "III. ĐỀ XUẤT, KIẾN NGHỊ", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"]);
    expect(doc.recipients.lines).toEqual(["- Sở Khoa học và Công nghệ;", "- Lưu: VT."]);
    expect(doc.signature).toEqual({ position: ["TM. TỔ CHỈ ĐẠO", "TỔ TRƯỞNG"], name: "Nguyễn Văn Ký" });
    // Months 1 and 2 take a leading zero in a document date.
    const jan = await periodicDocument(await unit(world.units.communeA.id), parsePeriod("2026-Q3"), "vi", await vi(), new Date("2027-01-10T03:00:00Z"));
    expect(jan.heading.placeDate).toBe("A, ngày      tháng 01 năm 2027");
  });

  it("is written in English for an English reader", async () => {
    const doc = await periodicDocument(await unit(world.units.communeA.id), parsePeriod("2026-Q3"), "en", await i18nServer.getFixedT("en"));
    expect(doc.heading).toMatchObject({ nationalTitle: "SOCIALIST REPUBLIC OF VIETNAM", motto: "Independence - Freedom - Happiness", docType: "REPORT" });
    expect(doc.indicators.rows[0].label).toBe("Households in the area");
    expect(doc.notes.items[0].text).toMatch(/^The households/);
  });
});

describe("the files", () => {
  const period = parsePeriod("2026-Q3");
  const docFor = async () => periodicDocument(await unit(world.units.communeA.id), period, "vi", await vi());

  it("DOCX: a Word document with the indicator table and the signature block, on A4", async () => {
    const doc = await docFor();
    const zip = await JSZip.loadAsync(await periodicDocx(doc));
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/styles.xml"]));
    const xml = await zip.file("word/document.xml")!.async("string");
    const texts = (fragment: string) => [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("|");
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => texts(m[0]));
    // The indicator table: its head, each row with its figure.
    const indicators = tables.find((t) => t.includes("Tổng số hộ gia đình trên địa bàn"))!;
    expect(indicators).toBeDefined();
    expect(indicators).toContain("STT|Nội dung|Đơn vị tính|Số liệu");
    for (const r of doc.indicators.rows) expect(indicators).toContain(`${r.no}|${r.label}`);
    expect(indicators).toContain("gồm: Gạo bãi rươi, Nấm sò");
    // The heading and the foot: national title, motto, number; "Nơi nhận" and the signature block.
    expect(tables[0]).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(tables[0]).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(tables[0]).toContain("Số:        /BC-TCĐ");
    const foot = tables[tables.length - 1];
    expect(foot).toMatch(/Nơi nhận:\|- Sở Khoa học và Công nghệ;\|- Lưu: VT\.\|TM\. TỔ CHỈ ĐẠO\|TỔ TRƯỞNG\|.*Nguyễn Văn Ký/);
    expect(texts(xml)).toContain("Một số thành viên chưa có điện thoại thông minh.");
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain("<w:titlePg/>");
    const header = Object.keys(zip.files).find((f) => /word\/header\d+\.xml/.test(f) && f);
    expect(header).toBeDefined();
  });

  it("XLSX: the indicators on the first sheet as on the page, the written sections on the second, A4 page setup", async () => {
    const sup = await as(world.staff.supervisorA.id);
    await saveReport(sup, world.units.communeA.id, period.key, input({ proposals: '=HYPERLINK("http://x")' }));
    const url = `http://localhost/reports/periodic?unit=${world.units.communeA.id}&period=${period.key}`;
    const page = await periodicLoader({ request: await requestAs(world.staff.supervisorA.id, url), params: {}, context: {} });
    const response = (await fileLoader({
      request: await requestAs(world.staff.supervisorA.id, url.replace("/periodic?", "/periodic/xlsx?")),
      params: { format: "xlsx" },
      context: {},
    })) as Response;
    expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Báo cáo", "Nhận xét"]);
    const [report, sections] = workbook.worksheets;
    for (const ws of workbook.worksheets) expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1 });
    expect(report.pageSetup.margins?.left).toBeCloseTo(30 / 25.4);
    const rows: unknown[][] = [];
    report.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    // Every indicator row of the screen, cell for cell.
    for (const r of page.doc.indicators.rows) {
      expect(rows).toContainEqual([r.no, `${r.label} (${r.no})`, r.measure, r.value, r.detail]);
    }
    expect(rows.flat()).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    const written: unknown[][] = [];
    sections.eachRow((row) => written.push((row.values as unknown[]).slice(1)));
    expect(written).toContainEqual(["1. Tồn tại, hạn chế", "Một số thành viên chưa có điện thoại thông minh."]);
    // A cell starting with "-" would be a formula in a spreadsheet: the one writer keeps it text with an apostrophe.
    expect(written).toContainEqual(["Nơi nhận:", "'- Sở Khoa học và Công nghệ;\n- Lưu: VT."]);
    expect(written).toContainEqual(["Chữ ký", "TM. TỔ CHỈ ĐẠO\nTỔ TRƯỞNG\nNguyễn Văn Ký"]);
    // A section starting with "=" stays text, never a formula.
    expect(written).toContainEqual(["", '\'=HYPERLINK("http://x")']);
    expect(sections.getColumn(2).alignment).toMatchObject({ wrapText: true });
    // A long section gets the height of its wrapped lines: not every spreadsheet program grows the row by itself.
    const plan = written.findIndex((r) => r[1] === "Tiếp tục hướng dẫn người dân cài VNeID.");
    const twoLines = written.findIndex((r) => String(r[1]).includes("\n"));
    expect(sections.getRow(plan + 1).height ?? 15).toBe(15);
    expect(sections.getRow(twoLines + 1).height).toBeGreaterThanOrEqual(30);
  });

  it("CSV: both sheets, one after the other", async () => {
    const doc = await docFor();
    const rows = parseCsv(
      periodicCsv(doc)
        .toString("utf8")
        .replace(/^\uFEFF/, ""),
    );
    for (const r of doc.indicators.rows) expect(rows).toContainEqual([String(r.no), `${r.label} (${r.no})`, r.measure, String(r.value), r.detail]);
    expect(rows).toContainEqual(["III. ĐỀ XUẤT, KIẾN NGHỊ", ""]);
    expect(rows.flat()).toContain("TM. TỔ CHỈ ĐẠO\nTỔ TRƯỞNG\nNguyễn Văn Ký");
  });

  it("answer under the same scope rules as the page, and only in the three formats", async () => {
    const url = (format: string) => `http://localhost/reports/periodic/${format}?unit=${world.units.communeA.id}`;
    const get = async (userId: number, format: string) => {
      try {
        const r = (await fileLoader({ request: await requestAs(userId, url(format)), params: { format }, context: {} })) as Response;
        return r.status;
      } catch (error) {
        return (error as Response).status;
      }
    };
    expect(await get(world.staff.supervisorB.id, "docx")).toBe(404);
    expect(await get(world.members.a1[0].id, "docx")).toBe(403);
    expect(await get(world.staff.supervisorA.id, "pdf")).toBe(404);
    expect(await get(world.staff.trainerA.id, "docx")).toBe(200);
  });
});
