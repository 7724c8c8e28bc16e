// Spreadsheet import and export of units, teams and members, limited to an
// admin's subtree. A file is first analysed (every problem listed by row and
// column), then committed in one transaction that analyses it again and
// writes all of it or nothing. Rows are matched by unit code, team name within
// its unit, and phone, so importing the same file twice changes nothing.
import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/models/admin-units.server";
import { scopePath } from "~/models/admin-units.server";
import { recordAudit } from "~/models/audit.server";
import { withMemberPlacement } from "~/models/stats.server";
import { type ReadResult, type Sheet, readSpreadsheet, toCsv, toXlsx, unguardCell } from "~/models/spreadsheet.server";
import { notFound } from "~/utils/auth.server";
import { prisma, sql } from "~/utils/db.server";
import { INT_PARAM, SQL_TRUE, isPostgres, portable, sqlDate } from "~/utils/sql-dialect.server";
import { isVietnameseMobile, normalizePhone } from "~/utils/phone";
import { type ImportKind, MAX_FILE_BYTES } from "~/utils/import-kinds";
import { childPath, isInSubtree, subtreeUpperBound, subtreeWhere } from "~/utils/unit-path";

type Tx = Prisma.TransactionClient;

export { type ImportKind, importKinds, isImportKind } from "~/utils/import-kinds";

type Column = { key: string; header: string; aliases: string[]; required: boolean; width: number };

const col = (key: string, header: string, aliases: string[], required: boolean, width = 24): Column => ({ key, header, aliases, required, width });

/** The columns of each list, as written in the template (Vietnamese) and as also accepted. */
export const COLUMNS: Record<ImportKind, Column[]> = {
  units: [
    col("code", "Mã đơn vị", ["ma", "code", "unit code"], true, 16),
    col("name", "Tên đơn vị", ["ten", "name", "unit name"], true, 30),
    col("level", "Cấp", ["cap don vi", "level"], true, 18),
    col("parent", "Mã đơn vị cấp trên", ["ma cap tren", "parent code", "parent"], true, 20),
    col("households", "Số hộ", ["so ho gia dinh", "households"], false, 10),
  ],
  teams: [col("unit", "Mã đơn vị", ["unit code", "unit"], true, 16), col("team", "Tên tổ", ["team", "team name"], true, 40)],
  members: [
    col("unit", "Mã đơn vị", ["unit code", "unit"], true, 16),
    col("team", "Tên tổ", ["team", "team name"], false, 40),
    col("name", "Họ và tên", ["ho ten", "ten", "name", "full name"], true, 28),
    col("phone", "Số điện thoại", ["sdt", "dien thoai", "phone"], true, 16),
    col("position", "Chức vụ", ["chuc vu trong to", "vi tri", "position"], false, 32),
  ],
};

export const MAX_ROWS = 20_000;

export type Problem = { row: number | null; column: string | null; key: string; params?: Record<string, string | number> };

type UnitRow = { row: number; code: string; name: string; levelKey: string; parentCode: string; households: number | null };
type TeamRow = { row: number; unitCode: string; team: string };
type MemberRow = { row: number; unitCode: string; team: string; name: string; phone: string; position: string | null };

export type Counts = { created: number; updated: number; unchanged: number; teamsCreated: number };
/** Writes the analysed rows; `progress` hears how many rows are written so far. */
type Apply = (tx: Tx, progress?: (written: number) => void) => Promise<void>;
export type Analysis = { rows: number; problems: Problem[]; counts: Counts; apply: Apply | null };

const INTEGER_COLUMNS = new Set(["id", "teamId", "households"]);

/** Rows per statement: each row is a few parameters, well under SQLite's limit of 32,766. */
const ROWS_PER_STATEMENT = 500;

/**
 * Gives many rows of a table each their own new values, in one statement per
 * ROWS_PER_STATEMENT rows (not one per row). Table and column names come from
 * the calls below, never from input.
 */
async function updateEach(
  tx: Tx,
  table: "User" | "Unit",
  columns: string[],
  rows: Array<{ id: number; values: unknown[] }>,
  now: Date,
  progress?: (n: number) => void,
) {
  const names = ["id", ...columns].map((c) => `"${c}"`).join(", ");
  const set = [...columns.map((c) => `"${c}" = v."${c}"`), `"updatedAt" = ?`].join(", ");
  // A VALUES list gives PostgreSQL no column types: integers (ids, team ids, households) say theirs.
  const placeholder = (column: string) => (INTEGER_COLUMNS.has(column) ? INT_PARAM : "?");
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const values = chunk.map(() => `(${["id", ...columns].map(placeholder).join(", ")})`).join(", ");
    await tx.$executeRawUnsafe(
      portable(`WITH v(${names}) AS (VALUES ${values}) UPDATE "${table}" SET ${set} FROM v WHERE "${table}"."id" = v."id"`),
      ...chunk.flatMap((r) => [r.id, ...r.values]),
      sqlDate(now),
    );
    progress?.(chunk.length);
  }
}

