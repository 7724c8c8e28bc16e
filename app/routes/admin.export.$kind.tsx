import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFile, isImportKind } from "~/models/import.server";
import { requireAdmin } from "~/utils/admin-guard.server";
import { notFound } from "~/utils/auth.server";
import { spreadsheetResponse } from "~/utils/spreadsheet-response.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireAdmin(request);
  if (!isImportKind(params.kind)) notFound();
  const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const file = await exportFile(actor, params.kind, format);
  const day = new Date().toISOString().slice(0, 10);
  return spreadsheetResponse(file, `${params.kind}-${scope.id}-${day}`, format);
}
