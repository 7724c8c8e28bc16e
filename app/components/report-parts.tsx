import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type PeriodView, periodLabel } from "~/utils/period-label";

export type { PeriodView };

export function usePeriodLabel() {
  const { t } = useTranslation();
  return (p: PeriodView) => periodLabel(t, p);
}

/** Picks a period with a plain GET form (works without JavaScript). */
export function PeriodPicker({ period, choices, unitId }: { period: PeriodView; choices: PeriodView[]; unitId: number }) {
  const { t } = useTranslation();
  const label = usePeriodLabel();
  const options = choices.some((c) => c.key === period.key) ? choices : [period, ...choices];
  return (
    <Form method="get" className="mb-4 print:hidden">
      <input type="hidden" name="unit" value={unitId} />
      <div className="flex flex-wrap items-end gap-2">
        <label className="min-w-[12rem] flex-1">
          <span className="field-label">{t("reports.period")}</span>
          <select name="period" defaultValue={period.key} className="field-input">
            {options.map((p) => (
              <option key={p.key} value={p.key}>
                {label(p)}
              </option>
            ))}
            <option value="custom">{t("reports.periodCustom")}</option>
          </select>
        </label>
        <button type="submit" className="btn-primary">
          {t("reports.show")}
        </button>
      </div>
      <details className="mt-2" open={period.kind === "custom"}>
        <summary className="min-h-tap cursor-pointer">{t("reports.periodCustom")}</summary>
        <div className="flex flex-wrap gap-2">
          <label>
            <span className="field-label">{t("reports.from")}</span>
            <input type="month" name="from" defaultValue={period.from} className="field-input" />
          </label>
          <label>
            <span className="field-label">{t("reports.to")}</span>
            <input type="month" name="to" defaultValue={period.to} className="field-input" />
          </label>
        </div>
      </details>
    </Form>
  );
}

/** Horizontal bars, rendered on the server as SVG: no chart library reaches the phone. */
export function BarChart({ title, rows }: { title: string; rows: Array<{ label: string; value: number }> }) {
  const barHeight = 26;
  const gap = 10;
  const labelWidth = 150;
  const width = 360;
  const height = rows.length * (barHeight + gap);
  return (
    <figure className="my-3">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} className="max-w-xl">
        {rows.map((row, i) => {
          const y = i * (barHeight + gap);
          const w = Math.max(0, Math.min(1, row.value)) * (width - labelWidth - 50);
          const name = row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label;
          return (
            <g key={row.label + i}>
              <text x={0} y={y + barHeight * 0.7} fontSize="13" fill="#1c1917">
                {name}
              </text>
              <rect x={labelWidth} y={y} width={width - labelWidth - 50} height={barHeight} fill="#e7e5e4" rx={4} />
              <rect x={labelWidth} y={y} width={w} height={barHeight} fill="#047857" rx={4} />
              <text x={labelWidth + w + 4} y={y + barHeight * 0.7} fontSize="13" fill="#1c1917">
                {Math.round(row.value * 100)}%
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{title}</figcaption>
    </figure>
  );
}

export const percent = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)}%`);
export const number = (value: number) => value.toLocaleString("vi-VN");

export function ExportLinks({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex flex-wrap items-center gap-2 print:hidden">
      <span className="text-stone-600">{t("reports.export")}:</span>
      <a href={`${href}&format=csv`} className="link" download>
        {t("reports.csv")}
      </a>
      <a href={`${href}&format=xlsx`} className="link" download>
        {t("reports.xlsx")}
      </a>
    </span>
  );
}