/** Lowercase, no diacritics, single spaces: how headers and levels are compared. */
export function fold(value: string) {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Phones as typed in spreadsheets: spaces, dots, +84, or a number that lost its leading zero. */
export function spreadsheetPhone(value: string) {
  const phone = normalizePhone(value.trim());
  return /^[35789]\d{8}$/.test(phone) ? `0${phone}` : phone;
}

/** Whole numbers as Vietnamese write them: "1.236" or "1 236" is one thousand two hundred and thirty-six. */
function parseCount(value: string): number | null | "bad" {
  const v = value.trim().replace(/[.\s,]/g, "");
  if (v === "") return null;
  if (!/^\d{1,9}$/.test(v)) return "bad";
  return Number(v);
}

type Located = { header: string[]; columnOf: Map<string, number>; body: Array<{ row: number; cells: string[] }> };

/** Finds the columns by their headers; lists the required ones that are missing. */
function locateColumns(kind: ImportKind, sheet: Sheet): { ok: true; located: Located } | { ok: false; problems: Problem[] } {
  const [header = [], ...rest] = sheet.rows;
  const folded = header.map((h) => fold(h ?? ""));
  const columnOf = new Map<string, number>();
  for (const c of COLUMNS[kind]) {
    const names = [fold(c.header), ...c.aliases.map(fold)];
    const index = folded.findIndex((h) => names.includes(h));
    if (index >= 0) columnOf.set(c.key, index);
  }
  const missing = COLUMNS[kind].filter((c) => c.required && !columnOf.has(c.key));
  if (missing.length) {
    return { ok: false, problems: missing.map((c) => ({ row: 1, column: c.header, key: "missingColumn", params: { column: c.header } })) };
  }
  const body = rest
    .map((cells, i) => ({ row: i + 2, cells: (cells ?? []).map((c) => unguardCell((c ?? "").trim())) }))
    .filter((r) => r.cells.some((c) => c !== ""));
  return { ok: true, located: { header, columnOf, body } };
}

function cell(located: Located, cells: string[], key: string) {
  const i = located.columnOf.get(key);
  return i === undefined ? "" : (cells[i] ?? "").trim();
}

function columnName(kind: ImportKind, key: string) {
  return COLUMNS[kind].find((c) => c.key === key)!.header;
}

const noCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, teamsCreated: 0 });

/** Reads and checks a file against the database as the actor sees it. Nothing is written until `apply` runs. */
export async function analyseImport(tx: Tx, actor: Actor, kind: ImportKind, file: Uint8Array | ReadResult): Promise<Analysis> {
  const fail = (problems: Problem[], rows = 0): Analysis => ({ rows, problems, counts: noCounts(), apply: null });
  const read = file instanceof Uint8Array ? await readFile(file) : file;
  if (!read.ok) return fail([{ row: null, column: null, key: read.problem }]);
  const located = locateColumns(kind, read.sheet);
  if (!located.ok) return fail(located.problems);
  const { body } = located.located;
  if (body.length === 0) return fail([{ row: null, column: null, key: "noRows" }]);
  if (body.length > MAX_ROWS) return fail([{ row: null, column: null, key: "tooManyRows", params: { max: MAX_ROWS } }], body.length);
  const analysis =
    kind === "units"
      ? await analyseUnits(tx, actor, located.located)
      : kind === "teams"
        ? await analyseTeams(tx, actor, located.located)
        : await analyseMembers(tx, actor, located.located);
  return { ...analysis, rows: body.length, apply: analysis.problems.length ? null : analysis.apply };
}

type ScopeUnit = {
  id: number;
  code: string;
  name: string;
  path: string;
  depth: number;
  levelKey: string;
  parentId: number | null;
  active: boolean;
  households: number | null;
};

async function scopeUnits(tx: Tx, actor: Actor) {
  const units: ScopeUnit[] = await tx.unit.findMany({
    where: subtreeWhere(scopePath(actor)),
    select: { id: true, code: true, name: true, path: true, depth: true, levelKey: true, parentId: true, active: true, households: true },
  });
  return new Map(units.map((u) => [u.code, u]));
}

/** Existing codes (or phones) among `values`, anywhere in the country, a few hundred at a time. */
async function inChunks<T>(values: string[], find: (chunk: string[]) => Promise<T[]>) {
  const found: T[] = [];
  for (let i = 0; i < values.length; i += 500) found.push(...(await find(values.slice(i, i + 500))));
  return found;
}

async function levelMatcher(tx: Tx) {
  const levels = await tx.unitLevel.findMany();
  const byName = new Map<string, string>();
  for (const l of levels) {
    for (const name of [l.key, l.nameVi, l.nameEn, ...l.nameVi.split("/"), ...l.nameEn.split("/")]) {
      // "Huyện (trước 7/2025)" is also "Huyện".
      for (const variant of [name, name.replace(/\(.*\)/, "")]) byName.set(fold(variant), l.key);
    }
  }
  const rank = new Map(levels.map((l) => [l.key, l.rank]));
  return { find: (value: string) => byName.get(fold(value)), rank: (key: string) => rank.get(key) ?? -1, levels };
}

