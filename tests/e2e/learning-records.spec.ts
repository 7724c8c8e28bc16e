import fs from "node:fs";
import { validateStatement } from "../../app/xapi/validate";
import { LrsStandIn } from "../support/lrs-stand-in";
import { lessonKey } from "./course";
import { DEMO, expect, loginAs, screenshot, test } from "./fixtures";
import { LRS_KEY, LRS_PORT, LRS_SECRET } from "./lrs";
import { answeredQuiz, heldSession, signedSkill } from "./world";

const REFUSAL = "Hoạt động chưa có trong danh mục của nền tảng tỉnh";

async function noSidewaysScroll(page: import("@playwright/test").Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

async function count(page: import("@playwright/test").Page, status: string) {
  const text = await page.getByTestId(`count-${status}`).locator("span").last().textContent();
  return Number((text ?? "").replace(/\D/g, ""));
}

test("an admin queues the province's learning records, sees them sent to the LRS or refused with its answer, and downloads them", async ({ page, world }) => {
  test.setTimeout(90_000);
  // The world's learning, recorded before the LRS was configured (the test process has no LRS_URL):
  // a session for both village teams on two lessons, one of them the LRS will refuse at first;
  // a practical skill signed off there; a quiz failed, then passed, on a third lesson.
  const lessons = ["vneid-intro", (await lessonKey(1)).slug];
  const third = (await lessonKey(2)).slug;
  expect(new Set([...lessons, third]).size).toBe(3);
  const teams = world.commune.villages.map((v) => v.team);
  const sessionId = await heldSession(world, { title: "Hướng dẫn VNeID và dịch vụ công", teams, lessons });
  await signedSkill(world, sessionId, world.member);
  await answeredQuiz(world.member, third, "wrong");
  await answeredQuiz(world.member, third, "right");
  // One statement per fact: each attendance, each lesson completed (in person, and by the quiz), the skill, each attempt.
  const attendees = world.members.length;
  const facts = attendees + attendees * lessons.length + 1 + 1 + 2;
  // The province's LRS: up for this test, refusing statements about one lesson.
  const lrs = await new LrsStandIn({ key: LRS_KEY, secret: LRS_SECRET, port: LRS_PORT }).start();
  lrs.refuseWhere((s) => (JSON.stringify(s).includes("/lessons/vneid-intro") ? `${REFUSAL} (vneid-intro)` : null));
  try {
    await loginAs(page, world.admin.phone);
    await page.getByRole("navigation", { name: "Mục lục" }).getByRole("link", { name: "Quản trị" }).click();
    // On a phone the admin sections fold into one line: open it, then choose.
    await page.getByRole("navigation", { name: "Quản trị" }).locator("summary").click();
    await page.getByRole("navigation", { name: "Quản trị" }).getByRole("link", { name: "Hồ sơ học tập" }).click();
    await expect(page.getByRole("heading", { name: "Hồ sơ học tập (xAPI)", level: 1 })).toBeVisible();
    await expect(page.getByTestId("lrs-status")).toContainText(`http://127.0.0.1:${LRS_PORT}/xapi/statements`);
    await expect(page.getByTestId("lrs-status")).toContainText("Đang gửi tự động");

    // The world's learning was recorded before: queue it, every fact once.
    await page.getByRole("button", { name: "Đưa vào hàng đợi" }).click();
    const done = page.getByTestId("done");
    await expect(done).toContainText(/Đã thêm \d+ bản ghi vào hàng đợi\./);
    const queued = Number((await done.textContent())!.match(/(\d+)/)![1]);
    expect(queued).toBe(facts);

    // The sender works in the background: the page shows where things stand each time it is opened.
    await expect(async () => {
      await page.goto("/admin/xapi");
      expect((await count(page, "sent")) + (await count(page, "failed"))).toBeGreaterThanOrEqual(queued);
      expect(await count(page, "failed")).toBeGreaterThan(0);
    }).toPass({ timeout: 60_000 });
    await noSidewaysScroll(page);
    await screenshot(page, "admin-xapi-queue");

    // The refused ones carry the LRS's answer; the LRS holds the others, each once and valid.
    await page.getByTestId("count-failed").click();
    const rows = page.getByTestId("outbox-row");
    await expect(rows.first()).toHaveAttribute("data-status", "failed");
    await expect(rows.first().getByTestId("lrs-answer")).toContainText(`400: {"error":"${REFUSAL} (vneid-intro)"}`);
    await expect(rows.first()).toContainText("VNeID là gì và vì sao cần dùng"); // which lesson the statement is about
    await noSidewaysScroll(page);
    await screenshot(page, "admin-xapi-refused");
    expect(lrs.stored.size).toBeGreaterThan(0);
    expect([...lrs.delivered.values()].every((n) => n === 1)).toBe(true);
    for (const body of lrs.stored.values()) expect(validateStatement(JSON.parse(body)).valid).toBe(true);

    // The LRS adds the lesson to its catalogue; "send again now" delivers the rest.
    lrs.refuseWhere(null);
    await page.getByRole("button", { name: "Gửi lại ngay" }).click();
    await expect(page.getByTestId("done")).toContainText(/Đã đưa \d+ bản ghi vào lượt gửi tới\./);
    await expect(async () => {
      await page.goto("/admin/xapi?status=failed");
      expect(await count(page, "failed")).toBe(0);
    }).toPass({ timeout: 30_000 });

    // The file for a period: one valid statement per line.
    await page.goto("/admin/xapi");
    await page.getByLabel("Đơn vị").selectOption({ label: world.commune.name });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải tệp .jsonl" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ho-so-hoc-tap-\d+-\d{4}\.jsonl$/);
    const lines = fs
      .readFileSync((await download.path())!, "utf8")
      .split("\n")
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(validateStatement(JSON.parse(line)).problems).toEqual([]);
    await screenshot(page, "admin-xapi-export");
  } finally {
    await lrs.stop();
  }
});

test("the learning-record page and file are for admins only", async ({ page }) => {
  await loginAs(page, DEMO.provinceSupervisor);
  expect((await page.goto("/admin/xapi"))!.status()).toBe(403);
  expect((await page.request.get("/admin/xapi/export?period=2026")).status()).toBe(403);
});
