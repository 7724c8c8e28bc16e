import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { RuleErrorNotice, useFormActionData } from "~/components/intent-form";
import { handleForm } from "~/utils/form-action.server";
import { RemoveCompletionSchema } from "~/utils/report-forms";
import { RuleError } from "~/utils/rule-error";
import { removeCompletion } from "~/models/certificate.server";
import type { RootLoader } from "~/root";
import { readForm } from "~/utils/request-body.server";
import { pathIds } from "~/utils/unit-path";
import { useTranslation } from "react-i18next";
import { requestLanguage } from "~/i18n.server";
import { memberDetail } from "~/models/coverage.server";
import { REPORT_ROLES } from "~/utils/report-access.server";
import { skills } from "~/models/training-session.server";
import { requireRole } from "~/utils/auth.server";
import { requireInScope } from "~/utils/scope.server";
import { formatVietnamDateTime } from "~/utils/time";
import { requireId } from "~/utils/request-body.server";
import type { RouteHandle } from "~/root";
import { PageScript } from "~/components/page-script";
import { messageKey } from "~/i18n";
import { titleFrom } from "~/utils/page-title";
import { BackLink } from "~/components/back-link";

// Plain HTML: lists and links only.
export const handle: RouteHandle = { hydrate: false, title: titleFrom<typeof loader>((data, t) => [data?.member.name, t("app.name")]) };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, REPORT_ROLES);
  const language = await requestLanguage(request);
  const detail = requireInScope(user, await memberDetail(requireId(params.id), language), (d) => d.member.path);
  const skillTitles = Object.fromEntries(skills().map((s) => [s.key, s.title[language]]));
  return { ...detail, skills: detail.skills.map((s) => ({ ...s, title: skillTitles[s.skillKey] ?? s.skillKey })) };
}

/**
 * An admin removes one of the member's lesson completions (a mistake, or a
 * pass that was not the member's own): the figures are recounted and any
 * certificate that rested on it is withdrawn.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const form = await readForm(request);
  const memberId = requireId(params.id);
  const language = await requestLanguage(request);
  const detail = requireInScope(user, await memberDetail(memberId, language), (d) => d.member.path);
  return handleForm(form, RemoveCompletionSchema, async ({ lesson }) => {
    // Only a lesson this member completed: anything else is a malformed request.
    if (!detail.completions.some((c) => c.lessonSlug === lesson)) throw new RuleError("errors.badRequest");
    const unitId = pathIds(detail.member.path).at(-1)!;
    const outcome = await removeCompletion(user, memberId, lesson, unitId, detail.member.name);
    return outcome.removed ? { done: { key: "reports.completionRemoved", params: { count: outcome.withdrawn } } } : undefined;
  });
}

export default function MemberReport() {
  const { member, completions, attempts, sessions, skills, results } = useLoaderData<typeof loader>();
  const done = useFormActionData();
  const isAdmin = useRouteLoaderData<RootLoader>("root")?.user?.role === "admin";
  const { t } = useTranslation();
  const date = (iso: string) => formatVietnamDateTime(iso).slice(0, 10);
  return (
    <div>
      <BackLink to={`/reports/team/${member.teamId}`}>{member.teamName}</BackLink>
      <h1 className="mb-1 text-3xl font-bold" data-testid="report-member">
        {member.name}
      </h1>
      <p className="mb-1 text-stone-700">
        {member.position ? `${member.position} · ` : ""}
        {member.unitName} · {member.phone}
      </p>
      <p className="mb-4 font-semibold">
        {member.firstTrainedAt ? `✓ ${t("reports.trainedSince")} ${date(member.firstTrainedAt)}` : t("reports.notTrained")} ·{" "}
        {t("reports.quiz", { passed: attempts.passed, n: attempts.n })}
      </p>
      {done?.done ? (
        <p role="status" className="mb-4 rounded-lg border-2 border-brand-700 bg-brand-50 p-3 font-semibold" data-testid="completion-removed">
          {t(messageKey(done.done.key), done.done.params)}
        </p>
      ) : null}
      <RuleErrorNotice intent="remove-completion" />
      <section className="card mb-4">
        <h2 className="mb-2 text-xl font-bold">
          {t("reports.lessonsDone")} ({completions.length})
        </h2>
        {completions.length === 0 ? <p data-empty>{t("reports.empty.lessons")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {completions.map((c) => (
            <li key={c.lessonSlug} className="py-2" data-completion={c.lessonSlug}>
              <span className="block font-semibold">{c.title}</span>
              <span className="text-stone-600">
                {date(c.completedAt)} · {t(messageKey(`reports.method.${c.method}`))}
              </span>
              {isAdmin ? (
                <details className="mt-1">
                  <summary className="min-h-tap cursor-pointer text-red-800 underline">{t("reports.removeCompletion")}</summary>
                  <Form method="post" className="mt-1">
                    <CsrfField />
                    <input type="hidden" name="intent" value="remove-completion" />
                    <input type="hidden" name="lesson" value={c.lessonSlug} />
                    <p className="mb-2 text-stone-700">{t("reports.removeCompletionWarning")}</p>
                    <button type="submit" className="btn-danger w-full">
                      {t("reports.removeCompletionConfirm")}
                    </button>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="card mb-4">
        <h2 className="mb-2 text-xl font-bold">{t("reports.sessionsAttended")}</h2>
        {sessions.length === 0 ? <p data-empty>{t("reports.empty.sessions")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {sessions.map((s) => (
            <li key={s.id} className="py-2">
              <Link to={`/sessions/${s.id}`} className="link-tap">
                {s.title}
              </Link>{" "}
              <span className="text-stone-600">
                · {date(s.startsAt)} · {t(messageKey(`sessions.status.${s.status}`))}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card mb-4">
        <h2 className="mb-2 text-xl font-bold">{t("reports.skills")}</h2>
        {skills.length === 0 ? <p data-empty>{t("reports.empty.skills")}</p> : null}
        <ul className="list-disc pl-6">
          {skills.map((s) => (
            <li key={s.skillKey}>
              {s.title} <span className="text-stone-600">({date(s.signedAt)})</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2 className="mb-2 text-xl font-bold">{t("reports.fieldResults")}</h2>
        {results.length === 0 ? <p data-empty>{t("reports.empty.results")}</p> : null}
        <ul>
          {results.map((r) => (
            <li key={r.kind}>
              {t(messageKey(`results.kinds.${r.kind}`))}: <strong>{r.total}</strong>
            </li>
          ))}
        </ul>
      </section>
      {/* Sends quizzes answered offline, as every signed-in page does. */}
      <PageScript />
    </div>
  );
}