async function analyseUnits(tx: Tx, actor: Actor, located: Located) {
  const problems: Problem[] = [];
  const counts = noCounts();
  const units = await scopeUnits(tx, actor);
  const levels = await levelMatcher(tx);
  const C = (key: string) => columnName("units", key);
  const rows: UnitRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of located.body) {
    const code = cell(located, cells, "code");
    const name = cell(located, cells, "name");
    const level = cell(located, cells, "level");
    const parentCode = cell(located, cells, "parent");
    const households = parseCount(cell(located, cells, "households"));
    let ok = true;
    const problem = (column: string, key: string, params?: Problem["params"]) => {
      problems.push({ row, column: C(column), key, params });
      ok = false;
    };
    if (!code) problem("code", "required", { column: C("code") });
    else if (firstRowOf.has(code)) problem("code", "duplicateCode", { code, first: firstRowOf.get(code)! });
    else firstRowOf.set(code, row);
    if (!name) problem("name", "required", { column: C("name") });
    const levelKey = level ? levels.find(level) : undefined;
    if (!level) problem("level", "required", { column: C("level") });
    else if (!levelKey) problem("level", "unknownLevel", { level, known: levels.levels.map((l) => l.nameVi).join(", ") });
    if (households === "bad") problem("households", "badNumber", { value: cell(located, cells, "households") });
    if (ok) rows.push({ row, code, name, levelKey: levelKey!, parentCode, households: households as number | null });
  }

  // Codes used outside the admin's subtree cannot be taken over.
  const newCodes = rows.filter((r) => !units.has(r.code)).map((r) => r.code);
  const taken = new Set((await inChunks(newCodes, (chunk) => tx.unit.findMany({ where: { code: { in: chunk } }, select: { code: true } }))).map((u) => u.code));
  // The parent of the admin's own unit lies outside their subtree; an export of their subtree names it.
  const codeOfId = new Map([...units.values()].map((u) => [u.id, u.code]));
  for (const u of units.values()) {
    if (u.parentId === null || codeOfId.has(u.parentId)) continue;
    const p = await tx.unit.findUnique({ where: { id: u.parentId }, select: { id: true, code: true } });
    if (p) codeOfId.set(p.id, p.code);
  }
  const byCodeInFile = new Map(rows.map((r) => [r.code, r]));
  const levelOf = (code: string) => units.get(code)?.levelKey ?? byCodeInFile.get(code)?.levelKey;

  const creates: UnitRow[] = [];
  const updates: Array<{ id: number; name: string; households: number | null }> = [];
  for (const r of rows) {
    const existing = units.get(r.code);
    if (existing) {
      const actualParent = existing.parentId === null ? "" : (codeOfId.get(existing.parentId) ?? "");
      if (existing.levelKey !== r.levelKey) {
        problems.push({ row: r.row, column: C("level"), key: "levelDiffers", params: { code: r.code } });
      } else if (actualParent !== r.parentCode) {
        problems.push({ row: r.row, column: C("parent"), key: "parentDiffers", params: { code: r.code, parent: actualParent } });
      } else {
        if (existing.name === r.name && (r.households === null || existing.households === r.households)) counts.unchanged++;
        else {
          updates.push({ id: existing.id, name: r.name, households: r.households ?? existing.households });
          counts.updated++;
        }
      }
      continue;
    }
    if (taken.has(r.code)) {
      problems.push({ row: r.row, column: C("code"), key: "codeTaken", params: { code: r.code } });
      continue;
    }
    if (!r.parentCode) {
      problems.push({ row: r.row, column: C("parent"), key: "required", params: { column: C("parent") } });
      continue;
    }
    const parentLevel = levelOf(r.parentCode);
    if (!parentLevel) {
      problems.push({ row: r.row, column: C("parent"), key: "unknownUnit", params: { code: r.parentCode } });
      continue;
    }
    const parent = units.get(r.parentCode);
    if (parent && !parent.active) {
      problems.push({ row: r.row, column: C("parent"), key: "unitInactive", params: { code: r.parentCode } });
      continue;
    }
    if (levels.rank(r.levelKey) <= levels.rank(parentLevel)) {
      problems.push({ row: r.row, column: C("level"), key: "wrongLevel", params: { code: r.code, parent: r.parentCode } });
      continue;
    }
    creates.push(r);
    counts.created++;
  }

  // New units may hang under new units of the same file, in any order; put parents first, refuse cycles.
  // Generations: units whose parents exist, then units under those, and so on.
  const generations: UnitRow[][] = [];
  const placed = new Set(units.keys());
  let pending = creates;
  while (pending.length) {
    const ready = pending.filter((r) => placed.has(r.parentCode));
    if (ready.length === 0) {
      for (const r of pending) problems.push({ row: r.row, column: C("parent"), key: "unknownUnit", params: { code: r.parentCode } });
      break;
    }
    generations.push(ready);
    for (const r of ready) placed.add(r.code);
    pending = pending.filter((r) => !placed.has(r.code));
  }

  const apply: Apply = async (tx, progress) => {
    const now = new Date();
    await updateEach(
      tx,
      "Unit",
      ["name", "households"],
      updates.map((u) => ({ id: u.id, values: [u.name, u.households] })),
      now,
      progress,
    );
    const made = new Map<string, { id: number; path: string; depth: number }>();
    const parentOf = (r: UnitRow) => made.get(r.parentCode) ?? units.get(r.parentCode)!;
    // A generation at a time, parents first: its units in one statement, then their paths (which hold their ids) in one.
    for (const generation of generations) {
      for (let i = 0; i < generation.length; i += ROWS_PER_STATEMENT) {
        const chunk = generation.slice(i, i + ROWS_PER_STATEMENT);
        await tx.unit.createMany({
          data: chunk.map((r) => ({
            code: r.code,
            name: r.name,
            levelKey: r.levelKey,
            parentId: parentOf(r).id,
            households: r.households,
            path: "",
            depth: parentOf(r).depth + 1,
          })),
        });
        const ids = new Map(
          (await tx.unit.findMany({ where: { code: { in: chunk.map((r) => r.code) } }, select: { id: true, code: true } })).map((u) => [u.code, u.id]),
        );
        const placedNow = chunk.map((r) => ({
          code: r.code,
          id: ids.get(r.code)!,
          path: childPath(parentOf(r).path, ids.get(r.code)!),
          depth: parentOf(r).depth + 1,
        }));
        await updateEach(
          tx,
          "Unit",
          ["path"],
          placedNow.map((u) => ({ id: u.id, values: [u.path] })),
          now,
        );
        for (const u of placedNow) made.set(u.code, { id: u.id, path: u.path, depth: u.depth });
        progress?.(chunk.length);
      }
    }
  };
  return { problems: sortProblems(problems), counts, apply };
}

