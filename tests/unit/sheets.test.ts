// One answer sheet counts once, by whatever path it comes (issue 13): the quiz
// form, a resend of it, the offline queue; within the member's sheet limit;
// and the hint that tells shared pages who is signed in.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/content/course.server";
import { quizFormHtml } from "~/content/quiz-html.server";
import { MAX_QUIZ_SHEETS } from "~/models/rate-limit.server";
import type { SyncResponse } from "~/offline/protocol";
import { action as syncAction } from "~/routes/api.sync.attempts";
import { action as lessonAction } from "~/routes/lessons.$slug";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { chooseEncoding, compressResponses } from "~/utils/compress.server";
import { prisma } from "~/utils/db.server";
import { parseMemberHint } from "~/utils/member-hint";
import { PASSWORD, createUser, requestAs } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

const allRight = { language: "vi", q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" };

async function postForm(userId: number, fields: Record<string, string>) {
  const request = await requestAs(userId, "http://localhost/lessons/demo-basics", { method: "POST", body: new URLSearchParams(fields) });
  return (await lessonAction({ request, params: { slug: "demo-basics" }, context: {} })) as Response;
}

async function postSync(userId: number, attempts: unknown[]) {
  const request = await requestAs(userId, "http://localhost/api/sync/attempts", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ attempts }),
  });
  const response = (await syncAction({ request, params: {}, context: {} })) as Response;
  return ((await response.json()) as SyncResponse).results;
}

const attempts = (userId: number) => prisma.quizAttempt.count({ where: { userId } });

beforeAll(async () => {
  await prisma.unitLevel.create({ data: { key: "province", rank: 0, nameVi: "Tỉnh", nameEn: "Province" } });
});

describe("the quiz form's answer sheet", () => {
  it("is stored once however often the same sheet is posted, and each resend shows the same result", async () => {
    const member = await createUser({});
    const sheet = crypto.randomUUID();
    const locations = [];
    for (let i = 0; i < 4; i++) {
      const response = await postForm(member.id, { ...allRight, sheet });
      expect(response.status).toBe(302);
      locations.push(response.headers.get("Location"));
    }
    expect(new Set(locations).size).toBe(1);
    expect(await attempts(member.id)).toBe(1);
    expect(await prisma.completion.count({ where: { userId: member.id } })).toBe(1);
  });

  it("is stored once when posted in parallel (the browser and the service worker racing)", async () => {
    const member = await createUser({});
    const sheet = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 5 }, () => postForm(member.id, { ...allRight, sheet })));
    expect(responses.map((r) => r.status)).toEqual([302, 302, 302, 302, 302]);
    expect(await attempts(member.id)).toBe(1);
  });

  it("sent by the form and then by the offline queue under the same id counts once", async () => {
    const member = await createUser({});
    const sheet = crypto.randomUUID();
    await postForm(member.id, { ...allRight, sheet });
    const { language, ...answers } = allRight;
    const [outcome] = await postSync(member.id, [
      { id: sheet, userId: member.id, slug: "demo-basics", language, answers, deviceTime: new Date().toISOString() },
    ]);
    expect(outcome).toMatchObject({ id: sheet, status: "duplicate", passed: true, completed: true });
    expect(await attempts(member.id)).toBe(1);
  });

  it("is never stored for another member: a sheet id already used by someone else asks to submit again", async () => {
    const owner = await createUser({});
    const other = await createUser({});
    const sheet = crypto.randomUUID();
    await postForm(owner.id, { ...allRight, q1: "b", q2: "a", sheet });
    const response = await postForm(other.id, { ...allRight, sheet });
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body).toMatchObject({ notice: "quiz.sheetUsed", answers: { q1: "a" } });
    expect(body.sheet).not.toBe(sheet);
    expect(await attempts(other.id)).toBe(0);
    expect(await prisma.quizAttempt.findUniqueOrThrow({ where: { clientId: sheet } })).toMatchObject({ userId: owner.id, passed: false });
  });

  it("comes with a fresh single-use id in every page (for browsers without JavaScript)", async () => {
    const course = await getCourse();
    const lesson = course.bySlug.get("demo-basics")!;
    const text = { ...lesson.text.vi, language: "vi" };
    const ids = await Promise.all([quizFormHtml(lesson, text, "vi", null, "seedone1", 5), quizFormHtml(lesson, text, "vi", null, "seedone1", 5)]);
    const sheetOf = (html: string) => html.match(/name="sheet" value="([^"]+)"/)?.[1];
    expect(sheetOf(ids[0])).toMatch(/^[0-9a-f-]{36}$/);
    expect(sheetOf(ids[0])).not.toBe(sheetOf(ids[1]));
    expect(ids[0]).toContain('name="member" value=""');
  });
});

