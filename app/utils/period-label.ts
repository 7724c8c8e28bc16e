// A report period in words ("Quý 4/2026", "6 tháng đầu năm 2026"), for pages,
// files and the official document alike.
import type { Translate } from "~/i18n";
export type PeriodView = { key: string; from: string; to: string; kind: "quarter" | "half" | "year" | "custom" };

const monthLabel = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;

export function periodLabel(t: Translate, p: PeriodView) {
  const year = p.from.slice(0, 4);
  if (p.kind === "year") return t("reports.periods.year", { year });
  if (p.kind === "quarter") return t("reports.periods.quarter", { q: p.key.slice(-1), year });
  if (p.kind === "half") return t("reports.periods.half", { h: 6, which: p.key.endsWith("H1") ? t("reports.periods.first") : t("reports.periods.last"), year });
  return t("reports.periods.custom", { from: monthLabel(p.from), to: monthLabel(p.to) });
}
