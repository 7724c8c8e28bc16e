import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart, ExportLinks, PeriodPicker, number, percent, usePeriodLabel } from "~/components/report-parts";
import { unitNamesAt } from "~/models/admin-units.server";
import { coverage, periodEnd } from "~/models/coverage.server";
import { reportContext } from "~/models/report-access.server";
import { unitAncestry } from "~/models/unit.server";
import { pathIds } from "~/utils/unit-path";

export const meta: MetaFunction = () => [{ title: "Báo cáo độ phủ · Kỹ Năng Số" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await reportContext(request);
  const data = await coverage(ctx.unit, ctx.period, ctx.language);
  // Units show the names they had at the end of the period.
  const names = await unitNamesAt([data.unit.id, ...data.children.map((c) => c.id)], periodEnd(ctx.period));
  data.unit.name = names.get(data.unit.id) ?? data.unit.name;
  for (const child of data.children) child.name = names.get(child.id) ?? child.name;
  // Breadcrumbs from the user's own unit down: nothing above it is shown.
  const ids = pathIds(ctx.unit.path);
  const top = ids.indexOf(ctx.user.scopeUnit!.id);
  const ancestry = (await unitAncestry(ctx.unit.path)).filter((u) => ids.indexOf(u.id) >= top);
  return { ...data, period: ctx.period, choices: ctx.choices, query: ctx.query, ancestry, atScopeTop: ctx.atScopeTop };
}

export default function CoverageDashboard() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const f = data.figures;
  const q = (unit: number) => `?unit=${unit}&period=${encodeURIComponent(data.period.key)}`;
  const cards: Array<[string, string, string?]> = [
    [t("reports.figures.teams"), number(f.teams)],
    [t("reports.figures.members"), number(f.members)],
    [t("reports.figures.trained"), `${number(f.trained)} (${percent(f.trainedShare)})`],
    [t("reports.figures.completions"), number(f.completions)],
    [t("reports.figures.passRate"), `${percent(f.passRate)}`, `${number(f.passed)}/${number(f.attempts)}`],
    [t("reports.figures.sessions"), number(f.sessions)],
    [t("reports.figures.inactiveTeams"), `${number(f.inactiveTeams)}/${number(f.teams)}`],
    [t("reports.figures.residentsGuided"), number(f.fields.residentsGuided)],
    [t("reports.figures.vneid"), `${number(f.fields.vneidLevel1)} / ${number(f.fields.vneidLevel2)}`],
    [t("reports.figures.publicAccounts"), number(f.fields.publicAccounts)],
    [t("reports.figures.paymentAccounts"), number(f.fields.paymentAccounts)],
    [t("reports.figures.productsOnline"), number(f.fields.productsOnline)],
  ];
  return (
    <div className="lg:max-w-none">
      <nav className="mb-1 text-stone-700" aria-label={t("reports.unit")}>
        {data.ancestry.map((u, i) => (
          <span key={u.id}>
            {i > 0 ? " › " : ""}
            {u.id === data.unit.id ? (
              <span>{u.name}</span>
            ) : (
              <Link to={q(u.id)} className="link">
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
      </p>

      <dl className="mb-2 grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="report-figures">
        {cards.map(([label, value, sub]) => (
          <div key={label} className="card p-3">
            <dt className="text-sm font-semibold text-stone-600">{label}</dt>
            <dd className="text-2xl font-bold tabular-nums">{value}</dd>
            {sub ? <dd className="text-sm text-stone-600">{sub}</dd> : null}
          </div>
        ))}
      </dl>
      <p className="mb-6 text-sm text-stone-600">{t("reports.trainedNote")}</p>

      {data.children.length ? (
        <section className="mb-8" aria-labelledby="children-title">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="children-title" className="text-2xl font-bold">
              {t("reports.byChild")}
            </h2>
            <ExportLinks href={`/reports/export?${data.query}&table=children`} />
          </div>
          <BarChart title={t("reports.chart")} rows={data.children.map((c) => ({ label: c.name, value: c.figures.trainedShare }))} />
          <div className="overflow-x-auto">
            <table className="table-basic min-w-[40rem]" data-testid="children-table">
              <thead>
                <tr>
                  <th scope="col">{t("reports.unit")}</th>
                  <th scope="col" className="text-right">{t("reports.figures.teams")}</th>
                  <th scope="col" className="text-right">{t("reports.figures.members")}</th>
                  <th scope="col" className="text-right">{t("reports.figures.trained")}</th>
                  <th scope="col" className="text-right">{t("reports.figures.completions")}</th>
                  <th scope="col" className="text-right">{t("reports.figures.passRate")}</th>
                  <th scope="col" className="text-right">{t("reports.figures.sessions")}</th>
                  <th scope="col" className="text-right">{t("reports.figures.inactiveTeams")}</th>
                </tr>
              </thead>
              <tbody>
                {data.children.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className="font-normal">
                      <Link to={q(c.id)} className="link">
                        {c.name}
                      </Link>
                    </th>
                    <td className="text-right tabular-nums">{number(c.figures.teams)}</td>
                    <td className="text-right tabular-nums">{number(c.figures.members)}</td>
                    <td className="text-right tabular-nums">
                      {number(c.figures.trained)} ({percent(c.figures.trainedShare)})
                    </td>
                    <td className="text-right tabular-nums">{number(c.figures.completions)}</td>
                    <td className="text-right tabular-nums">{percent(c.figures.passRate)}</td>
                    <td className="text-right tabular-nums">{number(c.figures.sessions)}</td>
                    <td className={`text-right tabular-nums ${c.figures.inactiveTeams ? "font-bold text-red-800" : ""}`}>{number(c.figures.inactiveTeams)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
                    <span className={team.inactive ? "font-bold text-red-800" : "text-brand-800"}>{team.inactive ? t("reports.inactive") : t("reports.active")}</span>
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
        {data.children.length ? (
          <div className="overflow-x-auto">
            <table className="table-basic min-w-[36rem]">
              <thead>
                <tr>
                  <th scope="col">{t("reports.unit")}</th>
                  {data.topics.map((tp) => (
                    <th key={tp.id} scope="col" className="text-right">
                      {tp.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.children.map((c, ci) => (
                  <tr key={c.id}>
                    <th scope="row" className="font-normal">
                      {c.name}
                    </th>
                    {data.topics.map((tp) => (
                      <td key={tp.id} className="text-right tabular-nums">
                        {percent(tp.byChild[ci].share)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="mb-8" aria-labelledby="lessons-title">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="lessons-title" className="text-2xl font-bold">
            {t("reports.lessons")}
          </h2>
          <ExportLinks href={`/reports/export?${data.query}&table=lessons`} />
        </div>
        <div className="overflow-x-auto">
          <table className="table-basic">
            <thead>
              <tr>
                <th scope="col">{t("reports.lesson")}</th>
                <th scope="col" className="text-right">{t("reports.completed")}</th>
                <th scope="col" className="text-right">{t("reports.share")}</th>
              </tr>
            </thead>
            <tbody>
              {data.lessons.map((l) => (
                <tr key={l.slug}>
                  <td>{l.title}</td>
                  <td className="text-right tabular-nums">{number(l.completed)}</td>
                  <td className="text-right tabular-nums">{percent(l.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
