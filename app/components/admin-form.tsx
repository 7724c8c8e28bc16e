import { type FormMetadata, type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FieldFrame } from "~/components/field";
import { CsrfField } from "~/components/csrf-field";
import { messageKey } from "~/i18n";

type Message = { key: string; params?: Record<string, string | number> };
export type AdminActionData = { intent: string; result: unknown; done: Message | null; error: Message | null; slips: unknown };

export function useAdminActionData() {
  return useActionData() as AdminActionData | undefined;
}

// Conform keeps a form's first default values; a new id per saved value lets
// the form show what was just saved instead of what the page first loaded with.
function shortHash(text: string) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** A conform form for one intent of a page; only its own submission's result reaches it. */
export function useIntentForm<Schema extends z.ZodTypeAny>(intent: string, schema: Schema, defaultValue?: Record<string, string | null | undefined>) {
  const data = useAdminActionData();
  return useForm<z.input<Schema>, string[]>({
    id: `form-${intent}${defaultValue ? `-${shortHash(JSON.stringify(defaultValue))}` : ""}`,
    lastResult: data?.intent === intent ? (data.result as SubmissionResult<string[]>) : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    defaultValue: defaultValue as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/** The page's outcome: what was done, in green. Errors show inside their own form. */
export function DoneNotice() {
  const { t } = useTranslation();
  const data = useAdminActionData();
  if (!data?.done) return null;
  return (
    <p role="status" className="mb-4 rounded-lg border-2 border-brand-700 bg-brand-50 p-3 font-semibold text-brand-800" data-testid="done">
      {t(messageKey(data.done.key), data.done.params)}
    </p>
  );
}

export function RuleErrorNotice({ intent }: { intent: string }) {
  const { t } = useTranslation();
  const data = useAdminActionData();
  if (!data?.error || data.intent !== intent) return null;
  return (
    <p role="alert" className="mb-3 rounded-lg border-2 border-red-700 bg-red-50 p-3 font-semibold text-red-800">
      {t(messageKey(data.error.key), data.error.params)}
    </p>
  );
}

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
  const data = useAdminActionData();
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
        <button type="submit" className={`${danger ? "btn border-2 border-red-700 bg-white text-red-800 hover:bg-red-50" : "btn-primary"} w-full sm:w-auto`} disabled={busy}>
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
export function AwaitingSlipsList({ teams, className = "" }: { teams: Array<{ id: number; name: string; unit: string; waiting: number }>; className?: string }) {
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
