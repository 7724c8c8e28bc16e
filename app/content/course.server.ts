// The course: every lesson in content/, compiled once per content hash (kept in
// memory and in .cache/ across restarts), warmed at server start and synced to
// the Lesson table so reports can join on it. Never compiled per request.
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import en from "~/locales/en";
import vi from "~/locales/vi";
import type { Language } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { compileLessonFile, type CompiledLesson, type QuizQuestion } from "./compile.server";
import { nearDuplicates, quizParityProblems, quizProblems, type QuizInCourse } from "./quiz-rules";
import { reviewProblems, todayInVietnam, type LessonSource } from "./review";

export type Topic = { id: string; order: number; title: Record<Language, string>; summary: Record<Language, string> };
export type LessonText = { title: string; goal: string; html: string; quiz: QuizQuestion[] };
export type Lesson = {
  slug: string;
  topic: string;
  order: number;
  minutes: number;
  lastChecked: string;
  /** What the lesson rests on (identical in both languages), shown under "Nguồn" and on the leaflet. */
  sources: LessonSource[];
  /** An editor's note asking for the lesson to be checked again, or null. */
  review: string | null;
  /** Content hash of the lesson folder: stored with attempts and completions. */
  version: string;
  text: { vi: LessonText; en?: LessonText };
  figures: string[];
  dir: string;
};
export type ContentProblem = { lesson: string; problem: string };
/** `questionsPerAttempt`: how many questions of a lesson's pool one attempt asks (content/quiz.json). */
export type Course = { topics: Topic[]; lessons: Lesson[]; bySlug: Map<string, Lesson>; problems: ContentProblem[]; questionsPerAttempt: number };

/** Without content/quiz.json, an attempt asks this many questions. */
export const DEFAULT_QUESTIONS_PER_ATTEMPT = 5;

function readQuizSettings(root: string, problems: ContentProblem[]) {
  const file = path.join(root, "quiz.json");
  if (!fs.existsSync(file)) return DEFAULT_QUESTIONS_PER_ATTEMPT;
  try {
    const value = (JSON.parse(fs.readFileSync(file, "utf8")) as { questionsPerAttempt?: unknown }).questionsPerAttempt;
    if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 20) return value;
  } catch {
    // Reported below.
  }
  problems.push({ lesson: "quiz.json", problem: '"questionsPerAttempt" must be a whole number from 1 to 20' });
  return DEFAULT_QUESTIONS_PER_ATTEMPT;
}

const LANGUAGES: Language[] = ["vi", "en"];
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function contentDir() {
  return path.resolve(process.env.CONTENT_DIR || "content");
}

function cacheDir() {
  return path.resolve(process.env.CONTENT_CACHE_DIR || ".cache/lessons");
}

function labels(language: Language) {
  const t = language === "en" ? en : vi;
  return { tip: t.lesson.tip, warning: t.lesson.warning, checklist: t.lesson.checklist, step: t.lesson.step };
}

function folderHash(dir: string) {
  const hash = crypto.createHash("sha256");
  for (const name of fs.readdirSync(dir).sort()) {
    hash.update(name).update("\0").update(fs.readFileSync(path.join(dir, name))).update("\0");
  }
  // The compiler's own output shape is part of the version, so a change to it recompiles.
  hash.update(COMPILER_OUTPUT);
  return hash.digest("hex").slice(0, 16);
}

/** Raised by hand when the compiler's output shape changes (compile.server.ts). */
const COMPILER_OUTPUT = "compiler-v6";

