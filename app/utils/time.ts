// Vietnam keeps UTC+7 all year (no daylight saving), so local times are a fixed
// shift. The one home of that rule: JavaScript and SQL both take it from here.
export const VIETNAM_OFFSET_HOURS = 7;
const OFFSET_MS = VIETNAM_OFFSET_HOURS * 60 * 60_000;

/** The first instant of a Vietnam calendar month (month 1–12; 13 rolls into the next year). */
export function vietnamMonthStart(year: number, month: number) {
  return new Date(Date.UTC(year, month - 1, 1) - OFFSET_MS);
}

/** Years a date typed or sent by a device may have (a phone reset to its epoch says 1970); anything else is a typo or a forgery. */
export const YEAR_MIN = 1970;
export const YEAR_MAX = 2100;

/** "2026-02-28" is a date; "2026-02-30", "0000-01-01" and "+10000-01-01" are not (JavaScript would roll or accept them). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < YEAR_MIN || y > YEAR_MAX || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** "08:00": hours 00–23, minutes 00–59. */
export function isClockTime(value: unknown): value is string {
  return typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/**
 * An instant sent by a device (ISO 8601 with a zone, e.g. "2026-11-30T08:00:00.000Z"),
 * or null when it is not one: a wrong shape, a day that does not exist, a year outside
 * YEAR_MIN…YEAR_MAX. Whether a real instant is believable is decided by the caller.
 */
export function parseDeviceInstant(value: unknown): Date | null {
  if (typeof value !== "string" || value.length > 40) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/.exec(value);
  if (!m || !isCalendarDate(m[1])) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** "2026-11-30" + "08:00" in Vietnam → the instant. */
export function fromVietnamLocal(date: string, time: string): Date | null {
  if (!isCalendarDate(date) || !isClockTime(time)) return null;
  const instant = new Date(`${date}T${time}:00+0${VIETNAM_OFFSET_HOURS}:00`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** The instant as Vietnam date and time parts for form fields. */
export function toVietnamLocal(instant: Date | string) {
  const shifted = new Date(new Date(instant).getTime() + OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** "30/11/2026 08:00" */
export function formatVietnamDateTime(instant: Date | string) {
  const { date, time } = toVietnamLocal(instant);
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y} ${time}`;
}

/** "30/11/2026", the day in Vietnam. */
export function formatVietnamDate(instant: Date | string) {
  const [y, m, d] = toVietnamLocal(instant).date.split("-");
  return `${d}/${m}/${y}`;
}

/** "2026-11-30T08:00:00.000+07:00": the instant in ISO 8601 with Vietnam's offset (xAPI timestamps). */
export function toVietnamIso(instant: Date | string) {
  const shifted = new Date(new Date(instant).getTime() + OFFSET_MS).toISOString();
  return `${shifted.slice(0, 23)}+0${VIETNAM_OFFSET_HOURS}:00`;
}
