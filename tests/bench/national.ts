// npm run bench:national — whole pages at national scale, through the real server.
// BENCH_SCALE=0.1 … 2 sizes the country (tests/bench/national-data.ts; generated
// once per scale). Signs in as a national, a province and a commune supervisor
// and as a national and a province admin, requests each of their report and
// admin pages one at a time (BENCH_SAMPLES each, after a warm-up) and prints
// the median and p99. Budgets (issue 20): a province's pages under 300 ms
// median, the country's under 500 ms. Then /healthz while two people load the
// national periodic report, and /healthz while an admin moves a commune
// (budgets: /healthz under 100 ms, the move under 2 s). Statements the server
// logged as slow (SLOW_QUERY_MS, 100 ms) are listed at the end.
// BENCH_PORT (default 37310); BENCH_NO_BUILD=1 to serve the build as it is.
import { execSync } from "node:child_process";
import fs from "node:fs";
import Database from "better-sqlite3";
import { FILE, SCALE, YEAR, nationalDataset } from "./national-data";
import { signIn, startServer } from "./server";

await nationalDataset();
const PORT = Number(process.env.BENCH_PORT || 37310);
const SAMPLES = Number(process.env.BENCH_SAMPLES || 15);
const LOG = `${FILE}.server.log`;

// Who signs in: accounts made once in the dataset, with the demo password.
const { hashPassword } = await import("../../app/utils/password.server");
const db = new Database(FILE);
const pick = (sql: string) => db.prepare(sql).get() as { id: number; code: string; path: string };
const root = pick(`SELECT id, code, path FROM Unit WHERE parentId IS NULL`);
const province = pick(`SELECT id, code, path FROM Unit WHERE levelKey = 'province' AND active = 1 ORDER BY id LIMIT 1 OFFSET 17`);
const commune = pick(
  `SELECT id, code, path FROM Unit WHERE levelKey = 'commune' AND active = 1 AND path LIKE '${province.path}%' ORDER BY id LIMIT 1 OFFSET 5`,
);
const team = pick(`SELECT t.id, '' AS code, t.path FROM Team t JOIN Unit u ON u.id = t.unitId WHERE u.parentId = ${commune.id} ORDER BY t.id LIMIT 1`);
const member = pick(`SELECT id, '' AS code, '' AS path FROM User WHERE teamId = ${team.id} ORDER BY id LIMIT 1`);
const hash = await hashPassword("demo1234");
const accounts = [
  { key: "national supervisor", phone: "0810000001", role: "supervisor", unit: root },
  { key: "province supervisor", phone: "0810000002", role: "supervisor", unit: province },
  { key: "commune supervisor", phone: "0810000003", role: "supervisor", unit: commune },
  { key: "national admin", phone: "0810000004", role: "admin", unit: root },
  { key: "province admin", phone: "0810000005", role: "admin", unit: province },
] as const;
const now = new Date().toISOString().replace("Z", "+00:00");
for (const a of accounts) {
  db.prepare(
    `INSERT INTO User (phone, name, passwordHash, role, scopeUnitId, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 1, ?, ?)
     ON CONFLICT (phone) DO UPDATE SET passwordHash = excluded.passwordHash, role = excluded.role, scopeUnitId = excluded.scopeUnitId`,
  ).run(a.phone, `Bench ${a.key}`, hash, a.role, a.unit.id, now, now);
}
// One member in fifty imported and awaiting a login slip (no password yet), as after an import.
db.prepare(`UPDATE User SET passwordHash = '' WHERE role = 'member' AND id % 50 = 0 AND passwordHash = 'x'`).run();
db.close();

if (process.env.BENCH_NO_BUILD !== "1") {
  console.log("Building …");
  execSync("npm run build --silent", { stdio: "ignore" });
}
fs.rmSync(LOG, { force: true });
const server = await startServer({ port: PORT, databaseFile: FILE, freshDatabase: false, build: false, log: LOG });
const { origin } = server;

type Page = { who: (typeof accounts)[number]["key"]; path: string; scope: "country" | "province" | "commune" };
const period = `period=${YEAR}`;
const reportPages = (who: Page["who"], scope: Page["scope"], unit: number): Page[] =>
  [
    `/reports?${period}`,
    `/reports/periodic?${period}`,
    `/reports/ocop`,
    `/reports/questions?${period}`,
    `/reports/export?unit=${unit}&${period}&table=children&format=csv`,
    `/reports/periodic/docx?unit=${unit}&${period}`,
  ].map((path) => ({
    who,
    scope,
    path,
  }));
const adminPages = (who: Page["who"], scope: Page["scope"], unit: number): Page[] =>
  [`/admin`, `/admin/members`, `/admin/members?q=Th%C3%B4n`, `/admin/units/${unit}`, `/admin/import`, `/admin/audit`, `/admin/xapi`].map((path) => ({
    who,
    scope,
    path,
  }));
const pages: Page[] = [
  ...reportPages("national supervisor", "country", root.id),
  ...reportPages("province supervisor", "province", province.id),
  ...reportPages("commune supervisor", "commune", commune.id),
  { who: "commune supervisor", scope: "commune", path: `/reports/team/${team.id}` },
  { who: "commune supervisor", scope: "commune", path: `/reports/member/${member.id}` },
  { who: "commune supervisor", scope: "commune", path: `/sessions` },
  ...adminPages("national admin", "country", root.id),
  ...adminPages("province admin", "province", province.id),
];

