import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { inactiveTeamList, INACTIVE_DAYS } from "~/models/coverage.server";
import { reportContext } from "~/utils/report-access.server";
import { formatVietnamDate } from "~/utils/time";
import type { RouteHandle } from "~/root";
import { BackLink } from "~/components/back-link";

// Plain HTML: a list of links.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.inactive" };

/** The inactive-teams figure as a list: each team's last activity and a one-tap next step. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await reportContext(request);
  const teams = await inactiveTeamList(ctx.unit);
  return {
    unit: { id: ctx.unit.id, name: ctx.unit.name },
    query: ctx.query,
    teams: teams.map((team) => ({ ...team, lastActive: team.lastActiveAt ? formatVietnamDate(team.lastActiveAt) : null })),
    // Sessions are scheduled by trainers (and admins); tasks are given by any staff member.
    canSchedule: ctx.user.role === "trainer" || ctx.user.role === "admin",
  };
}

export default function InactiveTeams() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <BackLink to={`/reports?${data.query}`}>{t("reports.title")}</BackLink>
      <h1 className="mb-1 text-3xl font-bold">{t("inactive.title")}</h1>
      <p className="mb-1 text-lg text-stone-700">{data.unit.name}</p>
      <p className="mb-4 text-stone-700">{t("inactive.intro", { days: INACTIVE_DAYS, count: data.teams.length })}</p>
      {data.teams.length === 0 ? <p className="card">{t("inactive.none")}</p> : null}
      <ul className="space-y-3" data-testid="inactive-teams">
        {data.teams.map((team) => (
          <li key={team.id} className="card p-3" data-inactive-team={team.id}>
            <Link to={`/reports/team/${team.id}`} className="link inline-flex min-h-tap items-center text-lg font-bold">
              {team.name}
            </Link>
            <p className="text-stone-700">{team.unitName}</p>
            <p className="font-semibold text-red-800">{team.lastActive ? t("inactive.lastActive", { date: team.lastActive }) : t("inactive.never")}</p>
            <p className="text-stone-700">
              {t("inactive.members", { count: team.members })}
              {team.openTasks ? ` · ${t("inactive.openTasks", { count: team.openTasks })}` : ""}
            </p>
            <p className="mt-2 flex flex-col gap-2 sm:flex-row">
              <Link to={`/tasks/new?team=${team.id}`} className="btn-primary" data-testid="assign-task">
                {t("inactive.assignTask")}
              </Link>
              {data.canSchedule ? (
                <Link to={`/sessions/new?unitId=${team.unitId}&team=${team.id}`} className="btn-secondary">
                  {t("inactive.schedule")}
                </Link>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