type ScopeTeam = { id: number; name: string; unitId: number; active: boolean };

async function scopeTeams(tx: Tx, actor: Actor) {
  const teams: ScopeTeam[] = await tx.team.findMany({
    where: { unit: subtreeWhere(scopePath(actor)) },
    select: { id: true, name: true, unitId: true, active: true },
  });
  const byUnit = new Map<number, ScopeTeam[]>();
  for (const t of teams) byUnit.set(t.unitId, [...(byUnit.get(t.unitId) ?? []), t]);
  return byUnit;
}

function unitProblem(unit: ScopeUnit | undefined, code: string): { key: string; params: Problem["params"] } | null {
  if (!code) return { key: "required", params: {} };
  if (!unit) return { key: "unknownUnit", params: { code } };
  if (!unit.active) return { key: "unitInactive", params: { code } };
  return null;
}

async function analyseTeams(tx: Tx, actor: Actor, located: Located) {
  const problems: Problem[] = [];
  const counts = noCounts();
  const units = await scopeUnits(tx, actor);
  const teams = await scopeTeams(tx, actor);
  const C = (key: string) => columnName("teams", key);
  const seen = new Map<string, number>();
  const creates: Array<{ unitId: number; name: string }> = [];
  for (const { row, cells } of located.body) {
    const r: TeamRow = { row, unitCode: cell(located, cells, "unit"), team: cell(located, cells, "team") };
    const unit = units.get(r.unitCode);
    const bad = unitProblem(unit, r.unitCode);
    if (bad) problems.push({ row, column: C("unit"), key: bad.key, params: { column: C("unit"), ...bad.params } });
    if (!r.team) problems.push({ row, column: C("team"), key: "required", params: { column: C("team") } });
    if (bad || !r.team) continue;
    const key = `${r.unitCode}\u0000${r.team}`;
    if (seen.has(key)) {
      problems.push({ row, column: C("team"), key: "duplicateTeam", params: { team: r.team, first: seen.get(key)! } });
      continue;
    }
    seen.set(key, row);
    const existing = teams.get(unit!.id)?.find((t) => t.name === r.team);
    if (existing && !existing.active) problems.push({ row, column: C("team"), key: "teamInactive", params: { team: r.team } });
    else if (existing) counts.unchanged++;
    else {
      creates.push({ unitId: unit!.id, name: r.team });
      counts.created++;
    }
  }
  const apply = async (tx: Tx) => {
    if (creates.length) await tx.team.createMany({ data: creates });
  };
  return { problems: sortProblems(problems), counts, apply };
}

/** The name a unit's team gets when a members list names no team and the unit has none. */
export function defaultTeamName(unitName: string) {
  return `Tổ công nghệ số cộng đồng ${unitName}`;
}

