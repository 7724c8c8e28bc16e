import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ExportLinks, PeriodPicker, number, usePeriodLabel } from "~/components/report-parts";
import { periodEnd, periodicReport } from "~/models/coverage.server";
import { unitNamesAt } from "~/models/admin-units.server";
import { reportContext } from "~/models/report-access.server";
import { forbidden } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { toVietnamLocal } from "~/utils/time";
import { readForm } from "~/utils/request-body.server";
import { CsrfField } from "~/components/csrf-field";

export const meta: MetaFunction = () => [{ title: "Báo cáo định kỳ · Kỹ Năng Số" }];

const TEXT_KEYS = ["difficulties", "causes", "proposals", "plan"] as const;
const TextSchema = z.object(Object.fromEntries(TEXT_KEYS.map((k) => [k, z.string().max(5000, "reports.textLong")])) as Record<(typeof TEXT_KEYS)[number], z.ZodString>);

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await reportContext(request);
  const report = periodicReport(ctx.unit, ctx.period);
  // A past report keeps the name the unit had then (units were renamed and merged in 2025).
  const nameThen = (await unitNamesAt([ctx.unit.id], periodEnd(ctx.period))).get(ctx.unit.id) ?? ctx.unit.name;
  const text = await prisma.reportText.findUnique({
    where: { unitId_period: { unitId: ctx.unit.id, period: ctx.period.key } },
    select: { difficulties: true, causes: true, proposals: true, plan: true },
  });
  return {
    unit: { id: ctx.unit.id, name: nameThen },
    period: ctx.period,
    choices: ctx.choices,
    query: ctx.query,
    report,
    text: text ?? { difficulties: "", causes: "", proposals: "", plan: "" },
    canWrite: ctx.user.role === "supervisor" || ctx.user.role === "admin",
    today: toVietnamLocal(new Date()).date.split("-").reverse().join("/"),
  };
}

/** Saves the sections the supervisor writes; figures are never typed in. */
export async function action({ request }: ActionFunctionArgs) {
  const ctx = await reportContext(request);
  if (ctx.user.role !== "supervisor" && ctx.user.role !== "admin") forbidden();
  const formData = await readForm(request);
  const parsed = TextSchema.safeParse(Object.fromEntries(TEXT_KEYS.map((k) => [k, String(formData.get(k) ?? "")])));
  const [unitId, period, userId] = [ctx.unit.id, ctx.period.key, ctx.user.id];
  if (!parsed.success) return json({ error: "reports.textLong", saved: false }, { status: 400 });
  await prisma.reportText.upsert({
    where: { unitId_period: { unitId, period } },
    create: { unitId, period, updatedById: userId, ...parsed.data },
    update: { updatedById: userId, ...parsed.data },
  });
  return json({ error: null, saved: true });
}

