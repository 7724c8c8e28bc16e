// Vietnam keeps UTC+7 all year (no daylight saving), so local times are a fixed shift.
const OFFSET_MS = 7 * 60 * 60_000;

/** "2026-11-30" + "08:00" in Vietnam → the instant. */
export function fromVietnamLocal(date: string, time: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const instant = new Date(`${date}T${time}:00+07:00`);
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
