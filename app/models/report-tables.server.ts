// The report model: every table a supervisor sees is built here once, as
// cells with the text shown and the number filed, and rendered alike by the
// page (ReportTableView), the print view, CSV and XLSX (tableFile).
import type { Translate } from "~/i18n";
import type vi from "~/locales/vi";
import { unitNamesAt } from "./admin-units.server";
import { coverage, periodEnd, teamDetail, type Figures, type Period, type UnitRow } from "./coverage.server";
import { formatVietnamDate } from "~/utils/time";
import { toCsv, toXlsx } from "./spreadsheet.server";
import { projectionText, targetProgress, type TargetRow } from "./targets.server";
import { formatCount, formatShare } from "~/utils/numbers";

export type Table = { title: string; columns: string[]; rows: Array<Array<string | number>> };

/**
 * A report table as the one object that the page, the print view, CSV and
 * XLSX all render. Each cell carries the text shown and, for counts, the
 * number written to files; each column its one-line definition.
 */
export type ReportCell = { text: string; value?: number };
export type ReportColumn = { key: string; label: string; numeric: boolean; definition?: string };
export type ReportRow = { unitId?: number; link?: string; total?: boolean; cells: ReportCell[] };
export type ReportTable = { id: string; title: string; columns: ReportColumn[]; rows: ReportRow[]; notes: string[] };

type T = Translate;
/** A dashboard figure: it has a label and a one-line definition (both checked by the type checker). */
type FigureKey = keyof (typeof vi)["reports"]["figures"] & keyof (typeof vi)["reports"]["figureDefinitions"];

function formats(language: "vi" | "en") {
  return {
    count: (v: number): ReportCell => ({ text: formatCount(v, language), value: v }),
    share: (v: number | null): ReportCell => ({ text: formatShare(v, language) }),
    text: (v: string): ReportCell => ({ text: v }),
  };
}

/** The dashboard's figures, each with its definition, for the cards above the tables. */
export function figureCards(f: Figures, language: "vi" | "en", t: T) {
  const fmt = formats(language);
  const card = (key: FigureKey, value: string, sub?: string) => ({
    key,
    label: t(`reports.figures.${key}`),
    value,
    sub,
    definition: t(`reports.figureDefinitions.${key}`),
  });
  return [
    card("teams", fmt.count(f.teams).text),
    card("members", fmt.count(f.members).text),
    card("trained", `${fmt.count(f.trained).text} (${fmt.share(f.trainedShare).text})`),
    card("completions", fmt.count(f.completions).text),
    card("passRate", fmt.share(f.passRate).text, `${fmt.count(f.passed).text}/${fmt.count(f.attempts).text}`),
    card("sessions", fmt.count(f.sessions).text),
    card("guidanceEvents", fmt.count(f.fields.guidanceEvents).text),
    card("inactiveTeams", `${fmt.count(f.inactiveTeams).text}/${fmt.count(f.teams).text}`),
    card("residentsGuided", fmt.count(f.fields.residentsGuided).text),
    card("vneid", `${fmt.count(f.fields.vneidLevel1).text} / ${fmt.count(f.fields.vneidLevel2).text}`),
    card("publicAccounts", fmt.count(f.fields.publicAccounts).text),
    card("paymentAccounts", fmt.count(f.fields.paymentAccounts).text),
    card("productsOnline", fmt.count(f.fields.productsOnline).text),
  ];
}

const FIGURE_COLUMNS = [
  ["teams", (f: Figures) => f.teams],
  ["members", (f: Figures) => f.members],
  ["trained", (f: Figures) => f.trained],
  ["trainedShare", null],
  ["completions", (f: Figures) => f.completions],
  ["attempts", (f: Figures) => f.attempts],
  ["passRate", null],
  ["sessions", (f: Figures) => f.sessions],
  ["guidanceEvents", (f: Figures) => f.fields.guidanceEvents],
  ["inactiveTeams", (f: Figures) => f.inactiveTeams],
  ["residentsGuided", (f: Figures) => f.fields.residentsGuided],
  ["vneidLevel1", (f: Figures) => f.fields.vneidLevel1],
  ["vneidLevel2", (f: Figures) => f.fields.vneidLevel2],
  ["publicAccounts", (f: Figures) => f.fields.publicAccounts],
  ["paymentAccounts", (f: Figures) => f.fields.paymentAccounts],
  ["productsOnline", (f: Figures) => f.fields.productsOnline],
] as const;

