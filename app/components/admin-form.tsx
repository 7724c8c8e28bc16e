import { type FormMetadata, getFormProps } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldFrame } from "~/components/field";
import { CsrfField } from "~/components/csrf-field";
import { RuleErrorNotice, useFormActionData } from "./intent-form";

// The generic parts (the action's data, a form per intent, the done and refused notices)
// are every page's: app/components/intent-form.tsx. This file has what only admin-style
// pages add: folded action cards, select fields, the login slips waiting to be printed.

/**
 * One action of an admin page, folded away until needed so a phone screen
 * shows the facts first. It opens by itself when its last submission failed.
 */
export function ActionCard({
  title,
  hint,
  intent,
  form,
  submitLabel,
  danger,
  children,
}: {
  title: string;
  hint?: string;
  intent: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema's form
  form: FormMetadata<any, string[]>;
  submitLabel: string;
  danger?: boolean;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const data = useFormActionData();
  const navigation = useNavigation();
  const failed = data?.intent === intent && (data.error !== null || (data.result as { status?: string } | undefined)?.status === "error");
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <details className="card mb-3" open={failed || undefined}>
      <summary className="flex min-h-tap cursor-pointer items-center text-lg font-semibold">{title}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <CsrfField />
        <input type="hidden" name="intent" value={intent} />
        {hint ? <p className="mb-3 text-stone-700">{hint}</p> : null}
        <RuleErrorNotice intent={intent} />
        {children}
        <button type="submit" className={`${danger ? "btn-danger" : "btn-primary"} w-full sm:w-auto`} disabled={busy}>
          {submitLabel}
        </button>
        {busy ? <span className="ml-3 text-stone-600">{t("admin.common.save")}…</span> : null}
      </Form>
    </details>
  );
}

type SelectFieldProps = {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  options: Array<{ value: string; label: string }>;
  selectProps: React.SelectHTMLAttributes<HTMLSelectElement>;
};

/** A labelled select with translated errors, like Field. */
export function SelectField({ id, label, hint, errors, options, selectProps }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {(control) => (
        <select {...selectProps} {...control} id={id} className="field-input">
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** Teams whose imported members still wait for a temporary password and a login slip. */
export function AwaitingSlipsList({
  teams,
  className = "",
}: {
  teams: Array<{ id: number; name: string; unit: string; waiting: number }>;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <ul className={`divide-y divide-stone-200 ${className}`}>
      {teams.map((team) => (
        <li key={team.id}>
          <Link to={`/admin/teams/${team.id}`} className="flex min-h-tap flex-wrap items-center justify-between gap-x-3 py-2 no-underline">
            <span>
              <span className="link block">{team.name}</span>
              <span className="text-sm text-stone-600">{team.unit}</span>
            </span>
            <span className="font-semibold">{t("admin.overview.waiting", { count: team.waiting })}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
