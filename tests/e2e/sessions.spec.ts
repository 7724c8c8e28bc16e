import { lessonKey } from "./course";
import type { Page } from "@playwright/test";
import { expect, loginAs, screenshot, test, waitForHydration } from "./fixtures";
import { heldSession } from "./world";

/** Starts the session now (Vietnam time): attendance opens only 3 hours before a session starts. */
async function startingNow(page: Page) {
  const local = new Date(Date.now() + 7 * 3600_000).toISOString();
  await page.getByLabel("Ngày", { exact: true }).fill(local.slice(0, 10));
  await page.getByLabel("Giờ bắt đầu").fill(local.slice(11, 16));
}

test("a trainer schedules a session, takes attendance, records in-person completion; the member sees it", async ({ browser, world }) => {
  const key = await lessonKey(1);
  const village = world.commune.villages[0];
  const trainerContext = await browser.newContext();
  const trainer = await trainerContext.newPage();
  await loginAs(trainer, world.trainer.phone);
  await trainer.goto("/sessions/new");
  await waitForHydration(trainer);

  // Bad input first: nothing chosen, no title.
  await trainer.getByLabel("Tên buổi").fill("");
  // No team is ticked for the trainer (issue 16): inviting is a choice.
  await expect(trainer.locator('input[name="teamIds"]:checked')).toHaveCount(0);
  await trainer.getByRole("button", { name: "Lên lịch", exact: true }).click();
  await expect(trainer.getByText("Hãy nhập tên buổi tập huấn.")).toBeVisible();
  await expect(trainer.getByText("Hãy mời ít nhất một tổ.")).toBeVisible();

  // The member's village.
  await trainer.getByLabel("Tổ chức cho đơn vị").selectOption({ label: `\u00a0\u00a0\u00a0${village.name}` });
  await expect(trainer.locator('input[name="teamIds"]')).toHaveCount(1);
  await trainer.getByLabel("Tên buổi").fill("Hướng dẫn VNeID cho tổ Phú Phong");
  await trainer.getByLabel("Địa điểm").fill("Nhà văn hóa thôn Phú Phong");
  await startingNow(trainer);
  await trainer.locator('input[name="teamIds"]').check();
  await trainer.locator("summary", { hasText: "VNeID" }).click();
  await trainer.locator(`input[name="lessonSlugs"][value="${key.slug}"]`).check();
  await screenshot(trainer, "session-new");
  await trainer.getByRole("button", { name: "Lên lịch", exact: true }).click();
  await expect(trainer).toHaveURL(/\/sessions\/\d+$/);
  await expect(trainer.getByRole("heading", { level: 1 })).toHaveText("Hướng dẫn VNeID cho tổ Phú Phong");
  await expect(trainer.locator("#zalo-text")).toHaveValue(/Nhà văn hóa thôn Phú Phong/);
  await waitForHydration(trainer);

  // Everyone present, then one exception.
  const roster = trainer.locator("[data-member]");
  await expect(roster).toHaveCount(village.members.length);
  await trainer.getByRole("button", { name: "✓ Tất cả có mặt" }).click();
  // Someone other than the member who signs in below is absent.
  const absent = roster.filter({ hasNotText: world.member.name }).first();
  await absent.getByRole("button", { name: "Vắng", exact: true }).click();
  await expect(trainer.getByTestId("attendance-summary")).toHaveText("5 có mặt · 0 muộn · 1 vắng · 0 có phép · 0 chưa điểm danh");
  await expect(trainer.getByTestId("attendance-sync")).toHaveText("Đã lưu tất cả.");
  await screenshot(trainer, "session-attendance");

  // Marks survive a reload: they were saved.
  await trainer.reload();
  await expect(trainer.locator(`[data-status="present"]`)).toHaveCount(5);

  await trainer.getByRole("button", { name: "Ghi nhận hoàn thành cho người có mặt" }).click();
  await expect(trainer.getByText("Đã ghi nhận 5 lượt hoàn thành bài học.")).toBeVisible();
  await expect(trainer.getByTestId("in-person-count")).toHaveText("5 lượt hoàn thành đã ghi nhận tại buổi này.");

  // The member sees the lesson completed, marked as learnt at a session.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await loginAs(member, world.member.phone);
  await expect(member.getByTestId("home-sessions")).toContainText("Hướng dẫn VNeID cho tổ Phú Phong");
  await member.goto("/sessions");
  await expect(member.getByText("Hướng dẫn VNeID cho tổ Phú Phong")).toBeVisible();
  await member.goto(`/lessons/${key.slug}`);
  await expect(member.getByTestId("lesson-completed")).toContainText("Đã học tại buổi tập huấn");
  await trainerContext.close();
  await memberContext.close();
});

