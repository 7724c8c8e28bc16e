// Compiles one lesson file (MDX) into what the site serves: static HTML for the
// body, and the quiz as data, split into what the browser may see (questions,
// choices) and the key (correct choices and explanations), which stays here.
import fs from "node:fs";
import path from "node:path";
import type { Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { bundleMDX } from "mdx-bundler";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { lessonComponents, type LessonLabels } from "~/components/lesson-mdx";
import { isCalendarDate } from "~/utils/time";
import type { LessonSource } from "./review";

export type QuizChoice = { id: string; text: string; correct: boolean; why: string };
/** `step`: the 1-based number of the <Step> the question tests (null when the author gave none). */
export type QuizQuestion = { id: string; prompt: string; step: number | null; choices: QuizChoice[] };
export type LessonFrontmatter = {
  slug: string;
  topic: string;
  order: number;
  minutes: number;
  lastChecked: string;
  title: string;
  goal: string;
  /** What the lesson rests on; the same list in both languages. */
  sources: LessonSource[];
  /** Why an editor wants the lesson checked again (optional `review:`), or null. */
  review: string | null;
};
export type CompiledLesson = {
  frontmatter: LessonFrontmatter;
  html: string;
  quiz: QuizQuestion[];
  /** How many <Step> the lesson has: questions name one of them. */
  steps: number;
  figures: string[];
  problems: string[];
};

const CHOICE_IDS = ["a", "b", "c", "d", "e", "f"];

type JsxNode = {
  type: "mdxJsxFlowElement" | "mdxJsxTextElement";
  name: string | null;
  attributes: Array<{ type: string; name?: string; value?: unknown }>;
  children: RootContent[];
};

function isJsx(node: unknown, name?: string): node is JsxNode {
  const n = node as JsxNode;
  return (n?.type === "mdxJsxFlowElement" || n?.type === "mdxJsxTextElement") && (!name || n.name === name);
}

function attr(node: JsxNode, name: string): string | boolean | undefined {
  const a = node.attributes.find((x) => x.type === "mdxJsxAttribute" && x.name === name);
  if (!a) return undefined;
  if (a.value === null || a.value === undefined) return true; // <Choice correct>
  if (typeof a.value === "string") return a.value;
  const expression = (a.value as { value?: string }).value?.trim();
  if (expression === "true") return true;
  if (expression === "false") return false;
  return expression;
}

function setAttr(node: JsxNode, name: string, value: string) {
  const existing = node.attributes.find((x) => x.type === "mdxJsxAttribute" && x.name === name);
  if (existing) existing.value = value;
  else node.attributes.push({ type: "mdxJsxAttribute", name, value });
}

function jsxChildren(node: { children?: RootContent[] }): JsxNode[] {
  const found: JsxNode[] = [];
  for (const child of node.children ?? []) {
    if (isJsx(child)) found.push(child);
    else if ((child as { children?: RootContent[] }).children) found.push(...jsxChildren(child as { children: RootContent[] }));
  }
  return found;
}

/** Picture labels are read on a 360 px phone at full size (issue 16): none under this. */
export const MIN_PICTURE_LABEL = 14;

/** The font sizes in a picture under the minimum, as "12, 11". */
function smallLabels(file: string) {
  const sizes = [...fs.readFileSync(file, "utf8").matchAll(/font-size="(\d+(?:\.\d+)?)"/g)].map((m) => Number(m[1]));
  return [...new Set(sizes.filter((s) => s < MIN_PICTURE_LABEL))];
}

function svgSize(file: string): { width?: string; height?: string } {
  const head = fs.readFileSync(file, "utf8").slice(0, 600);
  const tag = head.match(/<svg\b[^>]*>/)?.[0] ?? "";
  const width = tag.match(/\swidth="(\d+(?:\.\d+)?)"/)?.[1];
  const height = tag.match(/\sheight="(\d+(?:\.\d+)?)"/)?.[1];
  if (width && height) return { width, height };
  const box = tag.match(/viewBox="[\d.\s-]+?\s([\d.]+)\s([\d.]+)"/);
  return box ? { width: box[1], height: box[2] } : {};
}

/** The body's one-line "Nguồn chính thức:" / "Official sources:" paragraph (see AUTHORING.md). */
const OFFICIAL_SOURCES = /^(nguồn chính thức|official sources)\s*:?$/i;

function isOfficialSourcesLine(node: RootContent) {
  if (node.type !== "paragraph") return false;
  const first = node.children[0];
  return first?.type === "strong" && OFFICIAL_SOURCES.test(toString(first).trim());
}

/**
 * A remark plugin: takes the <Quiz> out of the document into `out.quiz`,
 * points every <Figure src> at the lesson's media address, checking the file,
 * and marks the "official sources" line (the leaflet prints the full list instead).
 */
function lessonPlugin(out: { quiz: QuizQuestion[]; steps: number; figures: string[]; problems: string[] }, dir: string, mediaBase: string) {
  return () => (tree: Root) => {
    const visit = (parent: { children: RootContent[] }) => {
      parent.children = parent.children.filter((node) => {
        if (isJsx(node, "Quiz")) {
          out.quiz.push(...readQuiz(node, out.problems));
          return false;
        }
        if (isJsx(node, "Step")) {
          out.steps++;
          // An address for each step: what-to-re-teach links a question to the step it tests.
          setAttr(node, "id", `step-${out.steps}`);
        }
        if (isOfficialSourcesLine(node)) node.data = { ...node.data, hProperties: { className: "lesson-official-sources" } };
        if (isJsx(node, "Figure")) {
          const src = attr(node, "src");
          if (typeof src !== "string" || !src) out.problems.push("a <Figure> has no src");
          else if (src.includes("/") || src.includes("\\")) out.problems.push(`figure "${src}" must be a file name in the lesson folder`);
          else if (!fs.existsSync(path.join(dir, src))) out.problems.push(`figure "${src}" does not exist`);
          else {
            out.figures.push(src);
            const size = src.endsWith(".svg") ? svgSize(path.join(dir, src)) : {};
            const small = src.endsWith(".svg") ? smallLabels(path.join(dir, src)) : [];
            if (small.length) out.problems.push(`figure "${src}" has text at ${small.join(", ")}: labels must be at least ${MIN_PICTURE_LABEL} (they are read at full size on a 360 px phone)`);
            if (size.width) setAttr(node, "width", size.width);
            if (size.height) setAttr(node, "height", size.height);
            setAttr(node, "src", mediaBase + src);
          }
          if (typeof attr(node, "alt") !== "string") out.problems.push(`figure "${String(src)}" has no alt text`);
        }
        if ((node as { children?: RootContent[] }).children) visit(node as { children: RootContent[] });
        return true;
      });
    };
    visit(tree);
  };
}

function readQuiz(quiz: JsxNode, problems: string[]): QuizQuestion[] {
  const questions = jsxChildren(quiz).filter((n) => n.name === "Question");
  return questions.map((q, qi) => {
    const id = `q${qi + 1}`;
    const prompt = attr(q, "prompt");
    if (typeof prompt !== "string" || !prompt.trim()) problems.push(`question ${qi + 1} has no prompt`);
    const stepValue = attr(q, "step");
    const step = typeof stepValue === "string" && /^\d+$/.test(stepValue.trim()) ? Number(stepValue) : null;
    if (stepValue !== undefined && step === null) problems.push(`question ${qi + 1}: step="${String(stepValue)}" is not a step number`);
    const choices = jsxChildren(q)
      .filter((n) => n.name === "Choice")
      .map((c, ci) => {
        const why = attr(c, "why");
        const text = toString(c as unknown as RootContent).trim();
        if (typeof why !== "string" || !why.trim()) problems.push(`question ${qi + 1}, choice ${ci + 1} has no explanation (why)`);
        if (!text) problems.push(`question ${qi + 1}, choice ${ci + 1} has no text`);
        return { id: CHOICE_IDS[ci] ?? `c${ci + 1}`, text, correct: attr(c, "correct") === true, why: typeof why === "string" ? why : "" };
      });
    if (choices.length < 2 || choices.length > CHOICE_IDS.length) problems.push(`question ${qi + 1} has ${choices.length} choices`);
    const correct = choices.filter((c) => c.correct).length;
    if (correct !== 1) problems.push(`question ${qi + 1} has ${correct} correct choices (exactly one is needed)`);
    return { id, prompt: typeof prompt === "string" ? prompt : "", step, choices };
  });
}

function formatDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === "string" ? value : "";
}

