// npm run bench:reports — coverage reports at national scale.
// Generates (once; BENCH_FRESH=1 to redo) a separate SQLite database with a
// national-sized tree: 34 provinces, ~3,300 communes, ~99,000 villages, a
// team at every unit (~102,000), ~510,000 members, 20 lessons and a year of
// activity; builds the summaries from the facts; then times the report
// queries. Budgets: national dashboard < 200 ms, a province's drill-down
// < 200 ms, a province's periodic report < 1 s.
// With DATABASE_URL=postgresql://… the same dataset (generated in SQLite, then copied
// row for row into that database, made anew from the PostgreSQL migrations) is measured
// on PostgreSQL: the same figures, side by side.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { copySqliteToPostgres } from "./pg-copy";
import { COMMUNES_PER_PROVINCE, FILE, YEAR, nationalDataset } from "./national-data";

const POSTGRES_URL = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : null;

function median(xs: number[]) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

async function time(name: string, budget: number, run: () => Promise<unknown> | unknown) {
  await run(); // warm the page cache and prepared statements
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  const m = median(samples);
  console.log(
    `  ${name.padEnd(42)} median ${m.toFixed(1).padStart(7)} ms   max ${Math.max(...samples)
      .toFixed(1)
      .padStart(7)} ms   budget ${budget} ms  ${m <= budget ? "OK" : "OVER"}`,
  );
}

