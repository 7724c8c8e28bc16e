import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SessionForm } from "~/components/session-form";
import { requestLanguage } from "~/i18n.server";
import { readSessionForm, sessionFormOptions } from "~/models/session-form.server";
import { createTrainingSession } from "~/models/training-session.server";
import { requireRole } from "~/utils/auth.server";
import { toVietnamLocal } from "~/utils/time";
import { attempt } from "~/utils/rule-error";
import { parseId, readForm } from "~/utils/request-body.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: "pageTitles.newSession" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["trainer", "admin"]);
  const locale = await requestLanguage(request);
  const url = new URL(request.url);
  const unitId = parseId(url.searchParams.get("unitId")) ?? user.scopeUnit?.id ?? null;
  const options = await sessionFormOptions(user, unitId, locale);
  // "Schedule a session" for an idle team (the inactive-teams list) arrives with that team ticked.
  const team = parseId(url.searchParams.get("team"));
  // A sensible start: next week, 08:00. No team is ticked for the trainer: inviting is a choice.
  const { date } = toVietnamLocal(new Date(Date.now() + 7 * 24 * 60 * 60_000));
  const teamIds = team !== null && options.teams.some((t: { id: number }) => t.id === team) ? [team] : [];
  return { options, defaults: { date, time: "08:00", durationMinutes: 120, teamIds } };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["trainer", "admin"]);
  const { submission, input, error } = await readSessionForm(await readForm(request));
  if (!input) return json({ result: submission.reply(error ? { formErrors: [error] } : undefined) }, { status: 400 });
  const created = await attempt(() => createTrainingSession(user, input));
  if (created.error) return json({ result: submission.reply({ formErrors: [created.error.key] }) }, { status: 400 });
  return redirect(`/sessions/${created.value.id}`);
}

export default function NewSession() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div>
      <h1 className="mb-3 text-3xl font-bold">{t("sessions.newTitle")}</h1>
      <SessionForm key={options.unitId} options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("sessions.create")} />
    </div>
  );
}
