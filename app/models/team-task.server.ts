// Team tasks (issue 18): "members have not been assigned concrete tasks" (seed
// 004). A supervisor or trainer gives a task to one or more teams in their
// scope: what, about which skill, by when, and optionally how many. The
// team's members see it on their home page and report progress; the assigner
// (and every staff member whose scope holds one of its teams) sees progress
// and what is overdue. Kept simple on purpose: one progress figure per team.
import { forbidden, notFound, type SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import type { TaskInput } from "~/utils/task-forms";
import { isCalendarDate, toVietnamLocal } from "~/utils/time";
import { isInSubtree, subtreeWhere } from "~/utils/unit-path";
import { recordAudit } from "./audit.server";

export const TASK_ROLES = ["trainer", "supervisor", "admin"] as const;
/** A task done this many days ago still shows on the team's list (then only with the assigner). */
const SHOW_DONE_DAYS = 7;

const isStaff = (user: SessionUser) => (TASK_ROLES as readonly string[]).includes(user.role) && user.scopeUnit !== null;
const todayIn = (now: Date) => toVietnamLocal(now).date;

/** Gives a task to teams in the user's scope, all or nothing. */
export async function createTask(user: SessionUser, input: TaskInput, now = new Date()) {
  if (!isStaff(user)) forbidden();
  const scope = user.scopeUnit!;
  if (!isCalendarDate(input.dueDate)) throw new RuleError("tasks.errors.dueDate");
  if (input.dueDate < todayIn(now)) throw new RuleError("tasks.errors.duePast");
  if (input.metric && !input.goal) throw new RuleError("tasks.errors.metricWithoutGoal");
  const ids = [...new Set(input.teamIds)];
  const teams = await prisma.team.findMany({ where: { id: { in: ids }, active: true }, select: { id: true, name: true, path: true } });
  // A team outside the scope is treated as one that does not exist.
  if (teams.length !== ids.length || teams.some((t) => !isInSubtree(scope.path, t.path))) throw new RuleError("tasks.errors.teams");
  return prisma.$transaction(async (tx) => {
    const task = await tx.teamTask.create({
      data: {
        title: input.title,
        skill: input.skill ?? "",
        dueDate: input.dueDate,
        goal: input.goal ?? null,
        metric: input.metric ?? null,
        unitId: scope.id,
        createdById: user.id,
        createdAt: now,
        teams: { create: ids.map((teamId) => ({ teamId })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "task.create",
      unitId: scope.id,
      subject: input.title,
      details: { taskId: task.id, teams: teams.map((t) => t.name), dueDate: input.dueDate, goal: input.goal ?? null },
    });
    return task;
  });
}

/** Withdraws a task: its teams no longer see it. The assigner, or an admin over its teams. */
export async function cancelTask(user: SessionUser, taskId: number, now = new Date()) {
  if (!isStaff(user)) forbidden();
  const task = await prisma.teamTask.findUnique({
    where: { id: taskId },
    select: { id: true, title: true, unitId: true, createdById: true, cancelledAt: true, teams: { select: { team: { select: { path: true } } } } },
  });
  if (!task || !task.teams.some((t) => isInSubtree(user.scopeUnit!.path, t.team.path))) notFound();
  if (task.createdById !== user.id && user.role !== "admin") throw new RuleError("tasks.errors.notYours");
  if (task.cancelledAt) return;
  await prisma.$transaction(async (tx) => {
    await tx.teamTask.update({ where: { id: taskId }, data: { cancelledAt: now }, select: { id: true } });
    await recordAudit(tx, { actorId: user.id, action: "task.cancel", unitId: task.unitId, subject: task.title, details: { taskId } });
  });
}

export type TeamTaskRow = {
  taskId: number;
  title: string;
  skill: string;
  dueDate: string;
  goal: number | null;
  metric: string | null;
  progress: number;
  done: boolean;
  overdue: boolean;
  givenBy: string;
};

/** The tasks a team has: open ones, and those done in the last week, soonest due first. */
export async function teamTasks(teamId: number, now = new Date()): Promise<TeamTaskRow[]> {
  const since = new Date(now.getTime() - SHOW_DONE_DAYS * 24 * 3600_000);
  const rows = await prisma.taskTeam.findMany({
    where: { teamId, task: { cancelledAt: null }, OR: [{ doneAt: null }, { doneAt: { gte: since } }] },
    select: {
      progress: true,
      doneAt: true,
      task: { select: { id: true, title: true, skill: true, dueDate: true, goal: true, metric: true, createdBy: { select: { name: true } } } },
    },
    orderBy: [{ task: { dueDate: "asc" } }, { taskId: "asc" }],
    take: 50,
  });
  const today = todayIn(now);
  return rows.map((r) => ({
    taskId: r.task.id,
    title: r.task.title,
    skill: r.task.skill,
    dueDate: r.task.dueDate,
    goal: r.task.goal,
    metric: r.task.metric,
    progress: r.progress,
    done: r.doneAt !== null,
    overdue: r.doneAt === null && r.task.dueDate < today,
    givenBy: r.task.createdBy.name,
  }));
}

/**
 * A member reports their team's progress on a task: a count towards the goal
 * (reaching it marks the task done), or done. Only the team's own members.
 */
export async function reportProgress(user: SessionUser, taskId: number, input: { progress?: number; done: boolean }, now = new Date()) {
  if (!user.team) forbidden();
  const row = await prisma.taskTeam.findUnique({
    where: { taskId_teamId: { taskId, teamId: user.team.id } },
    select: { progress: true, doneAt: true, task: { select: { goal: true, cancelledAt: true } } },
  });
  if (!row || row.task.cancelledAt) notFound();
  const goal = row.task.goal;
  if (goal === null && input.progress !== undefined && !input.done) throw new RuleError("tasks.errors.noGoal");
  const progress = input.progress ?? (goal === null ? (input.done ? 1 : row.progress) : row.progress);
  const reached = input.done || (goal !== null && progress >= goal);
  await prisma.taskTeam.update({
    where: { taskId_teamId: { taskId, teamId: user.team.id } },
    data: { progress, doneAt: reached ? (row.doneAt ?? now) : null, updatedById: user.id, updatedAt: now },
    select: { taskId: true },
  });
}

/**
 * Tasks touching the teams of the user's scope, newest due last, with each
 * team's progress: what the assigner and the supervisors above see.
 */
export async function tasksInScope(user: SessionUser, now = new Date()) {
  if (!isStaff(user)) forbidden();
  const scope = user.scopeUnit!;
  const tasks = await prisma.teamTask.findMany({
    where: { cancelledAt: null, teams: { some: { team: subtreeWhere(scope.path) } } },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true,
      title: true,
      skill: true,
      dueDate: true,
      goal: true,
      metric: true,
      createdById: true,
      createdBy: { select: { name: true } },
      teams: { select: { progress: true, doneAt: true, team: { select: { id: true, name: true, path: true } } }, orderBy: { teamId: "asc" } },
    },
  });
  const today = todayIn(now);
  return tasks.map((t) => {
    const teams = t.teams
      .filter((x) => isInSubtree(scope.path, x.team.path))
      .map((x) => ({ id: x.team.id, name: x.team.name, progress: x.progress, done: x.doneAt !== null, overdue: x.doneAt === null && t.dueDate < today }));
    return {
      id: t.id,
      title: t.title,
      skill: t.skill,
      dueDate: t.dueDate,
      goal: t.goal,
      metric: t.metric,
      givenBy: t.createdBy.name,
      mine: t.createdById === user.id,
      teams,
      done: teams.filter((x) => x.done).length,
      overdue: teams.filter((x) => x.overdue).length,
    };
  });
}

/** The teams a task can be given to: the active teams of the user's scope, by unit then name. */
export async function assignableTeams(user: SessionUser) {
  if (!isStaff(user)) forbidden();
  const teams = await prisma.team.findMany({
    where: { active: true, ...subtreeWhere(user.scopeUnit!.path) },
    select: { id: true, name: true, path: true, unit: { select: { name: true } } },
    orderBy: [{ path: "asc" }, { name: "asc" }],
    take: 2000,
  });
  return teams.map((t) => ({ id: t.id, name: t.name, unitName: t.unit.name }));
}
