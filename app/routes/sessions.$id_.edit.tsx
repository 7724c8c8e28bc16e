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
import { canManage, getTrainingSession, sessionFormOptions, updateTrainingSession } from "~/models/training-session.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { toVietnamLocal } from "~/utils/time";
import { parseId, readForm, requireId } from "~/utils/request-body.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: "pageTitles.editSession" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["trainer", "admin"]);
  const session = await getTrainingSession(user, requireId(params.id));
  if (!canManage(user, session) || session.status === "cancelled") notFound();
  const locale = await requestLanguage(request);
  const requested = parseId(new URL(request.url).searchParams.get("unitId")) ?? session.unit.id;
  const options = await sessionFormOptions(user, requested, locale);
  const { date, time } = toVietnamLocal(session.startsAt);
  return {
    id: session.id,
    options,
    defaults: {
      title: session.title,
      date,
      time,
      durationMinutes: session.durationMinutes,
      place: session.place,
      note: session.note,
      teamIds: session.teams.map((t) => t.team.id),
      lessonSlugs: session.lessons.map((l) => l.lessonSlug),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["trainer", "admin"]);
  const id = requireId(params.id);
  return handleForm(await withTopicLessons(await readForm(request)), TrainingSessionSchema, async (form) => {
    await updateTrainingSession(user, id, sessionInput(form));
    throw redirect(`/sessions/${id}`);
  });
}

export default function EditSession() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useFormActionData();
  const { t } = useTranslation();
  return (
    <div>
      <h1 className="mb-3 text-3xl font-bold">{t("sessions.editTitle")}</h1>
      <SessionForm
        key={options.unitId}
        options={options}
        defaults={defaults}
        lastResult={actionData?.intent === "session" ? (actionData.result as SubmissionResult<string[]>) : undefined}
        submitLabel={t("sessions.save")}
      />
    </div>
  );
}
