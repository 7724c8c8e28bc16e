import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExportLinks } from "~/components/report-parts";
import { REPORT_ROLES } from "~/utils/report-access.server";
import { teamDetail } from "~/models/coverage.server";
import { membersTable } from "~/models/report-tables.server";
import { i18nServer, requestLanguage } from "~/i18n.server";
import { requireRole } from "~/utils/auth.server";
import { requireInScope } from "~/utils/scope.server";
import { formatVietnamDateTime } from "~/utils/time";
import { requireId } from "~/utils/request-body.server";
import type { RouteHandle } from "~/root";
import { PageScript } from "~/components/page-script";
import { titleFrom } from "~/utils/page-title";
import { BackLink } from "~/components/back-link";

// Plain HTML: cards and links only.
export const handle: RouteHandle = { hydrate: false, title: titleFrom<typeof loader>((data, t) => [data?.team.name, t("app.name")]) };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, REPORT_ROLES);
  const detail = requireInScope(user, await teamDetail(requireId(params.id)), (d) => d.team.path);
  const period = new URL(request.url).searchParams.get("period") ?? "";
  const language = await requestLanguage(request);
  // The members' table the files hold, shown as one card per member on a phone.
  const table = membersTable(detail, language, await i18nServer.getFixedT(language));
  return { team: detail.team, table, period };
}

export default function TeamReport() {
  const { team, table, period } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <BackLink to={`/reports?unit=${team.unitId}&period=${encodeURIComponent(period)}`}>{team.unitName}</BackLink>
      <h1 className="mb-1 text-3xl font-bold" data-testid="report-team">
        {team.name}
      </h1>
      <p className="mb-4">
        {t("reports.lastActive")}: {team.lastActiveAt ? formatVietnamDateTime(team.lastActiveAt) : t("reports.never")} ·{" "}
        <strong className={team.inactive ? "text-red-800" : "text-brand-800"}>{team.inactive ? t("reports.inactive") : t("reports.active")}</strong>
      </p>
      <div className="mb-2 flex justify-end">
        <ExportLinks href={`/reports/export?unit=${team.unitId}&team=${team.id}&table=members`} />
      </div>
      <ul className="space-y-2" data-testid="members-table">
        {table.rows.map((row) => {
          const [name, , position, trainedSince, lessons, inPerson, sessions, skills] = row.cells;
          return (
            <li key={row.link}>
              <Link to={row.link!} className="card block no-underline" data-member-link={row.link!.split("/").pop()}>
                <span className="block font-bold text-brand-800 underline underline-offset-2">{name.text}</span>
                {position.text ? <span className="block text-sm text-stone-600">{position.text}</span> : null}
                <span className="block">
                  {trainedSince.text ? (
                    <span className="text-brand-800">
                      ✓ {table.columns[3].label} {trainedSince.text}
                    </span>
                  ) : (
                    <span className="font-semibold text-red-800">{t("reports.notTrained")}</span>
                  )}
                </span>
                <span className="block text-stone-700">
                  {table.columns[4].label}: {lessons.text} ({table.columns[5].label}: {inPerson.text}) · {table.columns[6].label}: {sessions.text} ·{" "}
                  {table.columns[7].label}: {skills.text}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {/* Sends quizzes answered offline, as every signed-in page does. */}
      <PageScript />
    </div>
  );
}
