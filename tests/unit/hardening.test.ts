// Issue 10: each case an attacker tried, as a test that failed before the fix.
import { spawnSync } from "node:child_process";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { analyseImport, createImport, previewImport } from "~/models/import.server";
import { MAX_UNPACKED_BYTES, zipUnpackedWithin } from "~/models/spreadsheet.server";
import * as attendanceRoute from "~/routes/sessions.$id_.attendance";
import * as languageRoute from "~/routes/language";
import * as resultsRoute from "~/routes/results";
import { safeRedirect } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { acceptDeviceTime } from "~/utils/device-time";
import { parseId } from "~/utils/ids";
import { BoundedCache, siteOrigin } from "~/utils/origin.server";
import { readForm } from "~/utils/request-body.server";
import { guardAction, originRejection } from "~/utils/request-guard.server";
import { isCalendarDate, parseDeviceInstant } from "~/utils/time";
import ExcelJS from "exceljs";
import { loader as exportLoader } from "~/routes/reports.export";
import { buildWorld, createUser, requestAs } from "../support/fixtures";

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

/** What a guarded action answered, whether it returned or threw a Response. */
async function answer(run: () => Promise<unknown>) {
  try {
    return (await run()) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

describe("redirect targets", () => {
  it("stay on this site whatever the spelling", () => {
    for (const bad of [
      "//evil.example/x",
      "/\\evil.example/x",
      "/\t/evil.example",
      "/\n/evil.example",
      "/..//evil.example",
      "/%0a/x\\y",
      "https://evil.example",
      "evil",
      "",
      " /x",
      "/x y",
    ]) {
      expect(safeRedirect(bad), JSON.stringify(bad)).toBe("/");
    }
    // What /login?redirectTo=%2F%5Cother-host%2Fx decodes to.
    expect(safeRedirect(new URLSearchParams("redirectTo=%2F%5Cother-host%2Fx").get("redirectTo"))).toBe("/");
    expect(safeRedirect("/lessons/vneid-install?x=1#quiz")).toBe("/lessons/vneid-install?x=1#quiz");
    expect(safeRedirect("/")).toBe("/");
  });

  it("the language switch does not send the browser to another host", async () => {
    const request = await requestAs(null, "http://localhost/language", {
      method: "POST",
      headers: { "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams({ language: "en", redirectTo: "/\\other-host/x" }),
    });
    const response = await answer(() => guardAction(languageRoute)!({ request, params: {}, context: {} }) as Promise<unknown>);
    expect(response.headers.get("Location")).toBe("/");
  });
});

describe("requests from another origin of the same site", () => {
  const cases = [
    { name: "a page action", module: resultsRoute, url: "http://localhost/results" },
    { name: "a data request", module: resultsRoute, url: "http://localhost/results?_data=routes%2Fresults" },
    { name: "a resource route", module: attendanceRoute, url: "http://localhost/sessions/1/attendance", params: { id: "1" } },
    { name: "the language switch", module: languageRoute, url: "http://localhost/language" },
  ];
  for (const c of cases) {
    it(`are refused with 403 before ${c.name} runs, and nothing is written`, async () => {
      const member = world.members.a1[0];
      const before = await prisma.fieldResult.count();
      const variants: Array<Record<string, string>> = [
        { "Sec-Fetch-Site": "same-site" },
        { "Sec-Fetch-Site": "cross-site" },
        { Origin: "http://localhost:4000" },
        { Origin: "http://sub.localhost" },
        { Origin: "null" },
        {},
      ];
      for (const headers of variants) {
        const request = await requestAs(member.id, c.url, {
          method: "POST",
          headers,
          body: new URLSearchParams({ "residents-guided": "3", date: "2026-11-01", language: "en" }),
        });
        const response = await answer(() => guardAction(c.module)!({ request, params: c.params ?? {}, context: {} }) as Promise<unknown>);
        expect(response.status, JSON.stringify(headers)).toBe(403);
        expect(await response.text()).toMatch(/Kỹ Năng Số/);
      }
      expect(await prisma.fieldResult.count()).toBe(before);
    });
  }

  it("let through the same origin, and a browser without Origin that sends our token", async () => {
    const same = new Request("http://localhost/x", { method: "POST", headers: { Origin: "http://localhost" } });
    expect(originRejection(same)).toBeNull();
    expect(originRejection(new Request("http://localhost/x", { method: "POST", headers: { "Sec-Fetch-Site": "same-origin" } }))).toBeNull();
    const token = "abcdefghijklmnopqrstuv";
    const withCookie = (extra: Record<string, string>) =>
      new Request("http://localhost/x", { method: "POST", headers: { Cookie: `kns_csrf=${token}`, ...extra } });
    expect(originRejection(withCookie({}), token)).toBeNull();
    expect(originRejection(withCookie({ "X-CSRF-Token": token }))).toBeNull();
    expect(originRejection(withCookie({}), "wrong-token-wrong-token")?.status).toBe(403);
    expect(originRejection(withCookie({}))?.status).toBe(403);
  });

  it("take the public address from PUBLIC_URL when set", () => {
    process.env.PUBLIC_URL = "https://kynangso.example.vn";
    try {
      expect(originRejection(new Request("http://10.0.0.5:3000/x", { method: "POST", headers: { Origin: "https://kynangso.example.vn" } }))).toBeNull();
      expect(originRejection(new Request("http://10.0.0.5:3000/x", { method: "POST", headers: { Origin: "https://evil.example.vn" } }))?.status).toBe(403);
    } finally {
      delete process.env.PUBLIC_URL;
    }
  });
});

describe("bodies", () => {
  it("JSON, truncated multipart and oversized bodies sent to a form get 400/413 in the reader's language", async () => {
    const json = new Request("http://localhost/x", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"phone":1}' });
    expect((await answer(() => readForm(json))).status).toBe(400);
    const truncated = new Request("http://localhost/x", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=XX" },
      body: '--XX\r\nContent-Disposition: form-data; name="phone"\r\n\r\n09',
    });
    expect((await answer(() => readForm(truncated))).status).toBe(400);
    // No Content-Length (streamed): the cap still holds while reading.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode(`a=${"x".repeat(4096)}&`));
        controller.close();
      },
    });
    const big = new Request("http://localhost/x", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const refused = await answer(() => readForm(big));
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { message: string }).message).toMatch(/quá lớn/);
  });

  it("a declared Content-Length over the route's limit is refused before the action", async () => {
    const member = world.members.a1[0];
    const request = await requestAs(member.id, "http://localhost/results", {
      method: "POST",
      headers: { "Sec-Fetch-Site": "same-origin", "Content-Length": String(10 * 1024 * 1024) },
      body: "x=1",
    });
    expect((await answer(() => guardAction(resultsRoute)!({ request, params: {}, context: {} }) as Promise<unknown>)).status).toBe(413);
  });

  it("a product name longer than the form allows is refused and not stored", async () => {
    const member = world.members.a1[0];
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const request = await requestAs(member.id, "http://localhost/results", {
      method: "POST",
      headers: { "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams({ intent: "create", date: today, "product-online": "1", productName: "x".repeat(50_000) }),
    });
    const response = await answer(() => guardAction(resultsRoute)!({ request, params: {}, context: {} }) as Promise<unknown>);
    expect(response.status).toBe(400);
    // Conform's answer: the field's problem, as the translation key the page shows.
    expect(((await response.json()) as { result: { error: Record<string, string[]> } }).result.error.productName).toEqual(["results.errors.productNameLong"]);
    expect(await prisma.fieldResult.count({ where: { userId: member.id } })).toBe(0);
  });
});

