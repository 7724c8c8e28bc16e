// Numbers as the reader's language writes them, on every page, printout and file:
// Vietnamese groups thousands with a dot and writes decimals with a comma
// (12.345; 33,3%), English the other way round (12,345; 33.3%).

const counts = { vi: new Intl.NumberFormat("vi"), en: new Intl.NumberFormat("en") };
const shares = {
  vi: new Intl.NumberFormat("vi", { style: "percent", maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 }),
};

const pick = (language: string) => (language === "en" ? "en" : "vi");

/** A count of people, sessions, products… */
export function formatCount(value: number, language: string) {
  return counts[pick(language)].format(value);
}

/** A share (0–1) as a percent to one decimal; "–" when there is nothing to divide by. */
export function formatShare(share: number | null, language: string) {
  return share === null ? "–" : shares[pick(language)].format(share);
}
