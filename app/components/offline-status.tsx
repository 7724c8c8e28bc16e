import { useTranslation } from "react-i18next";

/**
 * What this phone holds for offline use: quizzes waiting to be graded (and what
 * became of them) and how many lessons are saved. Rendered hidden on the
 * server with its words; the page script (app/browser/page.ts) fills it from
 * IndexedDB and shows it, so the home page needs no React.
 */
export function OfflineStatus() {
  const { t } = useTranslation();
  return (
    <section className="card mb-4" aria-labelledby="sync-title" data-testid="offline-status" data-offline-status hidden>
      <h2 id="sync-title" className="text-lg font-semibold text-stone-700">
        {t("offline.syncTitle")}
      </h2>
      <p className="mb-2 text-stone-700">{t("offline.syncIntro")}</p>
      {/* Filled by the page script: the counts (data-testid="sync-counts") or, with nothing queued, this. */}
      <div data-sync-summary data-empty={t("offline.syncEmpty")}>
        <p>{t("offline.syncEmpty")}</p>
      </div>
      <p className="text-amber-900" data-sync-offline hidden>
        {t("offline.client.offlineNow")}
      </p>
      <ul className="divide-y divide-stone-200" data-sync-list />
      <button type="button" className="btn-secondary mt-2 w-full" data-sync-now data-label={t("offline.syncNow")} hidden>
        {t("offline.syncNow")}
      </button>
      <p className="mt-3 border-t border-stone-200 pt-3">
        <span data-saved-count data-label={t("offline.savedCount", { count: "{{count}}" as unknown as number })} hidden />
        <a href="/lessons" className="link inline-flex min-h-tap items-center" data-save-hint>
          {t("offline.saveHint")}
        </a>
      </p>
    </section>
  );
}
