import { DEMO, expect, loginAs, test, waitForHydration } from "./fixtures";

/** Collects what the browser refused under the page's Content-Security-Policy. */
function watchCsp(page: import("@playwright/test").Page) {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

test("the plain lesson pages and the React pages both run under the CSP, and every response carries the headers", async ({ page }) => {
  const refused = watchCsp(page);
  const login = await page.goto("/login");
  const headers = login!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // A page React hydrates (the new-session form): its scripts carry the nonce.
  await loginAs(page, DEMO.trainer);
  await page.goto("/sessions/new");
  await waitForHydration(page);
  await page.goto("/lessons");
  const lessonLink = page.locator("[data-lesson-item] a").first();
  await lessonLink.click();
  await expect(page.locator("[data-lesson-body]")).toBeVisible();
  // The lesson script ran (it shows the read-aloud button when speech exists, and registers the worker).
  await page.waitForFunction(() => navigator.serviceWorker?.getRegistration().then((r) => Boolean(r)));
  const css = await page.request.get("/favicon.ico");
  expect(css.headers()["x-content-type-options"]).toBe("nosniff");
  expect(refused).toEqual([]);
});

test("a form posted from another origin of the same site is refused with a message, and nothing changes", async ({ page, baseURL }) => {
  const other = baseURL!.replace(/:(\d+)$/, (_, port) => `:${Number(port) + 1}`);
  const response = await page.request.post("/language", {
    headers: { Origin: other, "Content-Type": "application/x-www-form-urlencoded" },
    data: "language=en&redirectTo=%2F",
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("không đến từ trang Kỹ Năng Số");
  const sameSite = await page.request.post("/login", {
    headers: { "Sec-Fetch-Site": "same-site", "Content-Type": "application/x-www-form-urlencoded" },
    data: `phone=${DEMO.member}&password=demo1234`,
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(403);
  expect(sameSite.headers()["set-cookie"] ?? "").not.toContain("kns_session=");
});
