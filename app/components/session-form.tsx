import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { TrainingSessionSchema } from "~/utils/training-session-forms";
import { CsrfField } from "~/components/csrf-field";
import { RuleErrorNotice } from "~/components/intent-form";
import { messageKey } from "~/i18n";

export type SessionFormOptions = {
  unitId: number;
  units: Array<{ id: number; name: string; depth: number }>;
  teams: Array<{ id: number; name: string; unit: string; members: number }>;
  topics: Array<{ id: string; title: string; lessons: Array<{ slug: string; title: string }> }>;
};

export type SessionDefaults = {
  title?: string;
  date?: string;
  time?: string;
  durationMinutes?: number;
  place?: string;
  note?: string | null;
  teamIds?: number[];
  lessonSlugs?: string[];
};

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {errors.map((e) => t(messageKey(e))).join(" ")}
    </p>
  );
}

/** Schedule or edit a session. The unit is picked first (a GET), so the teams listed are the unit's own. */
export function SessionForm({
  options,
  defaults,
  lastResult,
  submitLabel,
}: {
  options: SessionFormOptions;
  defaults: SessionDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [form, fields] = useForm({
    id: "session",
    lastResult,
    constraint: getZodConstraint(TrainingSessionSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrainingSessionSchema }),
    defaultValue: {
      ...defaults,
      unitId: String(options.unitId),
      durationMinutes: String(defaults.durationMinutes ?? 120),
      teamIds: (defaults.teamIds ?? []).map(String),
    },
  });
  const chosenTeams = new Set((defaults.teamIds ?? []).map(Number));
  const chosenLessons = new Set(defaults.lessonSlugs ?? []);
  return (
    <div className="space-y-4">
      <Form method="get" className="card" onChange={(e) => submit(e.currentTarget, { replace: true })}>
        <label htmlFor="unit-picker" className="field-label">
          {t("sessions.fields.unit")}
        </label>
        <div className="flex gap-2">
          <select id="unit-picker" name="unitId" defaultValue={options.unitId} className="field-input">
            {options.units.map((u) => (
              <option key={u.id} value={u.id}>
                {"\u00a0".repeat(Math.max(0, u.depth - options.units[0].depth) * 3)}
                {u.name}
              </option>
            ))}
          </select>
          <noscript>
            <button type="submit" className="btn-secondary">
              OK
            </button>
          </noscript>
        </div>
      </Form>

      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfField />
        <input type="hidden" name="intent" value="session" />
        <input type="hidden" name="unitId" value={options.unitId} />
        <Errors id="unit-error" errors={fields.unitId.errors} />
        <Field
          id={fields.title.id}
          label={t("sessions.fields.title")}
          hint={t("sessions.fields.titleHint")}
          errors={fields.title.errors}
          inputProps={getInputProps(fields.title, { type: "text" })}
        />
        {/* One above the other on a phone: side by side, the browser's date and time boxes are cut off. */}
        <div className="grid gap-x-3 sm:grid-cols-2">
          <Field id={fields.date.id} label={t("sessions.fields.date")} errors={fields.date.errors} inputProps={getInputProps(fields.date, { type: "date" })} />
          <Field id={fields.time.id} label={t("sessions.fields.time")} errors={fields.time.errors} inputProps={getInputProps(fields.time, { type: "time" })} />
        </div>
        <Field
          id={fields.durationMinutes.id}
          label={t("sessions.fields.duration")}
          errors={fields.durationMinutes.errors}
          inputProps={{ ...getInputProps(fields.durationMinutes, { type: "number" }), inputMode: "numeric", step: 15 }}
        />
        <Field
          id={fields.place.id}
          label={t("sessions.fields.place")}
          hint={t("sessions.fields.placeHint")}
          errors={fields.place.errors}
          inputProps={getInputProps(fields.place, { type: "text" })}
        />

        <fieldset className="mb-4" aria-describedby={fields.teamIds.errors ? "teams-error" : undefined}>
          <legend className="field-label">{t("sessions.fields.teams")}</legend>
          <div className="space-y-1">
            {options.teams.map((team) => (
              <label key={team.id} className="flex min-h-tap items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 py-1">
                <input type="checkbox" name="teamIds" value={team.id} defaultChecked={chosenTeams.has(team.id)} className="h-6 w-6 accent-brand-700" />
                <span>
                  {team.name} <span className="text-stone-600">({team.members})</span>
                </span>
              </label>
            ))}
          </div>
          <Errors id="teams-error" errors={fields.teamIds.errors} />
        </fieldset>

        <fieldset className="mb-4" aria-describedby={fields.lessonSlugs.errors ? "lessons-error" : undefined}>
          <legend className="field-label">{t("sessions.fields.lessons")}</legend>
          {options.topics.map((topic) => (
            <details key={topic.id} className="mb-2 rounded-lg border border-stone-300 bg-white" open={topic.lessons.some((l) => chosenLessons.has(l.slug))}>
              <summary className="flex min-h-tap cursor-pointer items-center px-3 font-semibold">{topic.title}</summary>
              <div className="space-y-1 px-3 pb-2">
                <label className="flex min-h-tap items-center gap-3 font-semibold">
                  <input
                    type="checkbox"
                    name="topics"
                    value={topic.id}
                    className="h-6 w-6 accent-brand-700"
                    onChange={(e) => {
                      // Tick the topic's lessons too, so what is sent is what is seen.
                      const box = e.currentTarget.closest("details");
                      box?.querySelectorAll<HTMLInputElement>('input[name="lessonSlugs"]').forEach((input) => (input.checked = e.currentTarget.checked));
                    }}
                  />
                  {t("sessions.fields.wholeTopic")}
                </label>
                {topic.lessons.map((lesson) => (
                  <label key={lesson.slug} className="flex min-h-tap items-center gap-3">
                    <input
                      type="checkbox"
                      name="lessonSlugs"
                      value={lesson.slug}
                      defaultChecked={chosenLessons.has(lesson.slug)}
                      className="h-6 w-6 accent-brand-700"
                    />
                    {lesson.title}
                  </label>
                ))}
              </div>
            </details>
          ))}
          <Errors id="lessons-error" errors={fields.lessonSlugs.errors} />
        </fieldset>

        <label htmlFor={fields.note.id} className="field-label">
          {t("sessions.fields.note")}
        </label>
        <textarea {...getTextareaProps(fields.note)} rows={3} className="field-input mb-4" />
        <Errors id="note-error" errors={fields.note.errors} />
        <RuleErrorNotice intent="session" />
        <button type="submit" className="btn-primary w-full text-lg">
          {submitLabel}
        </button>
      </Form>
    </div>
  );
}
