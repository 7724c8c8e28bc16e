import Database from "better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { adapterFactory, databaseFile } from "../../prisma/database";

// One Prisma client per process; in development the module is re-evaluated on
// every change, so keep the instance on globalThis.
const globalForDb = globalThis as unknown as { __prisma?: PrismaClient; __sqlite?: Database.Database };

export const prisma = globalForDb.__prisma ?? new PrismaClient({ adapter: adapterFactory() });
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

const statements = new Map<string, Database.Statement>();

/**
 * Statements on the request path that take longer than this are logged with
 * their SQL: better-sqlite3 runs synchronously, so a slow one holds every
 * other request (issue 20). SLOW_QUERY_MS overrides it; 0 logs every query.
 */
const SLOW_QUERY_MS = Number(process.env.SLOW_QUERY_MS ?? 100);

function timed(text: string, statement: Database.Statement): Database.Statement {
  for (const method of ["get", "all", "run"] as const) {
    const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
    (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const started = performance.now();
      try {
        return original(...args);
      } finally {
        const ms = performance.now() - started;
        if (ms >= SLOW_QUERY_MS) console.warn(`[slow query] ${ms.toFixed(0)} ms: ${text.replace(/\s+/g, " ").trim().slice(0, 500)}`);
      }
    };
  }
  return statement;
}

/** A prepared statement, made once per SQL text. */
export function sql(text: string) {
  let statement = statements.get(text);
  if (!statement) {
    statement = timed(text, sqlite().prepare(text));
    statements.set(text, statement);
  }
  return statement;
}

/** A date as Prisma's SQLite adapter stores it, for comparisons in raw SQL. */
export function sqliteDate(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}
