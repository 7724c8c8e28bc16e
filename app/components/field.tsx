import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { messageKey } from "~/i18n";

type Control = { "aria-invalid"?: boolean; "aria-describedby"?: string };

/** Label, hint and translated errors around any control, linked for screen readers. */
export function FieldFrame({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (control: Control) => ReactNode;
}) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mb-1 text-stone-600">
          {hint}
        </p>
      ) : null}
      {children({ "aria-invalid": errorId ? true : undefined, "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined })}
      {errorId ? (
        <p id={errorId} className="field-error" role="alert">
          {errors!.map((e) => t(messageKey(e))).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

type FieldProps = {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: React.InputHTMLAttributes<HTMLInputElement>;
};

/** A labelled input with its hint and translated errors. */
export function Field({ id, label, hint, errors, inputProps }: FieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {(control) => <input {...inputProps} {...control} id={id} className="field-input" />}
    </FieldFrame>
  );
}
