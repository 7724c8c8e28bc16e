import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OfflineStatus } from "~/components/offline-status";
import { PageScript } from "~/components/page-script";
import { ProgressBar } from "~/components/progress-bar";
import { UnitTable } from "~/components/unit-table";
import { getCourse } from "~/content/course.server";
import { courseProgress } from "~/models/progress.server";
import { teamTasks } from "~/models/team-task.server";
import { upcomingSessionsFor } from "~/models/training-session.server";
import { childUnitsWithCounts, subtreeCounts, unitAncestry, unitLevels } from "~/models/unit.server";
import { teamMembers } from "~/models/user.server";
import { requestLanguage } from "~/i18n.server";
import { getUser } from "~/utils/auth.server";
import { formatVietnamDateTime } from "~/utils/time";
import type { RouteHandle } from "~/root";
import { messageKey } from "~/i18n";

// Plain HTML: the home needs no React (its offline status is filled by the page script).
export const handle: RouteHandle = { hydrate: false, title: ({ t }) => [t("app.name")], description: "app.description" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return json({ kind: "guest" as const });
  const levels = Object.fromEntries((await unitLevels()).map((l) => [l.key, { vi: l.nameVi, en: l.nameEn }]));
  const team = user.team
    ? { name: user.team.name, unitPath: (await unitAncestry(user.team.unit.path)).map((u) => u.name), members: await teamMembers(user.team.id) }
    : null;
  if (user.role === "member" || !user.scopeUnit) {
    const [course, language] = await Promise.all([getCourse(), requestLanguage(request)]);
    const [progress, sessions, tasks] = await Promise.all([
      courseProgress(course, user.id, language),
      upcomingSessionsFor(user.id),
      user.team ? teamTasks(user.team.id) : Promise.resolve([]),
    ]);
    const topics = progress.topics.map((t) => ({ id: t.id, title: t.title, done: t.done, total: t.lessons.length }));
    const upcoming = sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: formatVietnamDateTime(s.startsAt),
      place: s.place,
      cancelled: s.status === "cancelled",
      moved: s.previousStartsAt ? formatVietnamDateTime(s.previousStartsAt) : null,
    }));
    // The team's open tasks first: they answer "what should I do" (seed 004).
    const openTasks = tasks
      .filter((task) => !task.done)
      .map((task) => ({ id: task.taskId, title: task.title, dueDate: task.dueDate, overdue: task.overdue, goal: task.goal, progress: task.progress }));
    return json({
      kind: "member" as const,
      userId: user.id,
      name: user.name,
      role: user.role,
      team,
      levels,
      topics,
      next: progress.next,
      upcoming,
      tasks: openTasks,
    });
  }
  const [children, totals] = await Promise.all([childUnitsWithCounts(user.scopeUnit.id), subtreeCounts(user.scopeUnit.path)]);
  return json({
    kind: "staff" as const,
    userId: user.id,
    name: user.name,
    role: user.role,
    team,
    levels,
    scope: { name: user.scopeUnit.name, levelKey: user.scopeUnit.levelKey, ...totals },
    children,
  });
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  if (data.kind === "guest") {
    return (
      <section className="py-6">
        <h1 className="mb-3 text-3xl font-bold leading-tight">{t("app.name")}</h1>
        <p className="mb-6 text-xl">{t("app.tagline")}</p>
        <Link to="/login" className="btn-primary w-full text-lg sm:w-auto">
          {t("nav.signIn")}
        </Link>
      </section>
    );
  }
  const levelName = (key: string) => {
    const level = data.levels[key];
    return level ? (i18n.language === "en" ? level.en : level.vi) : key;
  };
  return (
    <div data-testid={`home-${data.role}`}>
      <h1 className="mb-1 text-2xl font-bold">{t("home.greeting", { name: data.name })}</h1>
      <p className="mb-1 font-semibold text-brand-800">{t(messageKey(`roles.${data.role}`))}</p>
      <p className="mb-4 text-stone-700">{t(`home.roleIntro.${data.role}`)}</p>
      {data.kind === "staff" ? <StaffNextStep role={data.role} /> : null}

      {data.kind === "member" && data.tasks.length ? (
        <section className="card mb-4 border-2 border-amber-600" aria-labelledby="tasks-title" data-testid="home-tasks">
          <h2 id="tasks-title" className="mb-1 text-lg font-semibold text-stone-700">
            {t("tasks.homeTitle")}
          </h2>
          <ul className="divide-y divide-stone-200">
            {data.tasks.map((task) => (
              <li key={task.id} className="py-2" data-home-task={task.id}>
                <a href={`/tasks#task-${task.id}`} className="link inline-flex min-h-tap items-center text-lg">
                  {task.title}
                </a>
                <span className={`block ${task.overdue ? "font-bold text-red-800" : "text-stone-700"}`}>
                  {t("tasks.due", { date: task.dueDate.split("-").reverse().join("/") })}
                  {task.goal !== null ? ` · ${t("tasks.progressOf", { done: task.progress, goal: task.goal })}` : ""}
                  {task.overdue ? ` · ${t("tasks.overdue")}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.kind === "member" ? (
        <section className="card mb-4" aria-labelledby="progress-title" data-testid="my-progress">
          <h2 id="progress-title" className="text-lg font-semibold text-stone-600">
            {t("offline.progressTitle")}
          </h2>
          {data.next ? (
            <a href={`/lessons/${data.next.slug}`} className="btn-primary my-3 w-full text-lg" data-testid="home-next-lesson">
              {data.next.started ? t("lessons.continue") : t("lessons.startWith")}: {data.next.title} →
            </a>
          ) : (
            <p className="my-3 rounded-xl border-2 border-brand-700 bg-brand-50 p-4 font-semibold">{t("lessons.allDone")}</p>
          )}
          <ul className="space-y-3">
            {data.topics.map((topic) => (
              <li key={topic.id} data-topic-progress={topic.id} data-done={topic.done}>
                <a href={`/lessons#topic-${topic.id}`} className="mb-1 flex min-h-tap items-center font-semibold text-brand-800 underline underline-offset-2">
                  {topic.title}
                </a>
                <ProgressBar
                  value={topic.done}
                  max={topic.total}
                  label={t("lessons.topicProgress", { topic: topic.title })}
                  text={t("lessons.progress", { done: topic.done, total: topic.total })}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.kind === "member" && data.upcoming.length ? (
        <section className="card mb-4" aria-labelledby="upcoming-title" data-testid="home-sessions">
          <h2 id="upcoming-title" className="mb-2 text-lg font-semibold text-stone-600">
            {t("sessions.upcomingForMe")}
          </h2>
          <ul className="divide-y divide-stone-200">
            {data.upcoming.map((s) => (
              <li key={s.id} className="py-2">
                <Link to={`/sessions/${s.id}`} className="link inline-flex min-h-tap items-center text-lg">
                  {s.title}
                </Link>
                <span className="block font-semibold">
                  {s.when} · {s.place}
                </span>
                {s.cancelled ? (
                  <span className="block font-bold text-red-800">{t("sessions.cancelled")}</span>
                ) : s.moved ? (
                  <span className="block text-amber-800">{t("sessions.moved", { from: s.moved })}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.kind === "member" && data.team ? (
        <p className="mb-4">
          {/* Recording an evening with residents takes under a minute, with or without signal. */}
          <a href="/events" className="btn-secondary w-full text-lg" data-testid="home-events">
            {t("events.homeLink")}
          </a>
        </p>
      ) : null}

      {data.kind === "member" ? <OfflineStatus /> : null}

      {data.kind === "staff" ? (
        <section className="card mb-4" aria-labelledby="scope-title">
          <h2 id="scope-title" className="text-lg font-semibold text-stone-600">
            {t("home.yourScope")}
          </h2>
          <p className="mb-3 text-xl font-bold">
            {data.scope.name} <span className="text-base font-normal text-stone-600">· {levelName(data.scope.levelKey)}</span>
          </p>
          <UnitTable
            caption={t("home.units")}
            rows={data.children.map((c) => ({ ...c, level: levelName(c.levelKey) }))}
            totals={{ teams: data.scope.teams, members: data.scope.members }}
          />
        </section>
      ) : null}

      {data.kind === "staff" ? <OfflineStatus /> : null}

      <section className="card" aria-labelledby="team-title">
        <h2 id="team-title" className="text-lg font-semibold text-stone-600">
          {t("home.yourTeam")}
        </h2>
        {data.team ? (
          <>
            <p className="text-xl font-bold">{data.team.name}</p>
            <p className="mb-3 text-stone-600">{data.team.unitPath.join(" › ")}</p>
            <h3 className="mb-1 font-semibold">{t("home.teamMembers")}</h3>
            <ul className="divide-y divide-stone-200">
              {data.team.members.map((m) => (
                <li key={m.id} className="py-2">
                  <span className="font-semibold">{m.name}</span>
                  {m.position ? <span className="block text-stone-600">{m.position}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("home.noTeam")}</p>
        )}
      </section>
      <PageScript />
    </div>
  );
}

/** The first thing a trainer, supervisor or admin does here, on the first screen. */
function StaffNextStep({ role }: { role: string }) {
  const { t } = useTranslation();
  const steps: Record<string, Array<{ to: string; label: string }>> = {
    trainer: [
      { to: "/sessions/new", label: t("home.next.schedule") },
      { to: "/reports", label: t("home.next.behind") },
      { to: "/tasks", label: t("home.next.tasks") },
    ],
    supervisor: [
      { to: "/reports", label: t("home.next.behind") },
      { to: "/reports/targets", label: t("home.next.targets") },
      { to: "/tasks", label: t("home.next.tasks") },
    ],
    admin: [
      { to: "/admin", label: t("home.next.admin") },
      { to: "/reports", label: t("home.next.behind") },
      { to: "/tasks", label: t("home.next.tasks") },
    ],
  };
  const [first, ...rest] = steps[role] ?? [];
  if (!first) return null;
  return (
    <p className="mb-4 flex flex-col gap-2 sm:flex-row" data-testid="home-next-step">
      <Link to={first.to} className="btn-primary text-lg">
        {first.label} →
      </Link>
      {rest.map((step) => (
        <Link key={step.to} to={step.to} className="btn-secondary">
          {step.label}
        </Link>
      ))}
    </p>
  );
}
