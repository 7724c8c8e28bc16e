// Attendance at a training session: the statuses a trainer can tap, and the
// one rule of what counts as having attended (for "trained", activity and
// in-person completion), also written as SQL so queries use the same list.
export const ATTENDANCE_STATUSES = ["present", "late", "absent", "excused"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Attended means present or late. */
export const ATTENDED: AttendanceStatus[] = ["present", "late"];
/** The same list for SQL: `status IN (${ATTENDED_SQL})`. */
export const ATTENDED_SQL = ATTENDED.map((s) => `'${s}'`).join(", ");

/** Attendance can be taken from this many hours before a session starts (people arrive early), never earlier. */
export const ATTENDANCE_OPENS_HOURS = 3;
