import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Translate } from "~/i18n";
import { formatVietnamDateTime } from "~/utils/time";
import { auditEntries } from "~/models/audit.server";
import { requireAdmin } from "~/utils/admin-guard.server";
import { parseId } from "~/utils/request-body.server";
import { messageKey } from "~/i18n";

const groups = ["unit", "team", "member", "import"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireAdmin(request);
  const url = new URL(request.url);
  const group = groups.find((g) => g === url.searchParams.get("group")) ?? null;
  const before = parseId(url.searchParams.get("before")) ?? undefined;
  const page = await auditEntries(scope.path, { before, action: group ? `${group}.` : undefined });
  return json({ group, ...page });
}

/** The details of an entry in words: before → after, or the counts. */
function describe(details: Record<string, unknown>, t: Translate) {
  const show = (v: unknown): string =>
    v === null || v === undefined || v === ""
      ? "—"
      : typeof v === "object"
        ? Object.values(v as object)
            .map(show)
            .filter((s) => s !== "—")
            .join(", ")
        : String(v);
  const change = (v: unknown) => {
    const c = v as { from?: unknown; to?: unknown };
    return `${show(c.from)} → ${show(c.to)}`;
  };
  if ("from" in details && "to" in details && Object.keys(details).length === 2) return change(details);
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => {
      const label = t(`admin.audit.fields.${k}`, { defaultValue: k });
      if (k === "kind" && typeof v === "string") return `${label}: ${t(messageKey(`admin.import.kinds.${v}`), { defaultValue: v })}`;
      return `${label}: ${typeof v === "object" && v && "from" in v ? change(v) : show(v)}`;
    })
    .join(" · ");
}

export default function AdminAudit() {
  const { group, entries, more } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t("admin.audit.title")}</h1>
      <p className="mb-4 text-stone-700">{t("admin.audit.intro")}</p>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2">
        <div className="grow">
          <label htmlFor="group" className="field-label">
            {t("admin.audit.filter")}
          </label>
          <select id="group" name="group" defaultValue={group ?? ""} className="field-input">
            <option value="">{t("admin.audit.all")}</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {t(`admin.audit.groups.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary">
          {t("admin.audit.filter")}
        </button>
      </Form>
      {entries.length === 0 ? <p>{t("admin.audit.none")}</p> : null}
      <ol className="space-y-2" data-testid="audit-list">
        {entries.map((e) => (
          <li key={e.id} className="card py-3">
            <p className="text-sm text-stone-600">
              <time dateTime={e.at}>{formatVietnamDateTime(e.at)}</time> · {e.actor ? `${e.actor.name} (${e.actor.phone})` : "—"}
            </p>
            <p className="font-semibold">
              {t(messageKey(`admin.audit.actions.${e.action}`))}: {e.subject}
            </p>
            <p className="text-stone-700">
              <Link to={`/admin/units/${e.unit.id}`} className="link-tap">
                {e.unit.name}
              </Link>
              {Object.keys(e.details).length ? ` · ${describe(e.details, t)}` : ""}
            </p>
          </li>
        ))}
      </ol>
      {more ? (
        <Link to={`?${new URLSearchParams({ ...(group ? { group } : {}), before: String(more) })}`} className="btn-secondary mt-4">
          {t("admin.audit.older")}
        </Link>
      ) : null}
    </div>
  );
}
