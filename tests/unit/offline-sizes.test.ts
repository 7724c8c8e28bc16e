import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse, type Course } from "~/content/course.server";
import { offlineSizes, recordLessonPageSize } from "~/content/page-sizes.server";
import { loader as catalogueLoader } from "~/routes/lessons._index";
import { createUser, requestAs } from "../support/fixtures";

process.env.CONTENT_DIR = path.resolve("tests/fixtures/content");

let course: Course;
beforeAll(async () => {
  course = await getCourse();
});

const pictures = (slug: string) => {
  const lesson = course.bySlug.get(slug)!;
  return lesson.figures.reduce((sum, f) => sum + fs.statSync(path.join(lesson.dir, f)).size, 0);
};

describe("what saving lessons for offline costs", () => {
  it("counts the lesson's content and pictures, then the page as actually sent", async () => {
    const lesson = course.bySlug.get("demo-basics")!;
    const before = await offlineSizes(course, "vi");
    expect(pictures("demo-basics")).toBeGreaterThan(0);
    expect(before.get("demo-basics")!).toBeGreaterThan(pictures("demo-basics") + lesson.text.vi.html.length / 2);

    // Once a page has been sent, its real size replaces the estimate, and the
    // frame it adds around the content is added to lessons not yet seen.
    const content = before.get("demo-basics")! - pictures("demo-basics");
    recordLessonPageSize(lesson, "vi", content + 4000);
    const after = await offlineSizes(course, "vi");
    expect(after.get("demo-basics")).toBe(content + 4000 + pictures("demo-basics"));
    expect(after.get("demo-vi-only")).toBe(before.get("demo-vi-only")! + 4000);
    // Another language learns nothing from it.
    expect((await offlineSizes(course, "en")).get("demo-vi-only")).toBeLessThan(after.get("demo-vi-only")!);
  });

  it("shows each topic's and the whole course's size in the catalogue", async () => {
    const member = await createUser({});
    const data = await catalogueLoader({ request: await requestAs(member.id, "http://localhost/lessons"), params: {}, context: {} });
    const sizes = await offlineSizes(course, "vi");
    const topic = data.topics[0];
    expect(topic.lessons.map((l) => [l.slug, l.bytes, l.files])).toEqual([
      ["demo-basics", sizes.get("demo-basics"), ["pic.svg"]],
      ["demo-vi-only", sizes.get("demo-vi-only"), ["pic.svg"]],
    ]);
    expect(topic.bytes).toBe(sizes.get("demo-basics")! + sizes.get("demo-vi-only")!);
    expect(data.bytes).toBe(data.topics.reduce((s, t) => s + t.bytes, 0));
  });
});
