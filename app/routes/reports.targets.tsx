import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { messageKey } from "~/i18n";
import { CsrfField } from "~/components/csrf-field";
import { ExportLinks, PeriodPicker, usePeriodLabel } from "~/components/report-parts";
import { ReportTableView } from "~/components/report-table";
import { i18nServer } from "~/i18n.server";
import { reportContext } from "~/utils/report-access.server";
import { targetsTable } from "~/models/report-tables.server";
import { isTargetPeriod, setTargets, TARGET_ROLES, targetHistory, type TargetEntry } from "~/models/targets.server";
import { forbidden } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";
import { attempt } from "~/utils/rule-error";
import { HOUSEHOLD_SHARE_METRICS, TARGET_METRICS } from "~/utils/target-metrics";
import { formatVietnamDateTime } from "~/utils/time";
import type { RouteHandle } from "~/root";
import { BackLink } from "~/components/back-link";

// Plain HTML: the period picker is a GET form and the targets one form that posts.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.targets" };

const canWrite = (role: string) => (TARGET_ROLES as readonly string[]).includes(role);

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await reportContext(request);
  const t = await i18nServer.getFixedT(ctx.language);
  const { table, warnings, progress } = await targetsTable(ctx.unit, ctx.period, ctx.language, t);
  const history = await targetHistory([ctx.unit.id, ...progress.childUnits.map((c) => c.id)], ctx.period.key, 30);
  const names = new Map([[ctx.unit.id, ctx.unit.name], ...progress.childUnits.map((c) => [c.id, c.name] as const)]);
  const current = Object.fromEntries(
    [...progress.current].map(([key, v]) => [key, v.share !== null ? `${Math.round(v.share * 1000) / 10}%` : v.value === null ? "" : String(v.value)]),
  );
  return {
    unit: { id: ctx.unit.id, name: ctx.unit.name },
    period: ctx.period,
    choices: ctx.choices.filter(isTargetPeriod),
    query: ctx.query,
    table,
    warnings,
    children: progress.childUnits,
    current,
    canWrite: canWrite(ctx.user.role) && isTargetPeriod(ctx.period),
    history: history.map((h) => ({
      id: h.id,
      unit: names.get(h.unitId) ?? "",
      metric: h.metric,
      value: h.value,
      share: h.share,
      at: formatVietnamDateTime(h.setAt),
      by: h.setBy,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await reportContext(request);
  if (!canWrite(ctx.user.role)) forbidden();
  const form = await readForm(request);
  const entries: TargetEntry[] = [];
  for (const [key, value] of form) {
    const m = key.match(/^t:(\d{1,12}):([a-zA-Z0-9]{1,40})$/);
    if (m && typeof value === "string") entries.push({ unitId: Number(m[1]), metric: m[2], raw: value.slice(0, 40) });
  }
  if (entries.length === 0 || entries.length > 6 * 5000)
    return json({ error: { key: "errors.badRequest", params: {} as Record<string, string | number> }, values: {} as Record<string, string> }, { status: 400 });
  const values = Object.fromEntries(entries.map((e) => [`${e.unitId}:${e.metric}`, e.raw]));
  const saved = await attempt(() => setTargets(ctx.user, ctx.unit, ctx.period, entries));
  if (saved.error) return json({ error: saved.error, values }, { status: 400 });
  return redirect(`/reports/targets?${ctx.query}&saved=1`);
}

export default function TargetsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const values = (actionData?.values ?? data.current) as Record<string, string>;
  return (
    <div>
      <BackLink to={`/reports?${data.query}`}>{t("reports.title")}</BackLink>
      <h1 className="mb-1 text-3xl font-bold">
        {t("targets.title")} · {data.unit.name}
      </h1>
      <p className="mb-3 text-lg text-stone-700">{periodLabel(data.period)}</p>
      <PeriodPicker period={data.period} choices={data.choices} unitId={data.unit.id} />
      {params.get("saved") && !actionData ? (
        <p className="mb-3 rounded-lg border-2 border-brand-700 bg-brand-50 p-3 font-semibold" role="status">
          {t("targets.saved")}
        </p>
      ) : null}
      {data.warnings.map((w) => (
        <p key={w} className="mb-2 rounded-lg border-2 border-amber-600 bg-amber-50 p-3 font-semibold" role="status" data-testid="target-warning">
          ⚠ {w}
        </p>
      ))}

      <section className="mb-6" aria-labelledby="progress-title">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="progress-title" className="text-2xl font-bold">
            {t("targets.progressTitle")}
          </h2>
          <ExportLinks href={`/reports/export?${data.query}&table=targets`} />
        </div>
        {data.table.rows.length ? (
          <ReportTableView table={data.table} testId="targets-table" keyColumns={["metric", "share", "projection"]} />
        ) : (
          <p>{t("targets.none")}</p>
        )}
      </section>

      {data.canWrite && data.children.length ? (
        <section className="mb-6" aria-labelledby="set-title">
          <h2 id="set-title" className="mb-1 text-2xl font-bold">
            {t("targets.setTitle")}
          </h2>
          <p className="mb-3 text-stone-700">{t("targets.setHint")}</p>
          {actionData?.error ? (
            <p className="mb-3 notice-error" role="alert">
              {t(messageKey(actionData.error.key), actionData.error.params)}
            </p>
          ) : null}
          <Form method="post" data-testid="targets-form">
            <CsrfField />
            {data.children.map((child) => (
              <fieldset key={child.id} className="card mb-3" data-target-unit={child.id}>
                <legend className="px-1 text-lg font-bold">{child.name}</legend>
                <p className="mb-2 text-stone-600">{child.households ? t("targets.households", { count: child.households }) : t("targets.noHouseholds")}</p>
                {TARGET_METRICS.map((metric) => {
                  const id = `t-${child.id}-${metric}`;
                  return (
                    <div key={metric} className="mb-2">
                      <label htmlFor={id} className="field-label">
                        {t(messageKey(`targets.metrics.${metric}`))}
                      </label>
                      <input
                        id={id}
                        name={`t:${child.id}:${metric}`}
                        defaultValue={values[`${child.id}:${metric}`] ?? ""}
                        inputMode={HOUSEHOLD_SHARE_METRICS.includes(metric) ? "text" : "numeric"}
                        placeholder={HOUSEHOLD_SHARE_METRICS.includes(metric) ? t("targets.placeholderShare") : t("targets.placeholderNumber")}
                        maxLength={12}
                        className="field-input"
                      />
                    </div>
                  );
                })}
              </fieldset>
            ))}
            <button type="submit" className="btn-primary w-full text-lg">
              {t("targets.save")}
            </button>
          </Form>
        </section>
      ) : null}

      {data.history.length ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title" className="mb-2 text-2xl font-bold">
            {t("targets.history")}
          </h2>
          <ul className="divide-y divide-stone-200" data-testid="targets-history">
            {data.history.map((h) => (
              <li key={h.id} className="py-2">
                <span className="block font-semibold">
                  {h.unit} · {t(messageKey(`targets.metrics.${h.metric}`))}:{" "}
                  {h.value === null ? t("targets.cleared") : h.share !== null ? `${Math.round(h.share * 1000) / 10}% (${h.value})` : h.value}
                </span>
                <span className="block text-stone-600">{t("targets.setBy", { name: h.by, at: h.at })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
