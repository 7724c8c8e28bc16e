import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requestLanguage } from "~/i18n.server";
import { canManage, getTrainingSession, skills } from "~/models/training-session.server";
import { byVietnameseName } from "~/models/unit.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { formatVietnamDateTime } from "~/utils/time";
import type { RouteHandle } from "~/root";
import { requireId } from "~/utils/request-body.server";

export const handle: RouteHandle = { hydrate: false, title: "pageTitles.signSheet" };

/** The paper fallback: a printable sign-in sheet with a column per practical skill. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["trainer", "admin", "supervisor"]);
  const session = await getTrainingSession(user, requireId(params.id));
  if (user.role !== "supervisor" && !canManage(user, session)) notFound();
  const language = await requestLanguage(request);
  return {
    title: session.title,
    when: formatVietnamDateTime(session.startsAt),
    place: session.place,
    unit: session.unit.name,
    members: session.invitees.map((i) => ({ id: i.user.id, name: i.user.name, team: i.user.team?.name ?? "" })).sort(byVietnameseName),
    skills: skills().map((s, i) => ({ key: s.key, n: i + 1, title: s.title[language] })),
  };
}

export default function SignInSheet() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="sheet">
      <h1 className="text-2xl font-bold">
        {t("sessions.sheetTitle")}: {data.title}
      </h1>
      <p className="mb-3">
        {data.when} · {data.place} · {data.unit}
      </p>
      {/* Wider than a phone: the box scrolls sideways and takes keyboard focus to do so. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("sessions.sheetTitle")}>
        <table className="w-full border-collapse text-sm [&_td]:border [&_td]:border-stone-500 [&_td]:px-1 [&_th]:border [&_th]:border-stone-500 [&_th]:px-1">
          <thead>
            <tr>
              <th scope="col">{t("sessions.sheetNo")}</th>
              <th scope="col">{t("sessions.sheetName")}</th>
              <th scope="col">{t("sessions.sheetTeam")}</th>
              <th scope="col" className="w-28">
                {t("sessions.sheetSignature")}
              </th>
              {data.skills.map((s) => (
                <th key={s.key} scope="col" title={s.title} className="w-8">
                  {s.n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...data.members, ...Array.from({ length: 5 }, (_, i) => ({ id: -i - 1, name: "", team: "" }))].map((m, i) => (
              <tr key={m.id} className="h-9">
                <td className="text-center">{i + 1}</td>
                <td>{m.name}</td>
                <td>{m.team}</td>
                <td />
                {data.skills.map((s) => (
                  <td key={s.key} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol className="mt-3 text-sm">
        {data.skills.map((s) => (
          <li key={s.key}>
            {s.n}. {s.title}
          </li>
        ))}
      </ol>
    </article>
  );
}