describe("the sheet limit, shared by the form and the offline queue", () => {
  it("refuses sheets past the limit with 429, keeping the answers, and lets resends of stored sheets through", async () => {
    const member = await createUser({});
    const { language, ...answers } = allRight;
    const batch = Array.from({ length: MAX_QUIZ_SHEETS - 1 }, () => ({
      id: crypto.randomUUID(),
      userId: member.id,
      slug: "demo-basics",
      language,
      answers,
      deviceTime: new Date().toISOString(),
    }));
    const results = await postSync(member.id, batch);
    expect(results.every((r) => r.status === "synced")).toBe(true);
    const last = crypto.randomUUID();
    expect((await postForm(member.id, { ...allRight, sheet: last })).status).toBe(302);
    // Over the limit: the form keeps the answers and says how long to wait.
    const refused = await postForm(member.id, { ...allRight, sheet: crypto.randomUUID() });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ notice: "quiz.rateLimited", answers: { q2: "b" } });
    // The queue is told to keep the sheet and send it later.
    const kept = await postSync(member.id, [{ ...batch[0], id: crypto.randomUUID() }]);
    expect(kept[0]).toMatchObject({ status: "rate-limited" });
    expect((kept[0] as { minutes: number }).minutes).toBeGreaterThan(0);
    // A resend of a stored sheet is not a new sheet: still answered.
    expect((await postForm(member.id, { ...allRight, sheet: last })).status).toBe(302);
    expect((await postSync(member.id, [batch[1]]))[0].status).toBe("duplicate");
    expect(await attempts(member.id)).toBe(MAX_QUIZ_SHEETS);
  });
});

describe("the hint of who is signed in", () => {
  it("is set at sign-in, readable by page scripts, ends with the session, and every sign-out clears it", async () => {
    const user = await createUser({});
    const signIn = await loginAction({
      request: new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ phone: user.phone, password: PASSWORD }) }),
      context: { clientIp: "10.9.9.9" },
      params: {},
    });
    const cookies = signIn.headers.getSetCookie();
    const hint = cookies.find((c) => c.startsWith("kns_member="))!;
    expect(hint).toBeDefined();
    expect(hint).not.toMatch(/HttpOnly/i);
    expect(parseMemberHint(hint.split(";")[0])).toMatchObject({ id: user.id });
    const out = (await logoutAction({ request: await requestAs(user.id, "http://localhost/logout", { method: "POST" }), params: {}, context: {} })) as Response;
    expect(out.headers.getSetCookie().find((c) => c.startsWith("kns_member="))).toMatch(/^kns_member=;.*Max-Age=0/);
  });

  it("is read only when well formed and not past its end", () => {
    const later = Math.floor(Date.now() / 1000) + 3600;
    expect(parseMemberHint(`a=1; kns_member=12.${later}`)).toEqual({ id: 12, until: later * 1000 });
    expect(parseMemberHint("kns_member=12.1000")).toBeNull();
    expect(parseMemberHint(`kns_member=x.${later}`)).toBeNull();
    expect(parseMemberHint("kns_csrf=abc")).toBeNull();
  });
});

describe("compression on the wire", () => {
  it("prefers brotli, then gzip, and honours a refusal", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("identity")).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });

  it("compresses pages as they stream, and leaves small, empty and binary answers alone", async () => {
    const page = `<!DOCTYPE html><p>${"Bài học kỹ năng số. ".repeat(400)}</p>`;
    const middleware = compressResponses();
    const server = http.createServer((req, res) =>
      middleware(req, res, () => {
        if (req.url === "/redirect") {
          res.statusCode = 302;
          res.setHeader("Location", "/");
          return res.end();
        }
        res.setHeader("Content-Type", req.url === "/xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/html; charset=utf-8");
        res.write(page.slice(0, 3000));
        res.end(page.slice(3000));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const get = (url: string, encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer; status: number }>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port, path: url, headers: { "Accept-Encoding": encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks), status: res.statusCode! }));
          })
          .on("error", reject);
      });
    try {
      const br = await get("/", "gzip, br");
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers.vary).toMatch(/Accept-Encoding/i);
      expect(zlib.brotliDecompressSync(br.body).toString()).toBe(page);
      expect(br.body.length).toBeLessThan(Buffer.byteLength(page) / 5);
      const gz = await get("/", "gzip");
      expect(zlib.gunzipSync(gz.body).toString()).toBe(page);
      const plain = await get("/", "");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.toString()).toBe(page);
      const redirect = await get("/redirect", "br");
      expect([redirect.status, redirect.headers["content-encoding"], redirect.body.length]).toEqual([302, undefined, 0]);
      expect((await get("/xlsx", "br")).headers["content-encoding"]).toBeUndefined();
    } finally {
      server.close();
    }
  });
});
