import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { canRunSessions, listTrainingSessions } from "~/models/training-session.server";
import { requireUser } from "~/utils/auth.server";
import { formatVietnamDateTime } from "~/utils/time";
import type { RouteHandle } from "~/root";
import { PageScript } from "~/components/page-script";

// Plain HTML: a list of links and two tabs, nothing for React to do.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.sessions" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const when = new URL(request.url).searchParams.get("when") === "past" ? "past" : "upcoming";
  const sessions = await listTrainingSessions(user, when);
  return {
    when,
    canSchedule: canRunSessions(user),
    isMember: user.role === "member",
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: formatVietnamDateTime(s.startsAt),
      moved: s.previousStartsAt ? formatVietnamDateTime(s.previousStartsAt) : null,
      place: s.place,
      unit: s.unit.name,
      cancelled: s.status === "cancelled",
      invited: s._count.invitees,
    })),
  };
}

export default function SessionList() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const tab = (when: string, label: string) => (
    <Link
      to={when === "past" ? "?when=past" : "."}
      className={`flex min-h-tap flex-1 items-center justify-center rounded-lg border-2 font-semibold no-underline ${data.when === when ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-800"}`}
      aria-current={data.when === when ? "page" : undefined}
    >
      {label}
    </Link>
  );
  return (
    <div>
      <h1 className="mb-3 text-3xl font-bold">{t("sessions.title")}</h1>
      {data.canSchedule ? (
        <Link to="/sessions/new" className="btn-primary mb-4 w-full text-lg">
          + {t("sessions.schedule")}
        </Link>
      ) : null}
      <nav className="mb-4 flex gap-2" aria-label={t("sessions.title")} key={params.toString()}>
        {tab("upcoming", t("sessions.upcoming"))}
        {tab("past", t("sessions.past"))}
      </nav>
      {data.sessions.length === 0 ? (
        <p className="card">{data.isMember && data.when === "upcoming" ? t("sessions.noneInvited") : t("sessions.none")}</p>
      ) : (
        <ul className="space-y-3">
          {data.sessions.map((s) => (
            <li key={s.id}>
              <Link to={`/sessions/${s.id}`} className={`card block no-underline ${s.cancelled ? "opacity-70" : ""}`} data-session={s.id}>
                <span className="block text-lg font-bold text-brand-800 underline underline-offset-2">{s.title}</span>
                <span className="block font-semibold">
                  {s.when}
                  {s.cancelled ? <strong className="ml-2 rounded bg-red-100 px-2 text-red-800">{t("sessions.cancelled")}</strong> : null}
                </span>
                {s.moved && !s.cancelled ? <span className="block text-amber-800">{t("sessions.moved", { from: s.moved })}</span> : null}
                <span className="block text-stone-700">
                  {s.place} · {s.unit}
                </span>
                <span className="block text-stone-600">{t("sessions.invited", { count: s.invited })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {/* Sends quizzes answered offline, as every signed-in page does. */}
      <PageScript />
    </div>
  );
}
