import Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { adapterFactory, databaseFile, logSlowStatements } from "../../prisma/database";
import { isPostgres, translate } from "./sql-dialect.server";

// DATABASE_URL picks the database: `file:…` SQLite (the default), `postgresql://…` PostgreSQL.
// The app is typed against the SQLite client; the PostgreSQL one has the same models and
// methods (both are generated from prisma/schema.prisma, see prisma/postgres-schema.ts).
const globalForDb = globalThis as unknown as { __prisma?: PrismaClient; __sqlite?: Database.Database; __pgPool?: pg.Pool };

function openPrisma(): PrismaClient {
  if (isPostgres) {
    // Prisma's statements are logged when slow, as on SQLite (prisma/database.ts).
    const factory = new PrismaPg({ connectionString: process.env.DATABASE_URL! });
    const connect = factory.connect.bind(factory);
    factory.connect = async () => logSlowStatements(await connect(), true);
    return new PostgresClient({ adapter: factory }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: adapterFactory() });
}

// One Prisma client per process; in development the module is re-evaluated on
// every change, so keep the instance on globalThis.
export const prisma = globalForDb.__prisma ?? openPrisma();
if (process.env.NODE_ENV !== "production") globalForDb.__prisma = prisma;

/**
 * A direct better-sqlite3 connection for the few hot reads that every page
 * makes (who is signed in) and for report queries: a prepared statement there
 * costs microseconds, a Prisma query about a millisecond. Writes go through Prisma.
 */
function sqlite() {
  if (!globalForDb.__sqlite) {
    const db = new Database(databaseFile());
    db.pragma("busy_timeout = 5000");
    globalForDb.__sqlite = db;
  }
  return globalForDb.__sqlite;
}

/** A timestamp column ("2026-11-23 17:30:00.12") as Prisma's SQLite text, so rows read the same on both. */
function timestampText(value: string) {
  return new Date(`${value.replace(" ", "T")}Z`).toISOString().replace("Z", "+00:00");
}

/**
 * On PostgreSQL, the same kind of direct pool (pg, beside Prisma's own) for those reads.
 * Its rows look like better-sqlite3's: counts and sums as numbers, booleans as 1/0,
 * timestamps as the ISO text above; callers need not know which database answered.
 */
function pgPool() {
  if (!globalForDb.__pgPool) {
    globalForDb.__pgPool = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.PG_POOL_SIZE ?? 10),
      allowExitOnIdle: true,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") => {
          if (format !== "binary") {
            if (oid === 20 || oid === 1700) return Number; // int8 (COUNT, SUM of int), numeric
            if (oid === 16) return (v: string) => (v === "t" ? 1 : 0);
            if (oid === 1114) return timestampText;
            if (oid === 1184) return (v: string) => new Date(v).toISOString().replace("Z", "+00:00");
          }
          return pg.types.getTypeParser(oid, format as "text");
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection the server ended (a restart, a failover, an administrator): the
    // pool drops it and opens another when needed. Unhandled, the event would stop the process.
    globalForDb.__pgPool.on("error", (error) => console.warn(`[database] an idle connection was closed: ${error.message}`));
  }
  return globalForDb.__pgPool;
}

/**
 * Statements on the request path that take longer than this are logged with
 * their SQL: a slow one holds a connection (and, on SQLite, every other
 * request: better-sqlite3 runs synchronously). SLOW_QUERY_MS overrides it; 0 logs every query.
 */
const SLOW_QUERY_MS = Number(process.env.SLOW_QUERY_MS ?? 100);

function logIfSlow(text: string, started: number) {
  const ms = performance.now() - started;
  if (ms >= SLOW_QUERY_MS) console.warn(`[slow query] ${ms.toFixed(0)} ms: ${text.replace(/\s+/g, " ").trim().slice(0, 500)}`);
}

type Row = Record<string, unknown>;
/** Positional values, or one object of named values for `@name` placeholders. */
type Params = unknown[];

export type Statement = {
  get<T = Row>(...params: Params): Promise<T | undefined>;
  all<T = Row>(...params: Params): Promise<T[]>;
  run(...params: Params): Promise<{ changes: number }>;
};

function sqliteStatement(text: string): Statement {
  const statement = sqlite().prepare(text);
  const timed = <R>(work: () => R): Promise<R> => {
    const started = performance.now();
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    } finally {
      logIfSlow(text, started);
    }
  };
  return {
    get: <T>(...params: Params) => timed(() => statement.get(...params) as T | undefined),
    all: <T>(...params: Params) => timed(() => statement.all(...params) as T[]),
    run: (...params: Params) => timed(() => ({ changes: statement.run(...params).changes })),
  };
}

function postgresStatement(portableText: string): Statement {
  const { text, names } = translate(portableText);
  const values = (params: Params) => {
    if (names.length === 0) return params;
    const named = (params[0] ?? {}) as Record<string, unknown>;
    return names.map((name) => named[name]);
  };
  const query = async (params: Params) => {
    const started = performance.now();
    try {
      return await pgPool().query(text, values(params));
    } finally {
      logIfSlow(text, started);
    }
  };
  return {
    get: async <T>(...params: Params) => (await query(params)).rows[0] as T | undefined,
    all: async <T>(...params: Params) => (await query(params)).rows as T[],
    run: async (...params: Params) => ({ changes: (await query(params)).rowCount ?? 0 }),
  };
}

const statements = new Map<string, Statement>();

/**
 * A read in portable SQL (app/utils/sql-dialect.server.ts), made once per SQL text and
 * answered asynchronously on both databases. Writes go through Prisma.
 */
export function sql(text: string): Statement {
  let statement = statements.get(text);
  if (!statement) {
    statement = isPostgres ? postgresStatement(text) : sqliteStatement(text);
    statements.set(text, statement);
  }
  return statement;
}

/** Closes every connection this process holds (tests, scripts). */
export async function closeDb() {
  await prisma.$disconnect();
  globalForDb.__sqlite?.close();
  globalForDb.__sqlite = undefined;
  await globalForDb.__pgPool?.end();
  globalForDb.__pgPool = undefined;
  statements.clear();
}
