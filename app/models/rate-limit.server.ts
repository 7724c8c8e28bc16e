// Rate limits: sign-in tries per phone and per address, answer sheets and
// sync requests per member. Each try is written first and judged after, so
// requests that arrive together see each other: 200 parallel wrong passwords
// for one phone get the same answers as 200 in a row (the first MAX checked,
// the rest refused). A try goes ahead when fewer than MAX tries were written
// before it (smaller id) inside the window. Refused tries remove their rows;
// tries let through keep theirs, so the j-th of them in id order always saw
// the j−1 before it: never more than MAX go ahead, however they interleave.
import { prisma } from "~/utils/db.server";

export type Limit = { key: string; max: number; windowMinutes: number };

export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_PHONE = 5;
export const MAX_FAILURES_PER_IP = 30;
/** Answer sheets a member may send (form or sync) in ten minutes. */
export const MAX_QUIZ_SHEETS = 60;
export const QUIZ_WINDOW_MINUTES = 10;
/** Sync requests a member's devices may send in ten minutes. */
export const MAX_SYNC_REQUESTS = 60;

export function signInLimits(phone: string, ip: string | undefined): Limit[] {
  const limits = [{ key: `phone:${phone}`, max: MAX_FAILURES_PER_PHONE, windowMinutes: SIGN_IN_WINDOW_MINUTES }];
  if (ip) limits.push({ key: `ip:${ip}`, max: MAX_FAILURES_PER_IP, windowMinutes: SIGN_IN_WINDOW_MINUTES });
  return limits;
}

export const quizLimit = (userId: number): Limit => ({ key: `quiz:${userId}`, max: MAX_QUIZ_SHEETS, windowMinutes: QUIZ_WINDOW_MINUTES });
export const syncLimit = (userId: number): Limit => ({ key: `sync:${userId}`, max: MAX_SYNC_REQUESTS, windowMinutes: QUIZ_WINDOW_MINUTES });

/** A try that was written and judged: `wait` minutes before trying again, 0 when it may go ahead. */
export type Reservation = { ids: number[]; wait: number };

/**
 * Records a try under every limit, then counts. When any limit is over, the
 * try's own rows are removed (a refused try does not lengthen the wait) and
 * `wait` says how long until the oldest counted try leaves the window.
 */
export async function reserveTry(limits: Limit[], now = new Date()): Promise<Reservation> {
  const ids: number[] = [];
  for (const limit of limits) {
    const row = await prisma.rateLimitHit.create({ data: { key: limit.key, createdAt: now }, select: { id: true } });
    ids.push(row.id);
  }
  let wait = 0;
  for (const [i, limit] of limits.entries()) {
    const windowMs = limit.windowMinutes * 60_000;
    const before = await prisma.rateLimitHit.findMany({
      where: { key: limit.key, id: { lt: ids[i] }, createdAt: { gt: new Date(now.getTime() - windowMs) } },
      select: { createdAt: true },
      orderBy: { id: "desc" },
      take: limit.max,
    });
    if (before.length >= limit.max) {
      // Allowed again when the oldest of the last `max` tries leaves the window.
      const oldest = Math.min(...before.map((t) => t.createdAt.getTime()));
      wait = Math.max(wait, Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 60_000)));
    }
  }
  if (wait > 0) await prisma.rateLimitHit.deleteMany({ where: { id: { in: ids } } });
  return { ids, wait };
}

/** A try that turned out not to count (a right password): its rows go. */
export async function releaseTry(reservation: Reservation) {
  await prisma.rateLimitHit.deleteMany({ where: { id: { in: reservation.ids } } });
}

/** After a right password, the phone's earlier failures are forgiven; old rows are dropped. */
export async function clearSignInFailures(phone: string, now = new Date()) {
  await prisma.rateLimitHit.deleteMany({ where: { key: `phone:${phone}` } });
  await prisma.rateLimitHit.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
}
