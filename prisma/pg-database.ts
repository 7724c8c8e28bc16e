// How the Prisma CLI and `npm start` reach PostgreSQL (DATABASE_URL = postgresql://…):
// the migration adapter works around four bugs of @prisma/adapter-pg 6.19.3 on the
// migration side (each fix below says which); the app itself uses a plain PrismaPg.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";

/**
 * Creates the database a PostgreSQL URL names when it does not exist yet (`npm start` on a
 * fresh server; Prisma's adapter will not), connecting to the server's `postgres` database.
 * A user without CREATEDB gets PostgreSQL's own refusal: create it by hand then (README).
 */
export async function ensurePgDatabase(url: string) {
  const config = parseIntoClientConfig(url);
  const name = config.database;
  if (!name) throw new Error("DATABASE_URL names no database");
  const probe = new pg.Client(config);
  try {
    await probe.connect();
    return; // it exists
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: invalid_catalog_name
  } finally {
    await probe.end().catch(() => {});
  }
  const admin = new pg.Client({ ...config, database: "postgres" });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    console.log(`Created PostgreSQL database ${name}.`);
  } finally {
    await admin.end();
  }
}

// Fix 1. adapter-pg 6.19.3 cannot map the catalog types name (19) and "char" (18), which
// the Wasm schema engine's catalog queries return ("Column type 'name' could not be
// deserialized from the database"). pg has already parsed them to strings: report them
// as text (25), and their arrays as text[] (1009).
const AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

type Fields = { fields?: Array<{ dataTypeID: number }> };

function catalogTypesAsText<R>(result: R): R {
  for (const r of (Array.isArray(result) ? result : [result]) as Array<Fields | undefined>)
    for (const f of r?.fields ?? []) if (AS_TEXT[f.dataTypeID]) f.dataTypeID = AS_TEXT[f.dataTypeID];
  return result;
}

type AnyQuery = (...args: unknown[]) => unknown;

class CatalogTextClient extends pg.Client {
  // One override for all of pg.Client#query's overloads (callback or promise).
  // @ts-expect-error -- pg.Client#query is a set of overloads; this one function serves them all.
  query(...args: unknown[]) {
    const query = super.query.bind(this) as unknown as AnyQuery;
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) {
      const cb = args[i] as (err: unknown, res: unknown) => void;
      args[i] = (err: unknown, res: unknown) => cb(err, err ? res : catalogTypesAsText(res));
      return query(...args);
    }
    const r = query(...args);
    return r instanceof Promise ? r.then(catalogTypesAsText) : r;
  }
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// Fix 2. adapter-pg's executeScript splits a migration on every ";", which breaks
// PL/pgSQL bodies ("unterminated dollar-quoted string"). Send the whole script as one
// simple query: PostgreSQL runs it as one implicit transaction.
function wholeScripts(adapter: PgAdapter): PgAdapter {
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (e) {
      (adapter as unknown as { onError(e: unknown): never }).onError(e); // rethrows as the DriverAdapterError Prisma expects
    }
  };
  return adapter;
}

/** Adapter factory for the Prisma CLI (migrate dev/deploy/reset/status/diff). */
export function pgMigrationAdapterFactory(url = process.env.DATABASE_URL!) {
  // Fix 3. Discrete pool fields, never `connectionString`: adapter-pg opens the shadow
  // database as `{ ...config, database: shadowName }`, and pg lets a connectionString's
  // database win, so the "shadow" connection would run on the real database.
  // allowExitOnIdle: the CLI leaves its pool open; without it a command waits out
  // pg's 10 s idle timeout before exiting.
  const config = {
    ...parseIntoClientConfig(url),
    Client: CatalogTextClient,
    allowExitOnIdle: true,
  } as pg.PoolConfig;
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => wholeScripts(await connect());
  // Fix 4. adapter-pg drops the shadow database before closing the shadow pool ("is being
  // accessed by other users"): close the pool first, then drop (FORCE ends stragglers).
  factory.connectToShadowDb = async () => {
    const admin = new pg.Client(parseIntoClientConfig(url));
    await admin.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const shadow = wholeScripts(await new PrismaPg({ ...config, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      try {
        await dispose();
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await admin.end();
      }
    };
    return shadow;
  };
  return factory;
}
