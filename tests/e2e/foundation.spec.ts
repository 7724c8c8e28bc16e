import { DEMO, expect, login, loginAs, screenshot, test } from "./fixtures";

const homes = [
  { phone: DEMO.admin, role: "admin", label: "Quản trị", scope: "Tỉnh Quảng Nam" },
  { phone: DEMO.provinceSupervisor, role: "supervisor", label: "Giám sát", scope: "Tỉnh Quảng Nam" },
  { phone: DEMO.communeSupervisor, role: "supervisor", label: "Giám sát", scope: "Xã Đại Thạnh" },
  { phone: DEMO.trainer, role: "trainer", label: "Cán bộ tập huấn", scope: "Xã Đại Thạnh" },
  { phone: DEMO.member, role: "member", label: "Tổ viên", scope: null },
  { phone: DEMO.communeBSupervisor, role: "supervisor", label: "Giám sát", scope: "Xã A Tiêng" },
];

for (const home of homes) {
  test(`${home.phone} signs in and lands on the ${home.role} home`, async ({ page }) => {
    await loginAs(page, home.phone);
    const main = page.locator("main");
    await expect(main.getByTestId(`home-${home.role}`)).toBeVisible();
    await expect(main.getByText(home.label, { exact: true })).toBeVisible();
    if (home.scope) {
      await expect(main.getByText(home.scope, { exact: false }).first()).toBeVisible();
    } else {
      await expect(main.getByText("Thôn Phú Phong", { exact: false }).first()).toBeVisible();
    }
    // Nothing wider than the phone: no sideways scrolling of the page.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await screenshot(page, `home-${home.phone}`);
  });
}

test("a commune-B supervisor sees only commune B's villages", async ({ page }) => {
  await loginAs(page, DEMO.communeBSupervisor);
  const main = page.locator("main");
  await expect(main.getByText("Thôn A Tép")).toBeVisible();
  await expect(main.getByText("Thôn Phú Phong")).toHaveCount(0);
});

test("a wrong password is refused with a message in Vietnamese", async ({ page, world }) => {
  // A failed try counts against the phone (five in 15 minutes): a member of this test's own world.
  await login(page, world.member.phone, "sai-mat-khau");
  await expect(page.getByRole("alert")).toHaveText("Số điện thoại hoặc mật khẩu không đúng.");
  await expect(page).toHaveURL(/\/login/);
  await screenshot(page, "login-wrong-password");
});

test("a malformed phone number is explained in Vietnamese", async ({ page }) => {
  await login(page, "12345", "whatever");
  await expect(page.getByText(/Số điện thoại chưa đúng/)).toBeVisible();
});

test("the language switch turns the site into English and remembers it", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
  await expect(page).toHaveTitle("Đăng nhập · Kỹ Năng Số");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // The page's title too comes from the locale files, in the reader's language.
  await expect(page).toHaveTitle("Sign in · Kỹ Năng Số");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await loginAs(page, DEMO.trainer);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("home-trainer")).toHaveCount(0);
});

test("an unknown address shows the 404 page", async ({ page }) => {
  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
});

test("health check reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
});
