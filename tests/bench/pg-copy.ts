// Copies a SQLite database of this app into a fresh PostgreSQL database made from the
// PostgreSQL migrations, row for row: bench:reports generates its national dataset once
// (in SQLite, fast) and measures both databases on the same rows.
import Database from "better-sqlite3";
import pg from "pg";
import { buildPgFromMigrations } from "../support/migrations";

const CHUNK = 20_000;

export async function copySqliteToPostgres(file: string, url: string) {
  const database = new URL(url).pathname.slice(1);
  await buildPgFromMigrations(url, database);
  const source = new Database(file, { readonly: true });
  const target = new pg.Client({ connectionString: url });
  await target.connect();
  try {
    // Rows arrive with their counters and paths already right: the membership triggers
    // (and the foreign-key checks, triggers too) are off for this session only.
    await target.query("SET session_replication_role = replica");
    const tables = (
      source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as Array<{
        name: string;
      }>
    ).map((t) => t.name);
    for (const table of tables) {
      const { rows: columns } = await target.query<{ name: string; type: string }>(
        `SELECT column_name::text AS name, format_type(atttypid, atttypmod) AS type
         FROM information_schema.columns c JOIN pg_attribute a ON a.attname = c.column_name AND a.attrelid = format('%I', c.table_name)::regclass
         WHERE c.table_schema = current_schema() AND c.table_name = $1 ORDER BY c.ordinal_position`,
        [table],
      );
      if (columns.length === 0) continue;
      const names = columns.map((c) => `"${c.name}"`).join(", ");
      const select = source.prepare(`SELECT ${names} FROM "${table}" LIMIT ? OFFSET ?`).raw(true);
      // Every value travels as text and is cast on arrival (booleans 0/1, dates as Prisma's SQLite text).
      const insert = `INSERT INTO "${table}" (${names}) SELECT ${columns
        .map((c, i) => (c.type === "boolean" ? `(v${i})::int::boolean` : c.type === "bytea" ? `decode(v${i}, 'hex')` : `(v${i})::${c.type}`))
        .join(", ")} FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS r(${columns.map((_, i) => `v${i}`).join(", ")})`;
      // Rows the migrations put in (SummaryVersion's) come with the copy.
      await target.query(`DELETE FROM "${table}"`);
      let copied = 0;
      for (let offset = 0; ; offset += CHUNK) {
        const rows = select.all(CHUNK, offset) as unknown[][];
        if (rows.length === 0) break;
        const arrays = columns.map((c, i) => rows.map((r) => (r[i] === null ? null : Buffer.isBuffer(r[i]) ? (r[i] as Buffer).toString("hex") : String(r[i]))));
        await target.query(insert, arrays);
        copied += rows.length;
      }
      // Later inserts get the next id, as on SQLite.
      if (copied && columns.some((c) => c.name === "id" && c.type === "integer")) {
        await target.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`);
      }
    }
    await target.query("ANALYZE");
  } finally {
    await target.end();
    source.close();
  }
}
