import { useTranslation } from "react-i18next";
import type { LessonSource } from "~/content/review";

/**
 * "Nguồn": what a lesson rests on, so a reader (or a checker) can see where
 * each claim comes from and when it was read. Under the lesson it is a short
 * line that opens into the list (no script needed); the leaflet prints the
 * list in small print.
 */
export function LessonSources({ sources, className, folded = false }: { sources: LessonSource[]; className?: string; folded?: boolean }) {
  const { t } = useTranslation();
  if (sources.length === 0) return null;
  const list = (
    <ul className="list-disc pl-5">
      {sources.map((source) => (
        <li key={`${source.title}|${source.publisher}`}>
          {source.url ? (
            <a href={source.url} className="link" rel="noopener noreferrer">
              {source.title}
            </a>
          ) : (
            source.title
          )}{" "}
          · {source.publisher} · {t("lessons.sourceRead", { date: source.read.split("-").reverse().join("/") })}
        </li>
      ))}
    </ul>
  );
  if (folded) {
    return (
      <details className={`lesson-sources ${className ?? ""}`} data-testid="lesson-sources">
        <summary className="min-h-tap cursor-pointer py-2 font-bold">
          {t("lessons.sources")} ({sources.length})
        </summary>
        {list}
      </details>
    );
  }
  return (
    <section aria-labelledby="lesson-sources-title" className={`lesson-sources ${className ?? ""}`} data-testid="lesson-sources">
      <h2 id="lesson-sources-title" className="font-bold">
        {t("lessons.sources")}
      </h2>
      {list}
    </section>
  );
}
