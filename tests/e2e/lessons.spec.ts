import type { Page } from "@playwright/test";
import { answerShown, firstLessonKey } from "./course";
import { expect, loginAs, screenshot, test } from "./fixtures";
import { missingFromPdf, readPdf } from "./pdf";

type Key = Awaited<ReturnType<typeof firstLessonKey>>;

const answer = (page: Page, key: Key, which: "right" | "wrong") => answerShown(page, key, which);

async function failThenPass(page: Page, phone: string, shot: string) {
  // Two quizzes and four full-page screenshots: slow on a busy machine.
  test.setTimeout(60_000);
  const key = await firstLessonKey();
  await loginAs(page, phone);
  await page.goto("/lessons");
  await expect(page.locator(`[data-lesson-item="${key.slug}"]`)).toHaveAttribute("data-done", "false");
  await page.getByTestId("continue").click();
  await expect(page.getByRole("heading", { level: 1, name: key.title })).toBeVisible();
  await expect(page.locator(".lesson-steps")).toBeVisible();
  await screenshot(page, `${shot}-lesson`);

  // Fail: every answer wrong, each explained.
  const asked = await answer(page, key, "wrong");
  await expect(page.getByTestId("quiz-verdict")).toContainText("Chưa đạt");
  for (const id of asked) await expect(page.getByTestId(`result-${id}`)).toHaveAttribute("data-correct", "false");
  await expect(page.getByTestId(`result-${asked[0]}`).locator("p").nth(2)).not.toBeEmpty();
  await expect(page.getByTestId("lesson-completed")).toBeHidden();
  await screenshot(page, `${shot}-failed`);

  // Pass on the retry.
  await page.getByRole("link", { name: "Làm lại bài kiểm tra" }).click();
  await answer(page, key, "right");
  await expect(page.getByTestId("quiz-verdict")).toContainText("Chúc mừng");
  await expect(page.getByTestId("lesson-completed")).toBeVisible();

  await page.goto("/lessons");
  await expect(page.locator(`[data-lesson-item="${key.slug}"]`)).toHaveAttribute("data-done", "true");
  await screenshot(page, `${shot}-catalogue`);
}

test("a member opens a lesson, fails the quiz, sees why, passes it and sees it completed", async ({ page, world }) => {
  await failThenPass(page, world.member.phone, "lesson-js");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same, with JavaScript disabled", async ({ page, world }) => {
    await failThenPass(page, world.member.phone, "lesson-nojs");
  });
});

test("the lesson page ships no framework JavaScript", async ({ page, world }) => {
  const key = await firstLessonKey();
  await loginAs(page, world.member.phone);
  // Let the home page finish loading, so only the lesson's scripts are counted.
  await page.waitForLoadState("networkidle");
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(`/lessons/${key.slug}`);
  await page.waitForLoadState("networkidle");
  expect(scripts).toEqual(["/lesson.js"]);
});

test("the leaflet prints on at most two A4 pages with a QR code", async ({ page, world }) => {
  const key = await firstLessonKey();
  await loginAs(page, world.member.phone);
  await page.goto(`/lessons/${key.slug}/leaflet`);
  await expect(page.locator(".leaflet-qr svg")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: key.title })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header.site-header")).toBeHidden();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const printed = await readPdf(pdf);
  expect(printed.pages).toBeGreaterThanOrEqual(1);
  expect(printed.pages).toBeLessThanOrEqual(2);
  // The paper carries the lesson's title and the address its QR code leads to.
  expect(missingFromPdf(printed.text, [key.title, await page.getByTestId("leaflet-url").innerText()])).toEqual([]);
  await screenshot(page, "leaflet-print");
});
