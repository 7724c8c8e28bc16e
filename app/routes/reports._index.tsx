import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart, ExportLinks, PeriodPicker, usePeriodLabel } from "~/components/report-parts";
import { ReportTableView } from "~/components/report-table";
import { i18nServer } from "~/i18n.server";
import { reportContext } from "~/utils/report-access.server";
import { dashboard, type ReportTable } from "~/models/report-tables.server";
import { unitAncestry } from "~/models/unit.server";
import { pathIds } from "~/utils/unit-path";
import type { RouteHandle } from "~/root";
import { PageScript } from "~/components/page-script";
import { formatShare } from "~/utils/numbers";

// Plain HTML: the period picker is a GET form, tables and charts are drawn on the server.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.coverage" };

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await reportContext(request);
  // One model call: the cards, the tables and their files all come from it.
  const data = await dashboard(ctx.unit, ctx.period, ctx.language, await i18nServer.getFixedT(ctx.language));
  // Breadcrumbs from the user's own unit down: nothing above it is shown.
  const ids = pathIds(ctx.unit.path);
  const top = ids.indexOf(ctx.user.scopeUnit!.id);
  const ancestry = (await unitAncestry(ctx.unit.path)).filter((u) => ids.indexOf(u.id) >= top);
  const canSetTargets = ctx.user.role === "supervisor" || ctx.user.role === "admin";
  return { ...data, period: ctx.period, choices: ctx.choices, query: ctx.query, ancestry, atScopeTop: ctx.atScopeTop, canSetTargets };
}

