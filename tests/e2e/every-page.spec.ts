// Every page of the site at 360 px, as the person who uses it opens it (issue 16):
// axe finds nothing serious or critical, every tap target is at least 44 × 44 px,
// no visible text in the main content is under 16 px, nothing scrolls sideways.
// Each page is checked as it first shows, then again with every folded part
// (details) opened, so what is one tap away is held to the same rules.
// Pages are read as the demo accounts, on the demo's months of data (prisma/seed-activity.ts),
// which no other spec changes (each writes in a world of its own, world.ts). A visit that has
// to write first (a session, an import) signs in as someone of a world made for that test.
import type { Page } from "@playwright/test";
import { DEMO, expect, loginAs, test, waitForHydration } from "./fixtures";
import { expectPageGuards, seriousAxeViolations, smallTargetsAndText } from "./page-guards";
import { makeWorld, type World } from "./world";

type Who = keyof typeof DEMO | "guest" | ((world: World) => string);
type Visit = { name: string; who: Who; path: (page: Page, world: () => Promise<World>) => Promise<string>; hydrated?: boolean };

const at = (path: string) => async () => path;

/** The address of the first link on a page matching a pattern: ids differ from one database to the next. */
function linkOn(from: string, pattern: RegExp) {
  return async (page: Page) => {
    await page.goto(from);
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const href = hrefs.find((h) => pattern.test(h));
    if (!href) throw new Error(`no link like ${pattern} on ${from}`);
    return href;
  };
}

/** A lesson's address from the catalogue. */
const firstLesson = linkOn("/lessons", /^\/lessons\/[a-z0-9-]+$/);

/** An import of the members template (headers only), made by this test. */
async function anImport(page: Page) {
  await page.goto("/admin/import");
  const template = await page.request.get("/admin/template/members?format=csv");
  await page.getByLabel("Loại danh sách").selectOption("members");
  await page.getByLabel("Tệp (.xlsx hoặc .csv)").setInputFiles({ name: "mau-to-vien.csv", mimeType: "text/csv", buffer: await template.body() });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page).toHaveURL(/\/admin\/import\/\d+/);
  return new URL(page.url()).pathname;
}

/** A session for the world member's village, scheduled by the world's trainer in a browser of their own. */
async function aSessionForTheMember(page: Page, made: () => Promise<World>) {
  const world = await made();
  const village = world.commune.villages[0];
  const context = await page.context().browser()!.newContext();
  const trainer = await context.newPage();
  await loginAs(trainer, world.trainer.phone);
  await trainer.goto("/sessions/new");
  await waitForHydration(trainer);
  await trainer.getByLabel("Tổ chức cho đơn vị").selectOption({ label: `\u00a0\u00a0\u00a0${village.name}` });
  await expect(trainer.locator('input[name="teamIds"]')).toHaveCount(1);
  await trainer.getByLabel("Tên buổi").fill("Buổi kiểm tra giao diện");
  await trainer.getByLabel("Địa điểm").fill(`Nhà văn hóa ${village.name}`);
  await trainer.locator('input[name="teamIds"]').check();
  await trainer.locator('details:has(input[name="lessonSlugs"]) summary').first().click();
  await trainer.locator('input[name="lessonSlugs"]').first().check();
  await trainer.getByRole("button", { name: "Lên lịch", exact: true }).click();
  await expect(trainer).toHaveURL(/\/sessions\/\d+$/);
  const path = new URL(trainer.url()).pathname;
  await context.close();
  return path;
}

