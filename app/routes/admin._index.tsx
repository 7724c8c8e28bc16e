import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AwaitingSlipsList } from "~/components/admin-form";
import { useTranslation } from "react-i18next";
import { teamsAwaitingSlips } from "~/models/import.server";
import { subtreeCounts } from "~/models/unit.server";
import { requireAdmin } from "~/utils/admin-guard.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireAdmin(request);
  const [counts, awaiting] = await Promise.all([subtreeCounts(scope.path), teamsAwaitingSlips(actor, 20)]);
  return json({ scope: { id: scope.id, name: scope.name }, counts, awaiting });
}

export default function AdminOverview() {
  const { scope, counts, awaiting } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const tasks = [
    { to: `/admin/units/${scope.id}`, label: t("admin.sections.units"), text: t("admin.overview.taskUnits") },
    { to: "/admin/members", label: t("admin.sections.members"), text: t("admin.overview.taskMembers") },
    { to: "/admin/import", label: t("admin.sections.import"), text: t("admin.overview.taskImport") },
    { to: "/admin/audit", label: t("admin.sections.audit"), text: t("admin.overview.taskAudit") },
    { to: "/admin/xapi", label: t("admin.sections.xapi"), text: t("admin.overview.taskXapi") },
  ];
  return (
    <div>
      <h1 className="mb-1 text-3xl font-bold">{t("admin.title")}</h1>
      <p className="mb-4 text-stone-700">{t("admin.overview.intro")}</p>
      <section className="card mb-4">
        <h2 className="text-lg font-semibold text-stone-600">{t("admin.overview.scope")}</h2>
        <p className="mb-3 text-xl font-bold">
          <Link to={`/admin/units/${scope.id}`} className="link-tap">
            {scope.name}
          </Link>
        </p>
        <dl className="grid grid-cols-2 gap-3">
          <div>
            <dt className="text-stone-600">{t("admin.overview.teams")}</dt>
            <dd className="text-2xl font-bold tabular-nums">{counts.teams}</dd>
          </div>
          <div>
            <dt className="text-stone-600">{t("admin.overview.members")}</dt>
            <dd className="text-2xl font-bold tabular-nums">{counts.members}</dd>
          </div>
        </dl>
      </section>
      <section className="mb-4">
        <h2 className="mb-2 text-xl font-bold">{t("admin.overview.tasks")}</h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {tasks.map((task) => (
            <li key={task.to}>
              <Link to={task.to} className="card block min-h-tap no-underline hover:border-brand-700">
                <span className="block text-lg font-bold text-brand-800">{task.label}</span>
                <span className="text-stone-700">{task.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2 className="mb-2 text-lg font-bold">{t("admin.overview.awaitingSlips")}</h2>
        {awaiting.length === 0 ? <p>{t("admin.overview.noneAwaiting")}</p> : <AwaitingSlipsList teams={awaiting} />}
      </section>
    </div>
  );
}
