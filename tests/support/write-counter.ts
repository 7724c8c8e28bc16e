import { prisma, sql } from "~/utils/db.server";
import { isPostgres } from "~/utils/sql-dialect.server";

/**
 * A number that moves whenever a committed write reached the test's database, from any
 * connection. SQLite has one: PRAGMA data_version (changes by other connections, Prisma's
 * included). PostgreSQL has no per-database equivalent (its WAL position and transaction
 * ids are the whole cluster's, shared with the other test files), so a row trigger on every
 * table counts changed rows into a one-row table, inside the writing transaction: a write
 * rolled back leaves it as it was, as SQLite's does.
 */
export async function writeCounter(): Promise<() => Promise<number>> {
  if (!isPostgres) {
    return async () => (await sql("PRAGMA data_version").get<{ data_version: number }>())!.data_version;
  }
  await prisma.$executeRawUnsafe(`
    CREATE TABLE IF NOT EXISTS "test_writes" ("n" BIGINT NOT NULL);
    INSERT INTO "test_writes" SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM "test_writes");
    CREATE OR REPLACE FUNCTION "test_count_write"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE "test_writes" SET "n" = "n" + 1; RETURN NULL; END $$;
    DO $$ DECLARE t text; BEGIN
      FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'test_writes' LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS "test_count_write" ON %I', t);
        EXECUTE format('CREATE TRIGGER "test_count_write" AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION "test_count_write"()', t);
      END LOOP;
    END $$;`);
  return async () => (await sql(`SELECT "n" FROM "test_writes"`).get<{ n: number }>())!.n;
}
