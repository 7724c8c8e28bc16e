import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field";
import { ATTENDANCE_STATUSES } from "~/utils/attendance";
import { messageKey } from "~/i18n";

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
/** The two taps on every line; the other statuses sit under "more". */
const QUICK = ["present", "absent"] as const;
const OTHER = STATUSES.filter((s) => !(QUICK as readonly string[]).includes(s));
const STATUS_STYLE: Record<string, string> = {
  present: "border-brand-700 bg-brand-700 text-white",
  late: "border-amber-600 bg-amber-500 text-stone-900",
  absent: "border-red-700 bg-red-700 text-white",
  excused: "border-sky-700 bg-sky-700 text-white",
};

/** A status button: a plain submit without JavaScript, a queued mark with it. */
function StatusButton({ status, pressed, onTap }: { status: string; pressed: boolean; onTap: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="submit"
      name="status"
      value={status}
      aria-pressed={pressed}
      onClick={(e) => {
        e.preventDefault();
        onTap();
      }}
      className={`min-h-tap min-w-tap rounded-lg border-2 px-1.5 text-sm font-semibold ${pressed ? STATUS_STYLE[status] : "border-stone-300 bg-white text-stone-800"}`}
    >
      {t(messageKey(`sessions.status.${status}`))}
    </button>
  );
}

/**
 * One tap per member, one line each (40 members fit in a few screens). Marks show at once and wait in a queue kept in the
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
  // `revalidate` is the router's own function, the same on every render.
  const { revalidate } = useRevalidator();
  const [saving, setSaving] = useState(false);
  // A refusal that retrying cannot fix (too early, cancelled): said once, marks kept on the phone.
  const [refused, setRefused] = useState<string | null>(null);
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
      revalidate();
    } catch {
      clearTimeout(retry.current);
      retry.current = setTimeout(() => void flush(), 5000);
    } finally {
      setSaving(false);
    }
  }, [revalidate, save, sessionId, storageKey]);

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
            {t(messageKey(refused))}
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
      {/* One line per member: present or absent in one tap; late, excused and a remark under "more". */}
      <ul className="divide-y divide-stone-200 border-y border-stone-200" data-testid="roster">
        {shown.map((m) => (
          <li key={m.id} id={`member-${m.id}`} className="py-1" data-member={m.id} data-status={m.status ?? "none"}>
            {/* One row; "⋯" opens late, excused and a remark on a line of their own (no script needed). */}
            <div className="flex flex-wrap items-center gap-1">
              <p className="min-w-0 flex-1 font-semibold leading-tight" data-member-name>
                {m.name}
                {m.walkIn ? <span className="ml-1 rounded bg-stone-200 px-1 font-normal">{t("sessions.walkInTag")}</span> : null}
                {m.status && !(QUICK as readonly string[]).includes(m.status) ? (
                  <span className={`ml-1 rounded px-1 ${STATUS_STYLE[m.status]}`}>{t(messageKey(`sessions.status.${m.status}`))}</span>
                ) : null}
                {m.remark ? <span className="block font-normal text-stone-700">{m.remark}</span> : null}
                {m.unsaved ? (
                  <span className="ml-1 text-amber-800" title={t("sessions.saving")}>
                    ●<span className="sr-only">{t("sessions.saving")}</span>
                  </span>
                ) : null}
              </p>
              {/* Plain forms underneath: without JavaScript each tap is a normal POST. */}
              <form method="post" action={`/sessions/${sessionId}/attendance`} className="flex shrink-0 gap-1" role="group" aria-label={m.name}>
                <CsrfField />
                <input type="hidden" name="userId" value={m.id} />
                {QUICK.map((status) => (
                  <StatusButton key={status} status={status} pressed={m.status === status} onTap={() => mark([{ userId: m.id, status, remark: m.remark }])} />
                ))}
              </form>
              <details className="shrink-0 open:basis-full">
                <summary
                  className="no-marker inline-flex min-h-tap min-w-tap cursor-pointer list-none items-center justify-center rounded-lg border-2 border-stone-300 bg-white text-xl font-bold [&::-webkit-details-marker]:hidden"
                  aria-label={`${t("sessions.more")}: ${m.name}`}
                >
                  ⋯
                </summary>
                <div className="my-1 space-y-2 rounded-lg bg-stone-100 p-2">
                  {m.detail ? <p className="text-stone-700">{m.detail}</p> : null}
                  <form
                    method="post"
                    action={`/sessions/${sessionId}/attendance`}
                    className="grid grid-cols-2 gap-2"
                    role="group"
                    aria-label={`${m.name}: ${t("sessions.more")}`}
                  >
                    <CsrfField />
                    <input type="hidden" name="userId" value={m.id} />
                    {OTHER.map((status) => (
                      <StatusButton
                        key={status}
                        status={status}
                        pressed={m.status === status}
                        onTap={() => mark([{ userId: m.id, status, remark: m.remark }])}
                      />
                    ))}
                  </form>
                  <form
                    method="post"
                    action={`/sessions/${sessionId}/attendance`}
                    className="grid grid-cols-[1fr_auto] gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const remark = String(new FormData(e.currentTarget).get("remark") ?? "");
                      mark([{ userId: m.id, status: m.status ?? "present", remark }]);
                    }}
                  >
                    <CsrfField />
                    <input type="hidden" name="userId" value={m.id} />
                    <input type="hidden" name="status" value={m.status ?? "present"} />
                    <input
                      name="remark"
                      defaultValue={m.remark ?? ""}
                      aria-label={`${t("sessions.remark")}: ${m.name}`}
                      placeholder={t("sessions.remark")}
                      className="field-input min-w-0"
                      maxLength={300}
                    />
                    <button type="submit" className="btn-secondary">
                      {t("sessions.save")}
                    </button>
                  </form>
                </div>
              </details>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
