import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { i18nServer } from "~/i18n.server";
import { reportContext } from "~/utils/report-access.server";
import { teamDetail } from "~/models/coverage.server";
import { dashboard, membersTable, tableFile, type ReportTable, type Table } from "~/models/report-tables.server";
import { notFound } from "~/utils/auth.server";
import { requireInScope } from "~/utils/scope.server";
import { parseId } from "~/utils/request-body.server";
import { spreadsheetResponse } from "~/utils/spreadsheet-response.server";

/** Every report table as CSV or XLSX, under the same scope rules as the pages. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await reportContext(request);
  const url = new URL(request.url);
  const t = await i18nServer.getFixedT(ctx.language);
  let table: Table | ReportTable | null = null;
  switch (url.searchParams.get("table")) {
    case "children":
    case "lessons":
    case "targets":
      // The very tables the dashboard shows, from the same model call.
      table = (await dashboard(ctx.unit, ctx.period, ctx.language, t)).tables[url.searchParams.get("table") as "children" | "lessons" | "targets"];
      break;
    case "periodic":
      // The periodic report is a document with files of its own (DOCX, XLSX with two sheets, CSV).
      throw redirect(`/reports/periodic/${url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv"}?${ctx.query}`);
    case "members": {
      const teamId = parseId(url.searchParams.get("team"));
      const detail = requireInScope(ctx.user, teamId === null ? null : await teamDetail(teamId), (d) => d.team.path);
      table = membersTable(detail, ctx.language, t);
      break;
    }
  }
  if (!table) notFound();
  const name = `bao-cao-${url.searchParams.get("table")}-${ctx.unit.id}-${ctx.period.key.replace(/\W+/g, "-")}`;
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  return spreadsheetResponse(await tableFile(table, format), name, format);
}
