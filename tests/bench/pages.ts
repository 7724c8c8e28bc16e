// npm run bench:pages — page weight on the wire and serving speed.
// Budgets (issue 3): first load of a lesson, signed in, at most 60 KB
// compressed (HTML, CSS, JS; images excluded); at least 70% of the requests
// per second of a trivial Remix page measured in the same run.
// Issue 13: the first load of the sign-in, catalogue, lesson and report pages
// as actually sent, without compression (before) and with it (after: brotli
// when the browser accepts it), and what compressing pages costs the server.
import http from "node:http";
import zlib from "node:zlib";
import { compare, loadTool } from "./load";
import { launchBrowser, pagesToWeigh, printWeights, weigh } from "./first-load";
import { signIn, startServer } from "./server";

const PORT = Number(process.env.BENCH_PORT || 3210);
const LESSON = process.env.BENCH_LESSON || "vneid-intro";
const DURATION = Number(process.env.BENCH_SECONDS || 4);
const BROWSER_ENCODING = "gzip, deflate, br";

function assetsOf(html: string) {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+rel="(?:stylesheet|modulepreload|preload)"[^>]*href="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+href="([^"]+)"[^>]*rel="(?:stylesheet|modulepreload|preload)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/import\s*\(?\s*"([^"]+\.js)"/g)) urls.add(m[1]);
  return [...urls].filter((u) => !/\.(svg|png|jpe?g|webp|ico)(\?|$)/.test(u));
}

/** The bytes that cross the wire for one address (the body as sent, compressed or not), and the page's text. */
function wire(url: string, cookie: string | undefined, encoding: string) {
  return new Promise<{ bytes: number; encoding: string; text: string }>((resolve, reject) => {
    const headers: Record<string, string> = { "accept-encoding": encoding };
    if (cookie) headers.cookie = cookie;
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          const type = String(res.headers["content-encoding"] ?? "identity");
          const text = (type === "br" ? zlib.brotliDecompressSync(body) : type === "gzip" ? zlib.gunzipSync(body) : body).toString();
          resolve({ bytes: body.length, encoding: type, text });
        });
      })
      .on("error", reject);
  });
}

async function firstLoad(url: string, cookie: string | undefined, encoding: string) {
  const page = await wire(url, cookie, encoding);
  let total = page.bytes;
  const rows: Array<[string, number, string]> = [["document", page.bytes, page.encoding]];
  for (const asset of assetsOf(page.text)) {
    const a = await wire(new URL(asset, url).href, cookie, encoding);
    total += a.bytes;
    rows.push([asset, a.bytes, a.encoding]);
  }
  return { total, rows, text: page.text };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const server = await startServer({ port: PORT, databaseFile: "tests/.tmp/bench-pages.db" });
try {
  const member = await signIn(server.origin, "0900000005");
  const supervisor = await signIn(server.origin, "0900000003");
  const lessonUrl = `${server.origin}/lessons/${LESSON}`;
  const pages: Array<[string, string, string | undefined]> = [
    ["sign-in page (guest)", `${server.origin}/login`, undefined],
    ["lesson catalogue (member)", `${server.origin}/lessons`, member],
    [`lesson /lessons/${LESSON} (member)`, lessonUrl, member],
    ["coverage report (supervisor)", `${server.origin}/reports`, supervisor],
  ];
  console.log("\nFirst load on the wire (document, styles, scripts; images excluded): before = uncompressed, after = as a browser gets it");
  let lessonAfter = 0;
  for (const [name, url, cookie] of pages) {
    const before = await firstLoad(url, cookie, "identity");
    const after = await firstLoad(url, cookie, BROWSER_ENCODING);
    if (url === lessonUrl) {
      if (!after.text.includes("data-lesson-body")) throw new Error("the lesson page did not render");
      lessonAfter = after.total;
    }
    console.log(
      `  ${name.padEnd(40)} ${kb(before.total).padStart(9)} → ${kb(after.total).padStart(8)}  (${((after.total / before.total) * 100).toFixed(0)}%, ${after.rows.length} files)`,
    );
    if (process.env.BENCH_VERBOSE) for (const [file, bytes, enc] of after.rows) console.log(`      ${file.padEnd(50)} ${kb(bytes).padStart(9)} ${enc}`);
  }
  console.log(`  lesson first load ${kb(lessonAfter)}   budget 60 KB  ${lessonAfter <= 60 * 1024 ? "OK" : "OVER"}`);

  // What compressing a page costs the server, measured on its own (throughput on a shared machine is noisy).
  const lessonHtml = Buffer.from((await wire(lessonUrl, member, "identity")).text);
  const timeIt = (fn: () => Buffer) => {
    const rounds = 300;
    let size = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) size = fn().length;
    return { ms: Number(process.hrtime.bigint() - started) / 1e6 / rounds, size };
  };
  const br = timeIt(() => zlib.brotliCompressSync(lessonHtml, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }));
  const gz = timeIt(() => zlib.gzipSync(lessonHtml, { level: 1 }));
  console.log(
    `  compressing the lesson page (${kb(lessonHtml.length)}): brotli 4 → ${kb(br.size)} in ${br.ms.toFixed(2)} ms, gzip 1 → ${kb(gz.size)} in ${gz.ms.toFixed(2)} ms of CPU`,
  );

  // Issue 16: every page each role opens, as a fresh browser at 360 px loads it.
  const cookies = { member, trainer: await signIn(server.origin, "0900000004"), supervisor, admin: await signIn(server.origin, "0900000001") };
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
      { name: "lesson page (signed in)", url: lessonUrl, cookie: member },
      { name: "lesson page, compressed", url: lessonUrl, cookie: member, encoding: BROWSER_ENCODING },
      { name: "lesson catalogue (signed in)", url: `${server.origin}/lessons`, cookie: member },
      { name: "lesson catalogue, compressed", url: `${server.origin}/lessons`, cookie: member, encoding: BROWSER_ENCODING },
    ],
    DURATION,
  );
  for (const [name, rps] of medians)
    console.log(
      `  ${name.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s   (${samples
        .get(name)!
        .map((x) => x.toFixed(0))
        .join(", ")})`,
    );
  if (errors) console.log(`  errors: ${errors}`);
  const ratio = medians.get("lesson page (signed in)")! / medians.get("trivial page (/ as a guest)")!;
  console.log(`  lesson / trivial = ${(ratio * 100).toFixed(0)}%   budget ≥ 70%  ${ratio >= 0.7 ? "OK" : "UNDER"}`);
  const cost = medians.get("lesson page, compressed")! / medians.get("lesson page (signed in)")!;
  const catalogueCost = medians.get("lesson catalogue, compressed")! / medians.get("lesson catalogue (signed in)")!;
  console.log(`  compressed / uncompressed: lesson ${(cost * 100).toFixed(0)}%, catalogue ${(catalogueCost * 100).toFixed(0)}% of the requests per second`);
} catch (error) {
  // BENCH_WEIGHTS_ONLY=1: page weights only, no throughput rounds.
  if ((error as Error).message !== "skip") throw error;
} finally {
  server.stop();
}
