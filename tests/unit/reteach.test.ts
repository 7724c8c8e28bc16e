// What to re-teach (issue 14): per question, over a unit's subtree and a period.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCourse, syncLessons, type Course } from "~/content/course.server";
import { parsePeriod } from "~/models/coverage.server";
import { submitAttempt } from "~/models/quiz.server";
import { questionStats } from "~/models/reteach.server";
import { loader } from "~/routes/reports.questions";
import { buildWorld, requestAs, thrown } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let course: Course;
let world: Awaited<ReturnType<typeof buildWorld>>;
const now = new Date("2026-11-20T05:00:00Z");
const allRight = { q1: "a", q2: "b", q3: "c", q4: "a", q5: "b" };

beforeAll(async () => {
  course = await loadCourse(path.resolve("tests/fixtures/content"));
  await syncLessons(course);
  world = await buildWorld();
  const lesson = course.bySlug.get("demo-basics")!;
  const quiz = lesson.text.vi.quiz;
  const sit = (userId: number, answers: Record<string, string>, at: Date) =>
    submitAttempt({ userId, lesson, quiz, language: "vi", answers, now: at, answeredAt: { at, flagged: false } });
  // Commune A: q2 is hard (three of four wrong first, mostly "c"), q1 easy; a retry is not a first try.
  const [a1, a12] = world.members.a1;
  const [a2, a22] = world.members.a2;
  await sit(a1.id, { ...allRight, q2: "c" }, now);
  await sit(a12.id, { ...allRight, q2: "c" }, now);
  await sit(a2.id, { ...allRight, q2: "a" }, now);
  await sit(a22.id, allRight, now);
  await sit(a1.id, allRight, now);
  // Commune B: everyone right; and an attempt last year, outside the period.
  await sit(world.members.b1[0].id, allRight, now);
  await sit(world.members.b1[1].id, { ...allRight, q1: "b" }, new Date("2025-06-01T05:00:00Z"));
});

describe("what to re-teach", () => {
  it("ranks the subtree's questions hardest first, with first-try shares and the wrong answer taken most", async () => {
    const stats = await questionStats(course, world.units.communeA.path, parsePeriod("2026"), "vi", now);
    expect(stats[0]).toMatchObject({ lessonSlug: "demo-basics", questionId: "q2", number: 2, members: 4, firstTries: 4, firstRight: 1, share: 0.25 });
    expect(stats[0].commonWrong).toEqual({ text: "Đáp án 2C", count: 2 });
    // The fixture's questions name no step: the link goes to the lesson (the real course's name one: see below).
    expect(stats[0].href).toBe("/lessons/demo-basics");
    // Four first tries are too few to judge (at least five are needed).
    expect(stats[0].verdict).toBe("few");
    expect(stats.find((s) => s.questionId === "q1")).toMatchObject({ members: 4, firstTries: 4, firstRight: 4, commonWrong: null });
  });

  it("counts the whole province, only within the period, and flags what measures nothing", async () => {
    const stats = await questionStats(course, world.units.province.path, parsePeriod("2026"), "vi", now);
    const q1 = stats.find((s) => s.questionId === "q1")!;
    expect(q1).toMatchObject({ members: 5, firstTries: 5, firstRight: 5, share: 1, verdict: "too-easy" });
    const q2 = stats.find((s) => s.questionId === "q2")!;
    expect(q2).toMatchObject({ firstTries: 5, firstRight: 2, verdict: null });
    expect(stats[0].questionId).toBe("q2");
    expect((await questionStats(course, world.units.communeB.path, parsePeriod("2025"), "vi", now)).find((s) => s.questionId === "q1")).toMatchObject({
      firstRight: 0,
      firstTries: 1,
    });
  });

  it("links a question to the step it tests, which the lesson page can scroll to", () => {
    expect(course.bySlug.get("demo-basics")!.text.vi.html).toMatch(/<li class="lesson-step" id="step-1">/);
  });

  it("is open to trainers and supervisors over their own subtree only", async () => {
    const page = await loader({ request: await requestAs(world.staff.trainerA.id, "http://localhost/reports/questions?period=2026"), params: {}, context: {} });
    expect(page.unit.id).toBe(world.units.communeA.id);
    expect(page.questions.length).toBeGreaterThan(0);
    const outside = await thrown(
      loader({
        request: await requestAs(world.staff.supervisorA.id, `http://localhost/reports/questions?unit=${world.units.communeB.id}`),
        params: {},
        context: {},
      }),
    );
    expect(outside.status).toBe(404);
    const member = await thrown(loader({ request: await requestAs(world.members.a1[0].id, "http://localhost/reports/questions"), params: {}, context: {} }));
    expect(member.status).toBe(403);
  });
});
