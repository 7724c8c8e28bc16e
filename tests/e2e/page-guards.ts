// What every page must pass at 360 px (issue 16): axe finds nothing serious or
// critical; every tap target is at least 44 × 44 px; no visible text in the
// main content is under 16 px; nothing scrolls sideways.
import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";

// axe-core is loaded with require so that it can be found on NODE_PATH as well
// as in node_modules; its source is run in the page (page.evaluate is not
// subject to the page's Content-Security-Policy).
const axeSource: string = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

type AxeNode = { target: string[]; html: string; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

export async function seriousAxeViolations(page: Page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}  ${n.html.slice(0, 160)}`).join("\n")}`);
}

/** Tap targets under 44 × 44 px, and text under 16 px in the main content, as "what: where" lines. */
export async function smallTargetsAndText(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const text = (el.textContent || (el as HTMLInputElement).value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 50);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}> "${text}"`;
    };
    const visible = (el: Element) => {
      // checkVisibility also sees what a closed <details> hides (Chromium hides it with content-visibility, not display).
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1;
    };
    // Visually hidden but present for screen readers (the skip link, a file input under its label).
    const screenReaderOnly = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width <= 1 || r.height <= 1 || getComputedStyle(el).clip === "rect(0px, 0px, 0px, 0px)";
    };
    const targets = document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex='0']");
    for (const el of targets) {
      if (screenReaderOnly(el) || !visible(el)) continue;
      // A tick box or radio is tapped through its label, which is the target.
      let box: Element = el;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) box = el.closest("label") ?? el;
      // A link inside a sentence is exempt (WCAG 2.5.8 "inline"): it flows with the words around it.
      if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
        const parentText = (el.parentElement?.textContent ?? "").trim();
        if (parentText.length > (el.textContent ?? "").trim().length + 1) continue;
      }
      // A scrolling region (a wide table's box) is a keyboard stop, not a tap target.
      if (el.getAttribute("role") === "region") continue;
      const r = box.getBoundingClientRect();
      if (r.width < 43.5 || r.height < 43.5)
        problems.push(`tap target ${Math.round(r.width)}×${Math.round(r.height)} px at (${Math.round(r.x)}, ${Math.round(r.y + scrollY)}): ${describe(el)}`);
    }
    const main = document.querySelector("main");
    if (main) {
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      const seen = new Set<Element>();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || seen.has(el) || !node.textContent?.trim()) continue;
        seen.add(el);
        if (!visible(el) || screenReaderOnly(el) || el.closest(".sr-only, script, style, noscript")) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 15.95) problems.push(`text ${size.toFixed(1)} px: ${describe(el)}`);
      }
    }
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth) problems.push(`page scrolls sideways: ${width} px wide`);
    return problems;
  });
}

/** Both guards, failing with every problem listed. */
export async function expectPageGuards(page: Page, name: string) {
  const axe = await seriousAxeViolations(page);
  expect(axe, `axe, serious or critical, on ${name}:\n${axe.join("\n")}`).toEqual([]);
  const sizes = await smallTargetsAndText(page);
  // What the guard saw, to look at when it fails.
  if (sizes.length) await page.screenshot({ path: `tests/.tmp/screens/guard-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}.png`, fullPage: true });
  expect(sizes, `tap targets and text on ${name}:\n${sizes.join("\n")}`).toEqual([]);
}