async function analyseMembers(tx: Tx, actor: Actor, located: Located) {
  const problems: Problem[] = [];
  const counts = noCounts();
  const units = await scopeUnits(tx, actor);
  const teams = await scopeTeams(tx, actor);
  const scope = scopePath(actor);
  const C = (key: string) => columnName("members", key);
  const rows: Array<MemberRow & { unitId: number }> = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of located.body) {
    const unitCode = cell(located, cells, "unit");
    const rawPhone = cell(located, cells, "phone");
    const phone = spreadsheetPhone(rawPhone);
    const r = {
      row,
      unitCode,
      team: cell(located, cells, "team"),
      name: cell(located, cells, "name"),
      phone,
      position: cell(located, cells, "position") || null,
    };
    let ok = true;
    const unit = units.get(unitCode);
    const bad = unitProblem(unit, unitCode);
    if (bad) {
      problems.push({ row, column: C("unit"), key: bad.key, params: { column: C("unit"), ...bad.params } });
      ok = false;
    }
    if (!r.name) {
      problems.push({ row, column: C("name"), key: "required", params: { column: C("name") } });
      ok = false;
    }
    if (!rawPhone) {
      problems.push({ row, column: C("phone"), key: "required", params: { column: C("phone") } });
      ok = false;
    } else if (!isVietnameseMobile(phone)) {
      problems.push({ row, column: C("phone"), key: "badPhone", params: { value: rawPhone } });
      ok = false;
    } else if (firstRowOf.has(phone)) {
      problems.push({ row, column: C("phone"), key: "duplicatePhone", params: { phone, first: firstRowOf.get(phone)! } });
      ok = false;
    } else firstRowOf.set(phone, row);
    if (ok) rows.push({ ...r, unitId: unit!.id });
  }

  // Which team each row goes to; teams the file names that do not exist yet are made.
  const newTeams = new Map<string, { unitId: number; name: string }>();
  const teamOf = new Map<number, number | string>(); // row -> team id, or the key of a team to make
  for (const r of rows) {
    const unitTeams = teams.get(r.unitId) ?? [];
    const name = r.team || (unitTeams.filter((t) => t.active).length === 1 ? unitTeams.find((t) => t.active)!.name : "");
    if (!r.team && unitTeams.filter((t) => t.active).length > 1) {
      problems.push({ row: r.row, column: C("team"), key: "teamAmbiguous", params: { code: r.unitCode } });
      continue;
    }
    const teamName = name || defaultTeamName(units.get(r.unitCode)!.name);
    const existing = unitTeams.find((t) => t.name === teamName);
    if (existing && !existing.active) {
      problems.push({ row: r.row, column: C("team"), key: "teamInactive", params: { team: teamName } });
      continue;
    }
    if (existing) teamOf.set(r.row, existing.id);
    else {
      const key = `${r.unitId}\u0000${teamName}`;
      newTeams.set(key, { unitId: r.unitId, name: teamName });
      teamOf.set(r.row, key);
    }
  }
  counts.teamsCreated = newTeams.size;

  const existing = new Map(
    (
      await inChunks(
        rows.map((r) => r.phone),
        (chunk) =>
          tx.user.findMany({
            where: { phone: { in: chunk } },
            select: {
              id: true,
              phone: true,
              name: true,
              position: true,
              teamId: true,
              active: true,
              team: { select: { unit: { select: { path: true } } } },
              scopeUnit: { select: { path: true } },
            },
          }),
      )
    ).map((u) => [u.phone, u]),
  );

  const creates: Array<Omit<MemberRow, "team"> & { team: number | string }> = [];
  const updates: Array<{ id: number; name: string; position: string | null; fromTeamId: number | null; team: number | string }> = [];
  for (const r of rows) {
    const team = teamOf.get(r.row);
    if (team === undefined) continue;
    const user = existing.get(r.phone);
    if (!user) {
      creates.push({ ...r, team });
      counts.created++;
      continue;
    }
    // A phone already used by someone the admin does not manage stays theirs.
    const inScope =
      (!user.team || isInSubtree(scope, user.team.unit.path)) && (!user.scopeUnit || isInSubtree(scope, user.scopeUnit.path)) && (user.team || user.scopeUnit);
    if (!inScope) {
      problems.push({ row: r.row, column: C("phone"), key: "phoneOutsideScope", params: { phone: r.phone } });
      continue;
    }
    if (!user.active) {
      problems.push({ row: r.row, column: C("phone"), key: "memberInactive", params: { phone: r.phone } });
      continue;
    }
    // An empty position cell leaves the position as it is.
    const position = r.position ?? user.position;
    if (user.name === r.name && user.position === position && user.teamId === team) counts.unchanged++;
    else {
      updates.push({ id: user.id, name: r.name, position, fromTeamId: user.teamId, team });
      counts.updated++;
    }
  }

  const apply: Apply = async (tx, progress) => {
    const made = new Map<string, number>();
    for (const [key, t] of newTeams) made.set(key, (await tx.team.create({ data: t, select: { id: true } })).id);
    const teamId = (team: number | string) => (typeof team === "number" ? team : made.get(team)!);
    const now = new Date();
    // Imported members get no password yet: one is issued when their login slip is printed.
    // Plain multi-row INSERTs: Prisma's createMany spent over half a second per 500 rows building its query.
    for (let i = 0; i < creates.length; i += ROWS_PER_STATEMENT) {
      const chunk = creates.slice(i, i + ROWS_PER_STATEMENT);
      await tx.$executeRawUnsafe(
        portable(`INSERT INTO "User" ("phone", "name", "position", "teamId", "passwordHash", "role", "createdAt", "updatedAt")
         VALUES ${chunk.map(() => `(?, ?, ?, ?, '', 'member', ?, ?)`).join(", ")}`),
        ...chunk.flatMap((c) => [c.phone, c.name, c.position, teamId(c.team), sqlDate(now), sqlDate(now)]),
      );
      progress?.(chunk.length);
    }
    const ids = new Map(
      (
        await inChunks(
          creates.map((c) => c.phone),
          (chunk) => tx.user.findMany({ where: { phone: { in: chunk } }, select: { id: true, phone: true } }),
        )
      ).map((u) => [u.phone, u.id]),
    );
    const moves: Array<{ userId: number; fromTeamId: number | null; toTeamId: number; movedAt: Date }> = creates.map((c) => ({
      userId: ids.get(c.phone)!,
      fromTeamId: null,
      toTeamId: teamId(c.team),
      movedAt: now,
    }));
    // Members moved by the file take their records along (see withMemberPlacement).
    await withMemberPlacement(
      tx,
      updates.filter((u) => u.fromTeamId !== teamId(u.team)).map((u) => u.id),
      async () => {
        // Each member's own name, position and team, a few hundred per statement.
        await updateEach(
          tx,
          "User",
          ["name", "position", "teamId"],
          updates.map((u) => ({ id: u.id, values: [u.name, u.position, teamId(u.team)] })),
          now,
          progress,
        );
        for (const u of updates)
          if (u.fromTeamId !== teamId(u.team)) moves.push({ userId: u.id, fromTeamId: u.fromTeamId, toTeamId: teamId(u.team), movedAt: now });
      },
    );
    for (let i = 0; i < moves.length; i += ROWS_PER_STATEMENT) {
      const chunk = moves.slice(i, i + ROWS_PER_STATEMENT);
      await tx.$executeRawUnsafe(
        portable(`INSERT INTO "MemberMove" ("userId", "fromTeamId", "toTeamId", "movedAt") VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}`),
        ...chunk.flatMap((m) => [m.userId, m.fromTeamId, m.toTeamId, sqlDate(m.movedAt)]),
      );
    }
  };
  return { problems: sortProblems(problems), counts, apply };
}

