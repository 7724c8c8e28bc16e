// npm run bench:lighthouse — Lighthouse's mobile run (a mid-range phone,
// 4× slower processor, simulated slow 4G) on the sign-in page, the catalogue,
// a lesson and the report dashboard. Budget (issue 16): Largest Contentful
// Paint under 2.5 s on each. Printed, not asserted: timings stay out of the
// test suite.
//
// Lighthouse is not a dependency of the site: this runs the one in
// node_modules when there is one, else `npx --yes lighthouse@12.8.2` (12.x is
// the last line for Node 20). It drives Debian's chromium when installed
// (CHROME_PATH to choose another).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { signIn, startServer } from "./server";

const PORT = Number(process.env.BENCH_PORT || 3211);
const LESSON = process.env.BENCH_LESSON || "vneid-intro";
const RUNS = Number(process.env.BENCH_RUNS || 3);
const OUT = "tests/.tmp/lighthouse";

const local = path.resolve("node_modules/.bin/lighthouse");
const command = fs.existsSync(local) ? [local] : ["npx", "--yes", "lighthouse@12.8.2"];
const chrome = process.env.CHROME_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

type Audit = { numericValue?: number };
type Report = { audits: Record<string, Audit>; categories: { performance: { score: number } } };

/** One run; Lighthouse sometimes fails to record a trace on a busy machine (NO_NAVSTART): once more then. */
function lighthouse(url: string, cookie: string | undefined, file: string): Report {
  try {
    return lighthouseOnce(url, cookie, file);
  } catch {
    return lighthouseOnce(url, cookie, file);
  }
}

function lighthouseOnce(url: string, cookie: string | undefined, file: string): Report {
  const args = [
    url,
    "--only-categories=performance",
    "--output=json",
    `--output-path=${file}`,
    "--quiet",
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run",
  ];
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  execFileSync(command[0], [...command.slice(1), ...args], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...(chrome ? { CHROME_PATH: chrome } : {}) },
  });
  return JSON.parse(fs.readFileSync(file, "utf8")) as Report;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

fs.mkdirSync(OUT, { recursive: true });
const server = await startServer({ port: PORT, databaseFile: "tests/.tmp/bench-lighthouse.db" });
try {
  const member = await signIn(server.origin, "0900000005");
  const supervisor = await signIn(server.origin, "0900000003");
  const pages: Array<[string, string, string | undefined]> = [
    ["sign-in (guest)", "/login", undefined],
    ["catalogue (member)", "/lessons", member],
    [`lesson ${LESSON} (member)`, `/lessons/${LESSON}`, member],
    ["report dashboard (supervisor)", "/reports", supervisor],
  ];
  console.log(`\nLighthouse mobile, median of ${RUNS} runs (LCP budget 2.5 s):`);
  console.log(`  ${"page".padEnd(32)} ${"LCP".padStart(7)} ${"FCP".padStart(7)} ${"TBT".padStart(7)} ${"CLS".padStart(6)} score`);
  for (const [name, pagePath, cookie] of pages) {
    const reports = Array.from({ length: RUNS }, (_, i) => lighthouse(server.origin + pagePath, cookie, `${OUT}/${name.split(" ")[0]}-${i}.json`));
    const metric = (id: string) => median(reports.map((r) => r.audits[id]?.numericValue ?? NaN));
    const lcp = metric("largest-contentful-paint");
    const score = median(reports.map((r) => r.categories.performance.score * 100));
    console.log(
      `  ${name.padEnd(32)} ${(lcp / 1000).toFixed(2).padStart(6)}s ${(metric("first-contentful-paint") / 1000).toFixed(2).padStart(6)}s ${metric("total-blocking-time").toFixed(0).padStart(5)}ms ${metric("cumulative-layout-shift").toFixed(3).padStart(6)} ${score.toFixed(0).padStart(5)}  ${lcp <= 2500 ? "OK" : "OVER"}`,
    );
  }
} finally {
  server.stop();
}