test("attendance marks tapped while offline are kept and sent when the connection returns", async ({ page, context, world }) => {
  await loginAs(page, world.trainer.phone);
  await page.goto("/sessions/new");
  await waitForHydration(page);
  await page.getByLabel("Tổ chức cho đơn vị").selectOption({ label: `\u00a0\u00a0\u00a0${world.commune.villages[1].name}` });
  await expect(page.locator('input[name="teamIds"]')).toHaveCount(1);
  await page.getByLabel("Tên buổi").fill("Thanh toán bằng mã QR");
  await page.getByLabel("Địa điểm").fill("Hội trường thôn Tích Phú");
  await startingNow(page);
  await page.locator('input[name="teamIds"]').check();
  await page.locator("summary", { hasText: "Thanh toán" }).click();
  await page.locator('input[name="topics"][value="cashless"]').check();
  await page.getByRole("button", { name: "Lên lịch", exact: true }).click();
  await expect(page).toHaveURL(/\/sessions\/\d+$/);
  await waitForHydration(page);

  await context.setOffline(true);
  const rows = page.locator("[data-member]");
  await rows.nth(0).getByRole("button", { name: "Có mặt", exact: true }).click();
  // Late sits under "⋯" (more): the line itself has present and absent.
  await rows.nth(1).getByRole("group").first().waitFor();
  await rows.nth(1).locator("summary").click();
  await rows.nth(1).getByRole("button", { name: "Đến muộn", exact: true }).click();
  await expect(page.getByTestId("attendance-sync")).toContainText("chưa lưu");
  await context.setOffline(false);
  await expect(page.getByTestId("attendance-sync")).toHaveText("Đã lưu tất cả.", { timeout: 15_000 });
  await page.reload();
  await expect(page.locator('[data-status="present"]')).toHaveCount(1);
  await expect(page.locator('[data-status="late"]')).toHaveCount(1);
});

test("a supervisor of another commune cannot open the session", async ({ browser, makeWorld }) => {
  const world = await makeWorld({ communes: 2 });
  await heldSession(world, { title: "Hướng dẫn VNeID", teams: [world.commune.villages[0].team], lessons: [(await lessonKey(0)).slug] });
  // The session of commune A, found as its trainer sees it (no fixed id).
  const trainer = await (await browser.newContext()).newPage();
  await loginAs(trainer, world.trainer.phone);
  await trainer.goto("/sessions?when=past");
  const hrefs = await trainer.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const session = hrefs.find((h) => /^\/sessions\/\d+$/.test(h));
  expect(session).toBeTruthy();
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, world.otherCommuneSupervisor!.phone);
  const response = await page.goto(session!);
  expect(response?.status()).toBe(404);
});

test("attendance for a whole commune (about 40 people) fits in about five screens, and a past session offers no cancelling", async ({ page, makeWorld }) => {
  // A commune of five villages of eight members (and the commune team's own), with a session held before.
  const world = await makeWorld({ villages: 5, members: 8 });
  await heldSession(world, { title: "Hướng dẫn VNeID", teams: [world.commune.villages[0].team], lessons: [(await lessonKey(0)).slug] });
  await loginAs(page, world.trainer.phone);
  await page.goto("/sessions/new");
  await waitForHydration(page);
  // The trainer's own commune, every team in it invited.
  await page.getByLabel("Tên buổi").fill("Họp toàn xã về VNeID");
  await page.getByLabel("Địa điểm").fill("Hội trường UBND xã");
  await startingNow(page);
  await page.locator('input[name="teamIds"]').evaluateAll((boxes) => boxes.forEach((b) => (b as HTMLInputElement).click()));
  await page.locator("summary", { hasText: "VNeID" }).click();
  await page.locator('input[name="topics"][value="vneid"]').check();
  await page.getByRole("button", { name: "Lên lịch", exact: true }).click();
  await expect(page).toHaveURL(/\/sessions\/\d+$/);
  await waitForHydration(page);
  const rows = page.locator("[data-member]");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(30);
  await page.getByRole("button", { name: "✓ Tất cả có mặt" }).click();
  await expect(page.getByTestId("attendance-sync")).toHaveText("Đã lưu tất cả.");
  // One screen's worth of scrolling (800 px) per ten names at most...
  const roster = await page.getByTestId("roster").evaluate((ul) => ul.getBoundingClientRect().height);
  expect((roster / count) * 10).toBeLessThanOrEqual(800);
  // ...and the whole page, scaled to 40 people, in about five screens.
  const page40 = (await page.evaluate(() => document.documentElement.scrollHeight)) + (roster / count) * (40 - count);
  await screenshot(page, "session-attendance-40");
  expect(page40 / 800).toBeLessThanOrEqual(5.5);
  // Attendance taken: the session was held, and is not offered for cancelling.
  await expect(page.getByRole("button", { name: "Hủy buổi này" })).toHaveCount(0);
  // Nor is a session whose time is over.
  await page.goto("/sessions?when=past");
  await page.locator("a[data-session]").first().click();
  await expect(page.getByRole("heading", { name: "Điểm danh" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Hủy buổi này" })).toHaveCount(0);
});