function sortProblems(problems: Problem[]) {
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

// ---------------------------------------------------------------- batches

/** A file's content as rows, or why it cannot be read (size, bomb, format). */
async function readFile(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, problem: "tooLarge" };
  return readSpreadsheet(bytes);
}

/** The batch's file as read at upload; batches from before that was kept are read now. */
async function parsedFile(batch: { content: Uint8Array; parsed: string | null }): Promise<ReadResult> {
  return batch.parsed ? (JSON.parse(batch.parsed) as ReadResult) : readFile(batch.content);
}

/** Keeps an uploaded file for its preview and commit, read once now (off the request thread for XLSX). */
export async function createImport(actor: Actor, kind: ImportKind, fileName: string, bytes: Uint8Array) {
  const parsed = JSON.stringify(await readFile(bytes));
  return prisma.importBatch.create({
    data: { kind, fileName: fileName.slice(0, 200), content: Buffer.from(bytes), parsed, createdById: actor.id, scopeUnitId: actor.scopeUnit!.id },
    select: { id: true },
  });
}

/** An admin's own upload; anyone else's answers 404. */
export async function importBatch(actor: Actor, id: number) {
  if (!Number.isInteger(id)) notFound();
  const batch = await prisma.importBatch.findUnique({ where: { id } });
  if (!batch || batch.createdById !== actor.id) notFound();
  return { ...batch, kind: batch.kind as ImportKind, summary: JSON.parse(batch.summary) as Partial<Counts> & { rows?: number } };
}

export async function previewImport(actor: Actor, id: number) {
  const batch = await importBatch(actor, id);
  const analysis = await analyseImport(prisma, actor, batch.kind, await parsedFile(batch));
  return { batch, analysis };
}

export type CommitResult = { ok: true; counts: Counts; rows: number } | { ok: false; problems: Problem[] };

/** Where a commit has got to: checking the file again, then rows written of those to write. */
export type ImportProgress = { phase: "checking" | "writing"; written: number; total: number };

/** Imports every row or none: the file is checked again inside the transaction that writes it. */
export async function commitImport(actor: Actor, id: number, progress?: (p: ImportProgress) => void, timeout = 120_000): Promise<CommitResult> {
  const batch = await importBatch(actor, id);
  const file = await parsedFile(batch);
  return prisma.$transaction(
    async (tx) => {
      progress?.({ phase: "checking", written: 0, total: 0 });
      const analysis = await analyseImport(tx, actor, batch.kind, file);
      if (!analysis.apply) return { ok: false as const, problems: analysis.problems };
      const total = analysis.counts.created + analysis.counts.updated;
      let written = 0;
      progress?.({ phase: "writing", written, total });
      await analysis.apply(tx, (n) => {
        written += n;
        progress?.({ phase: "writing", written, total });
      });
      const summary = { ...analysis.counts, rows: analysis.rows };
      await tx.importBatch.update({
        where: { id },
        data: { status: "committed", committedAt: new Date(), summary: JSON.stringify(summary), error: null },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "import.commit",
        unitId: actor.scopeUnit!.id,
        subject: batch.fileName,
        details: { kind: batch.kind, ...summary },
      });
      return { ok: true as const, counts: analysis.counts, rows: analysis.rows };
    },
    { timeout, maxWait: 10_000 },
  );
}

