import fs from "node:fs";
import { DEMO, expect, loginAs, screenshot, test, waitForHydration } from "./fixtures";
import { missingFromPdf, readPdf } from "./pdf";

// The written sections of seed 001 (Tứ Kỳ, first half of 2023), about as long as a real report's.
const SECTIONS = {
  intro:
    "Thực hiện Công văn số 1134/TCĐCNSCĐ ngày 18/7/2023 của Tổ chỉ đạo triển khai công nghệ số cộng đồng tỉnh về việc báo cáo sơ kết hoạt động Tổ Công nghệ số cộng đồng, Tổ chỉ đạo báo cáo kết quả, cụ thể như sau:",
  difficulties:
    "Một số thành viên trong tổ chưa thành thạo về việc sử dụng các nền tảng số, dịch vụ số, công nghệ số.\nCơ sở vật chất để thực hiện chuyển đổi số chưa đồng bộ, các công cụ liên quan như điện thoại thông minh, máy tính, đường truyền, mạng chưa phủ cập đến 100% người dân.",
  causes: "Kinh phí để các Tổ công nghệ số cộng đồng các thôn hoạt động không có.",
  proposals:
    "Đề nghị Sở Khoa học và Công nghệ tiếp tục mở các lớp tập huấn, bồi dưỡng kỹ năng số cho Tổ công nghệ số cộng đồng các cấp, cung cấp tờ rơi, áp phích hướng dẫn cài đặt, sử dụng các ứng dụng số.\nTham mưu cho UBND tỉnh có cơ chế, chính sách hỗ trợ, động viên cho Tổ công nghệ số cộng đồng các cấp.",
  plan: "Tiếp tục tuyên truyền nâng cao nhận thức của người dân về chuyển đổi số.\nPhối hợp với các doanh nghiệp viễn thông hỗ trợ tập huấn chuyên sâu cho Tổ cấp xã, cấp thôn.\nCử người tham gia các buổi tập huấn nâng cao do tỉnh tổ chức.",
};

