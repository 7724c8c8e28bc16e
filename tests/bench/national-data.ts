// The national dataset shared by bench:reports and bench:national: 34
// provinces, ~97 communes each (times BENCH_SCALE), 30 villages per commune, a
// team at every unit, 5 members per team, 20 lessons and a year of activity;
// summaries built from the facts. Generated once per scale (BENCH_FRESH=1 to
// redo); a dataset made before a new migration gets that migration applied.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { buildFromMigrations } from "../support/migrations";

export const SCALE = Number(process.env.BENCH_SCALE || 1);
export const FILE = path.resolve(SCALE === 1 ? "tests/.tmp/bench-national.db" : `tests/.tmp/bench-national-${SCALE}.db`);
export const YEAR = 2026;
const PROVINCES = 34;
export const COMMUNES_PER_PROVINCE = Math.max(2, Math.round(97 * SCALE));
const VILLAGES_PER_COMMUNE = 30;
const MEMBERS_PER_VILLAGE = 5;
const MEMBERS_PER_COMMUNE = 5;

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
  recordMigrations(db);
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
    const lesson = db.prepare(
      `INSERT INTO Lesson (slug, topic, "order", minutes, titleVi, titleEn, version, active, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    );
    for (const l of lessons) lesson.run(l.slug, l.topic, l.order, l.minutes, l.text.vi.title, l.text.en?.title ?? l.text.vi.title, l.version, now);
  })();

  // Units and teams.
  const unit = db.prepare(
    `INSERT INTO Unit (id, code, name, levelKey, parentId, path, depth, households, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
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
    for (const c of communes)
      for (let i = 0; i < MEMBERS_PER_COMMUNE; i++) user.run(`09${String(++phone).padStart(8, "0")}`, `Tổ viên ${phone}`, teamOf.get(c.id), now, now);
    for (const v of villages) {
      const ids: number[] = [];
      for (let i = 0; i < MEMBERS_PER_VILLAGE; i++)
        ids.push(Number(user.run(`09${String(++phone).padStart(8, "0")}`, `Tổ viên ${phone}`, teamOf.get(v.id), now, now).lastInsertRowid));
      membersOfVillage.set(v.id, ids);
    }
  })();
  console.log(`  members: ${phone} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // A year of activity.
  const completion = db.prepare(
    `INSERT OR IGNORE INTO Completion (userId, lessonSlug, completedAt, contentVersion, method, createdAt) VALUES (?, ?, ?, 'bench', ?, ?)`,
  );
  const attempt = db.prepare(
    `INSERT INTO QuizAttempt (userId, lessonSlug, language, answers, correct, total, score, passed, contentVersion, createdAt) VALUES (?, ?, 'vi', '{}', ?, 5, ?, ?, 'bench', ?)`,
  );
  const session = db.prepare(
    `INSERT INTO TrainingSession (unitId, title, startsAt, durationMinutes, place, status, createdById, createdAt, updatedAt) VALUES (?, 'Tập huấn', ?, 120, 'Hội trường xã', 'scheduled', 1, ?, ?)`,
  );
  const attendance = db.prepare(`INSERT OR IGNORE INTO Attendance (sessionId, userId, status, markedAt, markedById, updatedAt) VALUES (?, ?, ?, ?, 1, ?)`);
  const field = db.prepare(
    `INSERT INTO FieldResult (userId, unitId, teamId, date, kind, count, productName, ocop, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
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
        field.run(
          members[1],
          v.id,
          teamOf.get(v.id),
          dayOfYear(rand).toISOString().slice(0, 10),
          "product-online",
          1,
          `Sản phẩm ${v.id}`,
          rand() < 0.5 ? 1 : 0,
          now,
          now,
        );
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

const MIGRATIONS = path.resolve("prisma/migrations");
const migrationNames = () =>
  fs
    .readdirSync(MIGRATIONS)
    .filter((n) => fs.statSync(path.join(MIGRATIONS, n)).isDirectory())
    .sort();

/** Notes which migrations the dataset was built with (buildFromMigrations keeps no record). */
function recordMigrations(db: Database.Database) {
  db.exec(`CREATE TABLE IF NOT EXISTS "_bench_migrations" (name TEXT PRIMARY KEY)`);
  const insert = db.prepare(`INSERT OR IGNORE INTO "_bench_migrations" (name) VALUES (?)`);
  for (const name of migrationNames()) insert.run(name);
}

/** Applies the migrations added since the dataset was generated. */
function applyPendingMigrations() {
  const db = new Database(FILE);
  db.exec(`CREATE TABLE IF NOT EXISTS "_bench_migrations" (name TEXT PRIMARY KEY)`);
  const done = new Set((db.prepare(`SELECT name FROM "_bench_migrations"`).all() as Array<{ name: string }>).map((r) => r.name));
  for (const name of migrationNames().filter((n) => !done.has(n))) {
    const t = Date.now();
    db.exec(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
    db.prepare(`INSERT INTO "_bench_migrations" (name) VALUES (?)`).run(name);
    console.log(`  applied migration ${name} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  db.close();
}

/** Generates the dataset for BENCH_SCALE unless it exists (BENCH_FRESH=1 to redo), and points DATABASE_URL at it. */
export async function nationalDataset() {
  process.env.DATABASE_URL = `file:${FILE}`;
  process.env.CONTENT_CACHE_DIR ??= "tests/.tmp/content-cache-bench";
  const fresh = process.env.BENCH_FRESH === "1" || !fs.existsSync(FILE);
  console.log(fresh ? `Generating ${FILE} …` : `Using ${FILE} (BENCH_FRESH=1 to regenerate)`);
  if (fresh) await generate();
  else applyPendingMigrations();
  return FILE;
}
