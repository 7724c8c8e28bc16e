import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileCacheKey, lessonText, loadCourse, publicQuiz, type Course } from "~/content/course.server";

let course: Course;
beforeAll(async () => {
  course = await loadCourse(path.resolve("tests/fixtures/content"));
});

describe("lesson compilation", () => {
  it("reads front matter and keeps the quiz out of the body", () => {
    const lesson = course.bySlug.get("demo-basics")!;
    expect(lesson).toMatchObject({ topic: "demo", order: 1, minutes: 3, lastChecked: "2026-11-20" });
    const html = lesson.text.vi.html;
    expect(html).toContain("Bước một");
    expect(html).toContain('class="lesson-tip"');
    expect(html).toContain("Sau bài này, bạn làm được:");
    expect(html).not.toContain("Đáp án");
    expect(html).not.toContain("GIAITHICH");
    expect(lesson.text.en!.html).toContain("After this lesson you can:");
  });

  it("points figures at the lesson's media address with their size", () => {
    const html = course.bySlug.get("demo-basics")!.text.vi.html;
    expect(html).toContain('src="/lessons/demo-basics/media/pic.svg"');
    expect(html).toContain('width="240"');
    expect(html).toContain('alt="Một hình chữ nhật xanh"');
    expect(course.bySlug.get("demo-basics")!.figures).toEqual(["pic.svg"]);
  });

  it("extracts questions, choices, the key and explanations", () => {
    const quiz = course.bySlug.get("demo-basics")!.text.vi.quiz;
    expect(quiz).toHaveLength(5);
    expect(quiz[1]).toMatchObject({ id: "q2", prompt: "Câu hai?" });
    expect(quiz[1].choices.map((c) => [c.id, c.text, c.correct])).toEqual([
      ["a", "Đáp án 2A", false],
      ["b", "Đáp án 2B", true],
      ["c", "Đáp án 2C", false],
    ]);
  });

  it("gives the browser a quiz with no key and no explanations", () => {
    const shown = JSON.stringify(publicQuiz(course.bySlug.get("demo-basics")!.text.vi.quiz));
    expect(shown).toContain("Đáp án 2B");
    expect(shown).not.toContain("correct");
    expect(shown).not.toContain("GIAITHICH");
  });

  it("falls back to Vietnamese when a lesson has no English version, and says so", () => {
    const lesson = course.bySlug.get("demo-vi-only")!;
    expect(lessonText(lesson, "en")).toMatchObject({ language: "vi", fallback: true, title: "Bài thử" });
    expect(lessonText(course.bySlug.get("demo-basics")!, "en")).toMatchObject({ language: "en", fallback: false, title: "Test lesson" });
    expect(course.problems).toContainEqual({ lesson: "demo-vi-only", problem: "en.mdx is missing" });
  });

  it("reuses compiled lessons by content hash", async () => {
    const again = await loadCourse(path.resolve("tests/fixtures/content"));
    expect(again.bySlug.get("demo-basics")!.version).toBe(course.bySlug.get("demo-basics")!.version);
    expect(again.bySlug.get("demo-basics")!.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keys the compile cache on the labels the compiler writes into pages, not only on the lesson's files", () => {
    const labels = (language: string) => ({ tip: language === "vi" ? "Mẹo" : "Tip", warning: "!", checklist: "✓", step: "Bước" });
    const renamed = (language: string) => ({ ...labels(language), tip: language === "vi" ? "Mẹo hay" : "Tip" });
    expect(compileCacheKey(labels)).toBe(compileCacheKey(labels));
    expect(compileCacheKey(renamed)).not.toBe(compileCacheKey(labels));
    // The site's own labels key the cache; the lesson's version (stored with attempts) does not change with them.
    expect(compileCacheKey()).toMatch(/^[0-9a-f]{12}$/);
  });
});
