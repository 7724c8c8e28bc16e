import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nInstance, i18nServer } from "~/i18n.server";
import { isImportKind, templateFile } from "~/models/import.server";
import { requireAdmin } from "~/utils/admin-guard.server";
import { notFound } from "~/utils/auth.server";
import { spreadsheetResponse } from "~/utils/spreadsheet-response.server";
import { messageKey } from "~/i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  if (!isImportKind(params.kind)) notFound();
  const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const i18n = await i18nInstance(await i18nServer.getLocale(request));
  const g = (key: string) => i18n.t(messageKey(`admin.import.guide.${key}`));
  const columns = Object.fromEntries(["code", "name", "level", "parent", "households", "unit", "team", "phone", "position"].map((k) => [k, g(`columns.${k}`)]));
  if (params.kind === "members") columns.name = i18n.t("admin.members.name");
  const file = await templateFile(params.kind, format, { columns, title: g("title"), required: g("required"), optional: g("optional"), levels: g("levels") });
  return spreadsheetResponse(file, `mau-${params.kind}`, format);
}