export function checkFrontmatter(fm: Record<string, unknown>, problems: string[]): LessonFrontmatter {
  const text = (key: string) => {
    const v = fm[key];
    if (typeof v !== "string" || !v.trim()) problems.push(`front matter: "${key}" is missing`);
    return typeof v === "string" ? v.trim() : "";
  };
  const int = (key: string, min: number, max: number) => {
    const v = fm[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) problems.push(`front matter: "${key}" must be a whole number from ${min} to ${max}`);
    return typeof v === "number" ? v : 0;
  };
  const lastChecked = formatDate(fm.lastChecked);
  if (!isCalendarDate(lastChecked)) problems.push('front matter: "lastChecked" must be a date YYYY-MM-DD');
  const review = fm.review === undefined || fm.review === null ? null : String(fm.review).trim() || null;
  return {
    slug: text("slug"),
    topic: text("topic"),
    order: int("order", 1, 99),
    minutes: int("minutes", 1, 15),
    lastChecked,
    title: text("title"),
    goal: text("goal"),
    sources: checkSources(fm.sources, problems),
    review,
  };
}

const SOURCE_KEYS = new Set(["title", "publisher", "url", "read"]);

/** The `sources:` list: each { title, publisher, url?, read }, with every fault listed. */
export function checkSources(value: unknown, problems: string[]): LessonSource[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push('front matter: "sources" is missing (list the documents the lesson rests on: title, publisher, url, read)');
    return [];
  }
  return value.map((item, i) => {
    const where = `front matter: source ${i + 1}`;
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      problems.push(`${where} must have title, publisher, url and read`);
      return { title: "", publisher: "", read: "" };
    }
    const entry = item as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!SOURCE_KEYS.has(key)) problems.push(`${where} has an unknown field "${key}"`);
    const text = (key: string) => (typeof entry[key] === "string" ? (entry[key] as string).trim() : "");
    const source: LessonSource = { title: text("title"), publisher: text("publisher"), read: formatDate(entry.read) };
    if (!source.title) problems.push(`${where} has no title`);
    if (!source.publisher) problems.push(`${where} has no publisher`);
    if (!isCalendarDate(source.read)) problems.push(`${where}: "read" must be the date you read it, YYYY-MM-DD`);
    if (entry.url !== undefined && entry.url !== null) {
      const url = text("url");
      let secure = false;
      try {
        secure = new URL(url).protocol === "https:";
      } catch {
        // Not an address at all: reported below like a plain-HTTP one.
      }
      if (!secure) problems.push(`${where}: "url" must be an https:// address (or leave it out)`);
      else source.url = url;
    }
    return source;
  });
}

