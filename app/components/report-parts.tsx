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

/**
 * Horizontal bars drawn with HTML on the server: no chart library reaches the
 * phone, and each label is ordinary text at the page's size that wraps between
 * words instead of being cut (issue 16). Prints with its colours.
 */
export function BarChart({ title, rows }: { title: string; rows: Array<{ label: string; value: number }> }) {
  return (
    <figure className="my-3 max-w-xl">
      <figcaption className="sr-only">{title}</figcaption>
      <ul className="space-y-2">
        {rows.map((row, i) => {
          const share = Math.max(0, Math.min(1, row.value));
          return (
            <li key={row.label + i}>
              <span className="flex items-baseline justify-between gap-3">
                <span>{row.label}</span>
                <span className="font-bold tabular-nums">{Math.round(share * 100)}%</span>
              </span>
              <span className="block h-4 rounded bg-stone-200 [print-color-adjust:exact]" aria-hidden="true">
                <span className="block h-4 rounded bg-brand-600" style={{ width: `${share * 100}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

export function ExportLinks({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex flex-wrap items-center gap-2 print:hidden">
      <span className="text-stone-600">{t("reports.export")}:</span>
      <a href={`${href}&format=csv`} className="link inline-flex min-h-tap min-w-tap items-center justify-center" download>
        {t("reports.csv")}
      </a>
      <a href={`${href}&format=xlsx`} className="link inline-flex min-h-tap min-w-tap items-center justify-center" download>
        {t("reports.xlsx")}
      </a>
    </span>
  );
}
