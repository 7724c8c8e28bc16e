import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { messageKey } from "~/i18n";
import { CsrfField } from "~/components/csrf-field";
import { ProgressBar } from "~/components/progress-bar";
import { cancelTask, reportProgress, tasksInScope, teamTasks, TASK_ROLES, type TeamTaskRow } from "~/models/team-task.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";
import { handleForm } from "~/utils/form-action.server";
import { IntentButton, submissionProblem, useFormActionData } from "~/components/intent-form";
import { RuleMessage } from "~/components/rule-message";
import { TasksPageSchema } from "~/utils/task-forms";
import type { RouteHandle } from "~/root";

// Plain HTML: lists and small forms that post.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.tasks" };

const isStaff = (role: string) => (TASK_ROLES as readonly string[]).includes(role);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const staff = isStaff(user.role) && user.scopeUnit !== null;
  return {
    staff,
    team: user.team ? { name: user.team.name, tasks: await teamTasks(user.team.id) } : null,
    given: staff ? await tasksInScope(user) : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleForm(await readForm(request), TasksPageSchema, async (form) => {
    if (form.intent === "cancel") {
      await cancelTask(user, form.taskId);
      throw redirect("/tasks");
    }
    await reportProgress(user, form.taskId, { progress: form.progress, done: form.done });
    throw redirect(`/tasks?saved=${form.taskId}#task-${form.taskId}`);
  });
}

/** The problem of the last submission (a rule, or the first field's), shown beside the task it was about. */
function TaskProblem({ intent, taskId, className }: { intent: string; taskId: number; className: string }) {
  const data = useFormActionData();
  const result = data?.result as { initialValue?: { taskId?: unknown } } | undefined;
  if (!data || data.intent !== intent || result?.initialValue?.taskId !== String(taskId)) return null;
  return <RuleMessage message={submissionProblem(data)} className={className} />;
}

export default function TasksPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t("tasks.title")}</h1>
      {params.get("given") ? (
        <p className="mb-3 rounded-lg border-2 border-brand-700 bg-brand-50 p-3 font-semibold" role="status">
          {t("tasks.givenSaved")}
        </p>
      ) : null}
      {data.staff ? <GivenTasks tasks={data.given} /> : null}
      {data.team ? (
        <section aria-labelledby="team-tasks-title" className="mb-6">
          <h2 id="team-tasks-title" className="mb-1 text-2xl font-bold">
            {t("tasks.ofTeam", { team: data.team.name })}
          </h2>
          <p className="mb-3 text-stone-700">{t("tasks.teamIntro")}</p>
          {data.team.tasks.length === 0 ? <p>{t("tasks.noneForTeam")}</p> : null}
          <ul className="space-y-3" data-testid="team-tasks">
            {data.team.tasks.map((task) => (
              <TeamTask key={task.taskId} task={task} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function due(date: string) {
  return date.split("-").reverse().join("/");
}

function TeamTask({ task }: { task: TeamTaskRow }) {
  const { t } = useTranslation();
  const actionData = useFormActionData();
  const [params] = useSearchParams();
  return (
    <li id={`task-${task.taskId}`} className="card p-3" data-task={task.taskId} data-done={task.done}>
      <p className="text-lg font-bold">{task.title}</p>
      <p className={task.overdue ? "font-bold text-red-800" : "text-stone-700"}>
        {t("tasks.due", { date: due(task.dueDate) })}
        {task.overdue ? ` · ${t("tasks.overdue")}` : ""}
      </p>
      {task.skill ? <p className="text-stone-700">{t(messageKey(`events.skillNames.${task.skill}`))}</p> : null}
      <p className="text-stone-600">{t("tasks.givenBy", { name: task.givenBy })}</p>
      {task.goal !== null ? (
        <ProgressBar
          value={Math.min(task.progress, task.goal)}
          max={task.goal}
          label={task.title}
          text={t("tasks.progressOf", { done: task.progress, goal: task.goal })}
        />
      ) : null}
      {task.done ? <p className="mt-1 font-semibold text-brand-800">✓ {t("tasks.done")}</p> : null}
      {params.get("saved") === String(task.taskId) && !actionData ? (
        <p className="mt-1 font-semibold text-brand-800" role="status">
          {t("tasks.progressSaved")}
        </p>
      ) : null}
      <TaskProblem intent="progress" taskId={task.taskId} className="mt-1" />
      {!task.done ? (
        <Form method="post" className="mt-2 space-y-2">
          <CsrfField />
          <input type="hidden" name="intent" value="progress" />
          <input type="hidden" name="taskId" value={task.taskId} />
          {task.goal !== null ? (
            <>
              <label htmlFor={`p-${task.taskId}`} className="field-label">
                {t("tasks.progressLabel", { goal: task.goal })}
              </label>
              <input
                id={`p-${task.taskId}`}
                name="progress"
                type="number"
                inputMode="numeric"
                min={0}
                defaultValue={task.progress}
                className="field-input text-xl"
              />
              <button type="submit" className="btn-primary w-full">
                {t("tasks.saveProgress")}
              </button>
            </>
          ) : (
            <button type="submit" name="done" value="on" className="btn-primary w-full">
              {t("tasks.markDone")}
            </button>
          )}
        </Form>
      ) : null}
    </li>
  );
}

function GivenTasks({ tasks }: { tasks: Awaited<ReturnType<typeof tasksInScope>> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="given-title" className="mb-6">
      <h2 id="given-title" className="mb-2 text-2xl font-bold">
        {t("tasks.given")}
      </h2>
      <p className="mb-3">
        <Link to="/tasks/new" className="btn-primary w-full sm:w-auto">
          {t("tasks.new")}
        </Link>
      </p>
      {tasks.length === 0 ? <p>{t("tasks.noneGiven")}</p> : null}
      <ul className="space-y-3" data-testid="given-tasks">
        {tasks.map((task) => (
          <li key={task.id} className="card p-3" data-given-task={task.id}>
            <p className="text-lg font-bold">{task.title}</p>
            <p className={task.overdue ? "font-bold text-red-800" : "text-stone-700"}>
              {t("tasks.due", { date: due(task.dueDate) })} · {t("tasks.teamsDone", { done: task.done, total: task.teams.length })}
              {task.overdue ? ` · ${t("tasks.overdueTeams", { count: task.overdue })}` : ""}
            </p>
            <p className="text-stone-600">{t("tasks.givenBy", { name: task.givenBy })}</p>
            <ul className="mt-2 divide-y divide-stone-200">
              {task.teams.map((team) => (
                <li key={team.id} className="flex flex-wrap justify-between gap-2 py-1" data-task-team={team.id}>
                  <span>{team.name}</span>
                  <span className={team.done ? "font-semibold text-brand-800" : team.overdue ? "font-bold text-red-800" : "font-semibold"}>
                    {team.done
                      ? `✓ ${t("tasks.done")}`
                      : task.goal !== null
                        ? t("tasks.progressOf", { done: team.progress, goal: task.goal })
                        : team.overdue
                          ? t("tasks.overdue")
                          : t("tasks.open")}
                  </span>
                </li>
              ))}
            </ul>
            <TaskProblem intent="cancel" taskId={task.id} className="mt-2" />
            {task.mine ? (
              <div className="mt-2">
                <IntentButton intent="cancel" values={{ taskId: task.id }} className="btn-danger">
                  {t("tasks.cancel")}
                </IntentButton>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
