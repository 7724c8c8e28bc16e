// Targets, guidance events for residents and team tasks (issue 18), at 360 px,
// as the people who use them. Guidance events are recorded on a phone whose
// line fails for real (fault-proxy.ts, as in sheets.spec.ts): each is stored
// once, whatever path it takes. Every page opened is held to the page guards.
import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { eventsOf } from "./db";
import { startFaultProxy, type FaultProxy } from "./fault-proxy";
import { expect, loginAs, screenshot, test, controlledByServiceWorker, loginThrough } from "./fixtures";
import { expectPageGuards } from "./page-guards";

const PORT = Number(process.env.E2E_PORT || 3100);

/** Fills the event form quickly, as on a phone: residents, one skill, VNeID level 2. */
async function fillEvent(page: Page, residents: number, vneid: number) {
  await page.getByLabel("Tại chợ, nơi đông người").check();
  await page.getByLabel("VNeID, định danh điện tử").check();
  await page.getByLabel("Số người dân đến", { exact: true }).fill(String(residents));
  await page.getByLabel("Tài khoản VNeID mức 2", { exact: true }).fill(String(vneid));
  await page.getByLabel("Bưu điện").check();
}

test.describe("guidance events on a failing line", () => {
  let proxy: FaultProxy;
  test.beforeEach(async () => {
    proxy = await startFaultProxy(PORT);
  });
  test.afterEach(async () => {
    await proxy.close();
  });

  test("with the line dead while the phone says it is online, the event is kept on the phone and stored once when it returns", async ({ page, world }) => {
    test.setTimeout(120_000);
    const phone = world.member.phone;
    const before = eventsOf(phone).length;
    await loginThrough(page, proxy.origin, phone);
    await page.goto(`${proxy.origin}/events`);
    await controlledByServiceWorker(page);
    // Opened once under the service worker: the phone keeps this member's copy of the page.
    await page.goto(`${proxy.origin}/events`);
    await expectPageGuards(page, "guidance events (member)");
    await fillEvent(page, 25, 9);
    proxy.setDown(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    await page.getByRole("button", { name: "Lưu buổi hướng dẫn" }).click();
    const kept = page.locator("[data-queued-event]").first();
    await expect(kept).toHaveAttribute("data-status", "pending");
    await screenshot(page, "event-line-dead");
    expect(eventsOf(phone).length).toBe(before);
    // The line comes back; nobody touches the phone.
    proxy.setDown(false);
    await expect(kept).toHaveAttribute("data-status", "synced", { timeout: 90_000 });
    const stored = eventsOf(phone).slice(before);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ residents: 25, lines: 2 });
    // Opening the page again (it syncs what the phone holds) changes nothing.
    await page.goto(`${proxy.origin}/events`);
    await expect(page.getByTestId("team-events").locator(`[data-event="${stored[0].clientId}"]`)).toBeVisible();
    await screenshot(page, "event-synced");
    expect(eventsOf(phone).slice(before)).toHaveLength(1);
  });

  test("an event whose answer is lost twice is stored once", async ({ page, world }) => {
    test.setTimeout(120_000);
    const phone = world.member.phone;
    const before = eventsOf(phone).length;
    await loginThrough(page, proxy.origin, phone);
    await page.goto(`${proxy.origin}/events`);
    await controlledByServiceWorker(page);
    // The server stores the event, then the answer is lost: on the form post, then on the phone's resend.
    proxy.dropResponses("POST", /^\/(events|api\/sync\/events)$/, 2);
    await fillEvent(page, 12, 3);
    await page.getByRole("button", { name: "Lưu buổi hướng dẫn" }).click();
    // Either path ends in one stored event: the browser's own resend of the form (answered
    // "already stored", so the page says saved), or the phone's copy synced by the page.
    await expect(page.getByTestId("event-saved").or(page.locator('[data-queued-event][data-status="synced"]').first())).toBeVisible({ timeout: 90_000 });
    expect(proxy.dropsLeft()).toBe(0);
    const stored = eventsOf(phone).slice(before);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ residents: 12, lines: 2 });
  });
});

/** This quarter in Vietnam ("2026-Q4"): the targets here are set for it. */
function thisQuarter() {
  const [y, m] = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7).split("-").map(Number);
  return `${y}-Q${Math.ceil(m / 3)}`;
}