const cookies = new Map<string, string>();
for (const a of accounts) cookies.set(a.key, await signIn(origin, a.phone));

async function get(path: string, cookie?: string) {
  const t = performance.now();
  const response = await fetch(origin + path, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  await response.arrayBuffer();
  return { ms: performance.now() - t, status: response.status };
}
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const fmt = (ms: number) => ms.toFixed(0).padStart(6);

const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`\nPages at scale ${SCALE} (${YEAR}), ${SAMPLES} requests each, one at a time; load average ${load}`);
console.log(`  ${"who".padEnd(20)} ${"page".padEnd(48)} median    p99  status  budget`);
const results: Array<Page & { median: number; p99: number; ok: boolean }> = [];
for (const page of pages) {
  const cookie = cookies.get(page.who);
  await get(page.path, cookie);
  const samples: number[] = [];
  let status = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const r = await get(page.path, cookie);
    samples.push(r.ms);
    status = r.status;
  }
  const median = quantile(samples, 0.5);
  const budget = page.scope === "country" ? 500 : 300;
  const ok = median < budget && status === 200;
  results.push({ ...page, median, p99: quantile(samples, 0.99), ok });
  console.log(
    `  ${page.who.padEnd(20)} ${page.path.slice(0, 48).padEnd(48)} ${fmt(median)} ${fmt(quantile(samples, 0.99))}  ${String(status).padStart(6)}  ${budget} ${ok ? "OK" : "OVER"}`,
  );
}

/** Polls /healthz every 10 ms while `work` runs; its latencies. */
async function healthzDuring(work: () => Promise<unknown>) {
  const latencies: number[] = [];
  let running = true;
  const poll = (async () => {
    while (running) {
      latencies.push((await get("/healthz")).ms);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const t = performance.now();
  await work();
  const ms = performance.now() - t;
  running = false;
  await poll;
  if (process.env.BENCH_VERBOSE) console.log(latencies.map((l) => l.toFixed(0)).join(" "));
  return { ms, median: quantile(latencies, 0.5), max: Math.max(...latencies), n: latencies.length };
}

const national = cookies.get("national supervisor")!;
const two = await healthzDuring(() =>
  Promise.all(
    [0, 1].map(async () => {
      for (let i = 0; i < 5; i++) await get(`/reports/periodic?${period}`, national);
    }),
  ),
);
console.log(
  `\n/healthz while two people load the national periodic report 5 times each: median ${fmt(two.median)} ms, max ${fmt(two.max)} ms (${two.n} polls; budget 100 ms) ${two.max < 100 ? "OK" : "OVER"}`,
);

// A unit move through the admin page, as an admin does it.
const admin = cookies.get("national admin")!;
const check = new Database(FILE, { readonly: true });
const mover = check.prepare(`SELECT id FROM Unit WHERE levelKey = 'commune' AND active = 1 ORDER BY id LIMIT 1 OFFSET 40`).get() as { id: number };
const parentOf = check.prepare(`SELECT p.code FROM Unit u JOIN Unit p ON p.id = u.parentId WHERE u.id = ?`).get(mover.id) as { code: string };
const to = check.prepare(`SELECT code FROM Unit WHERE levelKey = 'province' AND active = 1 AND code <> ? ORDER BY id DESC LIMIT 1`).get(parentOf.code) as {
  code: string;
};
check.close();
const move = (code: string) =>
  healthzDuring(async () => {
    const response = await fetch(`${origin}/admin/units/${mover.id}`, {
      method: "POST",
      headers: { cookie: admin, Origin: origin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "move", code }),
      redirect: "manual",
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`move answered ${response.status}`);
  });
for (const [label, code] of [
  ["away", to.code],
  ["back", parentOf.code],
] as const) {
  const m = await move(code);
  console.log(
    `Moving a commune (30 villages) ${label} through /admin/units: ${fmt(m.ms)} ms (budget 2000) ${m.ms < 2000 ? "OK" : "OVER"}; /healthz meanwhile median ${fmt(m.median)} ms, max ${fmt(m.max)} ms (budget 100) ${m.max < 100 ? "OK" : "OVER"}`,
  );
}

server.stop();
await new Promise((r) => setTimeout(r, 300));
const slow = new Map<string, { n: number; max: number }>();
for (const line of fs.existsSync(LOG) ? fs.readFileSync(LOG, "utf8").split("\n") : []) {
  const m = line.match(/^\[slow query\] (\d+) ms: (.*)$/);
  if (!m) continue;
  const key = m[2].slice(0, 160);
  const s = slow.get(key) ?? { n: 0, max: 0 };
  slow.set(key, { n: s.n + 1, max: Math.max(s.max, Number(m[1])) });
}
console.log(
  slow.size
    ? `\nStatements the server logged as slow (≥ ${process.env.SLOW_QUERY_MS ?? 100} ms):`
    : `\nNo statement logged as slow (≥ ${process.env.SLOW_QUERY_MS ?? 100} ms).`,
);
for (const [text, s] of [...slow].sort((a, b) => b[1].max - a[1].max)) console.log(`  ${String(s.n).padStart(4)}× max ${fmt(s.max)} ms  ${text}`);
const over = results.filter((r) => !r.ok);
console.log(over.length ? `\n${over.length} page(s) over budget.` : `\nEvery page within budget.`);
