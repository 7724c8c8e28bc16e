import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deleteResult, recentResults, recordResults, updateResult } from "~/models/field-result.server";
import { EDIT_DAYS, FIELD_KINDS, MAX_DAILY_COUNT } from "~/utils/field-kinds";
import { requireUser } from "~/utils/auth.server";
import { toVietnamLocal } from "~/utils/time";
import { readForm } from "~/utils/request-body.server";
import { handleForm } from "~/utils/form-action.server";
import { PRODUCT_NAME_MAX, RecordResultsSchema, ResultsFormSchema } from "~/utils/result-forms";
import { DoneNotice, IntentButton, sentText, submissionProblem, useFormActionData, useIntentForm } from "~/components/intent-form";
import { RuleMessage } from "~/components/rule-message";
import { CsrfField } from "~/components/csrf-field";
import { PageScript } from "~/components/page-script";
import { Stepper } from "~/components/stepper";
import type { RouteHandle } from "~/root";
import { messageKey } from "~/i18n";

// Plain HTML: the forms post as forms; the page script only adds the − and + taps.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.results" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    hasTeam: Boolean(user.team),
    today: toVietnamLocal(new Date()).date,
    entries: user.team ? await recentResults(user) : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleForm(await readForm(request), ResultsFormSchema, async (form) => {
    if (form.intent === "create") {
      const entries = FIELD_KINDS.map((kind) => ({
        kind,
        count: form[kind],
        productName: kind === "product-online" ? form.productName : null,
        ocop: kind === "product-online" ? form.ocop : false,
      }));
      const { created } = await recordResults(user, form.date, entries);
      return { done: { key: "results.saved", params: { count: created } } };
    }
    if (form.intent === "delete") await deleteResult(user, form.id);
    else await updateResult(user, form.id, { count: form.count, productName: form.productName, ocop: form.ocop });
    throw redirect("/results");
  });
}

/** The problem of the last submission (any of the page's forms); a count's message says its limit. */
function Problem() {
  const problem = submissionProblem(useFormActionData());
  return <RuleMessage message={problem && { key: problem.key, params: { max: MAX_DAILY_COUNT, ...problem.params } }} />;
}

export default function ResultsPage() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useIntentForm("create", RecordResultsSchema, { date: data.today });
  const editing = Number(params.get("edit"));
  const value = (name: string) => sentText(fields[name as keyof typeof fields]);
  if (!data.hasTeam) return <p className="card">{t("results.noTeam")}</p>;
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t("results.title")}</h1>
      <p className="mb-4 text-stone-700">{t("results.intro", { days: EDIT_DAYS })}</p>
      {/* An evening with residents is recorded as an event: its counts come here by themselves. */}
      <p className="mb-4">
        <a href="/events" className="btn-secondary w-full">
          {t("events.homeLink")}
        </a>
      </p>
      <DoneNotice intent="create" />
      <Problem />
      {/* Conform gives the form back as sent after a refusal, and empty after a save. */}
      <Form method="post" className="card mb-6" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="create" />
        <label htmlFor="f-date" className="field-label">
          {t("results.date")}
        </label>
        <input
          id="f-date"
          name={fields.date.name}
          type="date"
          max={data.today}
          defaultValue={value("date") || data.today}
          className="field-input mb-4"
          required
        />
        {FIELD_KINDS.map((kind) => (
          <Stepper key={kind} id={`f-${kind}`} name={kind} label={t(messageKey(`results.kinds.${kind}`))} defaultValue={value(kind)} max={MAX_DAILY_COUNT} />
        ))}
        <label htmlFor="f-product" className="field-label">
          {t("results.productName")}
        </label>
        <input id="f-product" name={fields.productName.name} defaultValue={value("productName")} className="field-input mb-2" maxLength={PRODUCT_NAME_MAX} />
        <label className="mb-4 flex min-h-tap items-center gap-3">
          <input type="checkbox" name={fields.ocop.name} defaultChecked={value("ocop") === "on"} className="h-6 w-6 accent-brand-700" />
          {t("results.ocop")}
        </label>
        <button type="submit" className="btn-primary w-full text-lg">
          {t("results.save")}
        </button>
      </Form>

      <h2 className="mb-2 text-xl font-bold">{t("results.recent")}</h2>
      {data.entries.length === 0 ? (
        <p>{t("results.none")}</p>
      ) : (
        <ul className="space-y-2">
          {data.entries.map((e) => (
            <li key={e.id} className="card p-3" data-result={e.id}>
              <p className="font-semibold">
                {e.date.split("-").reverse().join("/")} · {t(messageKey(`results.kinds.${e.kind}`))}: <span className="text-xl">{e.count}</span>
              </p>
              {e.productName ? (
                <p>
                  {e.productName}
                  {e.ocop ? " (OCOP)" : ""}
                </p>
              ) : null}
              {e.eventId !== null ? (
                <p>
                  <a href="/events" className="link-tap">
                    {t("results.fromEvent")}
                  </a>
                </p>
              ) : !e.editable ? (
                <p className="text-stone-600">🔒 {t("results.locked")}</p>
              ) : editing === e.id ? (
                <Form method="post" className="mt-2 space-y-2">
                  <CsrfField />
                  <input type="hidden" name="intent" value="update" />
                  <input type="hidden" name="id" value={e.id} />
                  <input
                    name="count"
                    type="number"
                    min={0}
                    max={MAX_DAILY_COUNT}
                    defaultValue={e.count}
                    aria-label={t(messageKey(`results.kinds.${e.kind}`))}
                    className="field-input"
                  />
                  {e.kind === "product-online" ? (
                    <>
                      <input name="productName" defaultValue={e.productName ?? ""} aria-label={t("results.productName")} className="field-input" />
                      <label className="flex min-h-tap items-center gap-3">
                        <input type="checkbox" name="ocop" defaultChecked={e.ocop} className="h-6 w-6 accent-brand-700" />
                        {t("results.ocop")}
                      </label>
                    </>
                  ) : null}
                  <button type="submit" className="btn-primary">
                    {t("results.update")}
                  </button>
                </Form>
              ) : (
                <div className="mt-2 flex gap-2">
                  <a href={`?edit=${e.id}`} className="btn-secondary">
                    {t("results.edit")}
                  </a>
                  <IntentButton intent="delete" values={{ id: e.id }} className="btn-danger">
                    {t("results.delete")}
                  </IntentButton>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <PageScript />
    </div>
  );
}
