// The sender: takes queued learning records (StatementOutbox, filled by
// lrs-queue.server.ts) and posts them to the Learning Record Store in batches,
// from a timer in the server process, never from a member's request.
//
// Nothing is lost and nothing is stored twice:
// - a row is claimed with a lease in one conditional UPDATE, so two senders
//   (or two ticks) never take the same row, and a crashed sender's rows are
//   taken up again when the lease runs out;
// - its statement is built and checked once, kept, and every later try sends
//   the same bytes with the same id (a UUID from the fact), so a batch whose
//   answer was lost is sent again and the LRS keeps each statement once;
// - a row is "sent" only after the LRS answered 2xx (or 409 for that single
//   statement: it already has one with this id);
// - a batch refused as a whole (400, 409, 413) is split and sent one by one,
//   so one bad statement never holds back the others;
// - anything else (no answer, 5xx, 401/403/404, 429) keeps the rows pending
//   with exponential backoff (30 s doubling to an hour, each row its own), and
//   the loop itself backs off the same way while the LRS keeps failing; rows
//   are tried again for as long as it takes.
import { prisma, sql } from "~/utils/db.server";
import { CLAIM_ROWS, inJsonList, portable, sqlDate } from "~/utils/sql-dialect.server";
import { hasActorSecret } from "~/utils/env.server";
import { publicOrigin } from "~/utils/origin.server";
import { subtreeUpperBound } from "~/utils/unit-path";
import { buildStatement, factKey as keyOf } from "~/xapi/statements";
import { OUTBOX_STATUSES, type OutboxStatus } from "~/xapi/outbox-status";
import { validateStatement } from "~/xapi/validate";
import { factFor, lookups, siteFor, subtreeFacts } from "./learning-records.server";
import { lrsConfigured } from "./lrs-queue.server";

export const XAPI_VERSION = "1.0.3";
const REQUEST_TIMEOUT_MS = 30_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;
const ANSWER_MAX = 500;

export type LrsSettings = { endpoint: string; key: string; secret: string; batchSize: number; intervalMs: number };

/** The LRS named by the environment: LRS_URL (its xAPI base address), LRS_KEY and LRS_SECRET (Basic authentication). */
export function lrsSettings(env: NodeJS.ProcessEnv = process.env): LrsSettings | null {
  const url = env.LRS_URL?.trim();
  if (!url) return null;
  const batch = Number(env.XAPI_BATCH_SIZE || 50);
  const seconds = Number(env.XAPI_SEND_INTERVAL_SECONDS || 30);
  return {
    endpoint: `${url.replace(/\/+$/, "")}/statements`,
    key: env.LRS_KEY ?? "",
    secret: env.LRS_SECRET ?? "",
    batchSize: Number.isInteger(batch) && batch > 0 && batch <= 500 ? batch : 50,
    intervalMs: Number.isFinite(seconds) && seconds >= 0.05 ? seconds * 1000 : 30_000,
  };
}

/** The LRS address as shown to an admin: no credentials, no query. */
export function lrsAddressForDisplay(settings: LrsSettings | null) {
  if (!settings) return null;
  try {
    const url = new URL(settings.endpoint);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "?";
  }
}

/** Exponential backoff after `tries` failed tries: 30 s, 1 min, 2 min … capped at an hour. */
export function backoffMs(tries: number) {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, tries - 1), BACKOFF_MAX_MS);
}

/**
 * A statement's own wait: the backoff shortened by up to a quarter, by an
 * amount fixed by its row and try. Statements that failed together are then
 * due at slightly different moments and go out in different batches later,
 * so one statement the LRS keeps choking on does not hold the same neighbours back.
 */
export function retryDelayMs(rowId: number, tries: number) {
  const spread = ((Math.imul(rowId, 2654435761) ^ Math.imul(tries, 40503)) >>> 0) % 1000;
  return Math.round(backoffMs(tries) * (1 - spread / 4000));
}

/** The loop's pause after a round: its interval, or while the LRS keeps failing, the backoff of the failing streak. */
export function roundDelayMs(intervalMs: number, failingRounds: number) {
  return failingRounds > 0 ? Math.max(intervalMs, backoffMs(failingRounds)) : intervalMs;
}

type Claimed = {
  id: number;
  factKey: string;
  userId: number;
  unitPath: string;
  statementId: string | null;
  body: string | null;
  tries: number;
  queuedAt: Date;
};
type Ready = Claimed & { statementId: string; body: string };

