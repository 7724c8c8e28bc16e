// npm run bench:offline — what offline use costs the phone, and how fast the
// server takes a backlog of quizzes answered offline. Budgets (issue 4): the
// service worker's precache at most 150 KB; one saved lesson without pictures
// at most 30 KB; syncing 50 queued attempts in under one second.
import crypto from "node:crypto";
import { execSync } from "node:child_process";
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { loadCourse } from "../../app/content/course.server";
import type { AttemptPayload, SyncResponse } from "../../app/offline/protocol";
import { signIn, startServer } from "./server";

const PORT = 3220;
const KB = 1024;
const PRECACHE_BUDGET = 150 * KB;
const LESSON_BUDGET = 30 * KB;
const SYNC_BUDGET_MS = 1000;
const ATTEMPTS = 50;

const ok = (pass: boolean) => (pass ? "OK" : "OVER");
const kb = (n: number) => `${(n / KB).toFixed(1).padStart(6)} KB`;
let failed = false;

// The precache list is written by the build; build when it is missing or stale.
if (!fs.existsSync("build/sw-precache.json") || !fs.existsSync("public/sw.js")) execSync("npm run build --silent", { stdio: "inherit" });
const precache = JSON.parse(fs.readFileSync("build/sw-precache.json", "utf8")) as Array<{ url: string }>;

process.env.CONTENT_CACHE_DIR ??= ".cache/lessons";
const course = await loadCourse();
const server = await startServer({ port: PORT, databaseFile: "tests/.tmp/bench-offline.db" });
try {
  // 1. Precache: what installing the app stores, as the Cache API keeps it (uncompressed).
  console.log("\nPrecache (service worker install):");
  let precacheBytes = 0;
  for (const { url } of precache) {
    const body = Buffer.from(await (await fetch(new URL(url, server.origin))).arrayBuffer());
    precacheBytes += body.length;
    console.log(`  ${url.padEnd(44)} ${kb(body.length)}  ${kb(gzipSync(body).length)} gz`);
  }
  const sw = fs.readFileSync("public/sw.js");
  console.log(`  ${"total stored".padEnd(44)} ${kb(precacheBytes)}   budget 150 KB  ${ok(precacheBytes <= PRECACHE_BUDGET)}`);
  console.log(`  (the service worker script itself: ${kb(sw.length)}, ${kb(gzipSync(sw).length)} gz)`);
  failed ||= precacheBytes > PRECACHE_BUDGET;

  // 2. One saved lesson: the page as stored in the Cache API, without its pictures.
  const cookie = await signIn(server.origin, "0900000005");
  const sizes: Array<{ slug: string; bytes: number; pictures: number }> = [];
  for (const lesson of course.lessons) {
    const response = await fetch(`${server.origin}/lessons/${lesson.slug}`, { headers: { cookie }, redirect: "manual" });
    if (response.status !== 200) throw new Error(`/lessons/${lesson.slug} answered ${response.status}`);
    const bytes = Buffer.byteLength(await response.text());
    const pictures = lesson.figures.reduce((sum, f) => sum + fs.statSync(`${lesson.dir}/${f}`).size, 0);
    sizes.push({ slug: lesson.slug, bytes, pictures });
  }
  sizes.sort((a, b) => a.bytes - b.bytes);
  const largest = sizes.at(-1)!;
  const median = sizes[Math.floor(sizes.length / 2)];
  const total = sizes.reduce((s, l) => s + l.bytes + l.pictures, 0);
  console.log(`\nSaved lessons (${sizes.length}), page without pictures:`);
  console.log(`  smallest ${sizes[0].slug.padEnd(36)} ${kb(sizes[0].bytes)}`);
  console.log(`  median   ${median.slug.padEnd(36)} ${kb(median.bytes)}`);
  console.log(`  largest  ${largest.slug.padEnd(36)} ${kb(largest.bytes)}   budget 30 KB  ${ok(largest.bytes <= LESSON_BUDGET)}`);
  console.log(`  whole course with pictures: ${kb(total)}`);
  failed ||= largest.bytes > LESSON_BUDGET;

  // 3. A backlog of 50 attempts, answered offline, arriving in one request.
  const attempts: AttemptPayload[] = Array.from({ length: ATTEMPTS }, (_, i) => {
    const lesson = course.lessons[i % course.lessons.length];
    const quiz = lesson.text.vi.quiz;
    // Every other one passes, so both grading paths and completions are measured.
    const answers = Object.fromEntries(quiz.map((q) => [q.id, q.choices.find((c) => c.correct === (i % 2 === 0))!.id]));
    return { id: crypto.randomUUID(), userId: 0, slug: lesson.slug, language: "vi", answers, deviceTime: new Date(Date.now() - i * 60_000).toISOString() };
  });
  const me = (await (await fetch(`${server.origin}/`, { headers: { cookie } })).text()).match(/data-user="(\d+)"/)?.[1];
  for (const a of attempts) a.userId = Number(me);
  const send = async () => {
    const started = performance.now();
    const response = await fetch(`${server.origin}/api/sync/attempts`, {
      method: "POST",
      headers: { cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ attempts }),
    });
    const { results } = (await response.json()) as SyncResponse;
    return { ms: performance.now() - started, results };
  };
  const first = await send();
  const again = await send();
  const count = (r: SyncResponse["results"], status: string) => r.filter((x) => x.status === status).length;
  console.log(`\nSync of ${ATTEMPTS} queued attempts in one request:`);
  console.log(
    `  first time      ${first.ms.toFixed(0).padStart(5)} ms   ${count(first.results, "synced")} synced   budget < 1000 ms  ${first.ms < SYNC_BUDGET_MS ? "OK" : "OVER"}`,
  );
  console.log(`  sent again      ${again.ms.toFixed(0).padStart(5)} ms   ${count(again.results, "duplicate")} duplicates (nothing counted twice)`);
  if (count(first.results, "synced") !== ATTEMPTS || count(again.results, "duplicate") !== ATTEMPTS) {
    console.log("  unexpected results:", JSON.stringify(first.results.find((r) => r.status !== "synced")));
    failed = true;
  }
  failed ||= first.ms >= SYNC_BUDGET_MS;
} finally {
  server.stop();
}
if (failed) process.exitCode = 1;
