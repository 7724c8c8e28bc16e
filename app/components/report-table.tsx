import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReportTable } from "~/models/report-tables.server";

/**
 * A report table exactly as the model built it (the CSV and XLSX files hold
 * the same cells). Column headers carry a number pointing to the column's
 * definition, listed below the table.
 */
export function ReportTableView({ table, rowLink, testId }: { table: ReportTable; rowLink?: (row: ReportTable["rows"][number]) => string | undefined; testId?: string }) {
  const { t } = useTranslation();
  const defined = table.columns.filter((c) => c.definition);
  const mark = (key: string) => defined.findIndex((c) => c.key === key) + 1;
  return (
    <>
      {/* Wide tables scroll sideways inside their box; the box can be focused so a keyboard can scroll it too. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={table.title}>
        <table className="table-basic" style={{ minWidth: `${12 + (table.columns.length - 1) * 7}rem` }} data-testid={testId} data-table={table.id}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className={c.numeric ? "text-right" : undefined} data-column={c.key}>
                  {c.label}
                  {c.definition ? (
                    <sup>
                      <a href={`#def-${table.id}-${c.key}`} className="link ml-0.5" aria-label={`${t("reports.figureDefinitions.title")}: ${c.label}`}>
                        {mark(c.key)}
                      </a>
                    </sup>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, ri) => {
              const href = rowLink?.(row) ?? row.link;
              return (
                <tr key={ri} className={row.total ? "font-bold" : undefined}>
                  {row.cells.map((cell, ci) =>
                    ci === 0 ? (
                      <th key={ci} scope="row" className="font-normal">
                        {href ? (
                          <Link to={href} className="link">
                            {cell.text}
                          </Link>
                        ) : (
                          cell.text
                        )}
                      </th>
                    ) : (
                      <td key={ci} className={table.columns[ci].numeric ? "text-right tabular-nums" : undefined}>
                        {cell.text}
                      </td>
                    ),
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {defined.length ? (
        <details className="mt-2 text-stone-700" data-testid={`definitions-${table.id}`}>
          <summary className="min-h-tap cursor-pointer font-semibold">{t("reports.figureDefinitions.title")}</summary>
          <ol className="ml-5 list-decimal space-y-1">
            {defined.map((c) => (
              <li key={c.key} id={`def-${table.id}-${c.key}`}>
                <strong>{c.label}:</strong> {c.definition}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </>
  );
}