export type TickReport = { claimed: number; sent: number; failed: number; withdrawn: number; retrying: number; requests: number };

export type SendOptions = {
  settings?: LrsSettings | null;
  origin?: string | null;
  now?: () => Date;
  fetch?: typeof fetch;
};

const short = (text: string) => (text.length > ANSWER_MAX ? `${text.slice(0, ANSWER_MAX)}…` : text);

/**
 * Takes up to `limit` due rows for this sender: pending and due, or left
 * "sending" by a sender whose lease ran out. The lease outlasts the longest
 * round a batch can take (split into single requests, each up to the timeout),
 * so a live sender never loses its rows to another.
 */
async function claim(limit: number, now: Date): Promise<Claimed[]> {
  const at = sqlDate(now);
  const leaseMs = (limit + 1) * REQUEST_TIMEOUT_MS;
  const rows = await prisma.$queryRawUnsafe<Claimed[]>(
    portable(`UPDATE "StatementOutbox" SET "status" = 'sending', "leaseUntil" = ?
     WHERE "id" IN (
       SELECT "id" FROM "StatementOutbox"
       WHERE ("status" = 'pending' AND "nextTryAt" <= ?) OR ("status" = 'sending' AND "leaseUntil" < ?)
       ORDER BY "id" LIMIT ?${CLAIM_ROWS})
     RETURNING "id", "factKey", "userId", "unitPath", "statementId", "body", "tries", "queuedAt"`),
    sqlDate(new Date(now.getTime() + leaseMs)),
    at,
    at,
    limit,
  );
  return rows
    .map((r) => ({ ...r, id: Number(r.id), userId: Number(r.userId), tries: Number(r.tries), queuedAt: new Date(r.queuedAt) }))
    .sort((a, b) => a.id - b.id);
}

/** Ends this sender's claim on rows: what the LRS said, and the lease released. */
function settleQuery(ids: number[], fields: string, values: unknown[]) {
  return prisma.$executeRawUnsafe(
    portable(`UPDATE "StatementOutbox" SET ${fields}, "leaseUntil" = NULL WHERE "status" = 'sending' AND ${inJsonList('"id"')}`),
    ...values,
    JSON.stringify(ids),
  );
}

async function settle(ids: number[], fields: string, values: unknown[]) {
  if (ids.length) await settleQuery(ids, fields, values);
}

type Write = ReturnType<typeof settleQuery>;

/** Several row updates in one transaction: one commit (one disk sync) instead of one per row. */
async function writeAll(writes: Write[]) {
  if (writes.length) await prisma.$transaction(writes);
}

/**
 * Builds and checks the statement of each claimed row that has none yet, and
 * keeps it on the row. Rows whose fact is gone are withdrawn; statements that
 * fail validation are marked failed with the problems, and never leave.
 */
async function prepare(rows: Claimed[], origin: string, report: TickReport): Promise<Ready[]> {
  const ready: Ready[] = [];
  const unbuilt = rows.filter((r) => !r.body || !r.statementId);
  const look = unbuilt.length ? await lookups() : null;
  const site = siteFor(origin);
  const writes: Write[] = [];
  for (const row of rows) {
    if (row.body && row.statementId) {
      ready.push(row as Ready);
      continue;
    }
    const fact = await factFor(row, look!);
    if (!fact) {
      writes.push(settleQuery([row.id], `"status" = 'withdrawn', "problem" = 'admin.xapi.problems.factGone'`, []));
      report.withdrawn++;
      continue;
    }
    const statement = buildStatement(site, fact);
    const check = validateStatement(statement);
    if (!check.valid) {
      writes.push(
        settleQuery([row.id], `"status" = 'failed', "answerStatus" = NULL, "answer" = ?, "problem" = 'admin.xapi.problems.invalid'`, [
          short(check.problems.join("; ")),
        ]),
      );
      report.failed++;
      continue;
    }
    const body = JSON.stringify(statement);
    writes.push(
      prisma.$executeRawUnsafe(
        portable(`UPDATE "StatementOutbox" SET "statementId" = ?, "body" = ? WHERE "id" = ? AND "status" = 'sending'`),
        statement.id,
        body,
        row.id,
      ),
    );
    ready.push({ ...row, statementId: statement.id, body });
  }
  // Kept before anything is sent: every later try sends exactly these bytes.
  await writeAll(writes);
  return ready;
}

type Answer = { status: number | null; text: string; retryAfterMs: number | null };

