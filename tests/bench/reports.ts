// npm run bench:reports — coverage reports at national scale.
// Generates (once; BENCH_FRESH=1 to redo) a separate SQLite database with a
// national-sized tree: 34 provinces, ~3,300 communes, ~99,000 villages, a
// team at every unit (~102,000), ~510,000 members, 20 lessons and a year of
// activity; builds the summaries from the facts; then times the report
// queries. Budgets: national dashboard < 200 ms, a province's drill-down
// < 200 ms, a province's periodic report < 1 s.
import Database from "better-sqlite3";
import { COMMUNES_PER_PROVINCE, FILE, YEAR, nationalDataset } from "./national-data";

// Before any app module loads: they open the database named here.
await nationalDataset();

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
  console.log(`  ${name.padEnd(42)} median ${m.toFixed(1).padStart(7)} ms   max ${Math.max(...samples).toFixed(1).padStart(7)} ms   budget ${budget} ms  ${m <= budget ? "OK" : "OVER"}`);
}


const { coverage, parsePeriod, periodicReport, unitById } = await import("../../app/models/coverage.server");
const check = new Database(FILE, { readonly: true });
const counts = check.prepare(`SELECT (SELECT COUNT(*) FROM Unit) AS units, (SELECT COUNT(*) FROM Team) AS teams, (SELECT COUNT(*) FROM User) AS members,
  (SELECT COUNT(*) FROM Completion) AS completions, (SELECT COUNT(*) FROM QuizAttempt) AS attempts, (SELECT COUNT(*) FROM Lesson) AS lessons`).get() as Record<string, number>;
const province = check.prepare(`SELECT id FROM Unit WHERE levelKey = 'province' ORDER BY id LIMIT 1 OFFSET 17`).get() as { id: number };
check.close();
console.log(`\nDataset: ${Object.entries(counts).map(([k, v]) => `${v.toLocaleString("en")} ${k}`).join(", ")}`);
const year = parsePeriod(String(YEAR));
const root = unitById(1)!;
const prov = unitById(province.id)!;
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
const write = new Database(FILE);
const adminId = Number(write.prepare(`INSERT INTO User (phone, name, passwordHash, role, scopeUnitId, active, createdAt, updatedAt) VALUES (?, 'Bench admin', 'x', 'admin', 1, 1, ?, ?)`)
  .run(`08${String(Date.now()).slice(-8)}`, new Date().toISOString(), new Date().toISOString()).lastInsertRowid);
const pick = (sql: string) => write.prepare(sql).get() as { id: number; code: string };
const village = pick(`SELECT id, code FROM Unit WHERE levelKey = 'village' AND active = 1 ORDER BY id LIMIT 1 OFFSET 500`);
const otherCommune = pick(`SELECT id, code FROM Unit WHERE levelKey = 'commune' AND active = 1 ORDER BY id DESC LIMIT 1`);
const commune = pick(`SELECT id, code FROM Unit WHERE levelKey = 'commune' AND active = 1 ORDER BY id LIMIT 1 OFFSET 3`);
const otherProvince = pick(`SELECT id, code FROM Unit WHERE levelKey = 'province' AND active = 1 ORDER BY id DESC LIMIT 1`);
const mergeInto = pick(`SELECT id, code FROM Unit WHERE levelKey = 'village' AND active = 1 ORDER BY id LIMIT 1 OFFSET 501`);
write.close();
const actor = { id: adminId, role: "admin" as const, scopeUnit: { id: 1, path: "/1/" } };
console.log(`\nChanging the tree (one transaction each, summaries adjusted incrementally):`);
await once("move a village to another commune", 2000, () => moveUnit(actor, village.id, otherCommune.code));
await once("move a commune (30 villages) to another province", 2000, () => moveUnit(actor, commune.id, otherProvince.code));
await once("merge a village into another", 2000, () => mergeUnit(actor, village.id, mergeInto.code));
const national = await coverage(root, year, "vi");
console.log(`\nNational figures: ${national.figures.members.toLocaleString("en")} members, ${national.figures.trained.toLocaleString("en")} trained (${Math.round(national.figures.trainedShare * 100)}%), ${national.figures.completions.toLocaleString("en")} completions, ${national.figures.sessions.toLocaleString("en")} sessions, ${national.figures.inactiveTeams.toLocaleString("en")} idle teams.`);
