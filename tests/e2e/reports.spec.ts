import { expect, loginAs, screenshot, test } from "./fixtures";

for (const size of [
  { name: "phone", viewport: { width: 360, height: 740 } },
  { name: "desktop", viewport: { width: 1280, height: 900 } },
]) {
  test.describe(`at ${size.name} size`, () => {
    test.use({ viewport: size.viewport });

    test("the commune supervisor drills down from commune to a village team to a member", async ({ page, world }) => {
      const village = world.commune.villages[0];
      await loginAs(page, world.communeSupervisor.phone);
      await page.getByRole("link", { name: "Báo cáo" }).click();
      await expect(page.getByTestId("report-unit")).toHaveText(world.commune.name);
      await expect(page.getByTestId("children-table")).toContainText(village.name);
      await screenshot(page, `reports-commune-${size.name}`);
      await page.getByTestId("children-table").getByRole("link", { name: village.name }).click();
      await expect(page.getByTestId("report-unit")).toHaveText(village.name);
      await page.getByRole("link", { name: village.team.name }).click();
      await expect(page.getByTestId("report-team")).toHaveText(village.team.name);
      await page.getByRole("link", { name: world.member.name }).click();
      await expect(page.getByTestId("report-member")).toHaveText(world.member.name);
      await screenshot(page, `reports-member-${size.name}`);
    });
  });
}

test("a supervisor cannot open another commune's report", async ({ browser, makeWorld }) => {
  const world = await makeWorld({ communes: 2 });
  // Commune A's unit, read from its own supervisor's report (no fixed id).
  const a = await (await browser.newContext()).newPage();
  await loginAs(a, world.communeSupervisor.phone);
  await a.goto("/reports");
  const periodic = await a.getByRole("link", { name: "Báo cáo định kỳ" }).getAttribute("href");
  const unit = new URL(periodic!, "http://x").searchParams.get("unit");
  expect(unit).toMatch(/^\d+$/);
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, world.otherCommuneSupervisor!.phone);
  const response = await page.goto(`/reports?unit=${unit}`);
  expect(response?.status()).toBe(404);
});

test("a member records residents helped on a phone, and a wrong entry is explained", async ({ page, world }) => {
  await loginAs(page, world.member.phone);
  await page.getByRole("link", { name: "Kết quả" }).click();
  await page.getByRole("button", { name: "Lưu kết quả" }).click();
  await expect(page.getByRole("alert")).toHaveText("Hãy nhập ít nhất một số lớn hơn 0.");
  await page.getByRole("button", { name: "Thêm 1: Người dân được hướng dẫn" }).click();
  await page.getByRole("button", { name: "Thêm 1: Người dân được hướng dẫn" }).click();
  await page.getByLabel("Sản phẩm đưa lên sàn TMĐT", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Lưu kết quả" }).click();
  await expect(page.getByRole("alert")).toHaveText("Hãy nhập tên sản phẩm đã đưa lên sàn.");
  await page.getByLabel("Tên sản phẩm").fill("Gạo Đại Thạnh");
  await page.getByLabel("Là sản phẩm OCOP").check();
  await page.getByRole("button", { name: "Lưu kết quả" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu 2 dòng kết quả.");
  await expect(page.locator("[data-result]")).toHaveCount(2);
  await screenshot(page, "results-member");
});
