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
  return new PrismaBetterSQLite3({ url: file });
}

type Factory = ReturnType<typeof adapterFactory>;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;

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
