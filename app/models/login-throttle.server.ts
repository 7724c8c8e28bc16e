import { prisma } from "~/utils/db.server";

// Failed sign-ins are limited per phone number (guessing one account's password)
// and per address (trying many accounts from one place).
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_PHONE = 5;
export const MAX_FAILURES_PER_IP = 30;

function keys(phone: string, ip: string | undefined) {
  return { phoneKey: `phone:${phone}`, ipKey: ip ? `ip:${ip}` : null };
}

/** Minutes until sign-in is allowed again, or 0 when it is allowed now. */
export async function throttledFor(phone: string, ip: string | undefined, now = new Date()) {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const { phoneKey, ipKey } = keys(phone, ip);
  const checks: Array<[string, number]> = [[phoneKey, MAX_FAILURES_PER_PHONE]];
  if (ipKey) checks.push([ipKey, MAX_FAILURES_PER_IP]);
  let wait = 0;
  for (const [key, max] of checks) {
    const failures = await prisma.loginFailure.findMany({
      where: { key, createdAt: { gte: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: max,
    });
    if (failures.length >= max) {
      // Allowed again when the oldest of the last `max` failures leaves the window.
      const oldest = failures[failures.length - 1].createdAt.getTime();
      const until = oldest + THROTTLE_WINDOW_MINUTES * 60_000;
      wait = Math.max(wait, Math.ceil((until - now.getTime()) / 60_000));
    }
  }
  return wait;
}

export async function recordFailure(phone: string, ip: string | undefined, now = new Date()) {
  const { phoneKey, ipKey } = keys(phone, ip);
  const data = [{ key: phoneKey, createdAt: now }];
  if (ipKey) data.push({ key: ipKey, createdAt: now });
  await prisma.loginFailure.createMany({ data });
  // Keep the table small: old failures no longer matter.
  await prisma.loginFailure.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } },
  });
}

export async function clearFailures(phone: string) {
  await prisma.loginFailure.deleteMany({ where: { key: `phone:${phone}` } });
}
