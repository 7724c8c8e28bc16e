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
  factory.connect = async () => isolateTransactions(await connect());
  return factory;
}

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Every request shares one SQLite connection. The adapter serialises
 * interactive transactions with each other, but a plain query sent while one
 * is open ran on the same connection, inside it, and vanished with its
 * rollback (tests/unit/transactions.test.ts). Here plain queries wait until
 * no transaction is open or about to open.
 */
function isolateTransactions(adapter: Adapter): Adapter {
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
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        leave();
      }
    };
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
