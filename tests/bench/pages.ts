// npm run bench:pages — page weight and serving speed of a lesson page.
// Budgets (issue 3): first load of a lesson, signed in, at most 60 KB gzipped
// (HTML, CSS, JS, fonts; images excluded); at least 70% of the requests per
// second of a trivial Remix page measured in the same run.
import { gzipSync } from "node:zlib";
import { compare, loadTool } from "./load";
import { launchBrowser, pagesToWeigh, printWeights, weigh } from "./first-load";
import { signIn, startServer } from "./server";

const PORT = Number(process.env.BENCH_PORT || 3210);
const LESSON = process.env.BENCH_LESSON || "vneid-intro";
const DURATION = Number(process.env.BENCH_SECONDS || 4);

function assetsOf(html: string) {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+rel="(?:stylesheet|modulepreload|preload)"[^>]*href="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+href="([^"]+)"[^>]*rel="(?:stylesheet|modulepreload|preload)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/import\s*\(?\s*"([^"]+\.js)"/g)) urls.add(m[1]);
  return [...urls].filter((u) => !/\.(svg|png|jpe?g|webp|ico)(\?|$)/.test(u));
}

const server = await startServer({ port: PORT, databaseFile: "tests/.tmp/bench-pages.db" });
try {
  const cookie = await signIn(server.origin, "0900000005");
  const lessonUrl = `${server.origin}/lessons/${LESSON}`;
  const html = await (await fetch(lessonUrl, { headers: { cookie } })).text();
  if (!html.includes('data-lesson-body')) throw new Error("the lesson page did not render");
  const rows: Array<[string, number, number]> = [["document", Buffer.byteLength(html), gzipSync(html).length]];
  for (const asset of assetsOf(html)) {
    const body = Buffer.from(await (await fetch(new URL(asset, server.origin))).arrayBuffer());
    rows.push([asset, body.length, gzipSync(body).length]);
  }
  const total = rows.reduce((s, r) => s + r[2], 0);
  console.log(`\nLesson page /lessons/${LESSON}, first load signed in (images excluded):`);
  for (const [name, raw, gz] of rows) console.log(`  ${name.padEnd(48)} ${(raw / 1024).toFixed(1).padStart(7)} KB  ${(gz / 1024).toFixed(1).padStart(6)} KB gz`);
  console.log(`  ${"total".padEnd(48)} ${"".padStart(10)} ${(total / 1024).toFixed(1).padStart(6)} KB gz   budget 60 KB  ${total <= 60 * 1024 ? "OK" : "OVER"}`);

  // Issue 16: every page each role opens, as a browser loads it.
  const cookies = {
    member: cookie,
    trainer: await signIn(server.origin, "0900000004"),
    supervisor: await signIn(server.origin, "0900000003"),
    admin: await signIn(server.origin, "0900000001"),
  };
  const browser = await launchBrowser();
  try {
    const weights = [];
    for (const page of await pagesToWeigh(server.origin, cookies, LESSON)) weights.push(await weigh(browser, server.origin, page));
    printWeights(weights);
  } finally {
    await browser.close();
  }
  if (process.env.BENCH_WEIGHTS_ONLY) throw new Error("skip");

  console.log(`\nThroughput with ${loadTool}, 10 connections, median of 3 rounds of ${DURATION} s after a warm-up:`);
  const { medians, samples, errors } = await compare(
    [
      { name: "trivial page (/ as a guest)", url: `${server.origin}/` },
      { name: "lesson page (signed in)", url: lessonUrl, cookie },
      { name: "lesson catalogue (signed in)", url: `${server.origin}/lessons`, cookie },
    ],
    DURATION,
  );
  for (const [name, rps] of medians) console.log(`  ${name.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s   (${samples.get(name)!.map((x) => x.toFixed(0)).join(", ")})`);
  if (errors) console.log(`  errors: ${errors}`);
  const ratio = medians.get("lesson page (signed in)")! / medians.get("trivial page (/ as a guest)")!;
  console.log(`  lesson / trivial = ${(ratio * 100).toFixed(0)}%   budget ≥ 70%  ${ratio >= 0.7 ? "OK" : "UNDER"}`);
} catch (error) {
  // BENCH_WEIGHTS_ONLY=1: page weights only, no throughput rounds.
  if ((error as Error).message !== "skip") throw error;
} finally {
  server.stop();
}
