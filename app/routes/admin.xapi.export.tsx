import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nServer } from "~/i18n.server";
import { exportStatements, siteFor } from "~/models/learning-records.server";
import { reportContext } from "~/utils/report-access.server";
import { requireAdmin } from "~/utils/admin-guard.server";
import { hasActorSecret } from "~/utils/env.server";
import { siteOrigin } from "~/utils/origin.server";

/**
 * The learning records of a unit's subtree for a period, as xAPI statements in
 * JSON lines: admins only, under the reports' scope guard and period filters
 * (a unit outside the admin's subtree answers 404).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const ctx = await reportContext(request, ["admin"]);
  if (!hasActorSecret()) {
    const t = await i18nServer.getFixedT(ctx.language);
    return new Response(t("admin.xapi.lrs.noSecret"), { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const name = `ho-so-hoc-tap-${ctx.unit.id}-${ctx.period.key.replace(/\W+/g, "-")}.jsonl`;
  return new Response(exportStatements(siteFor(siteOrigin(request)), ctx.unit.path, ctx.period), {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
