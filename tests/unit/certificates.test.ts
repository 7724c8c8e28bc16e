// Certificates (issue 14): earned by passing every lesson of a topic (or the
// course), checkable by anyone by code, withdrawn when a completion behind it goes.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse, type Course } from "~/content/course.server";
import { WHOLE_COURSE, certificateProgress, formatCode, issueCertificate, normalizeCode, verifyCertificate } from "~/models/certificate.server";
import { loader as verifyLoader } from "~/routes/verify.$code";
import { action as memberAction } from "~/routes/reports.member.$id";
import { prisma } from "~/utils/db.server";
import { countCompletion } from "~/models/stats.server";
import { buildWorld, requestAs, thrown } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let course: Course;
let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  course = await getCourse();
  world = await buildWorld();
});

/** Completions as a trainer's session records them: counted in the summaries. */
async function complete(userId: number, slugs: string[]) {
  const completedAt = new Date("2026-11-10T03:00:00Z");
  for (const slug of slugs) {
    await prisma.$transaction(async (tx) => {
      await tx.completion.create({ data: { userId, lessonSlug: slug, completedAt, contentVersion: "v", method: "in-person" } });
      await countCompletion(tx, userId, slug, completedAt);
    });
  }
}

const summaries = async (unitId: number) => ({
  lesson: (await prisma.unitLessonStat.findUnique({ where: { unitId_lessonSlug: { unitId, lessonSlug: "demo-vi-only" } } }))?.completions ?? 0,
  month: await prisma.unitMonthStat.findUnique({ where: { unitId_month: { unitId, month: "2026-11" } }, select: { completions: true, trained: true } }),
});

describe("certificates", () => {
  it("are issued only once every lesson of the subject is completed, once, with a short unambiguous code", async () => {
    const member = world.members.a1[0];
    expect(await issueCertificate(member.id, "demo", course)).toBeNull();
    await complete(member.id, ["demo-basics"]);
    const progress = await certificateProgress(member.id, course, "vi");
    expect(progress.find((p) => p.topic === "demo")).toMatchObject({ done: 1, total: 2, earned: false });
    await complete(member.id, ["demo-vi-only"]);
    const first = (await issueCertificate(member.id, "demo", course))!;
    expect(first.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
    expect((await issueCertificate(member.id, "demo", course))!.code).toBe(first.code);
    expect((await issueCertificate(member.id, WHOLE_COURSE, course))!.code).not.toBe(first.code);
    expect(normalizeCode(` ${formatCode(first.code).toLowerCase()} `)).toBe(first.code);
    expect(normalizeCode("O0O0O-11111")).toBeNull();
  });

  it("can be checked by anyone: valid, for whom and what, and nothing more", async () => {
    const member = world.members.a2[0];
    await complete(member.id, ["demo-basics", "demo-vi-only"]);
    const certificate = (await issueCertificate(member.id, "demo", course))!;
    const page = await verifyLoader({
      request: new Request(`http://localhost/verify/${certificate.code}`),
      params: { code: formatCode(certificate.code) },
      context: {},
    });
    expect(page.certificate).toMatchObject({ valid: true, name: "Thành viên A2-1", team: "Tổ Thôn A2", unit: "Thôn A2", code: formatCode(certificate.code) });
    const text = JSON.stringify(page);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(text).not.toContain(user.phone);
    expect(text).not.toMatch(/score|passed|correct/i);
    expect((await verifyLoader({ request: new Request("http://localhost/verify/x"), params: { code: "ABCDE-FGHJK" }, context: {} })).certificate).toBeNull();
  });

  it("is withdrawn when an admin removes a completion behind it, and says so when checked", async () => {
    const member = world.members.b1[0];
    await complete(member.id, ["demo-basics"]);
    const before = await summaries(world.units.villageB1.id);
    const provinceBefore = await summaries(world.units.province.id);
    await complete(member.id, ["demo-vi-only"]);
    const certificate = (await issueCertificate(member.id, "demo", course))!;
    const form = new URLSearchParams({ intent: "remove-completion", lesson: "demo-vi-only" });
    // Not an admin, or outside the admin's subtree: refused, nothing removed.
    expect(
      (
        await thrown(
          memberAction({
            request: await requestAs(world.staff.supervisorA.id, `http://localhost/reports/member/${member.id}`, { method: "POST", body: form }),
            params: { id: String(member.id) },
            context: {},
          }),
        )
      ).status,
    ).toBe(403);
    const response = (await memberAction({
      request: await requestAs(world.staff.admin.id, `http://localhost/reports/member/${member.id}`, { method: "POST", body: form }),
      params: { id: String(member.id) },
      context: {},
    })) as Response;
    expect(await response.json()).toMatchObject({ done: { key: "reports.completionRemoved", params: { count: 1 } } });
    expect(await prisma.completion.count({ where: { userId: member.id } })).toBe(1);
    expect(await prisma.auditEntry.count({ where: { action: "member.completion-remove" } })).toBe(1);
    // The summaries are back where they were before that completion, up the tree too.
    expect(await summaries(world.units.villageB1.id)).toEqual(before);
    expect(await summaries(world.units.province.id)).toEqual(provinceBefore);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).firstTrainedAt).not.toBeNull();
    const checked = await verifyCertificate(certificate.code, course, "vi");
    expect(checked).toMatchObject({ valid: false });
    expect(checked!.withdrawnAt).not.toBeNull();
    // Completed again: the same certificate is valid again.
    await complete(member.id, ["demo-vi-only"]);
    expect((await issueCertificate(member.id, "demo", course))!.code).toBe(certificate.code);
    expect(await verifyCertificate(certificate.code, course, "vi")).toMatchObject({ valid: true });
  });

  it("is withdrawn when checked after its completions went by another path", async () => {
    const member = world.members.a1[1];
    await complete(member.id, ["demo-basics", "demo-vi-only"]);
    const certificate = (await issueCertificate(member.id, "demo", course))!;
    await prisma.completion.deleteMany({ where: { userId: member.id, lessonSlug: "demo-basics" } });
    expect(await verifyCertificate(certificate.code, course, "en")).toMatchObject({ valid: false });
  });
});
