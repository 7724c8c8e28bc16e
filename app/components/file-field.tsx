import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldFrame } from "~/components/field";

/**
 * A file picker in the page's language: the browser's own button says
 * "Choose File" in the browser's language whatever the site's, so the input
 * is hidden visually (still focusable and announced) and its label is the button.
 */
export function FileField({
  id,
  label,
  hint,
  errors,
  inputProps,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: React.InputHTMLAttributes<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {(control) => (
        <div className="flex flex-wrap items-center gap-3">
          <input
            {...inputProps}
            {...control}
            id={id}
            type="file"
            className="peer sr-only"
            onChange={(e) => {
              setChosen(e.currentTarget.files?.[0]?.name ?? null);
              inputProps.onChange?.(e);
            }}
          />
          <label htmlFor={id} className="btn-secondary cursor-pointer peer-focus-visible:ring-4 peer-focus-visible:ring-brand-600/40" aria-hidden="true">
            {t("admin.import.chooseFile")}
          </label>
          <span className="break-all text-stone-700" data-testid={`${id}-chosen`}>
            {chosen ?? t("admin.import.noFile")}
          </span>
        </div>
      )}
    </FieldFrame>
  );
}
