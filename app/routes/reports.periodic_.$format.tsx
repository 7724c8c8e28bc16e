import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nServer } from "~/i18n.server";
import { periodicDocument } from "~/models/periodic-document.server";
import { periodicCsv, periodicDocx, periodicXlsx } from "~/models/periodic-files.server";
import { reportContext } from "~/utils/report-access.server";
import { notFound } from "~/utils/auth.server";
import { spreadsheetResponse } from "~/utils/spreadsheet-response.server";

const FORMATS = ["docx", "xlsx", "csv"] as const;

/** The periodic report as a Word document, a workbook or a CSV: the same document object as the page, under the same scope rules. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const format = FORMATS.find((f) => f === params.format);
  if (!format) notFound();
  const ctx = await reportContext(request);
  const t = await i18nServer.getFixedT(ctx.language);
  const doc = await periodicDocument(ctx.unit, ctx.period, ctx.language, t);
  const file = format === "docx" ? await periodicDocx(doc) : format === "xlsx" ? await periodicXlsx(doc) : periodicCsv(doc);
  return spreadsheetResponse(file, doc.fileName, format);
}