test("the commune supervisor writes, signs and prints the periodic report as an official document on one or two A4 pages", async ({
  page,
  makeWorld,
}, testInfo) => {
  const year = new Date().getFullYear();
  const lastHalf = `${year - 1}-H2`;
  // A commune of five villages, a team in each, as Đại Thạnh (seed 002).
  const world = await makeWorld({ villages: 5, members: 1 });
  const households = world.commune.households.toLocaleString("vi-VN");
  expect(world.commune.households).toBeGreaterThan(999);
  await loginAs(page, world.communeSupervisor.phone);
  await page.goto(`/reports/periodic?period=${lastHalf}`);
  await waitForHydration(page);
  const doc = page.getByTestId("official-document");
  await expect(doc).toContainText("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  await expect(doc).toContainText("Độc lập - Tự do - Hạnh phúc");
  await expect(doc.getByRole("heading", { name: "BÁO CÁO" })).toBeVisible();
  await expect(page.getByTestId("periodic-indicators")).toContainText("Tổng số hộ gia đình trên địa bàn");
  await expect(page.getByTestId("periodic-indicators").locator("[data-indicator=households] [data-value]")).toHaveText(households);
  // The villages and their teams, with the denominator, in the general part.
  await expect(doc).toContainText("Số thôn/tổ dân phố trên địa bàn: 5; số có Tổ công nghệ số cộng đồng: 5 (100%).");
  await expect(page.getByTestId("doc-notes")).toContainText("(7) Sản phẩm OCOP");

  // The heading is suggested from the unit; the supervisor completes it and signs.
  await expect(page.getByLabel("Cơ quan ban hành")).toHaveValue(world.commune.team.name);
  await page.getByLabel("Cơ quan chủ quản").fill("UBND xã Đại Thạnh");
  await page.getByLabel("Cơ quan ban hành").fill("Tổ chỉ đạo công nghệ số cộng đồng xã");
  await page.getByLabel("Chữ viết tắt sau “BC-”").fill("TCĐ");
  for (const [key, text] of Object.entries(SECTIONS)) {
    const label = {
      intro: "Căn cứ, mở đầu",
      difficulties: "Tồn tại, hạn chế",
      causes: "Nguyên nhân",
      proposals: "Đề xuất, kiến nghị",
      plan: "Phương hướng, nhiệm vụ kỳ tới",
    }[key]!;
    await page.getByLabel(label, { exact: true }).fill(text);
  }
  await page.getByLabel("Nơi nhận", { exact: true }).fill("- Sở Khoa học và Công nghệ;\n- Thường trực Đảng ủy, UBND xã;\n- Lưu: VT.");
  await page.getByLabel("Quyền hạn, chức vụ người ký").fill("TM. Tổ chỉ đạo\nTổ trưởng");
  await page.getByLabel("Họ và tên người ký").fill("Phạm Văn Dũng");
  await page.getByRole("button", { name: "Lưu báo cáo" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu báo cáo.");
  await expect(page.getByTestId("doc-issuer")).toContainText("UBND XÃ ĐẠI THẠNH");
  await expect(page.getByTestId("doc-issuer")).toContainText("TỔ CHỈ ĐẠO CÔNG NGHỆ SỐ CỘNG ĐỒNG XÃ");
  await expect(page.getByTestId("doc-issuer")).toContainText("/BC-TCĐ");
  await expect(page.getByTestId("doc-signature")).toContainText("TM. TỔ CHỈ ĐẠO");
  await expect(page.getByTestId("doc-signature")).toContainText("Phạm Văn Dũng");
  await expect(page.getByTestId("doc-recipients")).toContainText("- Thường trực Đảng ủy, UBND xã;");
  await expect(doc).toContainText("Cơ sở vật chất để thực hiện chuyển đổi số chưa đồng bộ");
  await screenshot(page, "periodic-document-360");

  // On paper: the document alone, on one or two A4 pages.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByLabel("Tồn tại, hạn chế", { exact: true })).toBeHidden();
  await expect(page.getByRole("button", { name: "In báo cáo" })).toBeHidden();
  await expect(doc.getByText("Kinh phí để các Tổ công nghệ số cộng đồng các thôn hoạt động không có.")).toBeVisible();
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  fs.mkdirSync("tests/.tmp", { recursive: true });
  fs.writeFileSync(`tests/.tmp/periodic-document-${testInfo.project.name || "chromium"}.pdf`, pdf);
  const printed = await readPdf(pdf);
  expect(printed.pages).toBeGreaterThanOrEqual(1);
  expect(printed.pages).toBeLessThanOrEqual(2);
  // The paper says what the page says: heading, issuer, the written sections, the signature.
  expect(
    missingFromPdf(printed.text, [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "UBND XÃ ĐẠI THẠNH",
      "/BC-TCĐ",
      SECTIONS.causes,
      SECTIONS.difficulties.split("\n")[0],
      "Phạm Văn Dũng",
      "Số thôn/tổ dân phố trên địa bàn: 5; số có Tổ công nghệ số cộng đồng: 5 (100%).",
    ]),
  ).toEqual([]);
  await page.setViewportSize({ width: 794, height: 1123 });
  await screenshot(page, "periodic-document-print");
  await page.emulateMedia({ media: "screen" });

  // The Word file downloads from the page.
  await page.setViewportSize({ width: 360, height: 740 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Word (DOCX)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^bao-cao-dinh-ky-\d+-\d{4}-H2\.docx$/);
  const saved = await download.path();
  expect(fs.readFileSync(saved).subarray(0, 2).toString("latin1")).toBe("PK");

  // The next report starts from the heading and signature typed this time; its sections are its own.
  await page.goto(`/reports/periodic?period=${year}`);
  await expect(page.getByLabel("Họ và tên người ký")).toHaveValue("Phạm Văn Dũng");
  await expect(page.getByLabel("Chữ viết tắt sau “BC-”")).toHaveValue("TCĐ");
  await expect(page.getByLabel("Tồn tại, hạn chế", { exact: true })).toHaveValue("");
  await expect(page.getByTestId("doc-signature")).toContainText("Phạm Văn Dũng");
});

test("a definition is one tap from its figure", async ({ page }) => {
  await loginAs(page, DEMO.communeSupervisor);
  await page.goto("/reports/periodic");
  await page.getByTestId("periodic-indicators").locator("[data-indicator=sessions]").getByRole("link", { name: "(2)" }).click();
  await expect(page).toHaveURL(/#note-2$/);
  await expect(page.locator("#note-2")).toContainText("đã điểm danh");
  await expect(page.locator("#note-2")).toBeInViewport();
  // What the reader sees after the tap: the note itself, marked.
  await page.screenshot({ path: "tests/.tmp/screens/periodic-definition-360.png" });
});

test("the supervisor keeps the commune's OCOP products, and the report lists them", async ({ page, world }) => {
  const name = `Gạo Đại Thạnh ${Date.now().toString(36)}`;
  await loginAs(page, world.communeSupervisor.phone);
  await page.goto("/reports/periodic");
  await page.getByRole("link", { name: "Danh sách sản phẩm OCOP của địa phương" }).click();
  await expect(page.getByRole("heading", { name: "Sản phẩm OCOP của địa phương" })).toBeVisible();
  await expect(page.getByTestId("ocop-unit")).toHaveText(world.commune.name);
  await waitForHydration(page);

  await page.getByText(`Thêm sản phẩm của ${world.commune.name}`).click();
  await page.getByLabel("Tên sản phẩm").fill(name);
  await page.getByLabel("4 sao").check();
  await page.getByLabel("Đang bán trên sàn thương mại điện tử").check();
  await page.getByRole("button", { name: "Thêm sản phẩm" }).click();
  await expect(page.getByText("Hãy ghi sàn thương mại điện tử đang bán sản phẩm.")).toBeVisible();
  await page.getByLabel("Bán trên sàn nào").fill("Postmart, Voso");
  await page.getByRole("button", { name: "Thêm sản phẩm" }).click();
  await expect(page.getByTestId("done")).toHaveText(`Đã thêm “${name}”.`);
  const item = page.getByTestId("ocop-list").locator(`[data-product="${name}"]`);
  await expect(item).toContainText("Postmart, Voso");
  await expect(item.locator("[data-stars]")).toHaveText("★★★★4 sao");

  // Raised to five stars.
  await item.getByText("Sửa").click();
  await item.getByLabel("5 sao").check();
  await item.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByTestId("done")).toHaveText(`Đã lưu “${name}”.`);
  await expect(item.locator("[data-stars]")).toHaveText("★★★★★5 sao");
  await screenshot(page, "ocop-list-360");

  // Indicators 7 and 8 name it.
  await page.getByRole("link", { name: "Về báo cáo định kỳ" }).click();
  await expect(page.locator("[data-indicator=ocopProducts]")).toContainText(name);
  await expect(page.locator("[data-indicator=ocopOnline]")).toContainText(name);

  // Removed, it leaves the report.
  await page.goto("/reports/ocop");
  await waitForHydration(page);
  await item.getByText("Sửa").click();
  await item.getByRole("button", { name: /Xóa khỏi danh sách/ }).click();
  await expect(page.getByTestId("done")).toHaveText(`Đã xóa “${name}” khỏi danh sách.`);
  await expect(item).toHaveCount(0);
  await page.goto("/reports/periodic");
  await expect(page.locator("[data-indicator=ocopProducts]")).not.toContainText(name);
});

test("a trainer reads the OCOP list but cannot change it", async ({ page }) => {
  await loginAs(page, DEMO.trainer);
  await page.goto("/reports/ocop");
  await expect(page.getByText("Giám sát hoặc quản trị của đơn vị cập nhật danh sách này.")).toBeVisible();
  await expect(page.getByText("Thêm sản phẩm của Xã Đại Thạnh")).toHaveCount(0);
});

test("an admin records a team's Zalo groups, and the province report adds them up", async ({ page, makeWorld }) => {
  // The second commune's teams have not declared their Zalo groups (world.ts), the first one's have.
  const world = await makeWorld({ communes: 2 });
  const [, other] = world.communes;
  await loginAs(page, world.admin.phone);
  await page.goto("/reports/periodic");
  const before = await page.getByTestId("official-document").innerText();
  const groups = Number(/Số nhóm Zalo của các Tổ: (\d+)/.exec(before)?.[1]);
  expect(groups).toBeGreaterThan(0);
  await page.goto("/admin/units");
  await page.getByRole("link", { name: other.name }).click();
  await page.getByRole("link", { name: other.villages[0].name }).click();
  await page.getByRole("link", { name: other.villages[0].team.name }).click();
  await waitForHydration(page);
  await expect(page.getByTestId("team-zalo")).toHaveText("chưa khai báo nhóm Zalo");
  await page.getByText("Số nhóm Zalo của tổ").click();
  await page.getByLabel("Số nhóm Zalo tổ đang quản lý").fill("nhiều");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Số nhóm Zalo là số nguyên từ 0 đến 999, hoặc bỏ trống.")).toBeVisible();
  await page.getByLabel("Số nhóm Zalo tổ đang quản lý").fill("3");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByTestId("done")).toHaveText("Đã lưu số nhóm Zalo.");
  await expect(page.getByTestId("team-zalo")).toHaveText("Nhóm Zalo: 3");
  await screenshot(page, "admin-team-zalo-360");
  await page.goto("/reports/periodic");
  await expect(page.getByTestId("official-document")).toContainText(`Số nhóm Zalo của các Tổ: ${groups + 3}`);
});
