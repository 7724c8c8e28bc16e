// The browser side of the one form pattern (handleForm, form-action.server.ts):
// a conform form per intent of a page, fed by its own submission's result, and the
// notices of what was done or which rule refused it. Server-rendered from the same
// data, so a page without JavaScript shows the same errors.
import { type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { messageKey } from "~/i18n";
import { firstFieldError, type FieldErrors } from "~/utils/forms";
import type { Message } from "~/utils/rule-error";
import { CsrfField } from "./csrf-field";
import { RuleMessage } from "./rule-message";

/** What handleForm answers. */
export type FormActionData = { intent: string; result: unknown; done: Message | null; error: Message | null; slips: unknown };

export function useFormActionData() {
  return useActionData() as FormActionData | undefined;
}

// Conform keeps a form's first default values; a new id per saved value lets
// the form show what was just saved instead of what the page first loaded with.
function shortHash(text: string) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** A conform form for one intent of a page; only its own submission's result reaches it. */
export function useIntentForm<Schema extends z.ZodTypeAny>(intent: string, schema: Schema, defaultValue?: Record<string, unknown>) {
  const data = useFormActionData();
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

/**
 * A field's value as the form was last sent (conform's initial value: what came
 * back after a refusal, else the page's default), for a plain input's defaultValue.
 */
export function sentText(field: { initialValue?: unknown } | undefined) {
  const v = field?.initialValue;
  return typeof v === "string" ? v : "";
}

/** The values of a field sent several times (ticked boxes), as the form was last sent. */
export function sentList(field: { initialValue?: unknown }): unknown[] {
  const v = field.initialValue;
  return Array.isArray(v) ? v : [v];
}

/** The page's outcome: what was done, in green. Errors show inside their own form. */
export function DoneNotice({ intent }: { intent?: string } = {}) {
  const { t } = useTranslation();
  const data = useFormActionData();
  if (!data?.done || (intent !== undefined && data.intent !== intent)) return null;
  return (
    <p role="status" className="mb-4 rounded-lg border-2 border-brand-700 bg-brand-50 p-3 font-semibold text-brand-800" data-testid="done">
      {t(messageKey(data.done.key), data.done.params)}
    </p>
  );
}

/** What went wrong with the last submission: the rule the model gave, else the first field's message; null when nothing did. */
export function submissionProblem(data: FormActionData | undefined): Message | null {
  if (!data) return null;
  const first = firstFieldError((data.result as { error?: FieldErrors } | undefined)?.error);
  return data.error ?? (first ? { key: messageKey(first) } : null);
}

/** The rule that refused this intent's last submission, in the reader's language. */
export function RuleErrorNotice({ intent }: { intent: string }) {
  const data = useFormActionData();
  return <RuleMessage message={data?.intent === intent ? data.error : null} />;
}

/**
 * A form that is one button: it posts its intent and the ids it acts on to this
 * page's action (works without JavaScript). With `confirmText`, a browser that
 * runs scripts asks first; the action still checks every rule.
 */
export function IntentButton({
  intent,
  values = {},
  className,
  confirmText,
  children,
}: {
  intent: string;
  values?: Record<string, string | number>;
  className: string;
  confirmText?: string;
  children: ReactNode;
}) {
  return (
    <Form
      method="post"
      onSubmit={
        confirmText
          ? (e) => {
              if (!confirm(confirmText)) e.preventDefault();
            }
          : undefined
      }
    >
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className}>
        {children}
      </button>
    </Form>
  );
}
