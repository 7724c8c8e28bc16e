// Leaflets and lessons as a resident meets them: signed out, from a printed
// sheet. Every lesson's leaflet is printed to an A4 PDF and its pages counted
// (at most two; the count on one page is printed), with body text of 11 pt or
// more and a QR code of the public lesson address. Needs no account and no
// data of its own: lessons and leaflets are open to anyone.
import type { Page } from "@playwright/test";
import { loadCourse, type Course } from "../../app/content/course.server";
import { qrSvg } from "../../app/utils/origin.server";
import { expect, screenshot, test } from "./fixtures";
import { missingFromPdf, readPdf } from "./pdf";

const LANGUAGES = ["vi", "en"] as const;
/** 11 pt in CSS pixels (96 per inch, 72 points per inch). */
const MIN_BODY_PX = (11 * 96) / 72;

let course: Course;
test.beforeAll(async () => {
  process.env.CONTENT_CACHE_DIR ??= "tests/.tmp/content-cache-e2e";
  course = await loadCourse();
});

/** The number of pages in a PDF: its page objects ("/Type /Page", not "/Pages"). */

/** The dark modules of a QR code (SVG markup), as the path the qrcode package draws. */
function modules(svg: string) {
  return /<path stroke="[^"]*" d="([^"]+)"/.exec(svg)?.[1] ?? "";
}

/** The smallest font size of the leaflet's body text as printed (hidden parts aside). */
function smallestBodyText(page: Page) {
  return page.evaluate(() => {
    const sizes = [...document.querySelectorAll<HTMLElement>(".leaflet-body p, .leaflet-body li, .leaflet-body h3, .leaflet-body .lesson-step-title")]
      .filter((el) => el.offsetParent !== null && el.textContent!.trim() !== "")
      .map((el) => parseFloat(getComputedStyle(el).fontSize));
    return Math.min(...sizes);
  });
}

for (const language of LANGUAGES) {
  test(`every lesson's leaflet prints on at most two A4 pages, at 11 pt, with the lesson's QR code (${language})`, async ({ page, baseURL }) => {
    test.setTimeout(300_000);
    const origin = new URL(process.env.PUBLIC_URL || baseURL!).origin;
    const pages = new Map<string, number>();
    for (const lesson of course.lessons) {
      const text = lesson.text[language] ?? lesson.text.vi;
      await page.emulateMedia({ media: "screen" });
      await page.goto(`/lessons/${lesson.slug}/leaflet?lng=${language}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.title);
      // The QR code is the public address of the lesson, the one printed under it.
      const url = `${origin}/lessons/${lesson.slug}`;
      await expect(page.getByTestId("leaflet-url")).toHaveText(url);
      expect(await page.locator(".leaflet-qr path[stroke]").getAttribute("d"), `${lesson.slug}: QR code`).toBe(modules(await qrSvg(url)));

      await page.emulateMedia({ media: "print" });
      expect(await smallestBodyText(page), `${lesson.slug}: body text size`).toBeGreaterThanOrEqual(MIN_BODY_PX - 0.01);
      const printed = await readPdf(await page.pdf({ format: "A4", printBackground: true }));
      const count = printed.pages;
      expect.soft(missingFromPdf(printed.text, [text.title, url]), `${lesson.slug}: printed words`).toEqual([]);
      pages.set(lesson.slug, count);
      expect.soft(count, `${lesson.slug}: pages`).toBeGreaterThanOrEqual(1);
      expect.soft(count, `${lesson.slug}: pages`).toBeLessThanOrEqual(2);
    }
    const one = [...pages.values()].filter((n) => n === 1).length;
    const longer = [...pages].filter(([, n]) => n > 1).map(([slug, n]) => `${slug} (${n})`);
    console.log(`Leaflets (${language}): ${one} of ${pages.size} print on one A4 page${longer.length ? `; more: ${longer.join(", ")}` : ""}.`);
    expect(pages.size).toBe(course.lessons.length);
  });
}

test("a signed-out browser opens the lesson from a leaflet's address: the lesson and its sources, no quiz form, no one's data", async ({ page }) => {
  const lesson = course.lessons[0];
  await page.goto(`/lessons/${lesson.slug}/leaflet`);
  const address = await page.getByTestId("leaflet-url").innerText();

  await page.goto(address);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.text.vi.title);
  await expect(page.locator(".lesson-steps")).toBeVisible();
  if (lesson.sources.length) await expect(page.getByTestId("lesson-sources").locator("li")).toHaveCount(lesson.sources.length);
  const note = page.getByTestId("guest-quiz");
  await expect(note).toBeVisible();
  await expect(page.locator("form[data-quiz-form]")).toHaveCount(0);
  await expect(page.locator("input[type=radio]")).toHaveCount(0);
  await expect(page.getByTestId("lesson-completed")).toBeHidden();
  await expect(page.locator("body")).not.toHaveAttribute("data-user", /.*/);
  await expect(page.getByRole("button", { name: /Đăng xuất|Sign out/ })).toHaveCount(0);
  await screenshot(page, "guest-lesson");

  // The catalogue: every lesson, no progress, nothing to save for offline.
  await page.goto("/lessons");
  await expect(page.getByTestId("guest-catalogue")).toBeVisible();
  await expect(page.locator("[data-lesson-item]")).toHaveCount(course.lessons.length);
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await expect(page.locator("[data-save]")).toHaveCount(0);
  await screenshot(page, "guest-catalogue");

  // Signing in starts from the note and comes back to the lesson.
  await page.goto(address);
  await note.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=%2Flessons%2F${lesson.slug}$`));
  await expect(page.locator('main input[name="redirectTo"]')).toHaveValue(`/lessons/${lesson.slug}`);
});
