// Two attempts at one lesson ask different questions in different orders, and
// both are graded right: online on the server, and offline on the saved page's
// own draw once the phone is back online (issue 14).
import type { Page } from "@playwright/test";
import { answerShown, lessonKey } from "./course";
import { attemptsOf, lastAttemptOf } from "./db";
import { expect, loginAs, screenshot, test } from "./fixtures";

/** What the page asks: each question's id with its choices' ids in the order shown, and the draw's seed. */
async function shownSheet(page: Page) {
  const form = page.locator("[data-quiz-form]");
  const order = await form.locator("fieldset").evaluateAll((sets) =>
    sets.map((set) => {
      const radios = [...set.querySelectorAll<HTMLInputElement>("input[type=radio]")];
      return `${radios[0].name}:${radios.map((r) => r.value).join("")}`;
    }),
  );
  return { order, questions: order.map((o) => o.split(":")[0]), draw: await form.locator('input[name="draw"]').inputValue() };
}

test("two attempts at a lesson ask different questions in different orders, graded right online and offline", async ({ page, context, world }) => {
  test.setTimeout(90_000);
  const phone = world.member.phone;
  const key = await lessonKey(4);
  // A member of this test's own world: none of their attempts was made elsewhere.
  expect(attemptsOf(phone, key.slug)).toHaveLength(0);
  await loginAs(page, phone);

  // Saved for offline use first (the copy is refreshed whenever the lesson is opened online).
  await page.goto("/lessons");
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const topic = page.locator("[data-topic]").filter({ has: page.locator(`[data-lesson-item="${key.slug}"]`) });
  await topic.locator("[data-save]").click();
  await expect(topic.locator("[data-save-status]")).toContainText("Đã lưu", { timeout: 30_000 });

  // Online: five questions of the pool, every one answered wrong, graded on those five.
  await page.goto(`/lessons/${key.slug}`);
  const first = await shownSheet(page);
  expect(first.questions).toHaveLength(5);
  expect(key.questions.length).toBeGreaterThanOrEqual(8);
  await page.locator("[data-quiz-form] fieldset").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: "tests/.tmp/screens/quiz-pool-first.png" });
  await answerShown(page, key, "wrong");
  await expect(page.getByTestId("quiz-verdict")).toContainText("Chưa đạt");
  await expect(page.locator("[data-testid^=result-]")).toHaveCount(5);
  for (const id of first.questions) await expect(page.getByTestId(`result-${id}`)).toHaveAttribute("data-correct", "false");
  expect(lastAttemptOf(phone, key.slug)).toMatchObject({ seed: first.draw, correct: 0, total: 5, passed: 0 });
  expect(JSON.parse(lastAttemptOf(phone, key.slug).questions)).toEqual(first.questions);

  // The retry asks another mix, in another order.
  await page.getByRole("link", { name: "Làm lại bài kiểm tra" }).click();
  const second = await shownSheet(page);
  expect(second.draw).not.toBe(first.draw);
  expect([...second.questions].sort()).not.toEqual([...first.questions].sort());
  expect(second.order).not.toEqual(first.order);

  // Offline, on the saved copy (the page just opened): its own draw, kept and graded once back online.
  await context.setOffline(true);
  await page.goto(`/lessons/${key.slug}`);
  const offline = await shownSheet(page);
  expect(offline.draw).toBe(second.draw);
  await answerShown(page, key, "right");
  const queued = page.getByTestId("queued-attempt");
  await expect(queued).toHaveAttribute("data-status", "pending");
  await context.setOffline(false);
  await expect(queued).toHaveAttribute("data-status", "synced", { timeout: 30_000 });
  await expect(queued).toContainText("100% – Đạt");
  await screenshot(page, "quiz-pool-offline-synced");

  expect(attemptsOf(phone, key.slug)).toHaveLength(2);
  expect(lastAttemptOf(phone, key.slug)).toMatchObject({ seed: second.draw, correct: 5, total: 5, score: 100, passed: 1 });
  expect(JSON.parse(lastAttemptOf(phone, key.slug).questions)).toEqual(second.questions);
});
