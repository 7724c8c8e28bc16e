import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DoneNotice, RuleErrorNotice } from "~/components/intent-form";
import { CsrfField } from "~/components/csrf-field";
import { usePeriodLabel } from "~/components/report-parts";
import { parsePeriod, periodChoices } from "~/models/coverage.server";
import { activeChildUnits } from "~/models/unit.server";
import {
  lrsAddressForDisplay,
  lrsSettings,
  outboxCounts,
  outboxRows,
  queueEarlierFacts,
  retryNow,
  senderProblem,
  senderStatus,
  wakeSender,
} from "~/models/lrs-outbox.server";
import { lrsConfigured } from "~/models/lrs-queue.server";
import { handleForm } from "~/utils/form-action.server";
import { requireAdmin } from "~/utils/admin-guard.server";
import { hasActorSecret } from "~/utils/env.server";
import { parseId, readForm } from "~/utils/request-body.server";
import { RuleError } from "~/utils/rule-error";
import { formatVietnamDateTime } from "~/utils/time";
import { TAGS } from "~/xapi/language-tags";
import { OUTBOX_STATUSES, type OutboxStatus } from "~/xapi/outbox-status";
import { messageKey } from "~/i18n";
import type { RouteHandle } from "~/root";
import { formatCount } from "~/utils/numbers";

export const handle: RouteHandle = { title: ({ t }) => [t("pageTitles.xapi"), t("pageTitles.admin")] };

const isStatus = (value: string | null): value is OutboxStatus => OUTBOX_STATUSES.includes(value as OutboxStatus);

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireAdmin(request);
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const filter = isStatus(status) ? status : null;
  const settings = lrsSettings();
  const children = (await activeChildUnits(scope.id)).map((c) => ({ id: c.id, name: c.name }));
  return json({
    scope: { id: scope.id, name: scope.name },
    units: [{ id: scope.id, name: scope.name }, ...children],
    periods: periodChoices().map((key) => parsePeriod(key)),
    canExport: hasActorSecret(),
    lrs: {
      configured: settings !== null,
      address: lrsAddressForDisplay(settings),
      batch: settings?.batchSize ?? 0,
      seconds: settings ? settings.intervalMs / 1000 : 0,
      problem: senderProblem(settings),
      sender: senderStatus(),
    },
    filter,
    counts: await outboxCounts(scope.path),
    ...(await outboxRows(scope.path, { status: filter, before: parseId(url.searchParams.get("before")) })),
  });
}

const RetrySchema = z.object({ intent: z.literal("retry") });
const EarlierSchema = z.object({ intent: z.literal("earlier") });

export async function action({ request }: ActionFunctionArgs) {
  const { scope } = await requireAdmin(request);
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "retry":
      return handleForm(formData, RetrySchema, async () => {
        const count = await retryNow(scope.path);
        wakeSender();
        return { done: { key: "admin.xapi.retry.done", params: { count } } };
      });
    case "earlier":
      return handleForm(formData, EarlierSchema, async () => {
        if (!lrsConfigured()) throw new RuleError("admin.xapi.earlier.notConfigured");
        const count = await queueEarlierFacts(scope.path);
        wakeSender();
        return { done: { key: "admin.xapi.earlier.done", params: { count } } };
      });
    default:
      return json({ intent: "", result: null, done: null, error: { key: "errors.badRequest" }, slips: null }, { status: 400 });
  }
}

const BADGE: Record<OutboxStatus, string> = {
  pending: "border-amber-600 bg-amber-50 text-amber-900",
  sending: "border-sky-700 bg-sky-50 text-sky-900",
  sent: "border-brand-700 bg-brand-50 text-brand-800",
  failed: "border-red-700 bg-red-50 text-red-800",
  withdrawn: "border-stone-400 bg-stone-100 text-stone-700",
};