// ---------------------------------------------------------------- import jobs

/**
 * Files with more rows than this (IMPORT_INLINE_ROWS) are committed by the import worker (a timer
 * in the server process), not in the admin's request: the page answers at
 * once and shows the worker's progress. Smaller ones commit in the request.
 */
export const inlineImportRows = () => Number(process.env.IMPORT_INLINE_ROWS || 1000);

/** The rows of a file as read at upload (header excluded). */
function dataRows(file: ReadResult) {
  return file.ok ? Math.max(0, file.sheet.rows.length - 1) : 0;
}

/**
 * The admin asks to import a checked file: small files are committed now,
 * large ones queued for the worker. Asking twice (a double tap, a resent form)
 * changes nothing the second time.
 */
export async function requestCommit(actor: Actor, id: number): Promise<"committed" | "queued" | "problems" | "unchanged"> {
  const batch = await importBatch(actor, id);
  if (batch.status !== "previewed" && batch.status !== "failed") return "unchanged";
  if (dataRows(await parsedFile(batch)) <= inlineImportRows()) return (await commitImport(actor, id)).ok ? "committed" : "problems";
  await prisma.importBatch.updateMany({
    where: { id, status: { in: ["previewed", "failed"] } },
    data: { status: "queued", queuedAt: new Date(), error: null },
  });
  void runImportJobs();
  return "queued";
}

const progressOf = new Map<number, ImportProgress>();
const worker: { pass: Promise<void> | null; started: boolean } = { pass: null, started: false };

/** What the worker is doing with a batch now (this process runs the worker). */
export function importProgress(id: number): ImportProgress | null {
  return progressOf.get(id) ?? null;
}

/**
 * Commits the queued batches one at a time, oldest first, each as its admin
 * (who must still be an admin with a scope). A file whose rows no longer pass
 * the check goes back to "previewed" (its page lists the problems again); an
 * unexpected error marks it failed, with the error, and it may be tried again.
 */
export function runImportJobs(): Promise<void> {
  // One pass at a time; a second caller waits for the pass under way.
  worker.pass ??= importQueued().finally(() => (worker.pass = null));
  return worker.pass;
}

/** The longest a worker's commit may run: its transaction is rolled back after that. */
const IMPORT_COMMIT_TIMEOUT_MS = 30 * 60_000;

/**
 * Batches left "running" by a server that stopped were rolled back with it: queued again.
 * On SQLite one server runs the worker, so at its start every running batch is one of
 * those. On PostgreSQL several servers run workers and another may be committing its batch
 * now: a batch is abandoned only once it has run longer than any commit may.
 */
async function requeueAbandoned(atStart: boolean) {
  if (atStart && !isPostgres) {
    await prisma.importBatch.updateMany({ where: { status: "running" }, data: { status: "queued" } });
  } else if (isPostgres) {
    const before = new Date(Date.now() - IMPORT_COMMIT_TIMEOUT_MS - 60_000);
    await prisma.importBatch.updateMany({ where: { status: "running", startedAt: { lt: before } }, data: { status: "queued" } });
  }
}

async function importQueued() {
  await requeueAbandoned(false);
  for (;;) {
    const next = await prisma.importBatch.findFirst({ where: { status: "queued" }, orderBy: { queuedAt: "asc" }, select: { id: true, createdById: true } });
    if (!next) return;
    const claimed = await prisma.importBatch.updateMany({ where: { id: next.id, status: "queued" }, data: { status: "running", startedAt: new Date() } });
    if (claimed.count === 0) continue;
    try {
      const admin = await prisma.user.findUnique({
        where: { id: next.createdById },
        select: { id: true, role: true, active: true, scopeUnit: { select: { id: true, path: true } } },
      });
      if (!admin?.active || admin.role !== "admin" || !admin.scopeUnit) throw new Error("the admin who uploaded the file is no longer an admin");
      const actor: Actor = { id: admin.id, role: "admin", scopeUnit: admin.scopeUnit };
      // Not a request: it may take minutes for the largest files, in one transaction (all rows or none).
      const result = await commitImport(actor, next.id, (p) => progressOf.set(next.id, p), IMPORT_COMMIT_TIMEOUT_MS);
      if (!result.ok) await prisma.importBatch.update({ where: { id: next.id }, data: { status: "previewed" }, select: { id: true } });
    } catch (error) {
      console.error(`Import ${next.id} failed:`, error);
      await prisma.importBatch.update({
        where: { id: next.id },
        data: { status: "failed", error: String((error as Error).message ?? error).slice(0, 500) },
        select: { id: true },
      });
    } finally {
      progressOf.delete(next.id);
    }
  }
}

