import { useTranslation } from "react-i18next";

/**
 * A count typed on a phone: a large number field with − and + beside it (shown
 * by the page script, app/browser/page.ts; without it the number is typed).
 */
export function Stepper({ id, name, label, defaultValue, max = 1000 }: { id: string; name: string; label: string; defaultValue: string; max?: number }) {
  const { t } = useTranslation();
  const step = (delta: number, word: string, sign: string) => (
    <button type="button" className="btn-secondary w-14 text-2xl" aria-label={`${word}: ${label}`} data-step={delta} data-step-for={id} hidden>
      {sign}
    </button>
  );
  return (
    <div className="mb-3">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="flex items-stretch gap-2">
        {step(-1, t("results.less"), "−")}
        <input
          id={id}
          name={name}
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          defaultValue={defaultValue}
          className="field-input text-center text-xl"
        />
        {step(1, t("results.more"), "+")}
      </div>
    </div>
  );
}
