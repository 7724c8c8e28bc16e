import fs from "node:fs";
import { validateStatement } from "../../app/xapi/validate";
import { LrsStandIn } from "../support/lrs-stand-in";
import { DEMO, expect, loginAs, screenshot, test } from "./fixtures";
import { LRS_KEY, LRS_PORT, LRS_SECRET } from "./lrs";

const REFUSAL = "Hoạt động chưa có trong danh mục của nền tảng tỉnh";

async function noSidewaysScroll(page: import("@playwright/test").Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

async function count(page: import("@playwright/test").Page, status: string) {
  const text = await page.getByTestId(`count-${status}`).locator("span").last().textContent();
  return Number((text ?? "").replace(/\D/g, ""));
}

test("an admin queues the province's learning records, sees them sent to the LRS or refused with its answer, and downloads them", async ({ page }) => {
  test.setTimeout(90_000);
  // The province's LRS: up for this test, refusing statements about one lesson.
  const lrs = await new LrsStandIn({ key: LRS_KEY, secret: LRS_SECRET, port: LRS_PORT }).start();
  lrs.refuseWhere((s) => (JSON.stringify(s).includes("/lessons/vneid-intro") ? `${REFUSAL} (vneid-intro)` : null));
  try {
    await loginAs(page, DEMO.admin);
    await page.getByRole("navigation", { name: "Mục lục" }).getByRole("link", { name: "Quản trị" }).click();
    await page.getByRole("navigation", { name: "Quản trị" }).getByRole("link", { name: "Hồ sơ học tập" }).click();
    await expect(page.getByRole("heading", { name: "Hồ sơ học tập (xAPI)", level: 1 })).toBeVisible();
    await expect(page.getByTestId("lrs-status")).toContainText(`http://127.0.0.1:${LRS_PORT}/xapi/statements`);
    await expect(page.getByTestId("lrs-status")).toContainText("Đang gửi tự động");

    // The demo's months of learning were recorded before: queue them.
    await page.getByRole("button", { name: "Đưa vào hàng đợi" }).click();
    const done = page.getByTestId("done");
    await expect(done).toContainText(/Đã thêm \d+ bản ghi vào hàng đợi\./);
    const queued = Number((await done.textContent())!.match(/(\d+)/)![1]);
    expect(queued).toBeGreaterThan(100);

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
    await page.getByLabel("Đơn vị").selectOption({ label: "Xã Đại Thạnh" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải tệp .jsonl" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ho-so-hoc-tap-\d+-\d{4}\.jsonl$/);
    const lines = fs.readFileSync((await download.path())!, "utf8").split("\n").filter(Boolean);
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
