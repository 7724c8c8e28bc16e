import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { messageKey } from "~/i18n";
import { CsrfField } from "~/components/csrf-field";
import { Field, FieldFrame } from "~/components/field";
import { assignableTeams, createTask, TASK_ROLES } from "~/models/team-task.server";
import { requireRole } from "~/utils/auth.server";
import { GUIDANCE_SKILLS } from "~/utils/guidance";
import { parseId, readForm } from "~/utils/request-body.server";
import { handleForm } from "~/utils/form-action.server";
import { RuleErrorNotice, sentList, sentText, useIntentForm } from "~/components/intent-form";
import { TARGET_METRICS } from "~/utils/target-metrics";
import { TaskSchema } from "~/utils/task-forms";
import { toVietnamLocal } from "~/utils/time";
import type { RouteHandle } from "~/root";

// Plain HTML: a form that posts; errors come back from the same schema the model uses.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.newTask" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, TASK_ROLES);
  const teams = await assignableTeams(user);
  // "Assign a task" from the inactive-teams list arrives with that team ticked.
  const preset = parseId(new URL(request.url).searchParams.get("team"));
  const { date } = toVietnamLocal(new Date(Date.now() + 14 * 24 * 3600_000));
  return { teams, preset: teams.some((t) => t.id === preset) ? preset : null, dueDate: date };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, TASK_ROLES);
  return handleForm(await readForm(request), TaskSchema, async (task) => {
    await createTask(user, task);
    throw redirect("/tasks?given=1");
  });
}

export default function NewTask() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // The form as it was sent after a refusal; the loader's defaults before.
  const [form, fields] = useIntentForm("task", TaskSchema, { dueDate: data.dueDate, teamIds: data.preset === null ? [] : [String(data.preset)] });
  const value = (name: keyof typeof fields) => sentText(fields[name]);
  const ticked = (id: number) => sentList(fields.teamIds).includes(String(id));
  const err = (name: keyof typeof fields) => fields[name].errors;
  return (
    <div>
      <p className="mb-2">
        <a href="/tasks" className="link-tap">
          ← {t("tasks.title")}
        </a>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{t("tasks.newTitle")}</h1>
      <p className="mb-4 text-stone-700">{t("tasks.newIntro")}</p>
      <RuleErrorNotice intent="task" />
      <Form method="post" className="card" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="task" />
        <Field
          id="t-title"
          label={t("tasks.fields.title")}
          hint={t("tasks.fields.titleHint")}
          errors={err("title")}
          inputProps={{ name: "title", defaultValue: value("title"), maxLength: 150, required: true }}
        />
        <FieldFrame id="t-skill" label={t("tasks.fields.skill")} errors={err("skill")}>
          {(control) => (
            <select {...control} id="t-skill" name="skill" defaultValue={value("skill")} className="field-input">
              <option value="">{t("tasks.fields.noSkill")}</option>
              {GUIDANCE_SKILLS.map((s) => (
                <option key={s} value={s}>
                  {t(messageKey(`events.skillNames.${s}`))}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        <Field
          id="t-due"
          label={t("tasks.fields.dueDate")}
          errors={err("dueDate")}
          inputProps={{ name: "dueDate", type: "date", defaultValue: value("dueDate") || data.dueDate, required: true }}
        />
        <Field
          id="t-goal"
          label={t("tasks.fields.goal")}
          hint={t("tasks.fields.goalHint")}
          errors={err("goal")}
          inputProps={{ name: "goal", type: "number", inputMode: "numeric", min: 1, defaultValue: value("goal") }}
        />
        <FieldFrame id="t-metric" label={t("tasks.fields.metric")} errors={err("metric")}>
          {(control) => (
            <select {...control} id="t-metric" name="metric" defaultValue={value("metric")} className="field-input">
              <option value="">{t("tasks.fields.noMetric")}</option>
              {TARGET_METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(messageKey(`targets.metrics.${m}`))}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        <fieldset className="mb-4" aria-describedby={err("teamIds") ? "t-teams-error" : undefined}>
          <legend className="field-label">{t("tasks.fields.teams")}</legend>
          {err("teamIds") ? (
            <p id="t-teams-error" className="field-error" role="alert">
              {err("teamIds")!
                .map((e) => t(messageKey(e)))
                .join(" ")}
            </p>
          ) : null}
          <ul className="divide-y divide-stone-200">
            {data.teams.map((team) => (
              <li key={team.id}>
                <label htmlFor={`team-${team.id}`} className="flex min-h-tap items-center gap-3 py-1">
                  <input
                    id={`team-${team.id}`}
                    type="checkbox"
                    name="teamIds"
                    value={team.id}
                    defaultChecked={ticked(team.id)}
                    className="h-6 w-6 shrink-0 accent-brand-700"
                  />
                  <span className="font-semibold">
                    {team.name}
                    <br />
                    <span className="font-normal text-stone-600">{team.unitName}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" className="btn-primary w-full text-lg">
          {t("tasks.give")}
        </button>
      </Form>
    </div>
  );
}
