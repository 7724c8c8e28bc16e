import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminMemberLine } from "~/components/member-line";
import { searchMembers } from "~/models/admin-members.server";
import { requireAdmin } from "~/utils/admin-guard.server";
import { parseId } from "~/utils/request-body.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireAdmin(request);
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const inactive = url.searchParams.get("inactive") === "1";
  const page = Math.min(parseId(url.searchParams.get("page")) ?? 1, 10_000);
  return json({ q, inactive, ...(await searchMembers(scope.path, { q, page, inactive })) });
}

export default function AdminMembers() {
  const { q, inactive, members, total, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const pageLink = (p: number) => `?${new URLSearchParams({ q, ...(inactive ? { inactive: "1" } : {}), page: String(p) })}`;
  return (
    <div>
      <h1 className="mb-3 text-3xl font-bold">{t("admin.members.title")}</h1>
      <Form method="get" className="card mb-4" role="search">
        <label htmlFor="q" className="field-label">
          {t("admin.members.search")}
        </label>
        <div className="flex gap-2">
          <input id="q" name="q" type="search" defaultValue={q} className="field-input" />
          <button type="submit" className="btn-primary shrink-0">
            {t("admin.members.searchButton")}
          </button>
        </div>
        <label className="mt-2 flex min-h-tap items-center gap-2">
          <input type="checkbox" name="inactive" value="1" defaultChecked={inactive} className="h-6 w-6" />
          {t("admin.members.showInactive")}
        </label>
      </Form>
      <p className="mb-2 font-semibold" data-testid="member-count">
        {t("admin.members.found", { count: total })}
      </p>
      {members.length === 0 ? <p>{t("admin.members.none")}</p> : null}
      <ul className="card divide-y divide-stone-200 p-0" data-testid="member-list">
        {members.map((m) => (
          <li key={m.id}>
            <AdminMemberLine member={m} where={[m.team?.name, m.team?.unit.name]} className="px-4 py-2" />
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav className="mt-4 flex flex-wrap items-center justify-between gap-2">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="btn-secondary">
              {t("admin.common.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("admin.common.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} className="btn-secondary">
              {t("admin.common.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
