import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SessionForm } from "~/components/session-form";
import { requestLanguage } from "~/i18n.server";
import { readSessionForm, sessionFormOptions } from "~/models/session-form.server";
import { canManage, getTrainingSession, updateTrainingSession } from "~/models/training-session.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { toVietnamLocal } from "~/utils/time";
import { attempt } from "~/utils/rule-error";
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
  const { submission, input, error } = await readSessionForm(await readForm(request));
  if (!input) return json({ result: submission.reply(error ? { formErrors: [error] } : undefined) }, { status: 400 });
  const updated = await attempt(() => updateTrainingSession(user, id, input));
  if (updated.error) return json({ result: submission.reply({ formErrors: [updated.error.key] }) }, { status: 400 });
  return redirect(`/sessions/${id}`);
}

export default function EditSession() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div>
      <h1 className="mb-3 text-3xl font-bold">{t("sessions.editTitle")}</h1>
      <SessionForm key={options.unitId} options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("sessions.save")} />
    </div>
  );
}