export default function PeriodicReport() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const periodLabel = usePeriodLabel();
  const i = data.report.indicators;
  const rows: Array<[number, string, string, React.ReactNode]> = [
    [1, t("reports.indicators.households"), t("reports.units.households"), number(i.households)],
    [2, t("reports.indicators.sessions"), t("reports.units.sessions"), number(i.sessions)],
    [3, t("reports.indicators.membersTrained"), t("reports.units.people"), `${number(i.membersTrained)} (${t("reports.indicators.ofMembers", { members: number(i.members) })})`],
    [4, t("reports.indicators.residentsGuided"), t("reports.units.people"), number(i.residentsGuided)],
    [5, t("reports.indicators.publicAccounts"), t("reports.units.accounts"), number(i.publicAccounts)],
    [
      6,
      t("reports.indicators.vneid"),
      t("reports.units.accounts"),
      <>
        {number(i.vneidTotal)} <span className="block text-sm">{t("reports.indicators.vneidDetail", { l1: number(i.vneidLevel1), l2: number(i.vneidLevel2) })}</span>
      </>,
    ],
    [7, t("reports.indicators.paymentAccounts"), t("reports.units.accounts"), number(i.paymentAccounts)],
    [
      8,
      t("reports.indicators.ocopOnline"),
      t("reports.units.products"),
      <>
        {i.ocopProducts.length}
        {i.ocopProducts.length ? <span className="block text-sm">{i.ocopProducts.join(", ")}</span> : null}
      </>,
    ],
    [
      9,
      t("reports.indicators.otherOnline"),
      t("reports.units.products"),
      <>
        {i.otherProducts.length}
        {i.otherProducts.length ? <span className="block text-sm">{i.otherProducts.join(", ")}</span> : null}
      </>,
    ],
  ];
  return (
    <article className="periodic-report">
      <p className="mb-2 print:hidden">
        <Link to={`/reports?${data.query}`} className="link-tap">
          ← {t("reports.title")}
        </Link>
      </p>
      <PeriodPicker period={data.period} choices={data.choices} unitId={data.unit.id} />
      <div className="mb-4 flex flex-wrap items-center gap-3 print:hidden">
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          {t("reports.print")}
        </button>
        <ExportLinks href={`/reports/export?${data.query}&table=periodic`} />
      </div>

      <p className="text-right italic">{t("reports.place", { unit: data.unit.name, date: data.today })}</p>
      <h1 className="mt-2 text-center text-2xl font-bold">{t("reports.periodicTitle")}</h1>
      <p className="mb-4 text-center font-bold">{t("reports.periodicSubtitle", { unit: data.unit.name, period: periodLabel(data.period) })}</p>

      <h2 className="mb-2 text-lg font-bold">{t("reports.section1")}</h2>
      <h3 className="mb-2 font-bold">{t("reports.indicatorsTitle")}</h3>
      <div className="overflow-x-auto">
        <table className="report-table mb-4 w-full border-collapse text-left" data-testid="periodic-indicators">
          <thead>
            <tr>
              <th scope="col">{t("reports.no")}</th>
              <th scope="col">{t("reports.content")}</th>
              <th scope="col">{t("reports.measure")}</th>
              <th scope="col">{t("reports.value")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([n, label, measure, value]) => (
              <tr key={n}>
                <td className="text-center">{n}</td>
                <td>{label}</td>
                <td>{measure}</td>
                <td className="tabular-nums">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 className="mb-2 font-bold">{t("reports.levelsTitle")}</h3>
      <div className="overflow-x-auto">
        <table className="report-table mb-6 w-full border-collapse text-left" data-testid="periodic-levels">
          <thead>
            <tr>
              <th scope="col">{t("reports.level")}</th>
              <th scope="col">{t("reports.unitsWithTeam")}</th>
              <th scope="col">{t("reports.figures.teams")}</th>
              <th scope="col">{t("reports.figures.members")}</th>
            </tr>
          </thead>
          <tbody>
            {data.report.levels.map((l) => (
              <tr key={l.levelKey}>
                <td>{i18n.language === "en" ? l.nameEn : l.nameVi}</td>
                <td className="tabular-nums">{number(l.units)}</td>
                <td className="tabular-nums">{number(l.teams)}</td>
                <td className="tabular-nums">{number(l.members)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {data.canWrite ? (
        <Form method="post" className="print:hidden">
          <CsrfField />
          <h2 className="mb-2 text-lg font-bold">{t("reports.textTitle")}</h2>
          {TEXT_KEYS.map((key) => (
            <div key={key} className="mb-3">
              <label htmlFor={`text-${key}`} className="field-label">
                {t(`reports.text.${key}`)}
              </label>
              <textarea id={`text-${key}`} name={key} rows={4} defaultValue={data.text[key]} maxLength={5000} className="field-input" />
            </div>
          ))}
          {actionData?.error ? (
            <p className="field-error" role="alert">
              {t(actionData.error)}
            </p>
          ) : null}
          {actionData?.saved && navigation.state === "idle" ? (
            <p className="font-semibold text-brand-800" role="status">
              {t("reports.textSaved")}
            </p>
          ) : null}
          <button type="submit" className="btn-primary">
            {t("reports.saveText")}
          </button>
        </Form>
      ) : null}
      {/* The written sections as they print. */}
      <div className="hidden print:block">
        {TEXT_KEYS.map((key) => (
          <section key={key} className="mb-3">
            <h2 className="font-bold">{t(`reports.text.${key}`)}</h2>
            <p className="whitespace-pre-line">{data.text[key] || "…"}</p>
          </section>
        ))}
      </div>
    </article>
  );
}
