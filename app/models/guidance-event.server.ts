// Guidance events for residents (issue 18): a team's evening at the village
// hall, a morning at the market, a round door to door, a loudspeaker broadcast.
//
// Which is the detail of which: the daily results log stays the one record of
// residents helped (the field indicators are its sums); an event is the detail
// behind some of its lines. Recording an event writes its counts as lines of
// the log carrying the event's id, in the same transaction, so a resident
// helped at an event counts once, and those lines are changed only with the
// event, never on their own. The event itself adds what the log cannot say:
// where, which skills, which partners; and it is counted once as a guidance
// event (seed 001's indicator 2, beside the member trainings).
//
// Events are recorded on phones, often offline: each carries an id made on the
// phone, and the same event sent any number of times, by any path, is stored once.
import { forbidden, type SessionUser } from "~/utils/auth.server";
import { acceptDeviceTime } from "~/utils/device-time";
import { prisma } from "~/utils/db.server";
import { EVENT_COUNT_KEYS, EVENT_COUNTS, GuidanceEventSchema, type GuidanceEventInput } from "~/utils/guidance";
import { parseDeviceInstant, toVietnamLocal } from "~/utils/time";
import { messageKey } from "~/i18n";
import { RuleError } from "~/utils/rule-error";
import { checkEntries, KIND_METRIC } from "./field-result.server";
import { addMonthStats, touchTeam } from "./stats.server";

/** A stored event: new, or one already stored under the same id (sent again). A refused one is a RuleError. */
export type EventOutcome = { status: "created" | "duplicate"; id: number };

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** An event as sent (form fields or the phone's queue), checked; RuleError with the first problem otherwise. */
export function parseEvent(raw: unknown, now = new Date()): GuidanceEventInput {
  const parsed = GuidanceEventSchema.safeParse(raw);
  if (!parsed.success) throw new RuleError(messageKey(parsed.error.issues[0]?.message ?? "errors.badRequest"));
  const event = parsed.data;
  // The same day rules as the log: not in the future, at most 30 days back (under the events' own keys).
  const problem = checkEntries(event.date, [{ kind: "residents-guided", count: event.residents }], now);
  if (problem) throw new RuleError(messageKey(problem.replace(/^results\./, "events.")));
  return event;
}

/**
 * Records a guidance event for the member's team, with its counts as lines of
 * the daily results log, all or nothing. An event already stored (same id) is
 * answered "duplicate", whoever sends it again; an id used by another member
 * is refused (RuleError), like an event that breaks a rule.
 */
export async function recordEvent(user: SessionUser, raw: unknown, now = new Date()): Promise<EventOutcome> {
  if (!user.team) forbidden();
  const sheet = typeof (raw as { sheet?: unknown } | null)?.sheet === "string" ? (raw as { sheet: string }).sheet : null;
  if (sheet) {
    const known = await prisma.guidanceEvent.findUnique({ where: { clientId: sheet }, select: { id: true, userId: true } });
    if (known) {
      if (known.userId !== user.id) throw new RuleError("events.errors.sheet");
      return { status: "duplicate", id: known.id };
    }
  }
  const e = parseEvent(raw, now);
  const team = user.team;
  const claimed = e.deviceTime ? parseDeviceInstant(e.deviceTime) : null;
  const deviceTime = claimed ? acceptDeviceTime(claimed, now).at : null;
  try {
    const id = await prisma.$transaction(async (tx) => {
      const created = await tx.guidanceEvent.create({
        data: {
          clientId: e.sheet,
          userId: user.id,
          teamId: team.id,
          unitId: team.unit.id,
          date: e.date,
          place: e.place,
          skills: JSON.stringify(e.skills),
          partners: JSON.stringify(e.partners),
          residents: e.residents,
          note: e.note || null,
          deviceTime,
          createdAt: now,
        },
        select: { id: true },
      });
      const deltas: Record<string, number> = { guidanceEvents: 1 };
      for (const key of EVENT_COUNT_KEYS) {
        if (e[key] <= 0) continue;
        const kind = EVENT_COUNTS[key];
        await tx.fieldResult.create({
          data: { userId: user.id, unitId: team.unit.id, teamId: team.id, date: e.date, kind, count: e[key], eventId: created.id, createdAt: now },
          select: { id: true },
        });
        deltas[KIND_METRIC[kind]] = (deltas[KIND_METRIC[kind]] ?? 0) + e[key];
      }
      await addMonthStats(tx, team.unit.path, e.date.slice(0, 7), deltas);
      await touchTeam(tx, team.id, now);
      return created.id;
    });
    return { status: "created", id };
  } catch (error) {
    // Sent twice at once (the page and the phone's queue): the other request stored it.
    if (isUniqueViolation(error)) {
      const known = await prisma.guidanceEvent.findUnique({ where: { clientId: e.sheet }, select: { id: true, userId: true } });
      if (known && known.userId === user.id) return { status: "duplicate", id: known.id };
      throw new RuleError("events.errors.sheet");
    }
    throw error;
  }
}

/** The team's recent events (any member's), newest first, with what each counted. */
export async function teamEvents(teamId: number, take = 20) {
  const events = await prisma.guidanceEvent.findMany({
    where: { teamId },
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take,
    select: { id: true, clientId: true, date: true, place: true, skills: true, partners: true, residents: true, note: true, user: { select: { name: true } } },
  });
  const lines = await prisma.fieldResult.findMany({ where: { eventId: { in: events.map((e) => e.id) } }, select: { eventId: true, kind: true, count: true } });
  return events.map((e) => ({
    id: e.id,
    clientId: e.clientId,
    date: e.date,
    place: e.place,
    skills: JSON.parse(e.skills) as string[],
    partners: JSON.parse(e.partners) as string[],
    residents: e.residents,
    note: e.note,
    by: e.user.name,
    counts: lines.filter((l) => l.eventId === e.id && l.kind !== "residents-guided").map((l) => ({ kind: l.kind, count: l.count })),
  }));
}

/** Today in Vietnam, the form's default day. */
export const today = (now = new Date()) => toVietnamLocal(now).date;
