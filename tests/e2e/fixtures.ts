import { test as base, expect, type Page } from "@playwright/test";
import { makeWorld, type World, type WorldShape } from "./world";

export const DEMO_PASSWORD = "demo1234";
export const DEMO = {
  admin: "0900000001",
  provinceSupervisor: "0900000002",
  communeSupervisor: "0900000003",
  trainer: "0900000004",
  member: "0900000005",
  communeBSupervisor: "0900000006",
} as const;

export async function login(page: Page, phone: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/Số điện thoại|Phone number/).fill(phone);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
}

export async function loginAs(page: Page, phone: string) {
  await login(page, phone);
  await expect(page).toHaveURL(/\/$/);
}

/** Signs in through another address of the site (a fault proxy in front of it): the pages then come through it. */
export async function loginThrough(page: Page, origin: string, phone: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(`${origin}/`);
}

/** Waits until the service worker controls the page (it claims open pages when it activates; a reload always gets it). */
export async function controlledByServiceWorker(page: Page) {
  const isControlled = () =>
    page
      .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
  if (await isControlled()) return;
  await page.reload();
  expect(await isControlled()).toBe(true);
}

export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `tests/.tmp/screens/${name}.png`, fullPage: true });
}

/**
 * `world`: a small world of this test's own (world.ts), made when a test asks for it;
 * `makeWorld`: more of them, or one of another shape.
 */
export const test = base.extend<{ world: World; makeWorld: (shape?: WorldShape) => Promise<World> }>({
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, use) => use(await makeWorld()),
  // eslint-disable-next-line no-empty-pattern
  makeWorld: async ({}, use) => use(makeWorld),
});
export { expect };