export default function CoverageDashboard() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const periodLabel = usePeriodLabel();
  const q = (unit: number) => `?unit=${unit}&period=${encodeURIComponent(data.period.key)}`;
  // Topics by unit: a view of the model's figures (no file of its own), shown like the other tables.
  const topicsTable: ReportTable = {
    id: "topics",
    title: t("reports.topics"),
    columns: [{ key: "unit", label: t("reports.unit"), numeric: false }, ...data.topics.map((tp) => ({ key: tp.id, label: tp.title, numeric: true }))],
    rows: data.children.map((c, ci) => ({
      unitId: c.id,
      cells: [{ text: c.name }, ...data.topics.map((tp) => ({ text: formatShare(tp.byChild[ci].share, i18n.language) }))],
    })),
    notes: [],
  };
  return (
    <div className="lg:max-w-none">
      <nav className="mb-1 text-stone-700" aria-label={t("reports.unit")}>
        {data.ancestry.map((u, i) => (
          <span key={u.id}>
            {i > 0 ? " › " : ""}
            {u.id === data.unit.id ? (
              <span>{u.name}</span>
            ) : (
              <Link to={q(u.id)} className="link-tap">
                {u.name}
              </Link>
            )}
          </span>
        ))}
      </nav>
      <h1 className="mb-1 text-3xl font-bold" data-testid="report-unit">
        {data.unit.name}
      </h1>
      <p className="mb-3 text-lg text-stone-700">
        {t("reports.title")} · {periodLabel(data.period)}
      </p>
      <PeriodPicker period={data.period} choices={data.choices} unitId={data.unit.id} />
      <p className="mb-4 flex flex-wrap gap-3">
        <Link to={`/reports/periodic${q(data.unit.id)}`} className="btn-secondary">
          {t("reports.periodic")}
        </Link>
        <Link to={`/reports/questions${q(data.unit.id)}`} className="btn-secondary" data-testid="reteach-link">
          {t("reteach.link")}
        </Link>
        <Link to={`/reports/targets${q(data.unit.id)}`} className="btn-secondary">
          {data.canSetTargets && data.children.length ? t("targets.setLink") : t("targets.title")}
        </Link>
      </p>

      <dl className="mb-6 grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="report-figures">
        {data.cards.map((card) => (
          <div key={card.key} className="card p-3" data-figure={card.key}>
            <dt className="text-sm font-semibold text-stone-600">{card.label}</dt>
            <dd className="text-2xl font-bold tabular-nums">{card.value}</dd>
            {card.sub ? <dd className="text-sm text-stone-600">{card.sub}</dd> : null}
            {/* The count becomes the list: each idle team with its last activity and what to do about it. */}
            {card.key === "inactiveTeams" ? (
              <dd>
                <Link to={`/reports/inactive${q(data.unit.id)}`} className="link inline-flex min-h-tap items-center font-semibold" data-testid="inactive-link">
                  {t("inactive.seeList")}
                </Link>
              </dd>
            ) : null}
            {/* The definition, one tap away from the figure. */}
            <dd>
              <details className="text-sm text-stone-700">
                <summary className="min-h-tap cursor-pointer underline">{t("reports.howCounted")}</summary>
                {card.definition}
              </details>
            </dd>
          </div>
        ))}
      </dl>

      {data.tables.targets.rows.length || data.targetWarnings.length ? (
        <section className="mb-8" aria-labelledby="targets-title" data-testid="targets-section">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="targets-title" className="text-2xl font-bold">
              {t("targets.title")}
            </h2>
            <ExportLinks href={`/reports/export?${data.query}&table=targets`} />
          </div>
          <p className="mb-2 text-stone-700">{t("targets.behindFirst")}</p>
          {data.targetWarnings.map((w) => (
            <p key={w} className="mb-2 rounded-lg border-2 border-amber-600 bg-amber-50 p-3 font-semibold" role="status" data-testid="target-warning">
              ⚠ {w}
            </p>
          ))}
          <ReportTableView
            table={data.tables.targets}
            testId="targets-table"
            keyColumns={["metric", "share", "projection"]}
            rowLink={(row) => (row.unitId ? q(row.unitId) : undefined)}
          />
        </section>
      ) : null}

      {data.children.length ? (
        <section className="mb-8" aria-labelledby="children-title">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="children-title" className="text-2xl font-bold">
              {t("reports.byChild")}
            </h2>
            <ExportLinks href={`/reports/export?${data.query}&table=children`} />
          </div>
          <BarChart title={t("reports.chart")} rows={data.children.map((c) => ({ label: c.name, value: c.figures.trainedShare }))} />
          <ReportTableView
            table={data.tables.children}
            testId="children-table"
            keyColumns={["trainedShare", "inactiveTeams"]}
            rowLink={(row) => (row.unitId ? q(row.unitId) : undefined)}
          />
        </section>
      ) : null}

      {data.teams.length ? (
        <section className="mb-8" aria-labelledby="teams-title">
          <h2 id="teams-title" className="mb-2 text-2xl font-bold">
            {t("reports.teamsHere")}
          </h2>
          <ul className="space-y-2">
            {data.teams.map((team) => (
              <li key={team.id}>
                <Link to={`/reports/team/${team.id}?period=${encodeURIComponent(data.period.key)}`} className="card block no-underline">
                  <span className="block font-bold text-brand-800 underline underline-offset-2">{team.name}</span>
                  <span className="block text-stone-700">
                    {t("reports.figures.trained")}: {team.trained}/{team.members} ·{" "}
                    <span className={team.inactive ? "font-bold text-red-800" : "text-brand-800"}>
                      {team.inactive ? t("reports.inactive") : t("reports.active")}
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="mb-8" aria-labelledby="topics-title">
        <h2 id="topics-title" className="text-2xl font-bold">
          {t("reports.topics")}
        </h2>
        <p className="mb-2 text-sm text-stone-600">{t("reports.topicsNote")}</p>
        <BarChart title={t("reports.topics")} rows={data.topics.map((tp) => ({ label: tp.title, value: tp.share }))} />
        {data.children.length ? <ReportTableView table={topicsTable} testId="topics-table" /> : null}
      </section>

      <section className="mb-8" aria-labelledby="lessons-title">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="lessons-title" className="text-2xl font-bold">
            {t("reports.lessons")}
          </h2>
          <ExportLinks href={`/reports/export?${data.query}&table=lessons`} />
        </div>
        <ReportTableView table={data.tables.lessons} testId="lessons-table" />
      </section>
      {/* Sends quizzes answered offline, as every signed-in page does. */}
      <PageScript />
    </div>
  );
}
