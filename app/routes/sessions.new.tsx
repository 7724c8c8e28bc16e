import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SessionForm } from "~/components/session-form";
import { requestLanguage } from "~/i18n.server";
import { sessionInput, withTopicLessons } from "~/utils/training-session-forms.server";
import { handleForm } from "~/utils/form-action.server";
import { TrainingSessionSchema } from "~/utils/training-session-forms";
import { useFormActionData } from "~/components/intent-form";
import { createTrainingSession, sessionFormOptions } from "~/models/training-session.server";
import { requireRole } from "~/utils/auth.server";
import { toVietnamLocal } from "~/utils/time";
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
  return handleForm(await withTopicLessons(await readForm(request)), TrainingSessionSchema, async (form) => {
    const { id } = await createTrainingSession(user, sessionInput(form));
    throw redirect(`/sessions/${id}`);
  });
}

export default function NewSession() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useFormActionData();
  const { t } = useTranslation();
  return (
    <div>
      <h1 className="mb-3 text-3xl font-bold">{t("sessions.newTitle")}</h1>
      <SessionForm
        key={options.unitId}
        options={options}
        defaults={defaults}
        lastResult={actionData?.intent === "session" ? (actionData.result as SubmissionResult<string[]>) : undefined}
        submitLabel={t("sessions.create")}
      />
    </div>
  );
}
