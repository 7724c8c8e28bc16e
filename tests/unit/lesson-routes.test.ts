import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as catalogueLoader } from "~/routes/lessons._index";
import { action as lessonAction, loader as lessonLoader } from "~/routes/lessons.$slug";
import { loader as leafletLoader } from "~/routes/lessons.$slug_.leaflet";
import { loader as mediaLoader } from "~/routes/lessons.$slug_.media.$file";
import { loader as meLoader } from "~/routes/api.me";
import { prisma } from "~/utils/db.server";
import { createUser, requestAs, thrown } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let member: { id: number };
beforeAll(async () => {
  member = await createUser({ name: "Học Viên" });
});

async function load(userId: number | null, url: string, slug = "demo-basics") {
  return lessonLoader({ request: await requestAs(userId, url), params: { slug }, context: {} });
}

async function submit(userId: number, fields: Record<string, string>, slug = "demo-basics") {
  const request = await requestAs(userId, `http://localhost/lessons/${slug}`, { method: "POST", body: new URLSearchParams(fields) });
  return lessonAction({ request, params: { slug }, context: {} });
}

/** What the page script learns for the member signed in (the lesson page itself names nobody). */
async function completedFor(userId: number | null, slug = "demo-basics") {
  const response = await meLoader({ request: await requestAs(userId, `http://localhost/api/me?lesson=${slug}`), params: {}, context: {} });
  expect(response.headers.get("Cache-Control")).toContain("no-store");
  return ((await response.json()) as { completed: string | null }).completed;
}

const allRight = { language: "vi", q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" };

describe("lesson page", () => {
  it("is open to a guest: the lesson and its sources, with a sign-in link instead of the quiz, and nothing personal", async () => {
    // A guest's request, even one asking for somebody's result.
    const someone = await createUser({});
    const location = ((await submit(someone.id, allRight)) as Response).headers.get("Location")!.replace("#result", "");
    expect(location).toMatch(/\?attempt=\d+$/);
    const page = await load(null, `http://localhost${location}`);
    expect(page).toMatchObject({ slug: "demo-basics", title: "Bài thử", result: null, quizHtml: "" });
    expect(page.signIn).toBe("/login?redirectTo=%2Flessons%2Fdemo-basics");
    expect(page.html).toContain("Bước một");
    expect(page.sources).toEqual([{ title: "Tài liệu thử", publisher: "Nhóm thử", url: "https://example.com/tai-lieu", read: "2026-11-20" }]);
    expect(JSON.stringify(page)).not.toContain("Đáp án 1A");
    // Answering still needs an account.
    const request = await requestAs(null, "http://localhost/lessons/demo-basics", { method: "POST", body: new URLSearchParams(allRight) });
    expect((await thrown(lessonAction({ request, params: { slug: "demo-basics" }, context: {} }))).status).toBe(302);
  });

  it("gives a member the quiz and no sign-in link", async () => {
    const page = await load(member.id, "http://localhost/lessons/demo-basics");
    expect(page.signIn).toBeNull();
    expect(page.quizHtml.match(/<fieldset/g)).toHaveLength(5);
    expect(page.quizHtml).toContain("data-quiz-form");
  });

  it("answers 404 for a lesson that does not exist", async () => {
    expect((await thrown(load(member.id, "http://localhost/lessons/nope", "nope"))).status).toBe(404);
  });

  it("sends the questions but never the answer key or explanations before submission", async () => {
    const text = JSON.stringify(await load(member.id, "http://localhost/lessons/demo-basics"));
    expect(text).toContain("Đáp án 2B");
    expect(text).not.toContain("GIAITHICH");
    expect(text).not.toMatch(/"correct"/);
  });

  it("refuses an incomplete quiz with the missing questions, saving nothing", async () => {
    const before = await prisma.quizAttempt.count();
    const response = (await submit(member.id, { language: "vi", q1: "a", q3: "zzz" })) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ missing: ["q2", "q3", "q4", "q5"], answers: { q1: "a" } });
    expect(await prisma.quizAttempt.count()).toBe(before);
  });

  it("grades a failed attempt, then shows why on the result page", async () => {
    const response = (await submit(member.id, { ...allRight, q1: "b", q2: "a" })) as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/lessons\/demo-basics\?attempt=\d+#result$/);
    const page = await load(member.id, `http://localhost${location.replace("#result", "")}`);
    expect(page.result).toMatchObject({ passed: false, correct: 3, score: 60 });
    expect(page.result!.questions[0]).toMatchObject({ correct: false, why: "GIAITHICH-1B sai", rightText: null });
    expect(await completedFor(member.id)).toBeNull();
  });

  it("completes the lesson on a pass and shows it in the catalogue", async () => {
    const response = (await submit(member.id, allRight)) as Response;
    expect(response.status).toBe(302);
    expect(await completedFor(member.id)).toBe("quiz");
    const catalogue = await catalogueLoader({ request: await requestAs(member.id, "http://localhost/lessons"), params: {}, context: {} });
    expect(catalogue.topics[0].done).toBe(1);
    expect(catalogue.topics[0].lessons.map((l) => [l.slug, l.done])).toEqual([
      ["demo-basics", "quiz"],
      ["demo-vi-only", null],
    ]);
    expect(catalogue.next!.slug).toBe("demo-vi-only");
  });

  it("grades in English when the quiz was shown in English", async () => {
    const other = await createUser({});
    await submit(other.id, { ...allRight, language: "en" });
    const attempt = await prisma.quizAttempt.findFirstOrThrow({ where: { userId: other.id } });
    expect(attempt).toMatchObject({ language: "en", passed: true });
  });

  it("does not show another member's attempt", async () => {
    const other = await createUser({});
    const response = (await submit(other.id, allRight)) as Response;
    const location = response.headers.get("Location")!.replace("#result", "");
    const page = await load(member.id, `http://localhost${location}`);
    expect(page.result).toBeNull();
  });
});

describe("lessons for guests", () => {
  it("the catalogue lists every lesson with no progress and no sizes for saving", async () => {
    const catalogue = await catalogueLoader({ request: await requestAs(null, "http://localhost/lessons"), params: {}, context: {} });
    expect(catalogue.signIn).toBe("/login?redirectTo=%2Flessons");
    expect(catalogue.topics[0].lessons.map((l) => [l.slug, l.done, l.bytes])).toEqual([
      ["demo-basics", null, 0],
      ["demo-vi-only", null, 0],
    ]);
    expect(catalogue.topics[0].done).toBe(0);
  });

  it("the leaflet opens for a guest, with the QR code of the public lesson address and the sources", async () => {
    const data = await (
      await leafletLoader({ request: await requestAs(null, "http://localhost/lessons/demo-basics/leaflet"), params: { slug: "demo-basics" }, context: {} })
    ).json();
    expect(data.url).toBe("http://localhost/lessons/demo-basics");
    expect(data.qr).toContain("<svg");
    expect(data.sources).toHaveLength(1);
  });
});

describe("lesson pictures", () => {
  it("serves a referenced picture with caching headers and refuses anything else", async () => {
    const ok = await mediaLoader({ request: new Request("http://localhost/x"), params: { slug: "demo-basics", file: "pic.svg" }, context: {} });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(ok.headers.get("Cache-Control")).toContain("max-age");
    for (const file of ["vi.mdx", "../demo-vi-only/pic.svg", "missing.svg"]) {
      const response = await thrown(mediaLoader({ request: new Request("http://localhost/x"), params: { slug: "demo-basics", file }, context: {} }));
      expect(response.status).toBe(404);
    }
  });
});