/** One small form with one button: an admin action of this page. */
function ActionButton({ intent, title, hint, submit }: { intent: string; title: string; hint: string; submit: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" className="mb-3">
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      <h3 className="text-lg font-semibold">{title}</h3>
      <p className="mb-2 text-stone-700">{hint}</p>
      <RuleErrorNotice intent={intent} />
      <button type="submit" className="btn-secondary w-full sm:w-auto" disabled={busy}>
        {submit}
      </button>
    </Form>
  );
}

export default function AdminLearningRecords() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const periodLabel = usePeriodLabel();
  const tag = i18n.language === "en" ? TAGS.en : TAGS.vi;
  const { lrs, counts } = data;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const filterLink = (status: OutboxStatus | null) => (status ? `?status=${status}` : "?");
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t("admin.xapi.title")}</h1>
      <p className="mb-4 text-stone-700">{t("admin.xapi.intro")}</p>
      <DoneNotice />

      <section className="card mb-4" aria-labelledby="xapi-export">
        <h2 id="xapi-export" className="mb-1 text-xl font-bold">
          {t("admin.xapi.export.title")}
        </h2>
        <p className="mb-3 text-stone-700">{t("admin.xapi.export.hint")}</p>
        {data.canExport ? (
          // A plain form: the answer is a file for the browser to download.
          <form method="get" action="/admin/xapi/export" className="grid gap-3">
            <label>
              <span className="field-label">{t("admin.xapi.export.unit")}</span>
              <select name="unit" defaultValue={data.scope.id} className="field-input">
                {data.units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="field-label">{t("reports.period")}</span>
              <select name="period" defaultValue={data.periods[0].key} className="field-input">
                {data.periods.map((p) => (
                  <option key={p.key} value={p.key}>
                    {periodLabel(p)}
                  </option>
                ))}
                <option value="custom">{t("reports.periodCustom")}</option>
              </select>
            </label>
            <details>
              <summary className="min-h-tap cursor-pointer">{t("reports.periodCustom")}</summary>
              <div className="flex flex-wrap gap-2">
                <label>
                  <span className="field-label">{t("reports.from")}</span>
                  <input type="month" name="from" className="field-input" />
                </label>
                <label>
                  <span className="field-label">{t("reports.to")}</span>
                  <input type="month" name="to" className="field-input" />
                </label>
              </div>
            </details>
            <button type="submit" className="btn-primary w-full sm:w-auto">
              {t("admin.xapi.export.download")}
            </button>
          </form>
        ) : (
          <p role="note" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-3">
            {t("admin.xapi.lrs.noSecret")}
          </p>
        )}
      </section>

      <section className="card mb-4" aria-labelledby="xapi-lrs" data-testid="lrs-status">
        <h2 id="xapi-lrs" className="mb-2 text-xl font-bold">
          {t("admin.xapi.lrs.title")}
        </h2>
        {lrs.address ? (
          <p className="mb-2">
            <span className="text-stone-600">{t("admin.xapi.lrs.address")}:</span> <code className="break-all">{lrs.address}</code>
          </p>
        ) : null}
        {lrs.problem ? (
          <p role="note" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-3">
            {t(messageKey(lrs.problem))}
          </p>
        ) : lrs.sender.started ? (
          <p>{t("admin.xapi.lrs.running", { batch: lrs.batch, seconds: lrs.seconds })}</p>
        ) : (
          <p role="note" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-3">
            {t("admin.xapi.lrs.notStarted")}
          </p>
        )}
        {lrs.sender.lastRunAt ? <p className="text-stone-600">{t("admin.xapi.lrs.lastRun", { at: formatVietnamDateTime(lrs.sender.lastRunAt) })}</p> : null}
        {lrs.sender.lastError ? <p className="text-red-800">{t("admin.xapi.lrs.lastError", { error: lrs.sender.lastError })}</p> : null}
      </section>

      <section className="mb-4" aria-labelledby="xapi-queue">
        <h2 id="xapi-queue" className="mb-2 text-xl font-bold">
          {t("admin.xapi.counts.title", { unit: data.scope.name })}
        </h2>
        <nav aria-label={t("admin.xapi.filter")}>
          <ul className="mb-3 grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="outbox-counts">
            {[null, ...OUTBOX_STATUSES].map((status) => {
              const active = data.filter === status;
              return (
                <li key={status ?? "all"}>
                  <Link
                    to={filterLink(status)}
                    aria-current={active ? "page" : undefined}
                    className={`flex min-h-tap flex-col rounded-lg border-2 px-3 py-1 no-underline ${active ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-900"}`}
                    data-testid={`count-${status ?? "all"}`}
                  >
                    <span className="text-sm">{status ? t(`admin.xapi.counts.${status}`) : t("admin.xapi.all")}</span>
                    <span className="text-2xl font-bold tabular-nums">{formatCount(status ? counts[status] : total, i18n.language)}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>

        {lrs.configured ? (
          <div className="card mb-3">
            <ActionButton intent="retry" title={t("admin.xapi.retry.title")} hint={t("admin.xapi.retry.hint")} submit={t("admin.xapi.retry.submit")} />
            <ActionButton
              intent="earlier"
              title={t("admin.xapi.earlier.title")}
              hint={t("admin.xapi.earlier.hint", { unit: data.scope.name })}
              submit={t("admin.xapi.earlier.submit")}
            />
          </div>
        ) : null}

        {data.rows.length === 0 ? <p>{t("admin.xapi.none")}</p> : null}
        <ol className="space-y-2" data-testid="outbox-list">
          {data.rows.map((row) => (
            <li key={row.id} className="card py-3" data-testid="outbox-row" data-status={row.status}>
              <p className="flex flex-wrap items-center gap-2">
                <span className={`rounded border-2 px-2 text-sm font-semibold ${BADGE[row.status]}`}>{t(`admin.xapi.status.${row.status}`)}</span>
                <span className="font-semibold">{t(`admin.xapi.kinds.${row.kind}`, { defaultValue: row.kind })}</span>
              </p>
              {row.object ? <p className="mt-1">{row.object[tag] ?? Object.values(row.object)[0]}</p> : null}
              <p className="text-sm text-stone-600">
                {row.member} · {t("admin.xapi.queuedAt", { at: formatVietnamDateTime(row.queuedAt) })}
                {row.sentAt ? ` · ${t("admin.xapi.sentAt", { at: formatVietnamDateTime(row.sentAt) })}` : null}
                {row.status === "pending" && row.tries > 0
                  ? ` · ${t("admin.xapi.tries", { count: row.tries })} · ${t("admin.xapi.nextTry", { at: formatVietnamDateTime(row.nextTryAt) })}`
                  : null}
              </p>
              {row.problem ? (
                <p className="mt-1 text-sm font-semibold" data-testid="outbox-problem">
                  {t(messageKey(row.problem))}
                  {row.answer ? <code className="block font-normal [overflow-wrap:anywhere]">{row.answer}</code> : null}
                </p>
              ) : row.answerStatus !== null ? (
                <p className="mt-1 text-sm">
                  <span className="text-stone-600">{t("admin.xapi.answer")}:</span>{" "}
                  <code className="[overflow-wrap:anywhere]" data-testid="lrs-answer">
                    {row.answer ? `${row.answerStatus}: ${row.answer}` : `${row.answerStatus} (${t("admin.xapi.accepted")})`}
                  </code>
                </p>
              ) : null}
              {row.statementId ? (
                <p className="text-xs text-stone-500">
                  {t("admin.xapi.statementId")}: <span className="break-all font-mono">{row.statementId}</span>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        {data.more ? (
          <Link to={`?${new URLSearchParams({ ...(data.filter ? { status: data.filter } : {}), before: String(data.more) })}`} className="btn-secondary mt-4">
            {t("admin.xapi.older")}
          </Link>
        ) : null}
      </section>
    </div>
  );
}
