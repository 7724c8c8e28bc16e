import { requestLanguage } from "~/i18n.server";
import { requireRole } from "~/utils/auth.server";
import { requireInScope } from "~/utils/scope.server";
import type { Role } from "~/utils/roles";
import { parsePeriod, periodChoices, unitById } from "~/models/coverage.server";

export const REPORT_ROLES = ["trainer", "supervisor", "admin"] as const;

/**
 * Who asks, about which unit and period. The unit defaults to the user's own;
 * one outside their subtree answers 404 with no data, in pages and files alike.
 * The learning-record export uses the same guard and filters, for admins only.
 */
export async function reportContext(request: Request, roles: readonly Role[] = REPORT_ROLES) {
  const user = await requireRole(request, roles);
  const url = new URL(request.url);
  const unitId = Number(url.searchParams.get("unit") || user.scopeUnit?.id);
  const unit = requireInScope(user, Number.isInteger(unitId) ? await unitById(unitId) : undefined, (u) => u.path);
  const requested = url.searchParams.get("period");
  const period = parsePeriod(requested === "custom" ? `${url.searchParams.get("from")}..${url.searchParams.get("to")}` : requested);
  const language = await requestLanguage(request);
  return {
    user,
    unit,
    period,
    language,
    atScopeTop: unit.id === user.scopeUnit!.id,
    choices: periodChoices().map((key) => parsePeriod(key)),
    query: `unit=${unit.id}&period=${encodeURIComponent(period.key)}`,
  };
}
