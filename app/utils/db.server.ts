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

/** A prepared statement, made once per SQL text. */
export function sql(text: string) {
  let statement = statements.get(text);
  if (!statement) {
    statement = sqlite().prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

/** A date as Prisma's SQLite adapter stores it, for comparisons in raw SQL. */
export function sqliteDate(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}
