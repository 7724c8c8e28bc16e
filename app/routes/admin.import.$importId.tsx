import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { AwaitingSlipsList } from "~/components/admin-form";
import { useTranslation } from "react-i18next";
import { formatVietnamDateTime } from "~/utils/time";
import { importBatch, importProgress, previewImport, requestCommit, teamsAwaitingSlips } from "~/models/import.server";
import { requireAdmin } from "~/utils/admin-guard.server";
import { requireId } from "~/utils/request-body.server";
import { CsrfField } from "~/components/csrf-field";
import { messageKey } from "~/i18n";
import { BackLink } from "~/components/back-link";

// Thousands of problems would make a page too heavy for a cheap phone; the first ones show what to fix.
const SHOWN_PROBLEMS = 300;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAdmin(request);
  const id = requireId(params.importId);
  const batch = await importBatch(actor, id);
  const base = { id, fileName: batch.fileName, kind: batch.kind, createdAt: batch.createdAt, pending: null, error: null };
  if (batch.status === "committed") {
    const awaiting = batch.kind === "members" ? await teamsAwaitingSlips(actor) : [];
    return json({ ...base, committed: { at: batch.committedAt!, summary: batch.summary }, awaiting, preview: null });
  }
  // With the import worker: where it has got to, without checking the file again in this request.
  if (batch.status === "queued" || batch.status === "running") {
    return json({ ...base, committed: null, awaiting: [], preview: null, pending: { status: batch.status, progress: importProgress(id) } });
  }
  const { analysis } = await previewImport(actor, id);
  return json({
    ...base,
    error: batch.status === "failed" ? batch.error : null,
    committed: null,
    awaiting: [],
    preview: {
      rows: analysis.rows,
      counts: analysis.counts,
      ready: analysis.apply !== null,
      total: analysis.problems.length,
      problems: analysis.problems.slice(0, SHOWN_PROBLEMS),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request);
  const id = requireId(params.importId);
  // Committing twice (a double tap, a resent form) does nothing the second time; a large file is queued for the worker.
  await requestCommit(actor, id);
  // Either way the page now shows the truth: the import's result, its progress, or the problems found at commit.
  return redirect(`/admin/import/${id}`);
}

export default function AdminImportPreview() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  // While the worker imports, the page asks again every two seconds.
  useEffect(() => {
    if (!data.pending) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [data.pending, revalidator]);
  const progress = data.pending?.progress ?? null;
  return (
    <div>
      <BackLink to={"/admin/import"}>{t("admin.import.title")}</BackLink>
      <h1 className="mb-1 break-words text-2xl font-bold">{t("admin.import.preview", { file: data.fileName })}</h1>
      <p className="mb-4 text-stone-700">{t(messageKey(`admin.import.kinds.${data.kind}`))}</p>

      {data.pending ? (
        <section className="card mb-4 border-2 border-brand-700" data-testid="import-pending">
          <p className="mb-2 text-lg font-bold text-brand-800" role="status">
            {data.pending.status === "queued" || !progress
              ? t("admin.import.queued")
              : progress.phase === "checking"
                ? t("admin.import.checking")
                : t("admin.import.writing", { written: progress.written, total: progress.total })}
          </p>
          {progress?.phase === "writing" ? (
            <progress className="mb-2 h-4 w-full" max={Math.max(1, progress.total)} value={progress.written} aria-label={t("admin.import.title")} />
          ) : null}
          <p className="text-stone-700">{t("admin.import.pendingNote")}</p>
        </section>
      ) : null}

      {data.error ? (
        <p className="mb-4 rounded-lg border-2 border-red-700 bg-red-50 p-3" role="alert" data-testid="import-failed">
          {t("admin.import.failed", { error: data.error })}
        </p>
      ) : null}

      {data.committed ? (
        <section className="card mb-4 border-2 border-brand-700" data-testid="import-done">
          <p className="mb-2 text-lg font-bold text-brand-800" role="status">
            {t("admin.import.committed", {
              created: data.committed.summary.created ?? 0,
              updated: data.committed.summary.updated ?? 0,
              unchanged: data.committed.summary.unchanged ?? 0,
            })}
          </p>
          <p className="mb-3 text-stone-700">{t("admin.import.alreadyCommitted", { date: formatVietnamDateTime(data.committed.at) })}</p>
          {data.kind === "members" ? (
            <>
              {data.awaiting.length ? <p className="mb-2">{t("admin.import.afterMembers")}</p> : null}
              <AwaitingSlipsList teams={data.awaiting} className="mb-3" />
              <Link to="/admin/members" className="btn-secondary mr-2">
                {t("admin.import.seeMembers")}
              </Link>
            </>
          ) : null}
          <Link to="/admin/import" className="btn-secondary mt-2">
            {t("admin.import.uploadAnother")}
          </Link>
        </section>
      ) : null}

      {data.preview && !data.preview.ready ? (
        <section aria-labelledby="problems-title" data-testid="import-problems">
          <div className="mb-3 rounded-lg border-2 border-red-700 bg-red-50 p-3" role="alert">
            <h2 id="problems-title" className="text-lg font-bold text-red-800">
              {t("admin.import.problemsTitle", { count: data.preview.total })}
            </h2>
            <p>{t("admin.import.problemsIntro")}</p>
          </div>
          <ol className="mb-3 space-y-2">
            {data.preview.problems.map((p, i) => (
              <li key={i} className="card py-2" data-testid="import-problem">
                <p className="text-sm font-semibold text-stone-600">
                  {p.row === null ? t("admin.import.wholeFile") : `${t("admin.import.row")} ${p.row}`}
                  {p.column ? ` · ${t("admin.import.column")} “${p.column}”` : ""}
                </p>
                <p>{t(messageKey(`admin.import.problems.${p.key}`), p.params)}</p>
              </li>
            ))}
          </ol>
          {data.preview.total > data.preview.problems.length ? (
            <p className="mb-3 font-semibold">{t("admin.import.problemsMore", { count: data.preview.total - data.preview.problems.length })}</p>
          ) : null}
          <Link to="/admin/import" className="btn-primary w-full sm:w-auto">
            {t("admin.import.uploadAnother")}
          </Link>
        </section>
      ) : null}

      {data.preview?.ready ? (
        <section className="card" data-testid="import-ready">
          <p className="mb-2 font-semibold">{t("admin.import.ready")}</p>
          <p className="mb-2">{t("admin.import.rows", { count: data.preview.rows })}</p>
          <ul className="mb-4 list-disc pl-6">
            <li>{t("admin.import.willCreate", { count: data.preview.counts.created })}</li>
            <li>{t("admin.import.willUpdate", { count: data.preview.counts.updated })}</li>
            <li>{t("admin.import.willKeep", { count: data.preview.counts.unchanged })}</li>
            {data.kind === "members" ? <li>{t("admin.import.willCreateTeams", { count: data.preview.counts.teamsCreated })}</li> : null}
          </ul>
          <Form method="post">
            <CsrfField />
            <button type="submit" className="btn-primary w-full text-lg sm:w-auto" disabled={navigation.state === "submitting"}>
              {t("admin.import.commit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