/**
 * The dashboard of a unit for a period: its figures, its children's table and
 * its lessons' table, computed once from one coverage() call. Units carry the
 * names they had at the end of the period (the 2025 reorganisation renamed and
 * merged many).
 */
export async function dashboard(unit: UnitRow, period: Period, language: "vi" | "en", t: T, now = new Date()) {
  const data = await coverage(unit, period, language, now);
  const names = await unitNamesAt([data.unit.id, ...data.children.map((c) => c.id)], periodEnd(period, now));
  data.unit.name = names.get(data.unit.id) ?? data.unit.name;
  for (const child of data.children) child.name = names.get(child.id) ?? child.name;
  const fmt = formats(language);
  const label = (key: (typeof FIGURE_COLUMNS)[number][0]) =>
    key === "vneidLevel1" ? t("results.kinds.vneid-level1") : key === "vneidLevel2" ? t("results.kinds.vneid-level2") : t(`reports.figures.${key}`);
  const children: ReportTable = {
    id: "children",
    title: `${data.unit.name} — ${t("reports.byChild")}`,
    columns: [
      { key: "unit", label: t("reports.unit"), numeric: false, definition: t("reports.figureDefinitions.units") },
      ...FIGURE_COLUMNS.map(([key]) => ({ key, label: label(key), numeric: true, definition: t(`reports.figureDefinitions.${key}`) })),
    ],
    rows: [
      ...data.children.map((c) => ({ unitId: c.id, figures: c.figures, name: c.name, total: false })),
      { unitId: undefined, figures: data.figures, name: `${data.unit.name} (${t("home.total")})`, total: true },
    ].map((c) => ({
      unitId: c.unitId,
      total: c.total,
      cells: [
        fmt.text(c.name),
        ...FIGURE_COLUMNS.map(([key, get]) =>
          key === "trainedShare" ? fmt.share(c.figures.trainedShare) : key === "passRate" ? fmt.share(c.figures.passRate) : fmt.count(get!(c.figures)),
        ),
      ],
    })),
    notes: [],
  };
  const lessons: ReportTable = {
    id: "lessons",
    title: `${data.unit.name} — ${t("reports.lessons")}`,
    columns: [
      { key: "lesson", label: t("reports.lesson"), numeric: false },
      { key: "completed", label: t("reports.completed"), numeric: true, definition: t("reports.figureDefinitions.lessonCompleted") },
      { key: "share", label: t("reports.share"), numeric: true, definition: t("reports.figureDefinitions.lessonShare") },
    ],
    rows: data.lessons.map((l) => ({ cells: [fmt.text(l.title), fmt.count(l.completed), fmt.share(l.share)] })),
    notes: [],
  };
  const targets = await targetsTable(data.unit, period, language, t, now);
  return { ...data, cards: figureCards(data.figures, language, t), tables: { children, lessons, targets: targets.table }, targetWarnings: targets.warnings };
}

/**
 * Progress towards targets as one report table (page, CSV, XLSX): the units
 * below furthest behind first, then the unit itself (its own target, or the
 * sum of its children's). Warnings say where a unit's own target is below the
 * sum of its children's.
 */
