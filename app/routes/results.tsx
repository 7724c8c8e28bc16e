import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deleteResult, recentResults, recordResults, updateResult } from "~/models/field-result.server";
import { EDIT_DAYS, FIELD_KINDS, MAX_DAILY_COUNT } from "~/utils/field-kinds";
import { requireUser } from "~/utils/auth.server";
import { toVietnamLocal } from "~/utils/time";
import { parseId, readForm } from "~/utils/request-body.server";
import { CsrfField } from "~/components/csrf-field";
import { PageScript } from "~/components/page-script";
import { Stepper } from "~/components/stepper";
import type { RouteHandle } from "~/root";
import { messageKey } from "~/i18n";

// Plain HTML: the forms post as forms; the page script only adds the − and + taps.
export const handle: RouteHandle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Kết quả hỗ trợ người dân · Kỹ Năng Số" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    hasTeam: Boolean(user.team),
    today: toVietnamLocal(new Date()).date,
    entries: user.team ? await recentResults(user) : [],
  };
}

/** A typed count: empty is 0; anything but digits is NaN, which the model refuses. */
function count(value: FormDataEntryValue | null) {
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return 0;
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "update" || intent === "delete") {
    const id = parseId(form.get("id"));
    if (id === null) return json({ error: "errors.badRequest", values: null, saved: 0 }, { status: 400 });
    const result =
      intent === "delete"
        ? await deleteResult(user, id)
        : await updateResult(user, id, { count: count(form.get("count")), productName: String(form.get("productName") ?? ""), ocop: form.get("ocop") === "on" });
    if ("error" in result) return json({ error: result.error, values: null, saved: 0 }, { status: 400 });
    return redirect("/results");
  }
  const date = String(form.get("date") ?? "");
  const entries = FIELD_KINDS.map((kind) => ({
    kind,
    count: count(form.get(kind)),
    productName: kind === "product-online" ? String(form.get("productName") ?? "") : null,
    ocop: kind === "product-online" ? form.get("ocop") === "on" : false,
  }));
  const result = await recordResults(user, date, entries);
  if ("error" in result) {
    return json({ error: result.error!, values: Object.fromEntries(form) as Record<string, string>, saved: 0 }, { status: 400 });
  }
  return json({ error: null, values: null, saved: result.created });
}

export default function ResultsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const editing = Number(params.get("edit"));
  const values = actionData?.values ?? {};
  if (!data.hasTeam) return <p className="card">{t("results.noTeam")}</p>;
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t("results.title")}</h1>
      <p className="mb-4 text-stone-700">{t("results.intro", { days: EDIT_DAYS })}</p>
      {/* An evening with residents is recorded as an event: its counts come here by themselves. */}
      <p className="mb-4">
        <a href="/events" className="btn-secondary w-full">
          {t("events.homeLink")}
        </a>
      </p>
      {actionData?.saved ? (
        <p className="mb-3 rounded-lg border-2 border-brand-700 bg-brand-50 p-3 font-semibold" role="status">
          {t("results.saved", { count: actionData.saved })}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="mb-3 rounded-lg border-2 border-red-700 bg-red-50 p-3 font-semibold text-red-800" role="alert">
          {t(messageKey(actionData.error), { max: MAX_DAILY_COUNT })}
        </p>
      ) : null}
      {/* A fresh form after each save: the key changes with the number of entries. */}
      <Form method="post" className="card mb-6" key={data.entries.length + (actionData?.saved ?? 0)}>
        <CsrfField />
        <input type="hidden" name="intent" value="create" />
        <label htmlFor="f-date" className="field-label">
          {t("results.date")}
        </label>
        <input id="f-date" name="date" type="date" max={data.today} defaultValue={values.date ?? data.today} className="field-input mb-4" required />
        {FIELD_KINDS.map((kind) => (
          <Stepper key={kind} id={`f-${kind}`} name={kind} label={t(messageKey(`results.kinds.${kind}`))} defaultValue={values[kind] ?? ""} max={MAX_DAILY_COUNT} />
        ))}
        <label htmlFor="f-product" className="field-label">
          {t("results.productName")}
        </label>
        <input id="f-product" name="productName" defaultValue={values.productName ?? ""} className="field-input mb-2" maxLength={200} />
        <label className="mb-4 flex min-h-tap items-center gap-3">
          <input type="checkbox" name="ocop" defaultChecked={values.ocop === "on"} className="h-6 w-6 accent-brand-700" />
          {t("results.ocop")}
        </label>
        <button type="submit" className="btn-primary w-full text-lg">
          {t("results.save")}
        </button>
      </Form>

      <h2 className="mb-2 text-xl font-bold">{t("results.recent")}</h2>
      {data.entries.length === 0 ? (
        <p>{t("results.none")}</p>
      ) : (
        <ul className="space-y-2">
          {data.entries.map((e) => (
            <li key={e.id} className="card p-3" data-result={e.id}>
              <p className="font-semibold">
                {e.date.split("-").reverse().join("/")} · {t(messageKey(`results.kinds.${e.kind}`))}: <span className="text-xl">{e.count}</span>
              </p>
              {e.productName ? (
                <p>
                  {e.productName}
                  {e.ocop ? " (OCOP)" : ""}
                </p>
              ) : null}
              {e.eventId !== null ? (
                <p>
                  <a href="/events" className="link-tap">
                    {t("results.fromEvent")}
                  </a>
                </p>
              ) : !e.editable ? (
                <p className="text-stone-600">🔒 {t("results.locked")}</p>
              ) : editing === e.id ? (
                <Form method="post" className="mt-2 space-y-2">
                  <CsrfField />
                  <input type="hidden" name="intent" value="update" />
                  <input type="hidden" name="id" value={e.id} />
                  <input name="count" type="number" min={0} max={MAX_DAILY_COUNT} defaultValue={e.count} aria-label={t(messageKey(`results.kinds.${e.kind}`))} className="field-input" />
                  {e.kind === "product-online" ? (
                    <>
                      <input name="productName" defaultValue={e.productName ?? ""} aria-label={t("results.productName")} className="field-input" />
                      <label className="flex min-h-tap items-center gap-3">
                        <input type="checkbox" name="ocop" defaultChecked={e.ocop} className="h-6 w-6 accent-brand-700" />
                        {t("results.ocop")}
                      </label>
                    </>
                  ) : null}
                  <button type="submit" className="btn-primary">
                    {t("results.update")}
                  </button>
                </Form>
              ) : (
                <div className="mt-2 flex gap-2">
                  <a href={`?edit=${e.id}`} className="btn-secondary">
                    {t("results.edit")}
                  </a>
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="id" value={e.id} />
                    <button type="submit" className="btn border-2 border-red-700 bg-white text-red-800">
                      {t("results.delete")}
                    </button>
                  </Form>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <PageScript />
    </div>
  );
}
