// npm run bench:xapi — what learning records cost (issue 19), on the demo
// province: the extra time a quiz answer takes when its statement is queued in
// the same transaction, queuing the province's earlier facts, building and
// checking statements, sending them to a local stand-in LRS, and the export.
// Figures are printed, not asserted.
import fs from "node:fs";
import path from "node:path";
import { buildFromMigrations } from "../support/migrations";

const file = path.resolve("tests/.tmp/bench-xapi.db");
fs.mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
buildFromMigrations(file);
process.env.DATABASE_URL = `file:${file}`;
process.env.CONTENT_CACHE_DIR ??= ".cache/lessons";
process.env.SESSION_SECRET ??= "bench";
process.env.XAPI_ACTOR_SECRET ??= "bench-actor-secret";

const { prisma } = await import("../../app/utils/db.server");
const { seed } = await import("../../prisma/seed");
const { getCourse } = await import("../../app/content/course.server");
const { submitAttempt } = await import("../../app/models/quiz.server");
const { queueEarlierFacts, sendDue } = await import("../../app/models/lrs-outbox.server");
const { exportStatements, siteFor } = await import("../../app/models/learning-records.server");
const { parsePeriod } = await import("../../app/models/coverage.server");
const { LrsStandIn } = await import("../support/lrs-stand-in");

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const fmt = (n: number) => n.toFixed(2).padStart(7);

await seed(prisma);
const course = await getCourse();
const province = await prisma.unit.findUniqueOrThrow({ where: { code: "QNA" } });
const members = await prisma.user.findMany({ where: { role: "member" }, select: { id: true }, take: 60 });

// 1. A quiz answer with and without its statement queued (alternating, same lessons).
const lessons = course.lessons.slice(12, 24);
const timings = { off: [] as number[], on: [] as number[] };
let n = 0;
for (const lesson of lessons) {
  for (const member of members) {
    const queued = n++ % 2 === 1;
    if (queued) process.env.LRS_URL = "http://127.0.0.1:1/xapi";
    else delete process.env.LRS_URL;
    const quiz = lesson.text.vi.quiz;
    const answers = Object.fromEntries(quiz.map((q) => [q.id, q.choices.find((c) => c.correct)!.id]));
    const start = process.hrtime.bigint();
    await submitAttempt({ userId: member.id, lesson, quiz, language: "vi", answers });
    (queued ? timings.on : timings.off).push(ms(start));
  }
}
console.log(`\nA passed quiz (attempt + completion), ${timings.off.length} each, in ms:`);
console.log(`  not queued   median ${fmt(quantile(timings.off, 0.5))}  p95 ${fmt(quantile(timings.off, 0.95))}`);
console.log(`  queued       median ${fmt(quantile(timings.on, 0.5))}  p95 ${fmt(quantile(timings.on, 0.95))}`);

// 2. Queuing the province's earlier facts (derived from the facts).
process.env.LRS_URL = "http://127.0.0.1:1/xapi";
let start = process.hrtime.bigint();
const queued = await queueEarlierFacts(province.path);
const queueMs = ms(start);
const total = await prisma.statementOutbox.count();
console.log(`\nQueuing earlier facts of ${province.name}: ${queued} rows in ${queueMs.toFixed(0)} ms (${total} in the queue)`);

// 3. Sending the whole queue to a stand-in LRS on this machine, batches of 50.
const lrs = await new LrsStandIn().start();
const settings = { endpoint: `${lrs.url}/statements`, key: lrs.key, secret: lrs.secret, batchSize: 50, intervalMs: 1000 };
start = process.hrtime.bigint();
let sent = 0;
for (;;) {
  const report = await sendDue({ settings, origin: "https://kynangso.example.vn" }, 1000);
  sent += report.sent;
  if (report.claimed === 0) break;
}
const sendMs = ms(start);
console.log(
  `\nSending to a local stand-in LRS: ${sent} statements in ${lrs.requests.length} requests, ${sendMs.toFixed(0)} ms (${((sent / sendMs) * 1000).toFixed(0)} statements/s, building and checking included)`,
);
const bodies = [...lrs.stored.values()];
console.log(
  `  statement size: median ${quantile(
    bodies.map((b) => b.length),
    0.5,
  )} bytes, largest ${Math.max(...bodies.map((b) => b.length))}`,
);
await lrs.stop();

// 4. The export of the province for this year.
const period = parsePeriod(null);
start = process.hrtime.bigint();
const text = await new Response(exportStatements(siteFor("https://kynangso.example.vn"), province.path, period)).text();
const exportMs = ms(start);
const lines = text.split("\n").filter(Boolean).length;
console.log(
  `\nExport of ${province.name}, ${period.key}: ${lines} statements, ${(text.length / 1024).toFixed(0)} KB, ${exportMs.toFixed(0)} ms (${((lines / exportMs) * 1000).toFixed(0)} statements/s)`,
);

await prisma.$disconnect();