export async function targetsTable(unit: { id: number; name: string }, period: Period, language: "vi" | "en", t: T, now = new Date()) {
  const progress = await targetProgress(unit, period, now);
  const fmt = formats(language);
  const rowOf = (r: TargetRow, total: boolean): ReportRow => ({
    unitId: total ? undefined : r.unitId,
    total,
    cells: [
      fmt.text(total ? `${r.name} (${t(r.rolledUp ? "targets.rolledUp" : "home.total")})` : r.name),
      fmt.text(t(`targets.metrics.${r.metric}`)),
      fmt.count(r.done),
      fmt.count(r.target),
      // "done / target (share)" in one cell, so a phone's card shows it without unfolding.
      fmt.text(`${fmt.count(r.done).text} / ${fmt.count(r.target).text} (${fmt.share(r.progress).text})`),
      fmt.text(projectionText(r.projection, t)),
    ],
  });
  const table: ReportTable = {
    id: "targets",
    title: `${unit.name} — ${t("targets.title")}`,
    columns: [
      { key: "unit", label: t("reports.unit"), numeric: false },
      { key: "metric", label: t("targets.metric"), numeric: false, definition: t("targets.definitions.metric") },
      { key: "done", label: t("targets.done"), numeric: true, definition: t("targets.definitions.done") },
      { key: "target", label: t("targets.target"), numeric: true, definition: t("targets.definitions.target") },
      { key: "share", label: t("targets.progressCell"), numeric: false, definition: t("targets.definitions.share") },
      { key: "projection", label: t("targets.projectionLabel"), numeric: false, definition: t("targets.definitions.projection") },
    ],
    rows: [...progress.children.map((r) => rowOf(r, false)), ...progress.own.map((r) => rowOf(r, true))],
    notes: [],
  };
  const n = (v: number) => fmt.count(v).text;
  const warnings = progress.own
    .filter((r) => r.belowChildren)
    .map((r) => t("targets.belowChildren", { unit: r.name, metric: t(`targets.metrics.${r.metric}`), target: n(r.target), sum: n(r.childSum ?? 0) }));
  return { table, warnings, progress };
}

/** A team's members with what each has done: the table of the team page and its files. */
/** A team's members table, from the team's detail the page or file already read (and scoped). */
export function membersTable(detail: NonNullable<Awaited<ReturnType<typeof teamDetail>>>, language: "vi" | "en", t: T): ReportTable {
  const fmt = formats(language);
  return {
    id: "members",
    title: detail.team.name,
    columns: [
      { key: "member", label: t("reports.member"), numeric: false },
      { key: "phone", label: t("reports.phone"), numeric: false },
      { key: "position", label: t("reports.position"), numeric: false },
      { key: "trainedSince", label: t("reports.trainedSince"), numeric: false },
      { key: "lessonsDone", label: t("reports.lessonsDone"), numeric: true },
      { key: "inPerson", label: t("reports.inPerson"), numeric: true },
      { key: "sessionsAttended", label: t("reports.sessionsAttended"), numeric: true },
      { key: "skills", label: t("reports.skills"), numeric: true },
    ],
    rows: detail.members.map((m) => ({
      link: `/reports/member/${m.id}`,
      cells: [
        fmt.text(m.name),
        fmt.text(m.phone),
        fmt.text(m.position ?? ""),
        fmt.text(m.firstTrainedAt ? formatVietnamDate(m.firstTrainedAt) : ""),
        fmt.count(m.completions),
        fmt.count(m.inPerson),
        fmt.count(m.sessions),
        fmt.count(m.skills),
      ],
    })),
    notes: [],
  };
}

/** A report table as a file, through the product's one spreadsheet writer: the page's cells, counts as numbers. */
export async function tableFile(input: Table | ReportTable, format: "csv" | "xlsx") {
  const table: Table =
    "id" in input
      ? { title: input.title, columns: input.columns.map((c) => c.label), rows: input.rows.map((r) => r.cells.map((c) => c.value ?? c.text)) }
      : input;
  const rows = [table.columns, ...table.rows];
  if (format === "csv") return Buffer.from(toCsv(rows), "utf8");
  const widths = table.columns.map((_, i) => (i === 0 || (i === 1 && table.columns.length === 4) ? 48 : 16));
  return toXlsx([{ name: "Báo cáo", title: table.title, rows, widths }]);
}
