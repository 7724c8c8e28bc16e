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
import path from "node:path";
import Database from "better-sqlite3";
import { buildFromMigrations } from "../support/migrations";
import { copySqliteToPostgres } from "./pg-copy";

// BENCH_SCALE=0.1 … 2 grows or shrinks the country (communes per province) to show growth.
const SCALE = Number(process.env.BENCH_SCALE || 1);
const FILE = path.resolve(SCALE === 1 ? "tests/.tmp/bench-national.db" : `tests/.tmp/bench-national-${SCALE}.db`);
const POSTGRES_URL = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : null;
// Before any app module loads: they open the database named here.
process.env.DATABASE_URL = POSTGRES_URL ?? `file:${FILE}`;
process.env.CONTENT_CACHE_DIR ??= "tests/.tmp/content-cache-bench";
const PROVINCES = 34;
const COMMUNES_PER_PROVINCE = Math.max(2, Math.round(97 * SCALE));
const VILLAGES_PER_COMMUNE = 30;
const MEMBERS_PER_VILLAGE = 5;
const MEMBERS_PER_COMMUNE = 5;
const YEAR = 2026;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const dayOfYear = (rand: () => number, hour = 9) => new Date(Date.UTC(YEAR, 0, 1 + Math.floor(rand() * 320), hour - 7));