describe("numbers and dates", () => {
  it("ids are decimal integers in the database's range", () => {
    expect(parseId("42")).toBe(42);
    for (const bad of ["abc", "1e309", "-1", "0", "01", "1.5", "99999999999", " 1", "", null, 7]) expect(parseId(bad), String(bad)).toBeNull();
  });

  it("calendar dates exist and have a sensible year", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    for (const bad of ["2026-02-30", "2025-02-29", "0000-01-01", "+10000-01-01", "9999-12-31", "2026-13-01", "2026-1-1"])
      expect(isCalendarDate(bad), bad).toBe(false);
    expect(parseDeviceInstant("2026-11-30T08:00:00.000Z")?.toISOString()).toBe("2026-11-30T08:00:00.000Z");
    for (const bad of ["2026-02-30T08:00:00Z", "+010000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z", "yesterday", "2026-11-30"])
      expect(parseDeviceInstant(bad), bad).toBeNull();
  });

  it("device times in the future, too old or before the account are replaced by the receipt time and flagged", () => {
    const now = new Date("2026-11-30T10:00:00Z");
    expect(acceptDeviceTime(new Date("2026-11-29T10:00:00Z"), now)).toEqual({ at: new Date("2026-11-29T10:00:00Z"), flagged: false });
    expect(acceptDeviceTime(new Date("9999-12-31T00:00:00Z"), now)).toEqual({ at: now, flagged: true });
    expect(acceptDeviceTime(new Date("1999-01-01T00:00:00Z"), now)).toEqual({ at: now, flagged: true });
    expect(acceptDeviceTime(new Date("2026-11-20T00:00:00Z"), now, new Date("2026-11-25T00:00:00Z"))).toEqual({ at: now, flagged: true });
  });

  it("an attendance mark from a clock far ahead can still be corrected; 9999-12-31 and 2026-02-30 are refused alone", async () => {
    const { trainerA } = world.staff;
    const member = world.members.a2[0];
    const session = await prisma.trainingSession.create({
      data: { unitId: world.units.communeA.id, title: "Buổi thử", startsAt: new Date(Date.now() - 3600_000), place: "Nhà văn hóa", createdById: trainerA.id },
    });
    await prisma.sessionInvitee.createMany({ data: world.members.a2.map((m) => ({ sessionId: session.id, userId: m.id })) });
    const post = async (marks: unknown[]) => {
      const request = await requestAs(trainerA.id, `http://localhost/sessions/${session.id}/attendance`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin" },
        body: JSON.stringify({ marks }),
      });
      return answer(() => guardAction(attendanceRoute)!({ request, params: { id: String(session.id) }, context: {} }) as Promise<unknown>);
    };
    const first = await post([
      { userId: member.id, status: "present", markedAt: "2099-12-31T00:00:00.000Z" },
      { userId: world.members.a2[1].id, status: "present", markedAt: "2026-02-30T08:00:00.000Z" },
      { userId: world.members.a2[1].id, status: "present", markedAt: "9999-12-31T00:00:00.000Z" },
    ]);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { rejected: number[] }).rejected).toEqual([1, 2]);
    const stored = await prisma.attendance.findFirstOrThrow({ where: { sessionId: session.id, userId: member.id } });
    expect(stored.markedAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await prisma.attendance.count({ where: { sessionId: session.id, userId: world.members.a2[1].id } })).toBe(0);
    await new Promise((r) => setTimeout(r, 5));
    await post([{ userId: member.id, status: "absent", markedAt: new Date().toISOString() }]);
    expect((await prisma.attendance.findFirstOrThrow({ where: { sessionId: session.id, userId: member.id } })).status).toBe("absent");
  });

  it("a mark sent from the plain form on a cancelled session says why, instead of coming back as if saved", async () => {
    const { trainerA } = world.staff;
    const member = world.members.a2[0];
    const session = await prisma.trainingSession.create({
      data: {
        unitId: world.units.communeA.id,
        title: "Buổi đã hủy",
        startsAt: new Date(Date.now() - 3600_000),
        place: "Nhà văn hóa",
        createdById: trainerA.id,
        status: "cancelled",
      },
    });
    await prisma.sessionInvitee.create({ data: { sessionId: session.id, userId: member.id } });
    const request = await requestAs(trainerA.id, `http://localhost/sessions/${session.id}/attendance`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams({ userId: String(member.id), status: "present" }),
    });
    const response = await answer(() => guardAction(attendanceRoute)!({ request, params: { id: String(session.id) }, context: {} }) as Promise<unknown>);
    expect(response.status).toBe(409);
    expect(await response.text()).toBe("Buổi này đã bị hủy.");
    expect(await prisma.attendance.count({ where: { sessionId: session.id } })).toBe(0);
  });
});

