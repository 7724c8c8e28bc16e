// Everything that differs between SQLite and PostgreSQL in the SQL this product writes by
// hand lives here; models write portable SQL and ask this module for the rest.
//
// Portable SQL, as the models write it (also runs on SQLite unchanged):
// - `?` placeholders (or `@name` with sql()): PostgreSQL's `$1`, `$2` are made here.
// - identifiers as the schema spells them: a mixed-case word (a table `Unit`, a column
//   `unitId`, an alias `unitName`) is quoted here for PostgreSQL, which would fold it to
//   lower case; lower-case words and upper-case keywords are left as they are.
// - booleans compared with TRUE/FALSE and summed as CASE WHEN … THEN 1 ELSE 0 END.
// - upserts name their table on the right (`"UnitMonthStat"."n" + excluded."n"`).
//
// How the two compare the same way:
// - Dates: Prisma stores a DateTime on SQLite as text "2026-11-23T17:30:00.123+00:00" and on
//   PostgreSQL as TIMESTAMP(3) holding UTC. Raw SQL compares them with sqlDate(date), that same
//   text: SQLite compares text with text in the same format; PostgreSQL reads the parameter
//   as a timestamp (its offset, always +00:00 here, is ignored for a timestamp without time
//   zone), so both compare instants. Rows read through sql() carry dates as that text on both.
// - Subtree paths ("/1/4/17/"): a subtree is the range path >= '/1/4/' AND path < '/1/40'
//   (app/utils/unit-path.ts). That holds under byte order only: SQLite compares text by bytes;
//   on PostgreSQL the path columns are declared COLLATE "C" in the migration, whatever the
//   server's default locale.
import { VIETNAM_OFFSET_HOURS } from "./time";

export type DialectName = "sqlite" | "postgres";

/** `postgresql://…` (or `postgres://…`) is PostgreSQL; anything else (`file:…`, unset) SQLite. */
export function dialectOf(url = process.env.DATABASE_URL ?? ""): DialectName {
  return /^postgres(ql)?:/.test(url) ? "postgres" : "sqlite";
}

/** The database this process runs on, from DATABASE_URL (read once: it never changes). */
export const DIALECT: DialectName = dialectOf();
export const isPostgres = DIALECT === "postgres";

/** A date as a raw-SQL parameter: Prisma's own text form on SQLite, read as a timestamp on PostgreSQL. */
export function sqlDate(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}

/** The Vietnam calendar month ("YYYY-MM") of a DateTime column. */
export function vietnamMonth(column: string, dialect = DIALECT) {
  return dialect === "postgres"
    ? `to_char(${column} + interval '${VIETNAM_OFFSET_HOURS} hours', 'YYYY-MM')`
    : `strftime('%Y-%m', datetime(substr(${column}, 1, 19), '+${VIETNAM_OFFSET_HOURS} hours'))`;
}

/** `column` is one of a list passed as one JSON array parameter (`?`, or `@name` when given). */
export function inJsonList(column: string, type: "int" | "text" = "int", param = "?", dialect = DIALECT) {
  if (dialect === "postgres") {
    const element = type === "int" ? `jsonb_array_elements_text(${param}::jsonb)::int` : `jsonb_array_elements_text(${param}::jsonb)`;
    return `${column} IN (SELECT ${element})`;
  }
  return `${column} IN (SELECT value FROM json_each(${param}))`;
}

/** A temporary table by name, for the stats rebuild. */
export function tempTable(name: string, dialect = DIALECT) {
  return dialect === "postgres" ? `pg_temp."${name}"` : `temp."${name}"`;
}

/**
 * An index on a temporary table (SQLite names the schema on the index, PostgreSQL on the
 * table). PostgreSQL's autovacuum never analyzes temporary tables, so without statistics
 * it would plan the range joins over them blind: analyze it here.
 */
export function tempIndex(name: string, table: string, columns: string, dialect = DIALECT) {
  return dialect === "postgres"
    ? `CREATE INDEX "${name}" ON pg_temp."${table}"(${columns}); ANALYZE pg_temp."${table}"`
    : `CREATE INDEX temp."${name}" ON "${table}"(${columns})`;
}

/** How many triggers the database has (the membership counters depend on them). */
export function countTriggersSql(dialect = DIALECT) {
  return dialect === "postgres"
    ? `SELECT COUNT(*)::int AS n FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE NOT t.tgisinternal AND s.nspname = current_schema()`
    : `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger'`;
}

export type Translated = { text: string; names: string[] };

const translations = new Map<string, Translated>();

