import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AttendanceRoster } from "~/components/attendance-roster";
import { getCourse, lessonText } from "~/content/course.server";
import { i18nServer, requestLanguage } from "~/i18n.server";
import {
  addWalkIn,
  canManage,
  cancelTrainingSession,
  findWalkInCandidates,
  getTrainingSession,
  markEveryonePresent,
  recordInPersonCompletions,
  sessionEnded,
  setSkill,
  skills,
} from "~/models/training-session.server";
import { byVietnameseName } from "~/models/unit.server";
import { requireRole, requireUser } from "~/utils/auth.server";
import { siteOrigin } from "~/utils/origin.server";
import { formatVietnamDateTime } from "~/utils/time";
import { readForm, requireId } from "~/utils/request-body.server";
import { z } from "zod";
import { handleForm } from "~/utils/form-action.server";
import { SessionIntentSchema, SkillSchema, WalkInSchema } from "~/utils/training-session-forms";
import { CsrfField } from "~/components/csrf-field";
import { DoneNotice, IntentButton, submissionProblem, useFormActionData, type FormActionData } from "~/components/intent-form";
import { RuleMessage } from "~/components/rule-message";
import { messageKey } from "~/i18n";
import type { RouteHandle } from "~/root";
import { titleFrom } from "~/utils/page-title";
import { BackLink } from "~/components/back-link";

export const handle: RouteHandle = { title: titleFrom<typeof loader>((data, t) => [data?.title, t("app.name")]) };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const session = await getTrainingSession(user, requireId(params.id));
  const language = await requestLanguage(request);
  const t = await i18nServer.getFixedT(language);
  const course = await getCourse();
  const manage = canManage(user, session);
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const marks = new Map(session.attendance.map((a) => [a.userId, a]));
  const lessons = session.lessons.map((l) => {
    const lesson = course.bySlug.get(l.lessonSlug);
    return { slug: l.lessonSlug, title: lesson ? lessonText(lesson, language).title : l.lessonSlug };
  });
  const when = formatVietnamDateTime(session.startsAt);
  const origin = siteOrigin(request);
  const members = session.invitees
    .map((i) => {
      const mark = marks.get(i.user.id);
      return {
        id: i.user.id,
        name: i.user.name,
        detail: [i.user.position, i.user.team?.name].filter(Boolean).join(" · "),
        walkIn: i.walkIn,
        status: mark?.status ?? null,
        remark: mark?.remark ?? null,
        markedAt: mark?.markedAt.toISOString() ?? null,
      };
    })
    .sort(byVietnameseName);
  const signed = new Set(session.skillSignoffs.map((s) => `${s.userId}:${s.skillKey}`));
  return {
    id: session.id,
    title: session.title,
    when,
    durationMinutes: session.durationMinutes,
    moved: session.previousStartsAt ? formatVietnamDateTime(session.previousStartsAt) : null,
    cancelled: session.status === "cancelled",
    // Held (attendance taken) or over: not cancellable, so not offered (the model refuses both too).
    cancellable: session.attendance.length === 0 && !sessionEnded(session),
    place: session.place,
    note: session.note,
    unit: session.unit.name,
    organiser: session.createdBy.name,
    lessons,
    teams: session.teams.map((t) => t.team.name),
    manage,
    ownStatus: marks.get(user.id)?.status ?? null,
    invitedCount: members.length,
    members: manage ? members : [],
    q,
    candidates: manage && q ? await findWalkInCandidates(user, session.id, q) : [],
    inPersonCount: session.completions.length,
    skills: manage ? skills().map((s) => ({ key: s.key, title: s.title[language] })) : [],
    signed: manage ? [...signed] : [],
    zalo: t("sessions.zaloMessage", {
      title: session.title,
      when,
      place: session.place,
      lessons: lessons.map((l) => l.title).join("; "),
      url: `${origin}/sessions/${session.id}`,
    }),
  };
}

/** Every form of the page in one schema: each posts its intent (walk-in, skill, all-present, in-person, cancel). */
const SessionPageSchema = z.discriminatedUnion("intent", [WalkInSchema, SkillSchema, SessionIntentSchema], {
  errorMap: () => ({ message: "sessions.errors.marks" }),
});

/** The buttons a session's state can refuse (cancelled, already held, too early): a conflict, 409; the others' refusals are a wrong request, 400. */
const STATE_REFUSED = new Set(["all-present", "cancel"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["trainer", "admin"]);
  const id = requireId(params.id);
  const formData = await readForm(request);
  const refusedStatus = STATE_REFUSED.has(String(formData.get("intent"))) ? 409 : 400;
  return handleForm(
    formData,
    SessionPageSchema,
    async (form) => {
      switch (form.intent) {
        case "all-present":
          await markEveryonePresent(user, id);
          throw redirect(`/sessions/${id}#attendance`);
        case "walk-in":
          await addWalkIn(user, id, form.memberId);
          throw redirect(`/sessions/${id}#attendance`);
        case "in-person": {
          const { created } = await recordInPersonCompletions(user, id);
          return { done: { key: "sessions.inPersonDone", params: { count: created } } };
        }
        case "skill":
          await setSkill(user, id, form.userId, form.skillKey, form.signed === "1");
          return;
        case "cancel":
          await cancelTrainingSession(user, id);
          throw redirect(`/sessions/${id}`);
      }
    },
    { refusedStatus },
  );
}

