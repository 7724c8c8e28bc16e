import { useTranslation } from "react-i18next";

type FieldProps = {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: React.InputHTMLAttributes<HTMLInputElement>;
};

/** A labelled input with its hint and translated errors, linked for screen readers. */
export function Field({ id, label, hint, errors, inputProps }: FieldProps) {
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
      <input
        {...inputProps}
        id={id}
        className="field-input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {errorId ? (
        <p id={errorId} className="field-error" role="alert">
          {errors!.map((e) => t(e)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}
