import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field";
import { ATTENDANCE_STATUSES } from "~/utils/attendance";

export type RosterMember = {
  id: number;
  name: string;
  detail: string;
  walkIn: boolean;
  status: string | null;
  remark: string | null;
  markedAt: string | null;
};
type Mark = { userId: number; status: string; remark: string | null; markedAt: string };

const STATUSES = ATTENDANCE_STATUSES;
const STATUS_STYLE: Record<string, string> = {
  present: "border-brand-700 bg-brand-700 text-white",
  late: "border-amber-600 bg-amber-500 text-stone-900",
  absent: "border-red-700 bg-red-700 text-white",
  excused: "border-sky-700 bg-sky-700 text-white",
};

/**
 * One tap per member. Marks show at once and wait in a queue kept in the
 * phone's storage until the server confirms them, so a weak connection in a
 * village hall never loses a tap; the queue is resent when the network returns.
 */
export function AttendanceRoster({ sessionId, members }: { sessionId: number; members: RosterMember[] }) {
  const { t } = useTranslation();
  const storageKey = `kns-attendance-${sessionId}`;
  const [pending, setPending] = useState<Mark[]>([]);
  // Every mark tapped on this phone, saved or not: the server data on the page
  // is only refreshed later, and must not hide a confirmed tap meanwhile.
  const [tapped, setTapped] = useState<Map<number, Mark>>(new Map());
  const revalidator = useRevalidator();
  const [saving, setSaving] = useState(false);
  // A refusal that retrying cannot fix (too early, cancelled): said once, marks kept on the phone.
  const [refused, setRefused] = useState<string | null>(null);
  const [openRemark, setOpenRemark] = useState<number | null>(null);
  const retry = useRef<ReturnType<typeof setTimeout>>();

  const save = useCallback(
    (next: Mark[]) => {
      setPending(next);
      try {
        localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Storage full or blocked: the queue still lives in memory.
      }
    },
    [storageKey],
  );

  const flush = useCallback(async () => {
    const queue: Mark[] = JSON.parse(localStorage.getItem(storageKey) || "[]");
    if (queue.length === 0) return;
    setSaving(true);
    try {
      const response = await fetch(`/sessions/${sessionId}/attendance`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ marks: queue }),
      });
      if (response.status === 409) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        setRefused(body.error ?? "sessions.errors.marks");
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      setRefused(null);
      // Keep anything tapped while this request was on its way.
      const latest: Mark[] = JSON.parse(localStorage.getItem(storageKey) || "[]");
      save(latest.filter((m) => !queue.some((q) => q.userId === m.userId && q.markedAt === m.markedAt)));
      revalidator.revalidate();
    } catch {
      clearTimeout(retry.current);
      retry.current = setTimeout(() => void flush(), 5000);
    } finally {
      setSaving(false);
    }
  }, [save, sessionId, storageKey]);

  useEffect(() => {
    setPending(JSON.parse(localStorage.getItem(storageKey) || "[]"));
    void flush();
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(retry.current);
    };
  }, [flush, storageKey]);

  const mark = (changes: Array<Omit<Mark, "markedAt">>) => {
    const markedAt = new Date().toISOString();
    const marks = changes.map((c) => ({ ...c, markedAt }));
    const others = pending.filter((m) => !changes.some((c) => c.userId === m.userId));
    save([...others, ...marks]);
    setTapped((current) => new Map([...current, ...marks.map((m) => [m.userId, m] as const)]));
    void flush();
  };

  // What the screen shows: the server's marks, overridden by taps not yet confirmed.
  const shown = useMemo(() => {
    const unsaved = new Set(pending.map((m) => m.userId));
    const local = new Map([...tapped, ...pending.map((m) => [m.userId, m] as const)]);
    return members.map((m) => {
      const mark = local.get(m.id);
      const newer = mark && (!m.markedAt || mark.markedAt >= m.markedAt);
      return newer ? { ...m, status: mark.status, remark: mark.remark, unsaved: unsaved.has(m.id) } : { ...m, unsaved: false };
    });
  }, [members, pending, tapped]);

  const counts = Object.fromEntries([...STATUSES, "none"].map((s) => [s, 0])) as Record<string, number>;
  for (const m of shown) counts[m.status ?? "none"]++;

  return (
    <div>
      <div className="sticky top-0 z-10 -mx-4 mb-3 border-b border-stone-300 bg-stone-50/95 px-4 py-2" aria-live="polite">
        <p className="font-semibold" data-testid="attendance-summary">
          {t("sessions.summary", counts)}
        </p>
        <p className={pending.length ? "font-semibold text-amber-800" : "text-brand-800"} data-testid="attendance-sync">
          {pending.length ? (saving ? t("sessions.saving") : t("sessions.pending", { count: pending.length })) : t("sessions.allSaved")}
        </p>
        {refused ? (
          <p className="font-semibold text-red-800" role="alert" data-testid="attendance-refused">
            {t(refused)}
          </p>
        ) : null}
      </div>
      {/* Plain forms underneath: without JavaScript each tap is a normal POST. */}
      <form method="post" action={`/sessions/${sessionId}`}>
        <CsrfField />
        <input type="hidden" name="intent" value="all-present" />
        <button
          type="submit"
          className="btn-primary mb-4 w-full text-lg"
          onClick={(e) => {
            e.preventDefault();
            mark(shown.filter((m) => !m.status).map((m) => ({ userId: m.id, status: "present", remark: m.remark })));
          }}
        >
          ✓ {t("sessions.everyonePresent")}
        </button>
      </form>
      <ul className="space-y-2">
        {shown.map((m) => (
          <li key={m.id} id={`member-${m.id}`} className="card p-3" data-member={m.id} data-status={m.status ?? "none"}>
            <div className="mb-2 flex items-baseline justify-between gap-2">
              <p className="font-bold">
                {m.name}
                {m.walkIn ? <span className="ml-2 rounded bg-stone-200 px-1 text-sm font-normal">{t("sessions.walkInTag")}</span> : null}
              </p>
              {m.unsaved ? <span className="text-sm text-amber-800" aria-label={t("sessions.saving")}>●</span> : null}
            </div>
            {m.detail ? <p className="mb-2 text-sm text-stone-600">{m.detail}</p> : null}
            <form method="post" action={`/sessions/${sessionId}/attendance`} className="grid grid-cols-2 gap-2" role="group" aria-label={m.name}>
              <CsrfField />
              <input type="hidden" name="userId" value={m.id} />
              {STATUSES.map((status) => (
                <button
                  key={status}
                  type="submit"
                  name="status"
                  value={status}
                  aria-pressed={m.status === status}
                  onClick={(e) => {
                    e.preventDefault();
                    mark([{ userId: m.id, status, remark: m.remark }]);
                  }}
                  className={`min-h-tap rounded-lg border-2 px-2 font-semibold ${m.status === status ? STATUS_STYLE[status] : "border-stone-300 bg-white text-stone-800"}`}
                >
                  {t(`sessions.status.${status}`)}
                </button>
              ))}
            </form>
            {openRemark === m.id ? (
              <form
                method="post"
                action={`/sessions/${sessionId}/attendance`}
                className="mt-2 flex gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  const remark = String(new FormData(e.currentTarget).get("remark") ?? "");
                  mark([{ userId: m.id, status: m.status ?? "present", remark }]);
                  setOpenRemark(null);
                }}
              >
                <CsrfField />
                <input type="hidden" name="userId" value={m.id} />
                <input type="hidden" name="status" value={m.status ?? "present"} />
                <input name="remark" defaultValue={m.remark ?? ""} aria-label={t("sessions.remark")} className="field-input" maxLength={300} />
                <button type="submit" className="btn-secondary">
                  {t("sessions.save")}
                </button>
              </form>
            ) : (
              <button type="button" className="link mt-2 min-h-tap" onClick={() => setOpenRemark(m.id)}>
                {m.remark ? `${t("sessions.remark")}: ${m.remark}` : `+ ${t("sessions.remark")}`}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