async function generate() {
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(FILE + s, { force: true });
  buildFromMigrations(FILE);
  const db = new Database(FILE);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const rand = rng(42);
  const now = iso(new Date());
  const started = Date.now();

  const { loadCourse } = await import("../../app/content/course.server");
  const lessons = (await loadCourse()).lessons.slice(0, 20);

  db.transaction(() => {
    const level = db.prepare(`INSERT INTO UnitLevel (key, rank, nameVi, nameEn) VALUES (?, ?, ?, ?)`);
    level.run("country", -1, "Toàn quốc", "Country");
    level.run("province", 0, "Tỉnh/Thành phố", "Province");
    level.run("commune", 2, "Xã/Phường", "Commune/Ward");
    level.run("village", 3, "Thôn/Tổ dân phố", "Village");
    const lesson = db.prepare(`INSERT INTO Lesson (slug, topic, "order", minutes, titleVi, titleEn, version, active, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`);
    for (const l of lessons) lesson.run(l.slug, l.topic, l.order, l.minutes, l.text.vi.title, l.text.en?.title ?? l.text.vi.title, l.version, now);
  })();

  // Units and teams.
  const unit = db.prepare(`INSERT INTO Unit (id, code, name, levelKey, parentId, path, depth, households, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`);
  const team = db.prepare(`INSERT INTO Team (name, unitId, active, createdAt, updatedAt) VALUES (?, ?, 1, ?, ?)`);
  let id = 0;
  const villages: Array<{ id: number; path: string; commune: number }> = [];
  const communes: Array<{ id: number; path: string }> = [];
  const provinces: Array<{ id: number; path: string }> = [];
  db.transaction(() => {
    const root = ++id;
    unit.run(root, "VN", "Việt Nam", "country", null, `/${root}/`, 0, null, now, now);
    team.run("Tổ chỉ đạo toàn quốc", root, now, now);
    for (let p = 0; p < PROVINCES; p++) {
      const pid = ++id;
      const ppath = `/${root}/${pid}/`;
      unit.run(pid, `P${p}`, `Tỉnh ${p + 1}`, "province", root, ppath, 1, null, now, now);
      team.run(`Tổ CNSCĐ tỉnh ${p + 1}`, pid, now, now);
      provinces.push({ id: pid, path: ppath });
      for (let c = 0; c < COMMUNES_PER_PROVINCE; c++) {
        const cid = ++id;
        const cpath = `${ppath}${cid}/`;
        unit.run(cid, `P${p}-C${c}`, `Xã ${p + 1}.${c + 1}`, "commune", pid, cpath, 2, null, now, now);
        team.run(`Tổ CNSCĐ xã ${p + 1}.${c + 1}`, cid, now, now);
        communes.push({ id: cid, path: cpath });
        for (let v = 0; v < VILLAGES_PER_COMMUNE; v++) {
          const vid = ++id;
          const vpath = `${cpath}${vid}/`;
          unit.run(vid, `P${p}-C${c}-V${v}`, `Thôn ${v + 1}`, "village", cid, vpath, 3, 150 + Math.floor(rand() * 300), now, now);
          team.run(`Tổ CNSCĐ thôn ${v + 1}`, vid, now, now);
          villages.push({ id: vid, path: vpath, commune: cid });
        }
      }
    }
  })();
  const teamOf = new Map((db.prepare(`SELECT id, unitId FROM Team`).all() as Array<{ id: number; unitId: number }>).map((t) => [t.unitId, t.id]));
  console.log(`  units and teams: ${id} units in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Members (the membership triggers fire for each).
  const user = db.prepare(`INSERT INTO User (phone, name, passwordHash, role, teamId, active, createdAt, updatedAt) VALUES (?, ?, 'x', 'member', ?, 1, ?, ?)`);
  let phone = 0;
  const membersOfVillage = new Map<number, number[]>();
  db.transaction(() => {
    for (const c of communes) for (let i = 0; i < MEMBERS_PER_COMMUNE; i++) user.run(`09${String(++phone).padStart(8, "0")}`, `Tổ viên ${phone}`, teamOf.get(c.id), now, now);
    for (const v of villages) {
      const ids: number[] = [];
      for (let i = 0; i < MEMBERS_PER_VILLAGE; i++) ids.push(Number(user.run(`09${String(++phone).padStart(8, "0")}`, `Tổ viên ${phone}`, teamOf.get(v.id), now, now).lastInsertRowid));
      membersOfVillage.set(v.id, ids);
    }
  })();
  console.log(`  members: ${phone} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // A year of activity.
  const completion = db.prepare(`INSERT OR IGNORE INTO Completion (userId, lessonSlug, completedAt, contentVersion, method, createdAt) VALUES (?, ?, ?, 'bench', ?, ?)`);
  const attempt = db.prepare(`INSERT INTO QuizAttempt (userId, lessonSlug, language, answers, correct, total, score, passed, contentVersion, createdAt) VALUES (?, ?, 'vi', '{}', ?, 5, ?, ?, 'bench', ?)`);
  const session = db.prepare(`INSERT INTO TrainingSession (unitId, title, startsAt, durationMinutes, place, status, createdById, createdAt, updatedAt) VALUES (?, 'Tập huấn', ?, 120, 'Hội trường xã', 'scheduled', 1, ?, ?)`);
  const attendance = db.prepare(`INSERT OR IGNORE INTO Attendance (sessionId, userId, status, markedAt, markedById, updatedAt) VALUES (?, ?, ?, ?, 1, ?)`);
  const field = db.prepare(`INSERT INTO FieldResult (userId, unitId, teamId, date, kind, count, productName, ocop, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const kinds = ["residents-guided", "vneid-level1", "vneid-level2", "public-account", "payment-account"];
  let facts = 0;
  db.transaction(() => {
    for (const v of villages) {
      const members = membersOfVillage.get(v.id)!;
      for (const m of members) {
        if (rand() < 0.4) continue;
        for (const l of lessons) {
          if (rand() > 0.18) continue;
          const at = dayOfYear(rand, 20);
          if (rand() < 0.25) attempt.run(m, l.slug, 2, 40, 0, iso(new Date(at.getTime() - 86_400_000)));
          attempt.run(m, l.slug, 5, 100, 1, iso(at));
          completion.run(m, l.slug, iso(at), "quiz", iso(at));
          facts += 2;
        }
      }
      for (let i = 0; i < 4; i++) {
        const date = dayOfYear(rand).toISOString().slice(0, 10);
        const kind = kinds[Math.floor(rand() * kinds.length)];
        field.run(members[0], v.id, teamOf.get(v.id), date, kind, 1 + Math.floor(rand() * 8), null, 0, now, now);
        facts++;
      }
      if (rand() < 0.05) {
        field.run(members[1], v.id, teamOf.get(v.id), dayOfYear(rand).toISOString().slice(0, 10), "product-online", 1, `Sản phẩm ${v.id}`, rand() < 0.5 ? 1 : 0, now, now);
        facts++;
      }
    }
    for (const c of communes) {
      const local = villages.filter((v) => v.commune === c.id);
      for (let q = 0; q < 4; q++) {
        const startsAt = new Date(Date.UTC(YEAR, q * 3 + 1, 10, 1));
        const sid = Number(session.run(c.id, iso(startsAt), now, now).lastInsertRowid);
        for (let i = 0; i < 10; i++) {
          const village = local[Math.floor(rand() * local.length)];
          const m = membersOfVillage.get(village.id)![Math.floor(rand() * MEMBERS_PER_VILLAGE)];
          attendance.run(sid, m, rand() < 0.85 ? "present" : "absent", iso(startsAt), now);
          facts++;
        }
      }
    }
  })();
  console.log(`  activity: ${facts} facts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  db.close();

  const { rebuildStats } = await import("../../app/models/stats.server");
  const t = Date.now();
  await rebuildStats();
  console.log(`  summaries rebuilt from the facts in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return { provinces };
}

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

const fresh = process.env.BENCH_FRESH === "1" || !fs.existsSync(FILE);
if (POSTGRES_URL) {
  // The SQLite dataset first (in a process of its own, on SQLite), then a copy of it.
  if (fresh) execFileSync("npx", ["tsx", "tests/bench/reports.ts"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: "", BENCH_GENERATE_ONLY: "1" } });
  const { sql } = await import("../../app/utils/db.server");
  const units = await sql(`SELECT COUNT(*) AS n FROM Unit`)
    .get<{ n: number }>()
    .catch(() => ({ n: 0 }));
  if (fresh || !units?.n) {
    const { closeDb } = await import("../../app/utils/db.server");
    await closeDb();
    const t = Date.now();
    console.log(`Copying ${FILE} into ${POSTGRES_URL.replace(/\/\/[^@/]*@/, "//")} …`);
    await copySqliteToPostgres(FILE, POSTGRES_URL);
    console.log(`  copied in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } else console.log(`Using the dataset already in ${POSTGRES_URL.replace(/\/\/[^@/]*@/, "//")} (BENCH_FRESH=1 to copy it again)`);
} else {
  console.log(fresh ? `Generating ${FILE} …` : `Using ${FILE} (BENCH_FRESH=1 to regenerate)`);
  if (fresh) await generate();
}
if (process.env.BENCH_GENERATE_ONLY === "1") process.exit(0);

const { coverage, parsePeriod, periodicReport, unitById } = await import("../../app/models/coverage.server");
const { prisma, sql } = await import("../../app/utils/db.server");
const counts = (await sql(`SELECT (SELECT COUNT(*) FROM Unit) AS units, (SELECT COUNT(*) FROM Team) AS teams, (SELECT COUNT(*) FROM User) AS members,
  (SELECT COUNT(*) FROM Completion) AS completions, (SELECT COUNT(*) FROM QuizAttempt) AS attempts, (SELECT COUNT(*) FROM Lesson) AS lessons`).get<Record<string, number>>())!;
const province = (await sql(`SELECT id FROM Unit WHERE levelKey = 'province' ORDER BY id LIMIT 1 OFFSET 17`).get<{ id: number }>())!;
console.log(`\nDatabase: ${POSTGRES_URL ? "PostgreSQL" : "SQLite"}`);
console.log(`Dataset: ${Object.entries(counts).map(([k, v]) => `${v.toLocaleString("en")} ${k}`).join(", ")}`);
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
  await prisma.user.create({ data: { phone: `08${String(Date.now()).slice(-8)}`, name: "Bench admin", passwordHash: "x", role: "admin", scopeUnitId: 1 }, select: { id: true } })
).id;
const pick = async (text: string, ...params: unknown[]) => (await sql(text).get<{ id: number; code: string; parentId: number }>(...params))!;
// Each move goes somewhere new (a run on a dataset an earlier run changed moves other units, never none).
const village = await pick(`SELECT id, code, parentId FROM Unit WHERE levelKey = 'village' AND active = TRUE ORDER BY id LIMIT 1 OFFSET 500`);
const otherCommune = await pick(`SELECT id, code FROM Unit WHERE levelKey = 'commune' AND active = TRUE AND id <> ? ORDER BY id DESC LIMIT 1`, village.parentId);
const commune = await pick(`SELECT id, code, parentId FROM Unit WHERE levelKey = 'commune' AND active = TRUE ORDER BY id LIMIT 1 OFFSET 3`);
const otherProvince = await pick(`SELECT id, code FROM Unit WHERE levelKey = 'province' AND active = TRUE AND id <> ? ORDER BY id DESC LIMIT 1`, commune.parentId);
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
const learner = (await sql(`SELECT u.id FROM User u JOIN Team t ON t.id = u.teamId WHERE t.path LIKE '/1/%/%/%/' AND u.active = TRUE ORDER BY u.id DESC LIMIT 1`).get<{ id: number }>())!;
console.log(`\nWrites:`);
await once("one incremental write (a quiz passed)", 200, () =>
  submitAttempt({ userId: learner.id, lesson, quiz, language: "vi", answers: Object.fromEntries(quiz.map((q) => [q.id, q.choices.find((c) => c.correct)!.id])) }),
);
const { rebuildStats } = await import("../../app/models/stats.server");
await once("full rebuild of the summaries (repair tool)", 600_000, () => rebuildStats());
const national = await coverage(root, year, "vi");
console.log(`\nNational figures: ${national.figures.members.toLocaleString("en")} members, ${national.figures.trained.toLocaleString("en")} trained (${Math.round(national.figures.trainedShare * 100)}%), ${national.figures.completions.toLocaleString("en")} completions, ${national.figures.sessions.toLocaleString("en")} sessions, ${national.figures.inactiveTeams.toLocaleString("en")} idle teams.`);
const { closeDb } = await import("../../app/utils/db.server");
await closeDb();
