import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CHANGED_EVENT, listAttempts, offlineStoreAvailable, savedLessons, type QueuedAttempt } from "~/offline/store";
import { syncQueued } from "~/offline/sync";

const SHOWN = 10;

function AttemptRow({ attempt }: { attempt: QueuedAttempt }) {
  const { t, i18n } = useTranslation();
  const badge = {
    pending: "border-amber-600 bg-amber-50 text-amber-900",
    synced: "border-brand-700 bg-brand-50 text-brand-800",
    rejected: "border-red-700 bg-red-50 text-red-800",
  }[attempt.status];
  let detail: string | null = null;
  if (attempt.status === "synced" && attempt.result) {
    detail = t(attempt.result.passed ? "offline.client.passed" : "offline.client.failed", { score: attempt.result.score });
    if (attempt.result.completed) detail += ` · ${t("offline.client.completed")}`;
  } else if (attempt.status === "rejected") {
    detail = t(`offline.client.reasons.${attempt.reason ?? "bad-payload"}`);
  } else if (attempt.waiting) {
    detail = t(
      { "other-user": "offline.client.otherUser", "signed-out": "offline.client.signedOut", "rate-limited": "offline.client.rateLimited", "too-large": "offline.client.tooLarge" }[
        attempt.waiting
      ],
    );
  }
  return (
    <li className="py-2" data-attempt={attempt.id} data-status={attempt.status}>
      <p className="flex flex-wrap items-center gap-2">
        <span className={`rounded-full border-2 px-2 text-sm font-bold ${badge}`}>{t(`offline.client.${attempt.status}`)}</span>
        {attempt.status === "synced" && attempt.result ? (
          <a href={`/lessons/${attempt.slug}?attempt=${attempt.result.attemptId}#result`} className="link">
            {attempt.title}
          </a>
        ) : (
          <a href={`/lessons/${attempt.slug}`} className="link">
            {attempt.title}
          </a>
        )}
      </p>
      {detail ? <p className="mt-1">{detail}</p> : null}
      <p className="text-sm text-stone-600">{t("offline.client.answeredAt", { time: new Date(attempt.deviceTime).toLocaleString(i18n.language) })}</p>
    </li>
  );
}

/**
 * What this phone holds for offline use: quizzes waiting to be graded (and what
 * became of them) and how many lessons are saved. Read from IndexedDB, so it
 * appears once the page's script runs.
 */
export function OfflineStatus({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ attempts: QueuedAttempt[]; saved: number } | null>(null);
  const [online, setOnline] = useState(true);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (!offlineStoreAvailable()) return;
    const load = () =>
      Promise.all([listAttempts(), savedLessons()])
        .then(([attempts, saved]) => setState({ attempts: attempts.filter((a) => a.userId === userId), saved: saved.length }))
        .catch(() => setState({ attempts: [], saved: 0 }));
    const connection = () => setOnline(navigator.onLine);
    load();
    connection();
    window.addEventListener(CHANGED_EVENT, load);
    window.addEventListener("online", connection);
    window.addEventListener("offline", connection);
    return () => {
      window.removeEventListener(CHANGED_EVENT, load);
      window.removeEventListener("online", connection);
      window.removeEventListener("offline", connection);
    };
  }, [userId]);

  if (!state) return null;
  const count = (status: QueuedAttempt["status"]) => state.attempts.filter((a) => a.status === status).length;
  const pending = count("pending");
  const send = () => {
    setSending(true);
    syncQueued(userId).finally(() => setSending(false));
  };
  return (
    <section className="card mb-4" aria-labelledby="sync-title" data-testid="offline-status">
      <h2 id="sync-title" className="text-lg font-semibold text-stone-600">
        {t("offline.syncTitle")}
      </h2>
      <p className="mb-2 text-stone-700">{t("offline.syncIntro")}</p>
      {state.attempts.length ? (
        <>
          <p className="font-semibold" data-testid="sync-counts">
            {t("offline.client.counts", { pending, synced: count("synced"), rejected: count("rejected") })}
          </p>
          {pending && !online ? <p className="text-amber-900">{t("offline.client.offlineNow")}</p> : null}
          <ul className="divide-y divide-stone-200">
            {state.attempts.slice(0, SHOWN).map((a) => (
              <AttemptRow key={a.id} attempt={a} />
            ))}
          </ul>
          {pending && online ? (
            <button type="button" className="btn-secondary mt-2 w-full" onClick={send} disabled={sending}>
              {sending ? t("offline.client.sending") : t("offline.syncNow")}
            </button>
          ) : null}
        </>
      ) : (
        <p>{t("offline.syncEmpty")}</p>
      )}
      <p className="mt-3 border-t border-stone-200 pt-3">
        {state.saved ? (
          t("offline.savedCount", { count: state.saved })
        ) : (
          <a href="/lessons" className="link">
            {t("offline.saveHint")}
          </a>
        )}
      </p>
    </section>
  );
}