/**
 * Starts the import worker (server.js calls it once the site is up). Two workers
 * (two servers on one PostgreSQL) never commit one batch twice: a batch is
 * claimed by a conditional update that only one of them can make.
 */
export async function startImportWorker(intervalMs = 5_000) {
  if (worker.started) return;
  worker.started = true;
  await requeueAbandoned(true);
  setInterval(() => void runImportJobs(), intervalMs).unref();
  void runImportJobs();
}

export async function recentImports(actor: Actor, take = 10) {
  return prisma.importBatch.findMany({
    where: { createdById: actor.id },
    orderBy: { id: "desc" },
    take,
    select: { id: true, kind: true, fileName: true, status: true, createdAt: true, committedAt: true, summary: true },
  });
}

/** Teams of members brought in by imports who still have no password, for printing their slips. */
export async function teamsAwaitingSlips(actor: Actor, take = 50) {
  const scope = scopePath(actor);
  // The members awaiting a slip are read from a partial index on exactly this condition
  // (literals, not parameters, so SQLite can use it), not by reading every member of the scope.
  const rows = await sql(
    `SELECT t.id, t.name, un.name AS unit, COUNT(*) AS waiting
     FROM User u JOIN Team t ON t.id = u.teamId JOIN Unit un ON un.id = t.unitId
     WHERE u.passwordHash = '' AND u.active = ${SQL_TRUE} AND t.active = TRUE AND t.path >= ? AND t.path < ?
     GROUP BY t.id, t.name, un.name, t.path ORDER BY t.path, t.id LIMIT ?`,
  ).all<{ id: number; name: string; unit: string; waiting: number }>(scope, subtreeUpperBound(scope), take);
  return rows.map((t) => ({ id: t.id, name: t.name, unit: t.unit, waiting: Number(t.waiting) }));
}

// ---------------------------------------------------------------- export and templates

/** The current lists of a subtree, in the import's own columns, so an export imports back unchanged. */
export async function exportRows(actor: Actor, kind: ImportKind): Promise<string[][]> {
  const scope = scopePath(actor);
  const header = COLUMNS[kind].map((c) => c.header);
  if (kind === "units") {
    const units = await prisma.unit.findMany({
      where: { ...subtreeWhere(scope), active: true },
      select: { code: true, name: true, households: true, parent: { select: { code: true } }, level: { select: { nameVi: true } } },
      orderBy: { path: "asc" },
    });
    return [header, ...units.map((u) => [u.code, u.name, u.level.nameVi, u.parent?.code ?? "", u.households === null ? "" : String(u.households)])];
  }
  if (kind === "teams") {
    const teams = await prisma.team.findMany({
      where: { active: true, unit: { ...subtreeWhere(scope), active: true } },
      select: { name: true, unit: { select: { code: true } } },
      orderBy: [{ unit: { path: "asc" } }, { name: "asc" }],
    });
    return [header, ...teams.map((t) => [t.unit.code, t.name])];
  }
  const members = await prisma.user.findMany({
    where: { active: true, team: { active: true, unit: { ...subtreeWhere(scope), active: true } } },
    select: { name: true, phone: true, position: true, team: { select: { name: true, unit: { select: { code: true } } } } },
    orderBy: [{ team: { unit: { path: "asc" } } }, { name: "asc" }],
  });
  return [header, ...members.map((m) => [m.team!.unit.code, m.team!.name, m.name, m.phone, m.position ?? ""])];
}

export const SHEET_NAMES: Record<ImportKind, string> = { units: "Don vi", teams: "To", members: "To vien" };

export async function exportFile(actor: Actor, kind: ImportKind, format: "csv" | "xlsx") {
  const rows = await exportRows(actor, kind);
  return format === "csv"
    ? Buffer.from(toCsv(rows), "utf8")
    : toXlsx([{ name: SHEET_NAMES[kind], rows, widths: COLUMNS[kind].map((c) => c.width), textColumns: true }]);
}

/**
 * An empty list with its headers; the XLSX one has a second sheet explaining
 * each column, with an example, and the level names the file may use.
 */
export async function templateFile(
  kind: ImportKind,
  format: "csv" | "xlsx",
  guide: { columns: Record<string, string>; title: string; required: string; optional: string; levels: string },
) {
  const header = COLUMNS[kind].map((c) => c.header);
  if (format === "csv") return Buffer.from(toCsv([header]), "utf8");
  const levels = await prisma.unitLevel.findMany({ orderBy: { rank: "asc" }, select: { nameVi: true } });
  const help = [
    [guide.title, ""],
    ...COLUMNS[kind].map((c) => [`${c.header} (${c.required ? guide.required : guide.optional})`, guide.columns[c.key] ?? ""]),
    ...(kind === "units"
      ? [
          ["", ""],
          [guide.levels, levels.map((l) => l.nameVi).join("; ")],
        ]
      : []),
  ];
  return toXlsx([
    { name: SHEET_NAMES[kind], rows: [header], widths: COLUMNS[kind].map((c) => c.width) },
    { name: "Huong dan", rows: help, widths: [34, 80] },
  ]);
}
