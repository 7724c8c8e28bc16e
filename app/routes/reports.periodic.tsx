import { type SubmissionResult, getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field";
import { useFormActionData } from "~/components/intent-form";
import { handleForm } from "~/utils/form-action.server";
import { messageKey } from "~/i18n";
import { Field, FieldFrame } from "~/components/field";
import { OfficialDocument } from "~/components/official-document";
import { PeriodPicker } from "~/components/report-parts";
import { i18nServer } from "~/i18n.server";
import { periodicDocument, reportInputs, saveReport } from "~/models/periodic-document.server";
import { reportContext } from "~/utils/report-access.server";
import { forbidden } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";
import { PeriodicReportSchema, SECTION_MAX } from "~/utils/report-forms";
import type { RouteHandle } from "~/root";
import { BackLink } from "~/components/back-link";

export const handle: RouteHandle = { title: "pageTitles.periodic" };

const canWrite = (role: string) => role === "supervisor" || role === "admin";

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await reportContext(request);
  const t = await i18nServer.getFixedT(ctx.language);
  const inputs = await reportInputs(ctx.unit, ctx.period, t);
  const doc = await periodicDocument(ctx.unit, ctx.period, ctx.language, t, new Date(), inputs);
  return {
    doc,
    form: { ...inputs.parts, ...inputs.sections },
    unit: { id: ctx.unit.id, name: doc.unit.name },
    period: ctx.period,
    choices: ctx.choices,
    query: ctx.query,
    canWrite: canWrite(ctx.user.role),
  };
}

/** Saves the sections and document parts the supervisor writes; figures are never typed in. */
export async function action({ request }: ActionFunctionArgs) {
  const ctx = await reportContext(request);
  if (!canWrite(ctx.user.role)) forbidden();
  return handleForm(
    await readForm(request),
    PeriodicReportSchema,
    async (report) => {
      await saveReport(ctx.user, ctx.unit.id, ctx.period.key, report);
      return { done: { key: "reports.document.saved" } };
    },
    { keepValues: true },
  );
}

export default function PeriodicReport() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const files = (format: string) => `/reports/periodic/${format}?${data.query}`;
  return (
    <div>
      <BackLink to={`/reports?${data.query}`}>{t("reports.title")}</BackLink>
      <h1 className="mb-2 text-2xl font-bold print:hidden">
        {t("reports.periodic")} · {data.unit.name}
      </h1>
      <PeriodPicker period={data.period} choices={data.choices} unitId={data.unit.id} />
      <div className="mb-4 flex flex-col gap-3 print:hidden">
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className="btn-primary" onClick={() => window.print()}>
            {t("reports.print")}
          </button>
          {data.canWrite ? (
            <a href="#edit" className="btn-secondary">
              {t("reports.document.jumpToEdit")}
            </a>
          ) : null}
        </div>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="text-stone-600">{t("reports.export")}:</span>
          <a href={files("docx")} className="link-tap" download>
            {t("reports.document.word")}
          </a>
          <a href={files("xlsx")} className="link-tap" download>
            {t("reports.xlsx")}
          </a>
          <a href={files("csv")} className="link-tap" download>
            {t("reports.csv")}
          </a>
        </p>
        <p>
          <Link to={`/reports/ocop?unit=${data.unit.id}`} className="link-tap">
            {t("reports.document.ocopLink")}
          </Link>
        </p>
      </div>

      <OfficialDocument doc={data.doc} />

      {data.canWrite ? <ReportForm key={`${data.unit.id}-${data.period.key}`} defaults={data.form} /> : null}
    </div>
  );
}

type FormValues = Record<string, string>;

function ReportForm({ defaults }: { defaults: FormValues }) {
  const { t } = useTranslation();
  const actionData = useFormActionData();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "periodic-report",
    lastResult: actionData?.result as SubmissionResult<string[]> | undefined,
    constraint: getZodConstraint(PeriodicReportSchema),
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    // Errors clear while typing, not on blur: a message vanishing on blur moves the button from under the tapping finger.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PeriodicReportSchema }),
  });
  const text = (name: "parentBody" | "issuer" | "symbol" | "place" | "signerName", hint?: string) => (
    <Field
      id={fields[name].id}
      label={t(`reports.parts.${name}`)}
      hint={hint}
      errors={fields[name].errors}
      inputProps={getInputProps(fields[name], { type: "text" })}
    />
  );
  const area = (name: keyof typeof fields & string, label: string, hint: string | undefined, rows: number, max: number) => (
    <FieldFrame id={fields[name].id} label={label} hint={hint} errors={fields[name].errors}>
      {(control) => <textarea {...getTextareaProps(fields[name])} {...control} id={fields[name].id} rows={rows} maxLength={max} className="field-input" />}
    </FieldFrame>
  );
  const busy = navigation.state === "submitting";
  return (
    // The anchor sits on a wrapper: conform ties every field to the form by the form's own id.
    <section id="edit" className="mt-6 print:hidden">
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <h2 className="mb-1 text-2xl font-bold">{t("reports.document.edit")}</h2>
        <p className="mb-4 text-stone-700">{t("reports.document.editHint")}</p>

        <fieldset className="card mb-4">
          <legend className="px-1 text-lg font-bold">{t("reports.document.bodyPart")}</legend>
          {area("intro", t("reports.text.intro"), t("reports.text.introHint"), 3, 2000)}
          {area("difficulties", t("reports.text.difficulties"), undefined, 5, SECTION_MAX)}
          {area("causes", t("reports.text.causes"), undefined, 4, SECTION_MAX)}
          {area("proposals", t("reports.text.proposals"), undefined, 4, SECTION_MAX)}
          {area("plan", t("reports.text.plan"), undefined, 4, SECTION_MAX)}
        </fieldset>

        <fieldset className="card mb-4">
          <legend className="px-1 text-lg font-bold">{t("reports.document.headPart")}</legend>
          {text("parentBody", t("reports.parts.parentBodyHint"))}
          {text("issuer", t("reports.parts.issuerHint"))}
          {text("symbol", t("reports.parts.symbolHint"))}
          {text("place", t("reports.parts.placeHint"))}
        </fieldset>

        <fieldset className="card mb-4">
          <legend className="px-1 text-lg font-bold">{t("reports.document.footPart")}</legend>
          {area("recipients", t("reports.parts.recipients"), t("reports.parts.recipientsHint"), 4, 1000)}
          {area("signerPosition", t("reports.parts.signerPosition"), t("reports.parts.signerPositionHint"), 3, 300)}
          {text("signerName")}
        </fieldset>

        {actionData?.done && navigation.state === "idle" ? (
          <p className="mb-3 font-semibold text-brand-800" role="status">
            {t(messageKey(actionData.done.key))}
          </p>
        ) : null}
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("reports.document.save")}
        </button>
      </Form>
    </section>
  );
}