const fresh = process.env.BENCH_FRESH === "1" || !fs.existsSync(FILE);
if (POSTGRES_URL) {
  // The SQLite dataset first (in a process of its own, on SQLite: the app reads DATABASE_URL
  // once, when it loads), then a copy of it.
  execFileSync("npx", ["tsx", "tests/bench/reports.ts"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: "", BENCH_GENERATE_ONLY: "1" } });
  process.env.DATABASE_URL = POSTGRES_URL;
  process.env.CONTENT_CACHE_DIR ??= "tests/.tmp/content-cache-bench";
  const { sql, closeDb } = await import("../../app/utils/db.server");
  const units = await sql(`SELECT COUNT(*) AS n FROM Unit`)
    .get<{ n: number }>()
    .catch(() => ({ n: 0 }));
  if (fresh || !units?.n) {
    await closeDb();
    const t = Date.now();
    console.log(`Copying ${FILE} into ${POSTGRES_URL.replace(/\/\/[^@/]*@/, "//")} …`);
    await copySqliteToPostgres(FILE, POSTGRES_URL);
    console.log(`  copied in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } else console.log(`Using the dataset already in ${POSTGRES_URL.replace(/\/\/[^@/]*@/, "//")} (BENCH_FRESH=1 to copy it again)`);
} else {
  // Before any app module loads: they open the database named here.
  await nationalDataset();
}
if (process.env.BENCH_GENERATE_ONLY === "1") process.exit(0);

const { coverage, parsePeriod, periodicReport, unitById } = await import("../../app/models/coverage.server");
const { prisma, sql } = await import("../../app/utils/db.server");
const counts = (await sql(`SELECT (SELECT COUNT(*) FROM Unit) AS units, (SELECT COUNT(*) FROM Team) AS teams, (SELECT COUNT(*) FROM User) AS members,
  (SELECT COUNT(*) FROM Completion) AS completions, (SELECT COUNT(*) FROM QuizAttempt) AS attempts, (SELECT COUNT(*) FROM Lesson) AS lessons`).get<
  Record<string, number>
>())!;
const province = (await sql(`SELECT id FROM Unit WHERE levelKey = 'province' ORDER BY id LIMIT 1 OFFSET 17`).get<{ id: number }>())!;
console.log(`\nDatabase: ${POSTGRES_URL ? "PostgreSQL" : "SQLite"}`);
console.log(
  `Dataset: ${Object.entries(counts)
    .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
    .join(", ")}`,
);
const year = parsePeriod(String(YEAR));
const root = (await unitById(1))!;
const prov = (await unitById(province.id))!;
console.log(`\nReport queries (model level, one process, ${YEAR}):`);
await time("national dashboard (34 provinces)", 200, () => coverage(root, year, "vi"));
await time(`province drill-down (${prov.name}, ${COMMUNES_PER_PROVINCE} communes)`, 200, () => coverage(prov, year, "vi"));
await time("periodic report for a province", 1000, () => periodicReport(prov, year));
await time("periodic report for the country", 1000, () => periodicReport(root, year));

// Changing the tree: incremental, in proportion to what moves (budget 2 s at national size).
async function once(name: string, budget: number, run: () => Promise<unknown>) {
  const t = performance.now();
  await run();
  const ms = performance.now() - t;
  console.log(`  ${name.padEnd(42)} ${ms.toFixed(1).padStart(14)} ms   budget ${budget} ms  ${ms <= budget ? "OK" : "OVER"}`);
}
const { moveUnit, mergeUnit } = await import("../../app/models/admin-units.server");
const adminId = (
  await prisma.user.create({
    data: { phone: `08${String(Date.now()).slice(-8)}`, name: "Bench admin", passwordHash: "x", role: "admin", scopeUnitId: 1 },
    select: { id: true },
  })
).id;
const pick = async (text: string, ...params: unknown[]) => (await sql(text).get<{ id: number; code: string; parentId: number }>(...params))!;
// Each move goes somewhere new (a run on a dataset an earlier run changed moves other units, never none).
const village = await pick(`SELECT id, code, parentId FROM Unit WHERE levelKey = 'village' AND active = TRUE ORDER BY id LIMIT 1 OFFSET 500`);
const otherCommune = await pick(
  `SELECT id, code FROM Unit WHERE levelKey = 'commune' AND active = TRUE AND id <> ? ORDER BY id DESC LIMIT 1`,
  village.parentId,
);
const commune = await pick(`SELECT id, code, parentId FROM Unit WHERE levelKey = 'commune' AND active = TRUE ORDER BY id LIMIT 1 OFFSET 3`);
const otherProvince = await pick(
  `SELECT id, code FROM Unit WHERE levelKey = 'province' AND active = TRUE AND id <> ? ORDER BY id DESC LIMIT 1`,
  commune.parentId,
);
const mergeInto = await pick(`SELECT id, code FROM Unit WHERE levelKey = 'village' AND active = TRUE ORDER BY id LIMIT 1 OFFSET 501`);
const actor = { id: adminId, role: "admin" as const, scopeUnit: { id: 1, path: "/1/" } };
console.log(`\nChanging the tree (one transaction each, summaries adjusted incrementally):`);
await once("move a village to another commune", 2000, () => moveUnit(actor, village.id, otherCommune.code));
await once("move a commune (30 villages) to another province", 2000, () => moveUnit(actor, commune.id, otherProvince.code));
await once("merge a village into another", 2000, () => mergeUnit(actor, village.id, mergeInto.code));

// One member's write on the request path: a quiz passed (attempt, completion, the counters of every ancestor).
const { loadCourse } = await import("../../app/content/course.server");
const { submitAttempt } = await import("../../app/models/quiz.server");
const lesson = (await loadCourse()).lessons[0];
const quiz = lesson.text.vi.quiz.slice(0, 5);
// A member each time (the first pass of a lesson is the write that moves every counter), in
// villages across the country; timed like the reads: one to warm up, the median of seven.
const learners = await sql(
  `SELECT u.id FROM User u JOIN Team t ON t.id = u.teamId WHERE t.path LIKE '/1/%/%/%/' AND u.active = TRUE ORDER BY u.id DESC LIMIT 8 OFFSET ?`,
).all<{ id: number }>(Math.floor(Math.random() * 400_000));
const passed = Object.fromEntries(quiz.map((q) => [q.id, q.choices.find((c) => c.correct)!.id]));
console.log(`\nWrites:`);
await time("one incremental write (a quiz passed)", 200, () => submitAttempt({ userId: learners.shift()!.id, lesson, quiz, language: "vi", answers: passed }));
const { rebuildStats } = await import("../../app/models/stats.server");
await once("full rebuild of the summaries (repair tool)", 600_000, () => rebuildStats());
const national = await coverage(root, year, "vi");
console.log(
  `\nNational figures: ${national.figures.members.toLocaleString("en")} members, ${national.figures.trained.toLocaleString("en")} trained (${Math.round(national.figures.trainedShare * 100)}%), ${national.figures.completions.toLocaleString("en")} completions, ${national.figures.sessions.toLocaleString("en")} sessions, ${national.figures.inactiveTeams.toLocaleString("en")} idle teams.`,
);
const { closeDb } = await import("../../app/utils/db.server");
await closeDb();