const requireFromHere = createRequire(import.meta.url);
function packageVersion(name: string) {
  try {
    return (requireFromHere(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/**
 * What changes a compiled lesson besides its own files: the labels the compiler writes into
 * the page (tip, warning, checklist, step, in both languages), the compiler's output shape and
 * the MDX toolchain's versions. It keys the compile cache (memory and disk) but not the
 * lesson's version, which attempts store: a new label is not a new lesson.
 */
export function compileCacheKey(labelsOf: (language: Language) => Record<string, string> = labels) {
  const hash = crypto.createHash("sha256");
  hash.update(JSON.stringify({ labels: LANGUAGES.map((language) => [language, labelsOf(language)]), output: COMPILER_OUTPUT }));
  for (const name of ["mdx-bundler", "esbuild", "@mdx-js/mdx"]) hash.update(`${name}@${packageVersion(name)}`);
  return hash.digest("hex").slice(0, 12);
}

type CachedFolder = Partial<Record<Language, CompiledLesson | { error: string }>>;
const memoryCache = new Map<string, CachedFolder>();

async function compileFolder(dir: string, slug: string, version: string): Promise<CachedFolder> {
  const key = `${version}-${compileCacheKey()}`;
  const memo = memoryCache.get(key);
  if (memo) return memo;
  const diskFile = path.join(cacheDir(), `${slug}-${key}.json`);
  if (fs.existsSync(diskFile)) {
    try {
      const cached = JSON.parse(fs.readFileSync(diskFile, "utf8")) as CachedFolder;
      memoryCache.set(key, cached);
      return cached;
    } catch {
      // A damaged cache file is simply rebuilt.
    }
  }
  const compiled: CachedFolder = {};
  for (const language of LANGUAGES) {
    const file = path.join(dir, `${language}.mdx`);
    if (!fs.existsSync(file)) continue;
    try {
      compiled[language] = await compileLessonFile({ file, slug, labels: labels(language) });
    } catch (error) {
      compiled[language] = { error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
    }
  }
  memoryCache.set(key, compiled);
  // A failed build may come from the machine rather than the file (a bad working directory):
  // keep it out of the disk cache so the next run tries again.
  if (Object.values(compiled).some((entry) => "error" in entry!)) return compiled;
  try {
    fs.mkdirSync(cacheDir(), { recursive: true });
    fs.writeFileSync(diskFile, JSON.stringify(compiled));
  } catch {
    // A read-only disk only costs a recompile at the next start.
  }
  return compiled;
}

/**
 * Reads and compiles the whole course, listing every problem found: the
 * compiler's, the quiz rules (quiz-rules.ts) and the review dates (review.ts),
 * which depend on `today` (YYYY-MM-DD, Vietnam's date by default).
 */
export async function loadCourse(folder = contentDir(), options: { today?: string } = {}): Promise<Course> {
  // esbuild (mdx-bundler) needs absolute working directories.
  const root = path.resolve(folder);
  const today = options.today ?? todayInVietnam();
  const problems: ContentProblem[] = [];
  const topics = (JSON.parse(fs.readFileSync(path.join(root, "topics.json"), "utf8")) as Topic[]).sort((a, b) => a.order - b.order);
  const questionsPerAttempt = readQuizSettings(root, problems);
  const topicIds = new Set(topics.map((t) => t.id));
  const lessonsDir = path.join(root, "lessons");
  const lessons: Lesson[] = [];
  const quizzes: QuizInCourse[] = [];
  const folders = fs.existsSync(lessonsDir) ? fs.readdirSync(lessonsDir).filter((n) => fs.statSync(path.join(lessonsDir, n)).isDirectory()) : [];
  for (const slug of folders.sort()) {
    const dir = path.join(lessonsDir, slug);
    const report = (problem: string) => problems.push({ lesson: slug, problem });
    if (!SLUG.test(slug)) report("the folder name is not a valid slug (lowercase letters, digits and dashes)");
    const version = folderHash(dir);
    const compiled = await compileFolder(dir, slug, version);
    const text: Partial<Record<Language, LessonText>> = {};
    let meta: CompiledLesson["frontmatter"] | undefined;
    const figures = new Set<string>();
    for (const language of LANGUAGES) {
      const entry = compiled[language];
      if (!entry) {
        report(`${language}.mdx is missing`);
        continue;
      }
      if ("error" in entry) {
        report(`${language}.mdx does not compile: ${entry.error}`);
        continue;
      }
      for (const p of entry.problems) report(`${language}.mdx: ${p}`);
      for (const p of quizProblems(entry.quiz, entry.steps)) report(`${language}.mdx: ${p}`);
      quizzes.push({ lesson: slug, language, quiz: entry.quiz });
      const fm = entry.frontmatter;
      if (fm.slug !== slug) report(`${language}.mdx: front matter slug "${fm.slug}" differs from the folder name`);
      if (!topicIds.has(fm.topic)) report(`${language}.mdx: topic "${fm.topic}" is not in topics.json`);
      if (meta) {
        for (const key of ["topic", "order", "minutes", "lastChecked"] as const) {
          if (meta[key] !== fm[key]) report(`${language}.mdx: front matter "${key}" differs from vi.mdx`);
        }
        if (JSON.stringify(meta.sources) !== JSON.stringify(fm.sources)) report(`${language}.mdx: front matter "sources" differs from vi.mdx (the list must be the same in both languages)`);
        if (text.vi) for (const p of quizParityProblems(text.vi.quiz, entry.quiz)) report(`${language}.mdx: ${p}`);
      } else {
        meta = fm;
      }
      entry.figures.forEach((f) => figures.add(f));
      text[language] = { title: fm.title, goal: fm.goal, html: entry.html, quiz: entry.quiz };
    }
    // A lesson is served when its Vietnamese source compiles; English falls back to it.
    if (meta && text.vi) {
      for (const p of reviewProblems(meta, today)) report(p);
      lessons.push({
        slug,
        topic: meta.topic,
        order: meta.order,
        minutes: meta.minutes,
        lastChecked: meta.lastChecked,
        sources: meta.sources,
        review: meta.review,
        version,
        text: text as Lesson["text"],
        figures: [...figures],
        dir,
      });
    }
  }
  for (const d of nearDuplicates(quizzes)) {
    const share = `${Math.round(d.score * 100)}% of words shared`;
    problems.push({ lesson: d.a.lesson, problem: `${d.language}.mdx: question ${d.a.question} is near-identical to ${d.b.lesson} question ${d.b.question} (${share})` });
    if (d.b.lesson !== d.a.lesson)
      problems.push({ lesson: d.b.lesson, problem: `${d.language}.mdx: question ${d.b.question} is near-identical to ${d.a.lesson} question ${d.a.question} (${share})` });
  }
  // A writer reads the problems of their own lessons together (the sort is stable).
  problems.sort((a, b) => a.lesson.localeCompare(b.lesson));
  const topicOrder = new Map(topics.map((t) => [t.id, t.order]));
  lessons.sort((a, b) => (topicOrder.get(a.topic) ?? 99) - (topicOrder.get(b.topic) ?? 99) || a.order - b.order || a.slug.localeCompare(b.slug));
  return { topics, lessons, bySlug: new Map(lessons.map((l) => [l.slug, l])), problems, questionsPerAttempt };
}

/** Keeps the Lesson table in step with the content: reports and attempts refer to it. */
export async function syncLessons(course: Course) {
  const present = course.lessons.map((l) => l.slug);
  await prisma.$transaction([
    ...course.lessons.map((l) =>
      prisma.lesson.upsert({
        where: { slug: l.slug },
        create: { slug: l.slug, topic: l.topic, order: l.order, minutes: l.minutes, titleVi: l.text.vi.title, titleEn: l.text.en?.title ?? l.text.vi.title, version: l.version },
        update: { topic: l.topic, order: l.order, minutes: l.minutes, titleVi: l.text.vi.title, titleEn: l.text.en?.title ?? l.text.vi.title, version: l.version, active: true },
      }),
    ),
    prisma.lesson.updateMany({ where: { slug: { notIn: present } }, data: { active: false } }),
  ]);
}

const globalCourse = globalThis as unknown as { __course?: Promise<Course> };

/** The course for this process, compiled and synced once. */
export function getCourse(): Promise<Course> {
  globalCourse.__course ??= (async () => {
    const started = Date.now();
    const course = await loadCourse();
    await syncLessons(course);
    for (const p of course.problems) console.warn(`content: ${p.lesson}: ${p.problem}`);
    if (process.env.NODE_ENV !== "test") console.log(`Course ready: ${course.lessons.length} lessons in ${Date.now() - started} ms`);
    return course;
  })();
  globalCourse.__course.catch(() => {
    globalCourse.__course = undefined;
  });
  return globalCourse.__course;
}

/** The lesson text in the reader's language, or Vietnamese with `fallback` set. */
export function lessonText(lesson: Lesson, language: Language) {
  const text = lesson.text[language];
  if (text) return { ...text, language, fallback: false };
  return { ...lesson.text.vi, language: "vi" as Language, fallback: language !== "vi" };
}

/** The quiz as the browser may see it: no correct flags, no explanations. */
export function publicQuiz(quiz: QuizQuestion[]) {
  return quiz.map((q) => ({ id: q.id, prompt: q.prompt, choices: q.choices.map((c) => ({ id: c.id, text: c.text })) }));
}