async function post(rows: Ready[], settings: LrsSettings, doFetch: typeof fetch): Promise<Answer> {
  try {
    const response = await doFetch(settings.endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-Experience-API-Version": XAPI_VERSION,
        Authorization: `Basic ${Buffer.from(`${settings.key}:${settings.secret}`).toString("base64")}`,
      },
      // The kept bytes, exactly: every try of a statement sends the same thing.
      body: `[${rows.map((r) => r.body).join(",")}]`,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text().catch(() => "");
    const retryAfter = Number(response.headers.get("Retry-After"));
    return { status: response.status, text, retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null };
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return { status: null, text: cause, retryAfterMs: null };
  }
}

/** What is kept of an answer: its status, its body (shortened) and, when there was none, why. */
const kept = (answer: Answer) => [answer.status, answer.text ? short(answer.text) : null, answer.status === null ? "admin.xapi.problems.noAnswer" : null];
const KEEP = `"answerStatus" = ?, "answer" = ?, "problem" = ?`;
/** Refusals that concern the statements themselves; the rest (auth, address, rate, server, network) are passing. */
const refusesStatements = (status: number | null) => status === 400 || status === 409 || status === 413 || status === 422;

/** Keeps rows for a later try, each after its own backoff (longer if the LRS asked for it with Retry-After). */
async function postpone(rows: Ready[], answer: Answer, now: () => Date, report: TickReport) {
  await writeAll(
    rows.map((row) => {
      const wait = Math.max(retryDelayMs(row.id, row.tries + 1), answer.retryAfterMs ?? 0);
      return settleQuery([row.id], `"status" = 'pending', "tries" = "tries" + 1, "nextTryAt" = ?, ${KEEP}`, [
        sqlDate(new Date(now().getTime() + wait)),
        ...kept(answer),
      ]);
    }),
  );
  report.retrying += rows.length;
}

/** Posts rows and records the answer on each; returns the answer when it was a passing trouble (the LRS unwell, not the statements). */
async function deliver(rows: Ready[], settings: LrsSettings, doFetch: typeof fetch, now: () => Date, report: TickReport): Promise<Answer | null> {
  const answer = await post(rows, settings, doFetch);
  report.requests++;
  const ids = rows.map((r) => r.id);
  if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
    // Its body is the list of the batch's ids: nothing worth keeping on each row.
    await settle(ids, `"status" = 'sent', "sentAt" = ?, "answerStatus" = ?, "answer" = NULL, "problem" = NULL`, [sqlDate(now()), answer.status]);
    report.sent += rows.length;
    return null;
  }
  if (refusesStatements(answer.status) && rows.length > 1) {
    // The LRS refuses a whole batch for one statement: find which, one by one;
    // if it becomes unwell meanwhile, the rest wait for the next try untouched.
    for (const [i, row] of rows.entries()) {
      const trouble = await deliver([row], settings, doFetch, now, report);
      if (trouble) {
        await postpone(rows.slice(i + 1), trouble, now, report);
        return trouble;
      }
    }
    return null;
  }
  if (answer.status === 409) {
    // It already holds a statement with this id: ours, from a try whose answer was lost.
    await settle(ids, `"status" = 'sent', "sentAt" = ?, ${KEEP}`, [sqlDate(now()), ...kept(answer)]);
    report.sent += rows.length;
    return null;
  }
  if (refusesStatements(answer.status)) {
    await settle(ids, `"status" = 'failed', "tries" = "tries" + 1, ${KEEP}`, kept(answer));
    report.failed += rows.length;
    return null;
  }
  await postpone(rows, answer, now, report);
  return answer;
}

/** Why the sender cannot run here, or null when it can. */
export function senderProblem(settings = lrsSettings(), origin = publicOrigin()) {
  if (!settings) return "admin.xapi.lrs.notConfigured";
  if (!origin) return "admin.xapi.lrs.noOrigin";
  if (!hasActorSecret()) return "admin.xapi.lrs.noSecret";
  return null;
}

/**
 * One round: claims a batch of due rows, builds what is unbuilt, posts them,
 * records the LRS's answer on each. Returns what happened.
 */
export async function sendBatch(options: SendOptions = {}): Promise<TickReport> {
  const settings = options.settings === undefined ? lrsSettings() : options.settings;
  const origin = options.origin === undefined ? publicOrigin() : options.origin;
  const now = options.now ?? (() => new Date());
  const report: TickReport = { claimed: 0, sent: 0, failed: 0, withdrawn: 0, retrying: 0, requests: 0 };
  if (!settings || !origin) return report;
  const rows = await claim(settings.batchSize, now());
  report.claimed = rows.length;
  if (rows.length === 0) return report;
  const ready = await prepare(rows, origin, report);
  if (ready.length) await deliver(ready, settings, options.fetch ?? fetch, now, report);
  return report;
}