/**
 * The YAML reader turns 2026-02-30 into 2 March without a word, so the dates
 * are also checked as written in the file's front matter.
 */
function writtenDateProblems(source: string, problems: string[]) {
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? "";
  for (const m of block.matchAll(/^[\s-]*(lastChecked|read):[ \t]*["']?([^"'\s#]+)/gm)) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(m[2]) && !isCalendarDate(m[2])) problems.push(`front matter: "${m[1]}" ${m[2]} is not a real date`);
  }
}

export async function compileLessonFile(options: { file: string; slug: string; labels: LessonLabels }): Promise<CompiledLesson> {
  const { file, slug, labels } = options;
  const dir = path.dirname(file);
  const source = fs.readFileSync(file, "utf8");
  const out = { quiz: [] as QuizQuestion[], steps: 0, figures: [] as string[], problems: [] as string[] };
  const mediaBase = `/lessons/${slug}/media/`;
  const result = await bundleMDX({
    source,
    cwd: dir,
    mdxOptions(mdx) {
      mdx.remarkPlugins = [...(mdx.remarkPlugins ?? []), lessonPlugin(out, dir, mediaBase)];
      return mdx;
    },
  });
  const frontmatter = checkFrontmatter(result.frontmatter as Record<string, unknown>, out.problems);
  writtenDateProblems(source, out.problems);
  const Body = getMDXComponent(result.code);
  const html = renderToStaticMarkup(createElement(Body, { components: lessonComponents(labels) }));
  return { frontmatter, html, quiz: out.quiz, steps: out.steps, figures: out.figures, problems: out.problems };
}