/** A ZIP with one stored-as-deflate entry of `size` zero bytes: 100 MB packs into about 100 KB. */
function zipBomb(size: number) {
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const packed = zlib.deflateRawSync(Buffer.alloc(size), { level: 9 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(0, 22); // declared size lies: 0
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(0, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, packed, central, name, end]));
}

describe("spreadsheet imports", () => {
  it("refuse an archive that expands past the limit before any spreadsheet code reads it, even when it lies about its size", async () => {
    const bomb = zipBomb(MAX_UNPACKED_BYTES + 10 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(zipUnpackedWithin(bomb, MAX_UNPACKED_BYTES)).toBe("tooLargeUnpacked");
    expect(zipUnpackedWithin(zipBomb(1024), MAX_UNPACKED_BYTES)).toBe("ok");
    const admin = { id: world.staff.admin.id, role: "admin" as const, scopeUnit: { id: world.units.province.id, path: world.units.province.path } };
    const { problems } = await analyseImport(prisma, admin, "members", bomb);
    expect(problems.map((p) => p.key)).toEqual(["tooLargeUnpacked"]);
  });

  it("read the file once, at upload, and keep what was read for the preview", async () => {
    const admin = { id: world.staff.admin.id, role: "admin" as const, scopeUnit: { id: world.units.province.id, path: world.units.province.path } };
    const csv = new TextEncoder().encode("Mã đơn vị,Tên tổ\nA1,Tổ mới\n");
    const { id } = await createImport(admin, "teams", "to.csv", csv);
    const stored = await prisma.importBatch.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(stored.parsed!)).toEqual({
      ok: true,
      sheet: {
        rows: [
          ["Mã đơn vị", "Tên tổ"],
          ["A1", "Tổ mới"],
        ],
      },
    });
    // The stored bytes are not read again: the preview comes from what was kept.
    await prisma.importBatch.update({ where: { id }, data: { content: Buffer.from("garbage") } });
    expect((await previewImport(admin, id)).analysis.problems).toEqual([]);
  });
});