/** Sends batches until nothing is due or the LRS stops accepting (bounded, so one tick never runs away). */
export async function sendDue(options: SendOptions = {}, maxBatches = 20) {
  const total: TickReport = { claimed: 0, sent: 0, failed: 0, withdrawn: 0, retrying: 0, requests: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const report = await sendBatch(options);
    for (const key of Object.keys(total) as Array<keyof TickReport>) total[key] += report[key];
    const settings = options.settings === undefined ? lrsSettings() : options.settings;
    if (report.claimed < (settings?.batchSize ?? 1) || report.retrying > 0) break;
  }
  return total;
}

// ---------------------------------------------------------------- the loop in the server process

type SenderState = {
  timer: NodeJS.Timeout | null;
  running: boolean;
  started: boolean;
  /** Rounds in a row where the LRS took nothing and something had to wait: the loop backs off on these. */
  failingRounds: number;
  lastRunAt: Date | null;
  lastReport: TickReport | null;
  lastError: string | null;
};
const globalSender = globalThis as unknown as { __lrsSender?: SenderState };
const state = (globalSender.__lrsSender ??= {
  timer: null,
  running: false,
  started: false,
  failingRounds: 0,
  lastRunAt: null,
  lastReport: null,
  lastError: null,
});

function schedule(ms: number) {
  if (state.timer) clearTimeout(state.timer);
  state.timer = setTimeout(tick, ms);
  // The loop never keeps the process alive on its own.
  state.timer.unref();
}

async function tick() {
  state.timer = null;
  const settings = lrsSettings();
  if (!settings) return;
  if (state.running) return schedule(settings.intervalMs);
  state.running = true;
  try {
    const report = await sendDue();
    state.lastReport = report;
    state.lastError = null;
    // While the LRS is down, new statements keep coming due: the loop itself
    // backs off, so a down LRS sees one request per 30 s, 1 min, 2 min … 1 h.
    if (report.retrying > 0 && report.sent === 0) state.failingRounds++;
    else if (report.sent > 0 || report.claimed === 0) state.failingRounds = 0;
  } catch (error) {
    state.lastError = error instanceof Error ? error.message : String(error);
    console.error("Learning records: the sender failed this round", error);
  } finally {
    state.lastRunAt = new Date();
    state.running = false;
    schedule(roundDelayMs(settings.intervalMs, state.failingRounds));
  }
}

/**
 * Starts the background sender (server.js calls it once the site is up).
 * Returns why it did not start: no LRS configured (nothing to do), or a
 * setting it needs is missing (logged, and shown on the admin page).
 */
export function startStatementSender() {
  const problem = senderProblem();
  if (problem) {
    if (problem !== "admin.xapi.lrs.notConfigured")
      console.error(`Learning records will not be sent: ${problem.split(".").pop()} (see README, "Learning records (xAPI)")`);
    return { started: false, problem };
  }
  if (!state.started) {
    state.started = true;
    schedule(1000);
    console.log(`Learning records are sent to ${lrsAddressForDisplay(lrsSettings())}`);
  }
  return { started: true, problem: null };
}

/** Runs a round soon (an admin asked to send now), outside any backoff. */
export function wakeSender() {
  state.failingRounds = 0;
  if (state.started && !state.running) schedule(0);
}

export function senderStatus() {
  return {
    started: state.started,
    running: state.running,
    lastRunAt: state.lastRunAt?.toISOString() ?? null,
    lastReport: state.lastReport,
    lastError: state.lastError,
    failingRounds: state.failingRounds,
  };
}

// ---------------------------------------------------------------- admin: the queue of a subtree

export { OUTBOX_STATUSES, type OutboxStatus };

export async function outboxCounts(scopePath: string) {
  const rows = await sql(`SELECT status, COUNT(*) AS n FROM StatementOutbox WHERE unitPath >= ? AND unitPath < ? GROUP BY status`).all<{
    status: string;
    n: number;
  }>(scopePath, subtreeUpperBound(scopePath));
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of rows) if (r.status in counts) counts[r.status as OutboxStatus] = r.n;
  return counts;
}

const PAGE = 20;
/** The largest id an Int column holds (32 bits on both databases): "before" when no page is given. */
const MAX_ID = 2_147_483_647;

