// The content checker's rules (sources, review dates, quiz rules) on small
// fixture courses in tests/fixtures/checker: a good course that meets every
// rule, and one course per fault under broken/, each a good lesson with that
// one fault, so a rule that fires elsewhere or stays silent shows up here.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { QuizQuestion } from "~/content/compile.server";
import { loadCourse, type Course } from "~/content/course.server";
import { jaccard, longestChoicePasses, NEAR_DUPLICATE, quizProblems, textLength, wordsOf } from "~/content/quiz-rules";
import { addMonths, dueForReview, reviewProblems, todayFromArgs, todayInVietnam } from "~/content/review";

const FIXTURES = path.resolve("tests/fixtures/checker");
const TODAY = "2026-11-30";

const load = (course: string, today = TODAY) => loadCourse(path.join(FIXTURES, course), { today });
const messages = (course: Course) => course.problems.map((p) => `${p.lesson}: ${p.problem}`);

describe("the good course", () => {
  let course: Course;
  beforeAll(async () => {
    course = await load("good");
  }, 60_000);

  it("meets every rule", () => {
    expect(course.lessons.map((l) => l.slug)).toEqual(["good-calls", "good-photos"]);
    expect(messages(course)).toEqual([]);
  });

  it("exposes the sources, the same in both languages, with the url only where given", () => {
    expect(course.bySlug.get("good-calls")!.sources).toEqual([
      { title: "Hướng dẫn sử dụng điện thoại", publisher: "Nhà sản xuất", url: "https://example.com/huong-dan", read: "2026-11-30" },
      { title: "Sổ tay Tổ công nghệ số cộng đồng", publisher: "Bộ Thông tin và Truyền thông", read: "2026-11-28" },
    ]);
  });

  it("reads each question's step", () => {
    expect(course.bySlug.get("good-calls")!.text.vi.quiz.map((q) => q.step)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it("cannot be passed by always picking the longest choice", () => {
    for (const lesson of course.lessons) {
      expect(longestChoicePasses(lesson.text.vi.quiz), lesson.slug).toBe(false);
      expect(longestChoicePasses(lesson.text.en!.quiz), lesson.slug).toBe(false);
    }
  });

  it("fails once its last check is more than twelve months old, and not a day before", async () => {
    expect(messages(await load("good", "2027-11-30"))).toEqual([]);
    const late = await load("good", "2027-12-01");
    expect(messages(late)).toEqual([
      'good-calls: "lastChecked" 2026-11-30 is more than 12 months old: check the lesson against its sources, then update the date',
      'good-photos: "lastChecked" 2026-11-30 is more than 12 months old: check the lesson against its sources, then update the date',
    ]);
  });

  it("refuses dates in the future", async () => {
    expect(messages(await load("good", "2026-11-29"))).toEqual([
      'good-calls: "lastChecked" 2026-11-30 is in the future',
      'good-calls: source 1: "read" 2026-11-30 is in the future',
      'good-photos: "lastChecked" 2026-11-30 is in the future',
      'good-photos: source 1: "read" 2026-11-30 is in the future',
    ]);
  });
});

// Each broken course and exactly the problems it must produce.
const BROKEN: Record<string, string[]> = {
  longest: [
    "broken-longest: vi.mdx: the right choice is strictly the longest in 8 of 8 questions (at most 2 may be)",
    "broken-longest: en.mdx: the right choice is strictly the longest in 8 of 8 questions (at most 2 may be)",
  ],
  ratio: [
    "broken-ratio: vi.mdx: question 6, choice 3 has 37 characters, more than 2 times the shortest choice (11)",
    "broken-ratio: en.mdx: question 6, choice 3 has 49 characters, more than 2 times the shortest choice (16)",
  ],
  pool: ["broken-pool: vi.mdx: the quiz has 7 questions (a pool needs at least 8)", "broken-pool: en.mdx: the quiz has 7 questions (a pool needs at least 8)"],
  steps: [
    'broken-steps: vi.mdx: question 3 has no step (add step="N": the number of the <Step> it tests)',
    "broken-steps: vi.mdx: question 5 names step 3, but the lesson has 2 steps",
    'broken-steps: en.mdx: question 3 has no step (add step="N": the number of the <Step> it tests)',
    "broken-steps: en.mdx: question 5 names step 3, but the lesson has 2 steps",
  ],
  uncovered: ["broken-uncovered: vi.mdx: no question tests step 2", "broken-uncovered: en.mdx: no question tests step 2"],
  duplicates: [
    "broken-duplicate-a: vi.mdx: question 8 is near-identical to broken-duplicate-b question 8 (92% of words shared)",
    "broken-duplicate-a: en.mdx: question 8 is near-identical to broken-duplicate-b question 8 (91% of words shared)",
    "broken-duplicate-b: vi.mdx: question 8 is near-identical to broken-duplicate-a question 8 (92% of words shared)",
    "broken-duplicate-b: en.mdx: question 8 is near-identical to broken-duplicate-a question 8 (91% of words shared)",
  ],
  missing: ["broken-missing: en.mdx: question 2, choice 1 has no explanation (why)", "broken-missing: en.mdx: question 4 has 2 choices, vi.mdx has 3"],
  parity: ["broken-parity: en.mdx: question 1: the right choice is number 2, in vi.mdx number 1", "broken-parity: en.mdx: question 7 tests step 2, in vi.mdx step 1"],
  count: ["broken-count: en.mdx: the quiz has 9 questions, vi.mdx has 8"],
  "no-sources": [
    'broken-no-sources: vi.mdx: front matter: "sources" is missing (list the documents the lesson rests on: title, publisher, url, read)',
    'broken-no-sources: en.mdx: front matter: "sources" is missing (list the documents the lesson rests on: title, publisher, url, read)',
  ],
  "bad-sources": ["vi", "en"].flatMap((l) => [
    `broken-bad-sources: ${l}.mdx: front matter: source 1 has no publisher`,
    `broken-bad-sources: ${l}.mdx: front matter: source 1: "url" must be an https:// address (or leave it out)`,
    `broken-bad-sources: ${l}.mdx: front matter: source 2 has no title`,
    `broken-bad-sources: ${l}.mdx: front matter: "read" 2026-02-30 is not a real date`,
  ]),
  "sources-differ": ['broken-sources-differ: en.mdx: front matter "sources" differs from vi.mdx (the list must be the same in both languages)'],
  stale: ['broken-stale: "lastChecked" 2025-11-20 is more than 12 months old: check the lesson against its sources, then update the date'],
};

describe("each broken course", () => {
  for (const [name, expected] of Object.entries(BROKEN)) {
    it(`${name}: the rule fires, and only it`, async () => {
      expect(messages(await load(`broken/${name}`))).toEqual(expected);
    });
  }

  it("a lesson whose right choice is always the longest is passed by the guesser", async () => {
    const lesson = (await load("broken/longest")).lessons[0];
    expect(longestChoicePasses(lesson.text.vi.quiz)).toBe(true);
    expect(longestChoicePasses(lesson.text.en!.quiz)).toBe(true);
  });
});

function question(choices: Array<[string, boolean]>, step: number | null = 1, prompt = "Câu hỏi?"): QuizQuestion {
  return { id: "q1", prompt, step, choices: choices.map(([text, correct], i) => ({ id: "abcd"[i], text, correct, why: "vì" })) };
}

describe("quiz rules in detail", () => {
  it("counts characters as read, whatever the Unicode form of the diacritics", () => {
    const composed = "Đọc kỹ tên người nhận".normalize("NFC");
    expect(textLength(composed.normalize("NFD"))).toBe(textLength(composed));
    expect(textLength("  hai   từ ")).toBe(6);
  });

  it("a tie for longest is not a length cue, and the guesser is credited with it", () => {
    const tied = question([
      ["Gọi ngân hàng!", true],
      ["Gọi công an xã", false],
      ["Chờ thêm", false],
    ]);
    expect(quizProblems([tied], 1).filter((p) => p.includes("strictly the longest"))).toEqual([]);
    expect(longestChoicePasses([tied])).toBe(true);
    const shorter = question([
      ["Gọi ngân hàng", true],
      ["Gọi công an xã", false],
      ["Chờ thêm", false],
    ]);
    expect(longestChoicePasses([shorter])).toBe(false);
  });

  it("allows a third of the questions to have the longest right choice, not one more", () => {
    const cue = question([
      ["Chọn cách dài nhất", true],
      ["Chọn cách ngắn", false],
    ]);
    const plain = question([
      ["Chọn cách ngắn", true],
      ["Chọn cách dài nhất", false],
    ]);
    const steps = 1;
    const rule = (quiz: QuizQuestion[]) => quizProblems(quiz, steps).filter((p) => p.includes("strictly the longest"));
    expect(rule([cue, cue, cue, plain, plain, plain, plain, plain, plain])).toEqual([]);
    expect(rule([cue, cue, cue, cue, plain, plain, plain, plain, plain])).toEqual(["the right choice is strictly the longest in 4 of 9 questions (at most 3 may be)"]);
  });

  it("near-identical means the same words in prompt and right answer, not the same opening", () => {
    const a = question([["Bật chế độ máy bay", true], ["Chờ", false]], 1, "Bà Lan đưa điện thoại, màn hình báo có tin nhắn OTP lạ. Bạn làm gì?");
    const b = question([["Đọc tên người nhận", true], ["Chờ", false]], 1, "Bà Lan đưa điện thoại, màn hình báo chuyển khoản 2 triệu. Bạn làm gì?");
    const c = question([["bật chế độ máy bay!", true], ["Chờ", false]], 1, "Bà Lan đưa điện thoại: màn hình báo có tin nhắn OTP lạ, bạn làm gì?");
    expect(jaccard(wordsOf(a), wordsOf(b))).toBeLessThan(NEAR_DUPLICATE);
    expect(jaccard(wordsOf(a), wordsOf(c))).toBe(1);
  });
});

describe("review dates", () => {
  const sources = [{ title: "T", publisher: "P", read: "2026-01-10" }];

  it("adds months the way a calendar does", () => {
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2026-11-30", 12)).toBe("2027-11-30");
  });

  it("takes today from --today, or Vietnam's date", () => {
    expect(todayFromArgs(["node", "x", "--today=2027-01-02"])).toBe("2027-01-02");
    expect(() => todayFromArgs(["--today=2027-13-01"])).toThrow(/YYYY-MM-DD/);
    // 20:00 UTC on 30 November is already 1 December in Vietnam.
    expect(todayInVietnam(new Date("2026-11-30T20:00:00Z"))).toBe("2026-12-01");
  });

  it("lists lessons due: checked over 11 months ago, sources read after the check, no sources, flagged; oldest first", () => {
    const lessons = [
      { slug: "fresh", lastChecked: "2026-11-01", sources, review: null },
      { slug: "eleven-months", lastChecked: "2026-01-15", sources, review: null },
      { slug: "read-later", lastChecked: "2026-01-01", sources, review: null },
      { slug: "no-sources", lastChecked: "2026-11-20", sources: [], review: null },
      { slug: "flagged", lastChecked: "2026-11-25", sources, review: "hỏi lại tổng đài 5656" },
      { slug: "overdue", lastChecked: "2025-10-01", sources: [{ ...sources[0], read: "2025-10-01" }], review: null },
    ];
    const due = dueForReview(lessons, "2026-12-20");
    expect(due.map((d) => [d.lesson.slug, d.reasons])).toEqual([
      ["overdue", ["last checked more than 11 months ago (fails after 2026-10-01)"]],
      ["read-later", ["last checked more than 11 months ago (fails after 2027-01-01)", "a source was read on 2026-01-10, after the last check"]],
      ["eleven-months", ["last checked more than 11 months ago (fails after 2027-01-15)"]],
      ["no-sources", ["no sources listed"]],
      ["flagged", ["flagged: hỏi lại tổng đài 5656"]],
    ]);
    expect(reviewProblems(lessons[5], "2026-12-20")).toHaveLength(1);
    expect(reviewProblems(lessons[2], "2026-12-20")).toEqual([]);
  });
});
