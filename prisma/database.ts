// Where the SQLite database lives and how Prisma reaches it. Shared by the app,
// the Prisma CLI (prisma.config.ts), the seed and the tests.
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

/** Absolute path of the SQLite file named by DATABASE_URL (relative to the project root). */
export function databaseFile(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  const file = url.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.resolve(projectRoot, file);
}

export function adapterFactory(file = databaseFile()) {
  const factory = new PrismaBetterSQLite3({ url: file });
  const connect = factory.connect.bind(factory);
  // A second connection, for plain reads while a transaction holds the first (see isolateTransactions).
  const reader = async () => logSlowStatements(await new PrismaBetterSQLite3({ url: file, readonly: true, fileMustExist: true }).connect());
  factory.connect = async () => isolateTransactions(logSlowStatements(await connect()), reader);
  return factory;
}

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Every request shares one SQLite connection. The adapter serialises
 * interactive transactions with each other, but a plain query sent while one
 * is open ran on the same connection, inside it, and vanished with its
 * rollback (tests/unit/transactions.test.ts). Here plain writes wait until
 * no transaction is open or about to open; plain reads (a SELECT) meanwhile go
 * to a second, read-only connection, where they see what was committed (WAL),
 * so a page or /healthz never waits for a unit move or an import to finish.
 */
function isolateTransactions(adapter: Adapter, connectReader: () => Promise<Adapter>): Adapter {
  let reader: Promise<Adapter> | null = null;
  let open = 0;
  let idle: Promise<void> = Promise.resolve();
  let markIdle = () => {};
  const enter = () => {
    if (open++ === 0) idle = new Promise<void>((resolve) => (markIdle = resolve));
  };
  const leave = () => {
    if (--open === 0) markIdle();
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args: Parameters<Adapter["startTransaction"]>) => {
    enter();
    let tx: Transaction;
    try {
      tx = await startTransaction(...args);
    } catch (error) {
      leave();
      throw error;
    }
    // The adapter opens a deferred transaction (a plain BEGIN). One that reads, then writes
    // after another process committed (a second writer on the file: the stats rebuild command,
    // the end-to-end tests' own worlds) fails at once with SQLITE_BUSY_SNAPSHOT instead of
    // waiting. Reopened as BEGIN IMMEDIATE it takes the write lock first, and waits for the
    // other writer (busy timeout) instead (tests/unit/transactions.test.ts). Nothing was read
    // or written yet, and the adapter's lock keeps this connection to us meanwhile.
    try {
      await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
      await tx.executeRaw({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] });
    } catch (error) {
      await tx.rollback();
      leave();
      throw error;
    }
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        leave();
      }
    };
    // better-sqlite3 answers at once, so without this a whole transaction ran as one
    // chain of resolved promises and no other request (not even /healthz) was read
    // until it ended: each of its statements first lets waiting I/O through.
    for (const method of ["queryRaw", "executeRaw"] as const) {
      const run = tx[method].bind(tx) as (query: never) => Promise<never>;
      (tx as unknown as Record<string, unknown>)[method] = async (query: never) => {
        await new Promise((resolve) => setImmediate(resolve));
        return run(query);
      };
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = async () => {
      try {
        return await commit();
      } finally {
        end();
      }
    };
    tx.rollback = async () => {
      try {
        return await rollback();
      } finally {
        end();
      }
    };
    return tx;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    if (open > 0 && /^\s*SELECT\b/i.test(query.sql)) {
      reader ??= connectReader();
      return (await reader).queryRaw(query);
    }
    while (open > 0) await idle;
    return queryRaw(query);
  };
  adapter.executeRaw = async (query) => {
    while (open > 0) await idle;
    return executeRaw(query);
  };
  return adapter;
}

/**
 * Statements sent through Prisma that take longer than SLOW_QUERY_MS (100 ms by
 * default) are logged with their SQL, as app/utils/db.server.ts does for its
 * own: better-sqlite3 runs synchronously, so a slow one holds every request.
 * Transactions' own statements are timed too.
 */
export function logSlowStatements<A extends Pick<Adapter, "queryRaw" | "executeRaw" | "startTransaction">>(adapter: A, untilAnswered = false): A {
  const threshold = Number(process.env.SLOW_QUERY_MS ?? 100);
  const log = (ms: number, sql: string) => {
    if (ms >= threshold) console.warn(`[slow query] ${ms.toFixed(0)} ms: ${sql.replace(/\s+/g, " ").trim().slice(0, 500)}`);
  };
  const timed = <T extends { queryRaw: Adapter["queryRaw"]; executeRaw: Adapter["executeRaw"] }>(target: T) => {
    for (const method of ["queryRaw", "executeRaw"] as const) {
      const original = target[method].bind(target) as (query: { sql: string }) => Promise<unknown>;
      (target as Record<string, unknown>)[method] = (query: { sql: string }) => {
        // better-sqlite3 does its work inside the call: timed up to its return, so the
        // time other requests take before this one resumes is not counted against it.
        // PostgreSQL answers over the network (untilAnswered): timed until the answer comes.
        const started = performance.now();
        const pending = original(query);
        if (untilAnswered) return pending.finally(() => log(performance.now() - started, query.sql));
        log(performance.now() - started, query.sql);
        return pending;
      };
    }
    return target;
  };
  const startTransaction = adapter.startTransaction.bind(adapter) as Adapter["startTransaction"];
  (adapter as Pick<Adapter, "startTransaction">).startTransaction = async (...args: Parameters<Adapter["startTransaction"]>) =>
    timed(await startTransaction(...args));
  return timed(adapter as unknown as Adapter) as unknown as A;
}

/**
 * Prisma 6.19's Wasm schema engine replays a whole migration on the shadow
 * database as one executeRaw call; better-sqlite3 refuses several statements in
 * one prepared statement, so send parameterless SQL through executeScript there.
 */
export function migrationAdapterFactory(file = databaseFile()): Factory {
  const factory = adapterFactory(file);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow: Adapter = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length === 0) {
        await shadow.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return shadow;
  };
  return factory;
}