/** The newest rows of a subtree (optionally of one status), PAGE at a time before an id. */
export async function outboxRows(scopePath: string, options: { status?: OutboxStatus | null; before?: number | null } = {}) {
  const rows = await sql(
    `SELECT o.id, o.factKey, o.status, o.tries, o.nextTryAt, o.answerStatus, o.answer, o.problem, o.queuedAt, o.sentAt, o.statementId, o.body, u.name AS member
     FROM StatementOutbox o JOIN User u ON u.id = o.userId
     WHERE o.unitPath >= ? AND o.unitPath < ? AND (CAST(? AS TEXT) IS NULL OR o.status = ?) AND o.id < ?
     ORDER BY o.id DESC LIMIT ?`,
  ).all<{
    id: number;
    factKey: string;
    status: OutboxStatus;
    tries: number;
    nextTryAt: string;
    answerStatus: number | null;
    answer: string | null;
    problem: string | null;
    queuedAt: string;
    sentAt: string | null;
    statementId: string | null;
    body: string | null;
    member: string;
  }>(scopePath, subtreeUpperBound(scopePath), options.status ?? null, options.status ?? null, options.before ?? MAX_ID, PAGE + 1);
  const page = rows.slice(0, PAGE).map(({ body, ...r }) => {
    // What the statement says, in both languages, once it is built.
    let object: Record<string, string> | null = null;
    if (body) {
      try {
        const parsed = JSON.parse(body) as { object?: { definition?: { name?: Record<string, string> } } };
        object = parsed.object?.definition?.name ?? null;
      } catch {
        object = null;
      }
    }
    return { ...r, kind: r.factKey.split("/")[0], object };
  });
  return { rows: page, more: rows.length > PAGE ? page[page.length - 1].id : null };
}

/** "Send again now": rows the LRS refused go back to the queue (rebuilt), and waiting rows become due. */
export async function retryNow(scopePath: string, now = new Date()) {
  const upper = subtreeUpperBound(scopePath);
  const at = sqlDate(now);
  return prisma.$transaction(async (tx) => {
    const failed = await tx.$executeRawUnsafe(
      portable(`UPDATE "StatementOutbox" SET "status" = 'pending', "tries" = 0, "statementId" = NULL, "body" = NULL, "problem" = NULL, "nextTryAt" = ?
       WHERE "status" = 'failed' AND "unitPath" >= ? AND "unitPath" < ?`),
      at,
      scopePath,
      upper,
    );
    const waiting = await tx.$executeRawUnsafe(
      portable(`UPDATE "StatementOutbox" SET "nextTryAt" = ? WHERE "status" = 'pending' AND "nextTryAt" > ? AND "unitPath" >= ? AND "unitPath" < ?`),
      at,
      at,
      scopePath,
      upper,
    );
    return failed + waiting;
  });
}

/**
 * Queues the statements of every earlier fact of a subtree (facts recorded
 * before the LRS was configured), derived from the facts themselves. A fact
 * already queued keeps its row: this can be run any number of times.
 */
export async function queueEarlierFacts(scopePath: string, now = new Date()) {
  if (!lrsConfigured()) return 0;
  const at = sqlDate(now);
  let queued = 0;
  let batch: Array<[string, number, string]> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    queued += await prisma.$executeRawUnsafe(
      portable(`INSERT INTO "StatementOutbox" ("factKey", "userId", "unitPath", "status", "tries", "nextTryAt", "queuedAt")
       VALUES ${batch.map(() => "(?, ?, ?, 'pending', 0, ?, ?)").join(", ")}
       ON CONFLICT ("factKey") DO NOTHING`),
      ...batch.flatMap(([key, userId, path]) => [key, userId, path, at, at]),
    );
    batch = [];
  };
  const paths = new Map<number, string>();
  for (const r of await sql(`SELECT u.id, t.path FROM Team t JOIN User u ON u.teamId = t.id WHERE t.path >= ? AND t.path < ?`).all<{
    id: number;
    path: string;
  }>(scopePath, subtreeUpperBound(scopePath)))
    paths.set(r.id, r.path);
  for await (const fact of subtreeFacts(scopePath)) {
    if (fact.kind === "void") continue;
    batch.push([keyOf(fact), fact.userId, paths.get(fact.userId) ?? ""]);
    // Small transactions: members' own writes go on between them.
    if (batch.length >= 200) await flush();
  }
  await flush();
  return queued;
}