describe("report files", () => {
  it("write a member named like a formula as text, in CSV and XLSX alike", async () => {
    const member = await createUser({ name: '=HYPERLINK("http://x")', teamId: world.teams.villageA1.id });
    const url = (format: string) =>
      `http://localhost/reports/export?unit=${world.units.communeA.id}&table=members&team=${world.teams.villageA1.id}&format=${format}`;
    const csv = (await exportLoader({ request: await requestAs(world.staff.supervisorA.id, url("csv")), params: {}, context: {} })) as Response;
    const text = await csv.text();
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const xlsx = (await exportLoader({ request: await requestAs(world.staff.supervisorA.id, url("xlsx")), params: {}, context: {} })) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const cells: unknown[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain(`'=HYPERLINK("http://x")`);
    expect(cells.some((v) => typeof v === "object" && v !== null && "formula" in v)).toBe(false);
    expect(member.id).toBeGreaterThan(0);
  });
});

describe("addresses and caches", () => {
  it("a forged Host header is never taken as the site's address", () => {
    expect(siteOrigin(new Request("http://localhost:3000/x"))).toBe("http://localhost:3000");
    expect(siteOrigin(new Request("http://192.168.1.20:3000/x"))).toBe("http://192.168.1.20:3000");
    expect(siteOrigin(new Request("http://attacker.example/x"))).toMatch(/^http:\/\/localhost/);
    process.env.ALLOWED_HOSTS = "kynangso.example.vn";
    expect(siteOrigin(new Request("http://kynangso.example.vn/x"))).toBe("http://kynangso.example.vn");
    delete process.env.ALLOWED_HOSTS;
  });

  it("in-memory caches keyed by outside input keep at most their bound", () => {
    const cache = new BoundedCache<string, number>(3);
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
    expect(cache.get("k99")).toBe(99);
    expect(cache.get("k0")).toBeUndefined();
  });
});

describe("the session secret", () => {
  it("is not in the repository", () => {
    const tracked = spawnSync("git", ["ls-files", "prisma"], { encoding: "utf8" }).stdout;
    expect(tracked).not.toMatch(/secret/);
  });

  it("production refuses to start without SESSION_SECRET, saying how to make one", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", SESSION_SECRET: "", KNS_DEMO: "" };
    const run = spawnSync(process.execPath, ["server.js"], { env, encoding: "utf8", timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/SESSION_SECRET/);
    expect(run.stderr).toMatch(/randomBytes/);
  });
});