test("a commune supervisor sets targets for its villages and sees progress and the projection on the dashboard, the periodic report and its files", async ({
  page,
  world,
}) => {
  test.setTimeout(120_000);
  const period = thisQuarter();
  await loginAs(page, world.communeSupervisor.phone);
  await page.goto(`/reports?period=${period}`);
  await page.getByRole("link", { name: "Đặt chỉ tiêu" }).click();
  await expect(page).toHaveURL(/\/reports\/targets\?/);
  await expectPageGuards(page, "targets");
  const village = page.locator("[data-target-unit]").first();
  const name = (await village.locator("legend").innerText()).trim();
  await village.getByLabel("Tài khoản VNeID mức 2").fill("30%");
  await village.getByLabel("Tổ viên được tập huấn").fill("6");
  // A share where only a number makes sense is refused, in Vietnamese, and nothing is saved.
  await village.getByLabel("Sản phẩm lên sàn TMĐT").fill("10%");
  await page.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(page.getByRole("alert")).toContainText("phải là một con số");
  await expect(page.getByTestId("targets-history")).toHaveCount(0);
  await page.locator("[data-target-unit]").first().getByLabel("Sản phẩm lên sàn TMĐT").fill("");
  await page.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(page.getByText("Đã lưu chỉ tiêu.")).toBeVisible();
  await expect(page.getByTestId("targets-history")).toContainText(`${name} · Tài khoản VNeID mức 2: 30%`);
  await expect(page.getByTestId("targets-history")).toContainText(world.communeSupervisor.name);
  // Long pages: the part that matters, at the phone's width.
  await page.locator("section", { has: page.getByTestId("targets-table") }).screenshot({ path: "tests/.tmp/screens/targets-progress.png" });
  await page.getByTestId("targets-history").screenshot({ path: "tests/.tmp/screens/targets-history.png" });

  await page.goto(`/reports?period=${period}`);
  const section = page.getByTestId("targets-section");
  await expect(section).toContainText(name);
  await expect(section).toContainText(/Theo tốc độ tháng này|Tháng này chưa có kết quả|Đã đạt/);
  await expectPageGuards(page, "dashboard with targets");
  await section.screenshot({ path: "tests/.tmp/screens/dashboard-targets.png" });

  const csv = await (await page.request.get(`/reports/export?table=targets&format=csv&period=${period}`)).text();
  expect(csv).toContain("Tài khoản VNeID mức 2");
  expect(csv).toContain(name);

  await page.goto(`/reports/periodic?period=${period}`);
  await expect(page.getByTestId("periodic-targets")).toContainText(`${name} · Tài khoản VNeID mức 2`);
  await page.getByTestId("periodic-targets").screenshot({ path: "tests/.tmp/screens/periodic-targets.png" });
  for (const format of ["csv", "xlsx", "docx"]) {
    const file = await page.request.get(`/reports/periodic/${format}?period=${period}`);
    expect(file.status()).toBe(200);
    const body = await file.body();
    // Read what each file says: the target's line must be in it, as on the page.
    let text: string;
    if (format === "csv") text = body.toString("utf8");
    else if (format === "xlsx") {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
      const cells: string[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
      text = cells.join("\n");
    } else {
      const zip = await JSZip.loadAsync(body);
      text = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    }
    expect(text, format).toContain("Kết quả thực hiện chỉ tiêu được giao");
    expect(text, format).toContain(name);
  }
});

test("an inactive team gets a task in one tap; its members see it at home, report progress, and the supervisor sees it", async ({ page, browser, world }) => {
  test.setTimeout(120_000);
  const title = `Đến từng nhà hướng dẫn VNeID ${Date.now()}`;
  // A village team of the world: nothing done yet, so inactive.
  const village = world.commune.villages[0];
  const teamId = village.team.id;
  await loginAs(page, world.communeSupervisor.phone);
  await page.goto("/reports");
  await page.getByTestId("inactive-link").click();
  await expect(page).toHaveURL(/\/reports\/inactive/);
  await expectPageGuards(page, "inactive teams");
  await screenshot(page, "inactive-teams");
  const row = page.locator(`[data-inactive-team="${teamId}"]`);
  await row.getByTestId("assign-task").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/new\\?team=${teamId}$`));
  await expect(page.locator(`input[name="teamIds"][value="${teamId}"]`)).toBeChecked();
  await expectPageGuards(page, "new task");
  // Only spaces typed: refused by the server with the message, nothing given.
  await page.getByLabel("Việc cần làm").fill("   ");
  await page.getByRole("button", { name: "Giao việc", exact: true }).click();
  await expect(page.getByText("Hãy ghi việc cần làm.")).toBeVisible();
  await page.getByLabel("Việc cần làm").fill(title);
  await page.getByLabel("Mục tiêu cho mỗi tổ (không bắt buộc)").fill("10");
  await page.getByRole("button", { name: "Giao việc", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\?given=1/);

  const memberContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
  const member = await memberContext.newPage();
  await loginAs(member, village.members[0].phone);
  await expect(member.getByTestId("home-tasks")).toContainText(title);
  await expectPageGuards(member, "member home with tasks");
  await screenshot(member, "member-home-task");
  await member.getByTestId("home-tasks").getByRole("link", { name: title }).click();
  const task = member.locator("[data-task]").filter({ hasText: title });
  await task.getByLabel(/Đã làm được bao nhiêu/).fill("4");
  await task.getByRole("button", { name: "Lưu tiến độ" }).click();
  await expect(member.locator("[data-task]").filter({ hasText: title })).toContainText("4/10");
  await expectPageGuards(member, "team tasks (member)");
  await screenshot(member, "member-task-progress");
  await memberContext.close();

  await page.goto("/tasks");
  const given = page.locator("[data-given-task]").filter({ hasText: title });
  await expect(given.locator(`[data-task-team="${teamId}"]`)).toContainText("4/10");
  await expectPageGuards(page, "tasks given (supervisor)");
  await screenshot(page, "supervisor-tasks");
});