function ShareBox({ text, id }: { text: string; id: number }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <details className="card mb-4" data-testid="share-box">
      <summary className="flex min-h-tap cursor-pointer items-center gap-2">
        <h2 id="share-title" className="text-xl font-bold">
          {t("sessions.share")}
        </h2>
      </summary>
      <label htmlFor="zalo-text" className="field-label">
        {t("sessions.zaloText")}
      </label>
      <textarea id="zalo-text" readOnly value={text} rows={6} className="field-input mb-2 text-base" onFocus={(e) => e.currentTarget.select()} />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className="btn-primary"
          onClick={async () => {
            await navigator.clipboard?.writeText(text).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? `✓ ${t("sessions.copied")}` : t("sessions.copy")}
        </button>
        <a href={`/sessions/${id}/calendar.ics`} className="btn-secondary" download>
          {t("sessions.calendar")}
        </a>
        <a href={`/sessions/${id}/sheet`} className="btn-secondary">
          {t("sessions.sheet")}
        </a>
      </div>
    </details>
  );
}

function SkillToggle({ userId, skillKey, title, signed }: { userId: number; skillKey: string; title: string; signed: boolean }) {
  const fetcher = useFetcher();
  const optimistic = fetcher.formData ? fetcher.formData.get("signed") === "1" : signed;
  return (
    <fetcher.Form method="post">
      <RuleMessage message={submissionProblem(fetcher.data as FormActionData | undefined)} className="mb-1" />
      <CsrfField />
      <input type="hidden" name="intent" value="skill" />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="skillKey" value={skillKey} />
      <button
        type="submit"
        name="signed"
        value={optimistic ? "0" : "1"}
        aria-pressed={optimistic}
        className={`flex min-h-tap w-full items-center gap-2 rounded-lg border-2 px-2 text-left ${optimistic ? "border-brand-700 bg-brand-50" : "border-stone-300 bg-white"}`}
      >
        <span
          aria-hidden="true"
          className={`flex h-6 w-6 shrink-0 items-center justify-center rounded border-2 ${optimistic ? "border-brand-700 bg-brand-700 text-white" : "border-stone-400"}`}
        >
          {optimistic ? "✓" : ""}
        </span>
        <span>{title}</span>
      </button>
    </fetcher.Form>
  );
}

