// The first load of every page a person opens, as a phone's browser makes it:
// a fresh browser (empty cache, no service worker) at 360 px fetches the page
// and everything it pulls in (styles, scripts, the language file React loads,
// data requests); images and fonts excluded. Each response body is counted
// compressed (gzip), as it crosses the wire once the server or its proxy
// compresses (issue 16's budgets are on compressed transfer).
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";

export type PageToWeigh = {
  name: string;
  path: string;
  /** Cookie header of a signed-in person, or undefined for a guest. */
  cookie?: string;
  /** Budget in KB compressed, when the issue sets one. */
  budget?: number;
};

export type Weight = { name: string; path: string; total: number; scripts: number; files: number; hydrated: boolean; budget?: number };

const debianChromium = "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: fs.existsSync(debianChromium) ? debianChromium : undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

function cookiesFor(origin: string, header: string | undefined) {
  if (!header) return [];
  return header.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url: origin };
  });
}

export async function weigh(browser: Browser, origin: string, page: PageToWeigh): Promise<Weight> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block", locale: "vi-VN" });
  await context.addCookies(cookiesFor(origin, page.cookie));
  const tab = await context.newPage();
  const bodies: Array<Promise<{ bytes: number; script: boolean }>> = [];
  tab.on("response", (response) => {
    const type = response.request().resourceType();
    if (["image", "media", "font", "manifest", "other"].includes(type)) return;
    bodies.push(
      response
        .body()
        .then((body) => ({ bytes: gzipSync(body).length, script: type === "script" }))
        .catch(() => ({ bytes: 0, script: false })),
    );
  });
  const response = await tab.goto(origin + page.path, { waitUntil: "networkidle" });
  if (!response || response.status() !== 200) throw new Error(`${page.path} answered ${response?.status()}`);
  const hydrated = (await tab.locator("html[data-hydrated=true]").count()) > 0;
  const sizes = await Promise.all(bodies);
  await context.close();
  return {
    name: page.name,
    path: page.path,
    total: sizes.reduce((s, x) => s + x.bytes, 0),
    scripts: sizes.filter((x) => x.script).reduce((s, x) => s + x.bytes, 0),
    files: sizes.length,
    hydrated,
    budget: page.budget,
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function printWeights(weights: Weight[]) {
  console.log("\nFirst load per page at 360 px, compressed (gzip), images and fonts excluded:");
  console.log(`  ${"page".padEnd(44)} ${"total".padStart(9)} ${"of it JS".padStart(9)} files  React  budget`);
  let over = 0;
  for (const w of weights) {
    const verdict = w.budget === undefined ? "" : w.total <= w.budget * 1024 ? `${w.budget} KB OK` : `${w.budget} KB OVER`;
    if (w.budget !== undefined && w.total > w.budget * 1024) over++;
    console.log(
      `  ${w.name.padEnd(44)} ${kb(w.total).padStart(9)} ${kb(w.scripts).padStart(9)} ${String(w.files).padStart(5)}  ${(w.hydrated ? "yes" : "no").padEnd(5)}  ${verdict}`,
    );
  }
  console.log(`  ${over ? `${over} page(s) over budget` : "every budget holds"}`);
}

/** Finds the first link on a page matching a pattern (ids differ between databases). */
export async function firstLink(origin: string, path: string, cookie: string, pattern: RegExp) {
  const html = await (await fetch(origin + path, { headers: { cookie } })).text();
  const found = html.match(pattern);
  if (!found) throw new Error(`no link like ${pattern} on ${path}`);
  return found[0].replace(/&amp;/g, "&");
}

/** Every kind of page, as each role first opens it. */
export async function pagesToWeigh(
  origin: string,
  cookies: { member: string; trainer: string; supervisor: string; admin: string },
  lesson: string,
): Promise<PageToWeigh[]> {
  const { member, trainer, supervisor, admin } = cookies;
  const session = await firstLink(origin, "/sessions?when=past", trainer, /\/sessions\/\d+/);
  const team = await firstLink(origin, "/reports", supervisor, /\/reports\/team\/\d+/);
  const drill = await firstLink(origin, team, supervisor, /\/reports\/member\/\d+/);
  return [
    { name: "sign-in (guest)", path: "/login", budget: 60 },
    { name: "catalogue (guest)", path: "/lessons", budget: 60 },
    { name: `lesson ${lesson} (guest)`, path: `/lessons/${lesson}`, budget: 60 },
    { name: "member home", path: "/", cookie: member, budget: 60 },
    { name: "catalogue (member)", path: "/lessons", cookie: member, budget: 60 },
    { name: `lesson ${lesson} (member)`, path: `/lessons/${lesson}`, cookie: member, budget: 60 },
    { name: "results (member)", path: "/results", cookie: member, budget: 60 },
    { name: "session list (member)", path: "/sessions", cookie: member, budget: 60 },
    { name: "certificates (member)", path: "/certificates", cookie: member, budget: 60 },
    { name: "trainer home", path: "/", cookie: trainer, budget: 60 },
    { name: "session list (trainer)", path: "/sessions", cookie: trainer, budget: 60 },
    { name: "session page, attendance (trainer)", path: session, cookie: trainer },
    { name: "new session form (trainer)", path: "/sessions/new", cookie: trainer },
    { name: "supervisor home", path: "/", cookie: supervisor, budget: 60 },
    { name: "report dashboard (supervisor)", path: "/reports", cookie: supervisor, budget: 100 },
    { name: "team drill-down (supervisor)", path: team, cookie: supervisor, budget: 60 },
    { name: "member drill-down (supervisor)", path: drill, cookie: supervisor, budget: 60 },
    { name: "questions to re-teach (supervisor)", path: "/reports/questions", cookie: supervisor, budget: 60 },
    { name: "periodic report (supervisor)", path: "/reports/periodic", cookie: supervisor },
    { name: "admin home", path: "/admin", cookie: admin },
    { name: "admin members", path: "/admin/members", cookie: admin },
    { name: "admin import", path: "/admin/import", cookie: admin },
  ];
}
