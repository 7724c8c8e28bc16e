import { useTranslation } from "react-i18next";

type Row = { id: number; name: string; level: string; teams: number; members: number };

/** Team and member counts for the units under one unit, with a total line. */
export function UnitTable({ caption, rows, totals }: { caption: string; rows: Row[]; totals: { teams: number; members: number } }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p>{t("home.noChildren")}</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="table-basic">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("home.unit")}</th>
            <th scope="col" className="text-right">
              {t("home.teams")}
            </th>
            <th scope="col" className="text-right">
              {t("home.members")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                {row.name}
                <span className="block text-sm text-stone-600">{row.level}</span>
              </td>
              <td className="text-right tabular-nums">{row.teams}</td>
              <td className="text-right tabular-nums">{row.members}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-bold">
            <td>{t("home.total")}</td>
            <td className="text-right tabular-nums">{totals.teams}</td>
            <td className="text-right tabular-nums">{totals.members}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