export default function SessionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useFormActionData();
  const { t } = useTranslation();
  const signed = new Set(data.signed);
  const attended = data.members.filter((m) => m.status === "present" || m.status === "late");
  const signedCount = attended.reduce((n, m) => n + data.skills.filter((s) => signed.has(`${m.id}:${s.key}`)).length, 0);
  return (
    <article>
      <BackLink to={"/sessions"}>{t("sessions.title")}</BackLink>
      <h1 className="mb-2 text-3xl font-bold leading-tight">{data.title}</h1>
      <RuleMessage message={submissionProblem(actionData)} testId="session-refused" />
      {data.cancelled ? (
        <p className="mb-3 rounded-lg border-2 border-red-700 bg-red-50 p-3 text-lg font-bold text-red-800" role="status">
          {t("sessions.cancelled")}
        </p>
      ) : data.moved ? (
        <p className="mb-3 rounded-lg border-2 border-amber-600 bg-amber-50 p-3 font-semibold" role="status">
          {t("sessions.moved", { from: data.moved })}
        </p>
      ) : null}
      <dl className="card mb-4 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="font-semibold">{t("sessions.when")}</dt>
        <dd data-testid="session-when">
          {data.when} ({data.durationMinutes}′)
        </dd>
        <dt className="font-semibold">{t("sessions.where")}</dt>
        <dd>{data.place}</dd>
        <dt className="font-semibold">{t("sessions.unit")}</dt>
        <dd>{data.unit}</dd>
        <dt className="font-semibold">{t("sessions.trainer")}</dt>
        <dd>{data.organiser}</dd>
        <dt className="font-semibold">{t("sessions.teamsInvited")}</dt>
        <dd>
          {/* A whole commune's teams would fill a screen: their names one tap away. */}
          {data.teams.length > 2 ? (
            <details>
              <summary className="flex min-h-tap cursor-pointer items-center underline">
                {t("sessions.teamsCount", { count: data.teams.length })} · {t("sessions.invited", { count: data.invitedCount })}
              </summary>
              {data.teams.join(", ")}
            </details>
          ) : (
            <>
              {data.teams.join(", ")} · {t("sessions.invited", { count: data.invitedCount })}
            </>
          )}
        </dd>
      </dl>
      {data.note ? <p className="mb-4 whitespace-pre-line">{data.note}</p> : null}
      <section className="mb-4" aria-labelledby="lessons-title">
        {/* More than three lessons (a whole topic) fold away: attendance comes first on the day. */}
        <details open={data.lessons.length <= 3}>
          <summary className="flex min-h-tap cursor-pointer items-center gap-2">
            <h2 id="lessons-title" className="text-xl font-bold">
              {t("sessions.lessonsCovered")} ({data.lessons.length})
            </h2>
          </summary>
          <ul className="list-disc pl-6">
            {data.lessons.map((l) => (
              <li key={l.slug}>
                <a href={`/lessons/${l.slug}`} className="link-tap">
                  {l.title}
                </a>
              </li>
            ))}
          </ul>
        </details>
      </section>

      {!data.manage ? (
        <p className="card mb-4">
          <span className="font-semibold">{t("sessions.yourStatus")}:</span> {t(messageKey(`sessions.status.${data.ownStatus ?? "none"}`))}
        </p>
      ) : null}

      {data.manage && !data.cancelled ? (
        <>
          <section id="attendance" className="mb-6" aria-labelledby="attendance-title">
            <h2 id="attendance-title" className="mb-1 text-2xl font-bold">
              {t("sessions.attendance")}
            </h2>
            <p className="mb-3 text-stone-700">{t("sessions.attendanceIntro")}</p>
            {data.members.length ? <AttendanceRoster sessionId={data.id} members={data.members} /> : <p>{t("sessions.noMembers")}</p>}
            <details className="card mt-4" open={Boolean(data.q)}>
              <summary className="min-h-tap cursor-pointer font-semibold">{t("sessions.walkIn")}</summary>
              <Form method="get" className="mt-2 flex gap-2" preventScrollReset>
                <input
                  name="q"
                  defaultValue={data.q}
                  aria-label={t("sessions.walkInSearch")}
                  placeholder={t("sessions.walkInSearch")}
                  className="field-input"
                />
                <button type="submit" className="btn-secondary">
                  {t("sessions.search")}
                </button>
              </Form>
              <ul className="mt-2 divide-y divide-stone-200">
                {data.candidates.map((c) => (
                  <li key={c.id} className="flex items-center justify-between gap-2 py-2">
                    <span>
                      <span className="font-semibold">{c.name}</span>
                      <span className="block text-sm text-stone-600">{c.team?.name}</span>
                    </span>
                    <IntentButton intent="walk-in" values={{ memberId: c.id }} className="btn-secondary">
                      {t("sessions.add")}
                    </IntentButton>
                  </li>
                ))}
              </ul>
            </details>
          </section>

          <section className="card mb-6" aria-labelledby="inperson-title">
            <h2 id="inperson-title" className="mb-1 text-xl font-bold">
              {t("sessions.inPerson")}
            </h2>
            <p className="mb-2 text-stone-700">{t("sessions.inPersonIntro")}</p>
            <p className="mb-2 font-semibold" data-testid="in-person-count">
              {t("sessions.inPersonCount", { count: data.inPersonCount })}
            </p>
            <DoneNotice intent="in-person" />
            <IntentButton intent="in-person" className="btn-primary w-full">
              {t("sessions.inPersonButton")}
            </IntentButton>
          </section>

          {/* A separate step, after attendance, skill by skill for those present: not every skill for every member. */}
          <details className="mb-6" data-testid="skills-step" open={false}>
            <summary className="flex min-h-tap cursor-pointer items-center gap-2">
              <h2 id="skills-title" className="text-xl font-bold">
                {t("sessions.skills")} ({signedCount})
              </h2>
            </summary>
            <p className="mb-2 text-stone-700">{attended.length ? t("sessions.skillsIntro") : t("sessions.skillsNeedPresence")}</p>
            {attended.length ? (
              <ul className="card divide-y divide-stone-200 p-0">
                {data.skills.map((s) => {
                  const done = attended.filter((m) => signed.has(`${m.id}:${s.key}`)).length;
                  return (
                    <li key={s.key}>
                      <details className="px-3" data-skill={s.key}>
                        <summary className="flex min-h-tap cursor-pointer items-center justify-between gap-2 py-1 font-semibold">
                          <span>{s.title}</span>
                          <span className="shrink-0 tabular-nums text-stone-700">
                            {done}/{attended.length}
                          </span>
                        </summary>
                        <ul className="mb-3 space-y-2">
                          {attended.map((m) => (
                            <li key={m.id} data-skills-for={m.id}>
                              <SkillToggle userId={m.id} skillKey={s.key} title={m.name} signed={signed.has(`${m.id}:${s.key}`)} />
                            </li>
                          ))}
                        </ul>
                      </details>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </details>

          <ShareBox text={data.zalo} id={data.id} />

          <div className="flex flex-wrap gap-2 border-t border-stone-300 pt-4">
            <Link to={`/sessions/${data.id}/edit`} className="btn-secondary">
              {t("sessions.edit")}
            </Link>
            {!data.cancellable ? null : (
              <IntentButton intent="cancel" className="btn-danger" confirmText={t("sessions.cancelConfirm")}>
                {t("sessions.cancel")}
              </IntentButton>
            )}
          </div>
        </>
      ) : null}
    </article>
  );
}
