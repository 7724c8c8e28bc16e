// A time sent by a device (an offline quiz answered, an attendance tap) is a
// claim: phones have wrong clocks, and a forged one could date a completion
// in 1999 or make a mark that nothing can ever overwrite (9999-12-31). The
// rule, in one place: a device time is believed when it lies between the
// account's creation (if known), 30 days before the server received it, and
// a few minutes after; otherwise the receipt time is used and the fact is
// flagged. Malformed times (see parseDeviceInstant) are refused outright.

export const DEVICE_TIME_MAX_AGE_DAYS = 30;
/** Phone clocks run a little fast; a few minutes ahead is still believed. */
export const DEVICE_TIME_FUTURE_SLACK_MS = 5 * 60_000;

export type AcceptedTime = { at: Date; flagged: boolean };

export function acceptDeviceTime(claimed: Date, receivedAt: Date, notBefore?: Date | null): AcceptedTime {
  const earliest = Math.max(receivedAt.getTime() - DEVICE_TIME_MAX_AGE_DAYS * 24 * 60 * 60_000, notBefore?.getTime() ?? -Infinity);
  const t = claimed.getTime();
  if (t > receivedAt.getTime() + DEVICE_TIME_FUTURE_SLACK_MS || t < earliest) return { at: receivedAt, flagged: true };
  // A few minutes ahead is a fast clock: the answer cannot be later than its receipt.
  return { at: new Date(Math.min(t, receivedAt.getTime())), flagged: false };
}
