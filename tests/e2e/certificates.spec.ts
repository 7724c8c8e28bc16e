// Certificates that can be checked, and what to re-teach (issue 14).
import { loadCourse } from "../../app/content/course.server";
import { userIdOf } from "./db";
import { DEMO, expect, loginAs, screenshot, test } from "./fixtures";
import { heldSession } from "./world";
import { missingFromPdf, readPdf } from "./pdf";

test("a member prints a certificate on one A4 page; anyone checks it by its QR address; a withdrawn one says so", async ({ page, browser, world }) => {
  test.setTimeout(90_000);
  const phone = world.member.phone;
  process.env.CONTENT_CACHE_DIR ??= "tests/.tmp/content-cache-e2e";
  const course = await loadCourse();
  const topic = course.topics.find((t) => t.id === "digital-signature")!;
  const lessons = course.lessons.filter((l) => l.topic === topic.id).map((l) => l.slug);
  // Learnt in person: the world's trainer held a session on every lesson of the topic for the member's team.
  await heldSession(world, { title: "Chữ ký số", teams: [world.commune.villages[0].team], lessons });

  await loginAs(page, phone);
  await page.goto("/lessons");
  await page.getByTestId("certificates-link").click();
  const subject = page.locator(`[data-subject="${topic.id}"]`);
  await expect(subject).toHaveAttribute("data-earned", "true");
  await subject.getByRole("link", { name: "Mở và in chứng nhận" }).click();
  const certificate = page.getByTestId("certificate");
  await expect(certificate).toContainText("Chứng nhận hoàn thành");
  await expect(page.getByTestId("certificate-subject")).toHaveText(topic.title.vi);
  const code = await page.getByTestId("certificate-code").innerText();
  expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
  await expect(certificate.locator(".certificate-qr svg")).toBeVisible();
  const name = await page.getByTestId("certificate-name").innerText();
  await screenshot(page, "certificate");

  // One A4 page when printed.
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  const printed = await readPdf(pdf);
  expect(printed.pages).toBe(1);
  // The paper names the member, the topic and the code the QR leads to.
  expect(missingFromPdf(printed.text, [name, topic.title.vi, code])).toEqual([]);
  await page.emulateMedia({ media: "screen" });
  // English on request.
  await page.getByTestId("certificate-language").click();
  await expect(certificate).toContainText("Certificate of completion");
  await expect(page.getByTestId("certificate-subject")).toHaveText(topic.title.en);

  // Anyone, signed out, opens the QR code's address.
  const guest = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const gp = await guest.newPage();
  await gp.goto(`/verify/${code}`);
  const status = gp.getByTestId("verify-status");
  await expect(status).toHaveAttribute("data-status", "valid");
  await expect(status).toContainText(name);
  await expect(status).toContainText(topic.title.vi);
  await expect(gp.locator("body")).not.toContainText(phone);
  await screenshot(gp, "certificate-verify-valid");
  // Typed from paper, in lower case.
  await gp.goto("/verify");
  await gp.getByLabel(/Mã chứng nhận/).fill(code.toLowerCase());
  await gp.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(gp.getByTestId("verify-status")).toHaveAttribute("data-status", "valid");

  // An admin removes one of the completions behind it: the certificate is withdrawn.
  const admin = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const ap = await admin.newPage();
  await loginAs(ap, world.admin.phone);
  await ap.goto(`/reports/member/${userIdOf(phone)}`);
  const row = ap.locator(`[data-completion="${lessons[0]}"]`);
  await row.getByText("Huỷ kết quả này").click();
  await row.getByRole("button", { name: "Huỷ kết quả hoàn thành" }).click();
  await expect(ap.getByTestId("completion-removed")).toContainText("1");
  await gp.goto(`/verify/${code}`);
  await expect(gp.getByTestId("verify-status")).toHaveAttribute("data-status", "withdrawn");
  await expect(gp.getByTestId("verify-status")).toContainText("thu hồi");
  await screenshot(gp, "certificate-verify-withdrawn");
  await guest.close();
  await admin.close();
});

test("the province supervisor sees the demo's known hard question first in what to re-teach", async ({ page }) => {
  // The demo's own answers (prisma/seed-activity.ts): every other spec answers in a world of its own.
  await loginAs(page, DEMO.provinceSupervisor);
  await page.goto("/reports");
  await page.getByTestId("reteach-link").click();
  const first = page.getByTestId("reteach-list").locator("li").first();
  await expect(first).toHaveAttribute("data-question", "vneid-install/q4");
  await expect(first).toHaveAttribute("data-verdict", "too-hard");
  await expect(first.getByRole("link", { name: /Xem bước 3/ })).toHaveAttribute("href", "/lessons/vneid-install#step-3");
  await expect(page.getByTestId("reteach-list").locator("li")).toHaveCount(20);
  await screenshot(page, "reteach");
  await page.screenshot({ path: "tests/.tmp/screens/reteach-top.png" });
  await first.screenshot({ path: "tests/.tmp/screens/reteach-first.png" });
});
