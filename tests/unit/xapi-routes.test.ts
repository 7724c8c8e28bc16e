// The learning-record routes on the demo province: the export validates line
// by line, is guarded like the reports (admins only, their subtree, the
// reports' periods), and the admin page shows only the admin's subtree.
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { actorName } from "~/models/learning-records.server";
import { action as pageAction, loader as pageLoader } from "~/routes/admin.xapi._index";
import { loader as exportLoader } from "~/routes/admin.xapi.export";
import { prisma } from "~/utils/db.server";
import { validateStatement } from "~/xapi/validate";
import { createUser, requestAs, thrown } from "../support/fixtures";

type Line = {
  id: string;
  actor: { account: { homePage: string; name: string } };
  verb: { id: string };
  timestamp: string;
  context?: { extensions?: Record<string, unknown> };
};

let province: { id: number; path: string };
let communeB: { id: number; path: string };
let admin: number;
let supervisor: number;
let member: number;
let communeAdmin: number;

beforeAll(async () => {
  await seed(prisma);
  province = await prisma.unit.findUniqueOrThrow({ where: { code: "QNA" }, select: { id: true, path: true } });
  communeB = await prisma.unit.findUniqueOrThrow({ where: { code: "QNA-ATI" }, select: { id: true, path: true } });
  admin = (await prisma.user.findUniqueOrThrow({ where: { phone: "0900000001" } })).id;
  supervisor = (await prisma.user.findUniqueOrThrow({ where: { phone: "0900000002" } })).id;
  member = (await prisma.user.findUniqueOrThrow({ where: { phone: "0900000005" } })).id;
  communeAdmin = (await createUser({ name: "Quản trị xã A Tiêng", role: "admin", scopeUnitId: communeB.id, phone: "0977000001" })).id;
}, 120_000);

async function download(userId: number, query: string) {
  const response = await exportLoader({ request: await requestAs(userId, `http://localhost/admin/xapi/export?${query}`), params: {}, context: {} });
  return response as Response;
}

const lines = async (response: Response) =>
  (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

describe("the export", () => {
  it("the demo province's learning records, this year and last, are valid xAPI 1.0.3, line by line", async () => {
    const year = new Date().getFullYear();
    let total = 0;
    for (const period of [String(year), String(year - 1)]) {
      const response = await download(admin, `unit=${province.id}&period=${period}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/x-ndjson; charset=utf-8");
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ho-so-hoc-tap-\d+-\d{4}\.jsonl"$/);
      const statements = await lines(response);
      for (const s of statements) expect(validateStatement(s).problems, s.id).toEqual([]);
      total += statements.length;
      if (statements.length) {
        expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
        expect(statements.every((s) => s.actor.account.homePage === "http://localhost/")).toBe(true);
        expect(statements.every((s) => /\+07:00$/.test(s.timestamp))).toBe(true);
      }
    }
    // The demo has months of activity: sessions attended, lessons completed, quizzes passed and failed.
    expect(total).toBeGreaterThan(200);
    const all = await lines(await download(admin, `unit=${province.id}&period=${year - 1}-01..${year}-12`));
    expect(all.length).toBe(total);
    const verbs = new Set(all.map((s) => s.verb.id.split("/").pop()));
    expect([...verbs].sort()).toEqual(["attended", "completed", "failed", "passed"]);
    // Never a phone number or a name of a person.
    const text = JSON.stringify(all);
    expect(text).not.toMatch(/0388\d{6}|0900000\d{3}/);
    expect(text).not.toContain("Nguyễn Văn Tám");
    expect(text).toContain(`"name":"Tỉnh Quảng Nam"`); // units are named: the unit path
  });

  it("a commune's file holds only its members, with its unit path", async () => {
    const year = new Date().getFullYear();
    const statements = await lines(await download(admin, `unit=${communeB.id}&period=${year - 1}-01..${year}-12`));
    expect(statements.length).toBeGreaterThan(0);
    const members = await prisma.user.findMany({ where: { team: { path: { startsWith: communeB.path } } }, select: { id: true } });
    const names = new Set(members.map((m) => actorName(m.id)));
    expect(statements.every((s) => names.has(s.actor.account.name))).toBe(true);
    for (const s of statements) {
      const path = Object.values(s.context!.extensions!).find(Array.isArray) as Array<{ code: string }>;
      expect(path.slice(0, 2).map((u) => u.code)).toEqual(["QNA", "QNA-ATI"]);
    }
  });

  it("is guarded like the reports: admins only, their own subtree", async () => {
    expect((await download(communeAdmin, `unit=${communeB.id}&period=2026`)).status).toBe(200);
    expect((await thrown(download(communeAdmin, `unit=${province.id}&period=2026`))).status).toBe(404);
    expect((await thrown(download(supervisor, `unit=${province.id}&period=2026`))).status).toBe(403);
    expect((await thrown(download(member, `unit=${province.id}&period=2026`))).status).toBe(403);
    const anonymous = await thrown(exportLoader({ request: new Request(`http://localhost/admin/xapi/export?unit=${province.id}`), params: {}, context: {} }));
    expect(anonymous.status).toBe(302);
  });
});

describe("the admin page", () => {
  it("shows the queue of the admin's subtree only, and queues earlier records on request", async () => {
    process.env.LRS_URL = "http://127.0.0.1:9/xapi";
    try {
      const post = async (userId: number, intent: string) => {
        const body = new URLSearchParams({ intent });
        const request = await requestAs(userId, "http://localhost/admin/xapi", {
          method: "POST",
          body,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
        return (await pageAction({ request, params: {}, context: {} })) as Response;
      };
      const communeReply = await (await post(communeAdmin, "earlier")).json();
      expect(communeReply.done.key).toBe("admin.xapi.earlier.done");
      const inB = communeReply.done.params.count as number;
      expect(inB).toBeGreaterThan(0);
      const page = async (userId: number) =>
        (await (await pageLoader({ request: await requestAs(userId, "http://localhost/admin/xapi"), params: {}, context: {} })).json()) as {
          counts: Record<string, number>;
          rows: Array<{ member: string }>;
        };
      expect((await page(communeAdmin)).counts.pending).toBe(inB);
      const provinceReply = await (await post(admin, "earlier")).json();
      const total = (await page(admin)).counts.pending;
      expect(total).toBe(inB + provinceReply.done.params.count);
      expect(total).toBeGreaterThan(inB);
      // Queuing again adds nothing.
      expect((await (await post(admin, "earlier")).json()).done.params.count).toBe(0);
      expect((await page(communeAdmin)).counts.pending).toBe(inB);
      expect((await thrown(pageLoader({ request: await requestAs(supervisor, "http://localhost/admin/xapi"), params: {}, context: {} }))).status).toBe(403);
    } finally {
      delete process.env.LRS_URL;
    }
  });

  it("refuses to queue earlier records when no LRS is configured", async () => {
    const request = await requestAs(admin, "http://localhost/admin/xapi", {
      method: "POST",
      body: new URLSearchParams({ intent: "earlier" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const reply = (await pageAction({ request, params: {}, context: {} })) as Response;
    expect(reply.status).toBe(400);
    expect((await reply.json()).error.key).toBe("admin.xapi.earlier.notConfigured");
  });
});