/**
 * Portable SQL (see the top of this file) in the dialect's own form. On PostgreSQL: `?`
 * and `@name` become `$n` (names lists the named parameters in order) and mixed-case
 * identifiers are quoted; string literals, quoted identifiers, `::casts` and comments are
 * left alone. On SQLite the text is returned as it is.
 */
export function translate(text: string, dialect = DIALECT): Translated {
  if (dialect === "sqlite") return { text, names: [] };
  const cached = translations.get(text);
  if (cached) return cached;
  let out = "";
  let n = 0;
  const names: string[] = [];
  const token =
    /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\$\$[\s\S]*?\$\$|::[A-Za-z_][A-Za-z0-9_]*(?:\[\])?|@[A-Za-z_][A-Za-z0-9_]*|\?|[A-Za-z_][A-Za-z0-9_]*|[\s\S]/g;
  for (const [t] of text.matchAll(token)) {
    if (t === "?") out += `$${++n}`;
    else if (t[0] === "@" && t.length > 1) {
      let i = names.indexOf(t.slice(1));
      if (i < 0) i = names.push(t.slice(1)) - 1;
      out += `$${i + 1}`;
    } else if (/^[A-Za-z_]/.test(t) && /[a-z]/.test(t) && /[A-Z]/.test(t)) out += `"${t}"`;
    else out += t;
  }
  if (n && names.length) throw new Error("SQL mixes ? and @name parameters");
  const translated = { text: out, names };
  translations.set(text, translated);
  return translated;
}

/** Portable SQL with `?` placeholders, for Prisma's $queryRawUnsafe/$executeRawUnsafe. */
export function portable(text: string, dialect = DIALECT) {
  return translate(text, dialect).text;
}

/**
 * A join whose order is fixed as written: SQLite's CROSS JOIN … ON is its planner hint (read
 * the small table first); PostgreSQL plans the order itself and refuses ON after CROSS JOIN.
 */
export const FIXED_ORDER_JOIN = isPostgres ? "JOIN" : "CROSS JOIN";

/**
 * Appended to the subquery that picks rows for one worker to claim: on PostgreSQL, several
 * app servers claim at once, and SKIP LOCKED hands each a different set (a row another is
 * claiming is passed over, not waited for and then claimed twice). SQLite has one writer.
 */
export const CLAIM_ROWS = isPostgres ? " FOR UPDATE SKIP LOCKED" : "";

/**
 * A Prisma filter for text containing `q`, ignoring case as people search: SQLite's LIKE
 * ignores the case of ASCII letters ("nguyen" finds "Nguyen"); PostgreSQL's LIKE ignores none,
 * so there it is ILIKE (`mode: "insensitive"`, which also folds Vietnamese capitals: "ễ"/"Ễ").
 * Typed as SQLite's filter: the app is typed against that client.
 */
export function containsText(q: string): { contains: string } {
  return isPostgres ? ({ contains: q, mode: "insensitive" } as { contains: string }) : { contains: q };
}

/**
 * TRUE as a partial index's condition spells it: SQLite matches a query to a partial index
 * only when the query repeats the index's own literal (`"active" = 1`; `= TRUE` is not seen
 * as the same), PostgreSQL proves it either way but has no integer booleans.
 */
export const SQL_TRUE = isPostgres ? "TRUE" : "1";

/**
 * A `?` placeholder for an integer where PostgreSQL cannot tell its type from the
 * statement (a row of a VALUES list): there an untyped parameter is text, and comparing it
 * with an integer column fails. SQLite needs no cast.
 */
export const INT_PARAM = isPostgres ? "CAST(? AS integer)" : "?";

/** The same rule for raw SQL: LIKE on SQLite (ASCII case ignored), ILIKE on PostgreSQL. */
export const LIKE_TEXT = isPostgres ? "ILIKE" : "LIKE";

/**
 * The rebuild's roll-up: each row of a temporary table `leaf` (alias l, with a path) joined
 * to every unit on its path (alias a, column "id"), so a sum per a."id" counts a unit's whole
 * subtree. SQLite joins the units by path range (their index); PostgreSQL reads the ids out
 * of the path itself ("/1/4/17/" → 1, 4, 17), which is the same set (a path is its units'
 * ids, root first) and about three times faster there than the range join.
 */
export function unitsOnPathOf(leaf: string, dialect = DIALECT) {
  return dialect === "postgres"
    ? `${leaf} l CROSS JOIN LATERAL unnest(string_to_array(btrim(l.path, '/'), '/')::int[]) AS a("id")`
    : `"Unit" a JOIN ${leaf} l ON l.path >= a."path" AND l.path < substr(a."path", 1, length(a."path") - 1) || '0'`;
}