const PAGES: Visit[] = [
  { name: "home (guest)", who: "guest", path: at("/") },
  { name: "sign-in", who: "guest", path: at("/login") },
  { name: "catalogue (guest)", who: "guest", path: at("/lessons") },
  { name: "lesson (guest)", who: "guest", path: firstLesson },
  { name: "leaflet", who: "guest", path: async (page) => `${await firstLesson(page)}/leaflet` },
  { name: "offline page", who: "guest", path: at("/offline") },
  { name: "page not found", who: "guest", path: at("/khong-co-trang-nay") },
  { name: "member home", who: "member", path: at("/") },
  { name: "catalogue (member)", who: "member", path: at("/lessons") },
  { name: "lesson with quiz (member)", who: "member", path: firstLesson },
  { name: "session list (member)", who: "member", path: at("/sessions") },
  { name: "past sessions (member)", who: "member", path: at("/sessions?when=past") },
  { name: "session (member)", who: (world) => world.member.phone, path: aSessionForTheMember },
  { name: "results (member)", who: "member", path: at("/results") },
  { name: "certificates (member)", who: "member", path: at("/certificates") },
  { name: "guidance events (member)", who: "member", path: at("/events") },
  { name: "team tasks (member)", who: "member", path: at("/tasks") },
  { name: "team tasks (supervisor)", who: "communeSupervisor", path: at("/tasks") },
  { name: "new task", who: "communeSupervisor", path: at("/tasks/new") },
  { name: "targets", who: "communeSupervisor", path: at("/reports/targets") },
  { name: "inactive teams", who: "communeSupervisor", path: at("/reports/inactive") },
  { name: "inactive teams (trainer)", who: "trainer", path: at("/reports/inactive") },
  { name: "certificate check (guest)", who: "guest", path: at("/verify") },
  { name: "trainer home", who: "trainer", path: at("/") },
  { name: "session list (trainer)", who: "trainer", path: at("/sessions") },
  { name: "new session", who: "trainer", path: at("/sessions/new"), hydrated: true },
  { name: "session with attendance (trainer)", who: "trainer", path: linkOn("/sessions?when=past", /^\/sessions\/\d+$/), hydrated: true },
  { name: "edit session", who: "trainer", path: async (page) => `${await linkOn("/sessions?when=past", /^\/sessions\/\d+$/)(page)}/edit`, hydrated: true },
  { name: "attendance sheet", who: "trainer", path: async (page) => `${await linkOn("/sessions?when=past", /^\/sessions\/\d+$/)(page)}/sheet` },
  { name: "supervisor home", who: "communeSupervisor", path: at("/") },
  { name: "report dashboard (commune)", who: "communeSupervisor", path: at("/reports") },
  { name: "report dashboard (province)", who: "provinceSupervisor", path: at("/reports") },
  { name: "team drill-down", who: "communeSupervisor", path: linkOn("/reports", /^\/reports\/team\/\d+/) },
  {
    name: "member drill-down",
    who: "communeSupervisor",
    path: async (page) => linkOn(await linkOn("/reports", /^\/reports\/team\/\d+/)(page), /^\/reports\/member\/\d+$/)(page),
  },
  { name: "periodic report", who: "communeSupervisor", path: at("/reports/periodic"), hydrated: true },
  { name: "OCOP products", who: "communeSupervisor", path: at("/reports/ocop"), hydrated: true },
  { name: "questions to re-teach", who: "communeSupervisor", path: at("/reports/questions") },
  { name: "admin overview", who: "admin", path: at("/admin"), hydrated: true },
  { name: "admin units", who: "admin", path: at("/admin/units"), hydrated: true },
  { name: "admin unit", who: "admin", path: linkOn("/admin/units", /^\/admin\/units\/\d+$/), hydrated: true },
  {
    name: "admin team",
    who: "admin",
    path: async (page) => linkOn(await linkOn("/admin/units", /^\/admin\/units\/\d+$/)(page), /^\/admin\/teams\/\d+$/)(page),
    hydrated: true,
  },
  { name: "admin members", who: "admin", path: at("/admin/members"), hydrated: true },
  { name: "admin member", who: "admin", path: linkOn("/admin/members", /^\/admin\/members\/\d+$/), hydrated: true },
  { name: "admin import", who: "admin", path: at("/admin/import"), hydrated: true },
  { name: "admin import check", who: (world) => world.admin.phone, path: anImport, hydrated: true },
  { name: "admin audit log", who: "admin", path: at("/admin/audit"), hydrated: true },
  { name: "admin learning records (xAPI)", who: "admin", path: at("/admin/xapi"), hydrated: true },
];

for (const visit of PAGES) {
  test(`${visit.name} at 360 px: axe, tap targets, text size`, async ({ page }) => {
    let world: Promise<World> | undefined;
    const made = () => (world ??= makeWorld());
    if (typeof visit.who === "function") await loginAs(page, visit.who(await made()));
    else if (visit.who !== "guest") await loginAs(page, DEMO[visit.who]);
    const path = await visit.path(page, made);
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    if (visit.hydrated) await waitForHydration(page);
    expect(page.viewportSize()?.width).toBe(360);
    await expectPageGuards(page, `${visit.name} (${path})`);
    // What is one tap away, opened.
    const folded = await page.locator("details:not([open])").count();
    if (folded) {
      await page.locator("details:not([open])").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await expectPageGuards(page, `${visit.name} (${path}), every details opened`);
    }
  });
}

test("the guards themselves catch a small tap target, small text and a scroller a keyboard cannot reach", async ({ page }) => {
  await page.goto("/offline");
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    main.insertAdjacentHTML(
      "beforeend",
      `<p><a href="/" style="display:inline-block;height:24px;width:24px">x</a></p><p style="font-size:14px">nhỏ</p><div style="overflow-x:auto;width:200px"><div style="width:900px">rộng</div></div>`,
    );
  });
  const sizes = await smallTargetsAndText(page);
  expect(sizes.some((p) => p.startsWith("tap target 24×24"))).toBe(true);
  expect(sizes.some((p) => p.startsWith("text 14.0 px"))).toBe(true);
  expect((await seriousAxeViolations(page)).some((v) => v.includes("scrollable-region-focusable"))).toBe(true);
});

test("a lesson's pictures keep their size before they arrive, and its headings go down one level at a time", async ({ page }) => {
  // The pictures are still on their way (held back): their boxes must already have their size.
  await page.route("**/media/**", () => undefined);
  const lesson = await firstLesson(page);
  await page.goto(lesson);
  const boxes = await page
    .locator(".lesson-figure img")
    .evaluateAll((imgs) =>
      imgs.map((img) => ({ height: img.getBoundingClientRect().height, width: img.getBoundingClientRect().width, attr: Number(img.getAttribute("height")) })),
    );
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) expect(box.height).toBeGreaterThan(Math.min(box.attr, 200) * 0.8);
  const levels = await page.locator("main h1, main h2, main h3, main h4").evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  expect(levels[0]).toBe(1);
  for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
});
