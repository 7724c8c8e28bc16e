// The report tables as plain rows, for CSV and XLSX files: built from the same
// model functions as the pages, so a file shows the same figures as the screen.
import type { i18n as I18n } from "i18next";
import { coverage, teamDetail, type Period, type UnitRow } from "./coverage.server";
import { toCsv, toXlsx } from "./spreadsheet.server";

export type Table = { title: string; columns: string[]; rows: Array<Array<string | number>> };

const pct = (v: number | null) => (v === null ? "" : Math.round(v * 1000) / 10);

export async function childrenTable(unit: UnitRow, period: Period, language: "vi" | "en", t: I18n["t"]): Promise<Table> {
  const data = await coverage(unit, period, language);
  return {
    title: `${data.unit.name} — ${t("reports.byChild")}`,
    columns: [
      t("reports.unit"),
      t("reports.figures.teams"),
      t("reports.figures.members"),
      t("reports.figures.trained"),
      `${t("reports.figures.trainedShare")} (%)`,
      t("reports.figures.completions"),
      t("reports.figures.attempts"),
      `${t("reports.figures.passRate")} (%)`,
      t("reports.figures.sessions"),
      t("reports.figures.inactiveTeams"),
      t("reports.figures.residentsGuided"),
      t("results.kinds.vneid-level1"),
      t("results.kinds.vneid-level2"),
      t("reports.figures.publicAccounts"),
      t("reports.figures.paymentAccounts"),
      t("reports.figures.productsOnline"),
    ],
    rows: [...data.children, { name: `${data.unit.name} (${t("home.total")})`, figures: data.figures }].map((c) => [
      c.name,
      c.figures.teams,
      c.figures.members,
      c.figures.trained,
      pct(c.figures.trainedShare),
      c.figures.completions,
      c.figures.attempts,
      pct(c.figures.passRate),
      c.figures.sessions,
      c.figures.inactiveTeams,
      c.figures.fields.residentsGuided,
      c.figures.fields.vneidLevel1,
      c.figures.fields.vneidLevel2,
      c.figures.fields.publicAccounts,
      c.figures.fields.paymentAccounts,
      c.figures.fields.productsOnline,
    ]),
  };
}

export async function lessonsTable(unit: UnitRow, period: Period, language: "vi" | "en", t: I18n["t"]): Promise<Table> {
  const data = await coverage(unit, period, language);
  return {
    title: `${data.unit.name} — ${t("reports.lessons")}`,
    columns: [t("reports.lesson"), t("reports.completed"), `${t("reports.share")} (%)`],
    rows: data.lessons.map((l) => [l.title, l.completed, pct(l.share)]),
  };
}

export async function membersTable(teamId: number, t: I18n["t"]): Promise<Table | null> {
  const detail = await teamDetail(teamId);
  if (!detail) return null;
  return {
    title: detail.team.name,
    columns: [t("reports.member"), t("reports.phone"), t("reports.position"), t("reports.trainedSince"), t("reports.lessonsDone"), t("reports.inPerson"), t("reports.sessionsAttended"), t("reports.skills")],
    rows: detail.members.map((m) => [m.name, m.phone, m.position ?? "", m.firstTrainedAt?.slice(0, 10) ?? "", m.completions, m.inPerson, m.sessions, m.skills]),
  };
}

/** A report table as a file, through the product's one spreadsheet writer. */
export async function tableFile(table: Table, format: "csv" | "xlsx") {
  const rows = [table.columns, ...table.rows];
  if (format === "csv") return Buffer.from(toCsv(rows), "utf8");
  const widths = table.columns.map((_, i) => (i === 0 || (i === 1 && table.columns.length === 4) ? 48 : 16));
  return toXlsx([{ name: "Báo cáo", title: table.title, rows, widths }]);
}
