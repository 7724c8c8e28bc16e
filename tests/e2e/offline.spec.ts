import { answerShown, firstLessonKey } from "./course";
import { expect, loginAs, screenshot, test } from "./fixtures";

test("a member saves a topic, takes a lesson's quiz offline, and sees it completed once back online", async ({ page, context, browser, world }) => {
  test.setTimeout(90_000);
  const key = await firstLessonKey();
  const village = world.commune.villages[0];
  await loginAs(page, world.member.phone);

  // Home: progress per topic and the next lesson one tap away.
  await expect(page.getByTestId("my-progress")).toBeVisible();
  await expect(page.getByTestId("home-next-lesson")).toHaveAttribute("href", `/lessons/${key.slug}`);

  await page.goto("/lessons");
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const topic = page.locator("[data-topic]").filter({ has: page.locator(`[data-lesson-item="${key.slug}"]`) });
  const otherTopic = page
    .locator("[data-topic]")
    .filter({ hasNot: page.locator(`[data-lesson-item="${key.slug}"]`) })
    .first();
  const unsaved = await otherTopic.locator("[data-lesson-item]").first().getAttribute("data-lesson-item");
  const save = topic.locator("[data-save]");
  // The size is shown before saving.
  await expect(save).toHaveText(/Lưu chủ đề này \(\d+([,.]\d)? (KB|MB)\)/);
  // The size announced is what saving downloads, the shared style and script included on a fresh phone.
  await expect(save).toHaveAttribute("data-download-bytes", /^\d+$/);
  const announced = Number(await save.getAttribute("data-download-bytes"));
  await save.click();
  await expect(topic.locator("[data-save-status]")).toContainText("Đã lưu", { timeout: 30_000 });
  const stored = await page.evaluate(async () => {
    const cache = await caches.open("kns-lessons");
    let bytes = 0;
    for (const request of await cache.keys()) bytes += (await (await cache.match(request))!.arrayBuffer()).byteLength;
    return bytes;
  });
  // Pages differ a little from the one measured (each asks its own draw of questions).
  expect(Math.abs(stored - announced) / stored).toBeLessThan(0.1);
  await topic.screenshot({ path: "tests/.tmp/screens/offline-saved-topic.png" });

  await context.setOffline(true);

  // A lesson that was not saved: the offline page, listing what was saved.
  await page.goto(`/lessons/${unsaved}`);
  await expect(page.getByTestId("offline-page")).toBeVisible();
  // Listed in course order: the first lesson first.
  await expect(page.locator("[data-saved-list] a").first()).toHaveText(key.title);
  await screenshot(page, "offline-page");

  // The saved lesson opens, with its pictures.
  await page.locator("[data-saved-list] a").filter({ hasText: key.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: key.title })).toBeVisible();
  const pictures = page.locator("[data-lesson-body] img");
  expect(await pictures.count()).toBeGreaterThan(0);
  for (const img of await pictures.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  }

  // Answer the quiz offline: kept on the phone, to be graded later.
  await answerShown(page, key, "right");
  const queued = page.getByTestId("queued-attempt");
  await expect(queued).toHaveAttribute("data-status", "pending");
  await expect(queued).toContainText("sẽ được chấm khi điện thoại có mạng");
  await page.locator("#quiz").screenshot({ path: "tests/.tmp/screens/offline-queued.png" });

  // Back online: the attempt is sent, graded, and the lesson completed.
  await context.setOffline(false);
  await expect(queued).toHaveAttribute("data-status", "synced", { timeout: 15_000 });
  await expect(queued).toContainText("Bài học đã hoàn thành");
  await queued.screenshot({ path: "tests/.tmp/screens/offline-synced.png" });

  await page.goto("/lessons");
  await expect(page.locator(`[data-lesson-item="${key.slug}"]`)).toHaveAttribute("data-done", "true");
  await page.goto(`/lessons/${key.slug}`);
  await expect(page.getByTestId("lesson-completed")).toBeVisible();

  await page.goto("/");
  const status = page.getByTestId("offline-status");
  await expect(status.locator(`[data-status="synced"]`).first()).toContainText(key.title);
  await expect(status.getByTestId("sync-counts")).toContainText("Chờ gửi: 0");
  await expect(page.locator(`[data-topic-progress]`).first()).toHaveAttribute("data-done", "1");
  await screenshot(page, "offline-home");

  // The supervisor's view reflects it: the member's record in the reports.
  const name = (await page.locator("h1").innerText()).replace(/^Xin chào,\s*/, "");
  const supervisor = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const sp = await supervisor.newPage();
  await loginAs(sp, world.communeSupervisor.phone);
  await sp.goto("/reports");
  await sp.getByTestId("children-table").getByRole("link", { name: village.name }).click();
  await sp.getByRole("link", { name: village.team.name }).click();
  await sp.getByRole("link", { name: new RegExp(name) }).click();
  await expect(sp.getByTestId("report-member")).toHaveText(name);
  await expect(sp.getByText(key.title)).toBeVisible();
  await expect(sp.getByText("Tự học, đạt bài kiểm tra").first()).toBeVisible();
  await supervisor.close();
});
