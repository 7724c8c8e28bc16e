import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExportLinks } from "~/components/report-parts";
import { REPORT_ROLES } from "~/models/report-access.server";
import { teamDetail } from "~/models/coverage.server";
import { canAccessUnitPath, notFound, requireRole } from "~/utils/auth.server";
import { formatVietnamDateTime } from "~/utils/time";
import { requireId } from "~/utils/request-body.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: `${data.team.name} · Kỹ Năng Số` }] : []);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, REPORT_ROLES);
  const detail = await teamDetail(requireId(params.id));
  if (!detail || !canAccessUnitPath(user, detail.team.path)) notFound();
  const period = new URL(request.url).searchParams.get("period") ?? "";
  return { ...detail, period };
}

export default function TeamReport() {
  const { team, members, period } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <p className="mb-2">
        <Link to={`/reports?unit=${team.unitId}&period=${encodeURIComponent(period)}`} className="link">
          ← {team.unitName}
        </Link>
      </p>
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
      <ul className="space-y-2">
        {members.map((m) => (
          <li key={m.id}>
            <Link to={`/reports/member/${m.id}`} className="card block no-underline" data-member-link={m.id}>
              <span className="block font-bold text-brand-800 underline underline-offset-2">{m.name}</span>
              {m.position ? <span className="block text-sm text-stone-600">{m.position}</span> : null}
              <span className="block">
                {m.firstTrainedAt ? (
                  <span className="text-brand-800">✓ {t("reports.trainedSince")} {formatVietnamDateTime(m.firstTrainedAt).slice(0, 10)}</span>
                ) : (
                  <span className="font-semibold text-red-800">{t("reports.notTrained")}</span>
                )}
              </span>
              <span className="block text-stone-700">
                {t("reports.lessonsDone")}: {m.completions} ({t("reports.inPerson")}: {m.inPerson}) · {t("reports.sessionsAttended")}: {m.sessions} · {t("reports.skills")}: {m.skills}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
