import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReportTable } from "~/models/report-tables.server";

type Row = ReportTable["rows"][number];

/**
 * A report table exactly as the model built it (the CSV and XLSX files hold
 * the same cells), presented for the screen it is on:
 * - on a phone (under 640 px), a card per row: the row's name and the one or
 *   two figures that matter (`keyColumns`), the other figures one tap away in
 *   a details element, each under its column's label;
 * - on a wider screen and in print, the whole table, in a box that scrolls
 *   sideways when it must, says so, and takes keyboard focus.
 * Tables of three columns or fewer fit a phone and are shown as tables everywhere.
 * Column headers carry a number pointing to the column's definition, listed below.
 */
export function ReportTableView({
  table,
  rowLink,
  testId,
  keyColumns,
}: {
  table: ReportTable;
  rowLink?: (row: Row) => string | undefined;
  testId?: string;
  /** The columns a phone shows on each card; the first two numeric columns when not given. */
  keyColumns?: string[];
}) {
  const { t } = useTranslation();
  const defined = table.columns.filter((c) => c.definition);
  const mark = (key: string) => defined.findIndex((c) => c.key === key) + 1;
  const fitsPhone = table.columns.length <= 3;
  const keys =
    keyColumns ??
    table.columns
      .filter((c) => c.numeric)
      .slice(0, 2)
      .map((c) => c.key);
  const keyIndexes = table.columns.map((c, i) => (keys.includes(c.key) ? i : -1)).filter((i) => i > 0);
  const restIndexes = table.columns.map((_, i) => i).filter((i) => i > 0 && !keyIndexes.includes(i));
  const name = (row: Row, className: string) => {
    const href = rowLink?.(row) ?? row.link;
    return href ? (
      <Link to={href} className={`link ${className}`}>
        {row.cells[0].text}
      </Link>
    ) : (
      <span className={className}>{row.cells[0].text}</span>
    );
  };
  return (
    <div data-testid={testId}>
      {fitsPhone ? null : (
        <ul className="space-y-2 sm:hidden print:hidden" data-table-cards={table.id} aria-label={table.title}>
          {table.rows.map((row, ri) => (
            <li key={ri} className={`card p-3 ${row.total ? "border-2 border-stone-400" : ""}`}>
              {name(row, `inline-flex min-h-tap items-center text-lg ${row.total ? "font-bold" : ""}`)}
              <dl className="grid grid-cols-2 gap-x-3">
                {keyIndexes.map((ci) => (
                  <div key={ci}>
                    <dt className="text-stone-700">{table.columns[ci].label}</dt>
                    <dd className="text-xl font-bold tabular-nums">{row.cells[ci].text}</dd>
                  </div>
                ))}
              </dl>
              {restIndexes.length ? (
                <details className="mt-1">
                  <summary className="flex min-h-tap cursor-pointer items-center font-semibold text-brand-800 underline">
                    {t("reports.allFigures", { count: restIndexes.length })}
                  </summary>
                  <dl className="divide-y divide-stone-200">
                    {restIndexes.map((ci) => (
                      <div key={ci} className="flex justify-between gap-3 py-1">
                        <dt>{table.columns[ci].label}</dt>
                        <dd className="font-semibold tabular-nums">{row.cells[ci].text}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <div className={fitsPhone ? undefined : "hidden sm:block print:block"}>
        {fitsPhone ? null : (
          <p className="mb-1 text-stone-700 print:hidden" aria-hidden="true">
            {t("reports.scrollHint")}
          </p>
        )}
        {/* Wide tables scroll sideways inside their box; the box can be focused so a keyboard can scroll it too. */}
        <div
          className="overflow-x-auto rounded focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-600/40"
          tabIndex={0}
          role="region"
          aria-label={table.title}
          data-table-scroller
        >
          <table className="table-basic" style={fitsPhone ? undefined : { minWidth: `${12 + (table.columns.length - 1) * 7}rem` }} data-table={table.id}>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? "text-right" : undefined} data-column={c.key}>
                    {c.label}
                    {c.definition ? (
                      // Full-size, not a superscript: small raised type would be hard to read and to tap.
                      <a
                        href={`#def-${table.id}-${c.key}`}
                        className="link ml-0.5 inline-flex min-h-tap min-w-tap items-center justify-center"
                        aria-label={`${t("reports.figureDefinitions.title")}: ${c.label}`}
                      >
                        {mark(c.key)}
                      </a>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, ri) => (
                <tr key={ri} className={row.total ? "font-bold" : undefined}>
                  {row.cells.map((cell, ci) =>
                    ci === 0 ? (
                      <th key={ci} scope="row" className="font-normal">
                        {name(row, "inline-flex min-h-tap items-center")}
                      </th>
                    ) : (
                      <td key={ci} className={table.columns[ci].numeric ? "text-right tabular-nums" : undefined}>
                        {cell.text}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {defined.length ? (
        <details className="mt-2 text-stone-700" data-testid={`definitions-${table.id}`}>
          <summary className="flex min-h-tap cursor-pointer items-center font-semibold">{t("reports.figureDefinitions.title")}</summary>
          <ol className="ml-5 list-decimal space-y-1">
            {defined.map((c) => (
              <li key={c.key} id={`def-${table.id}-${c.key}`}>
                <strong>{c.label}:</strong> {c.definition}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
