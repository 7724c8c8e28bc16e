// The periodic report as an official administrative document (Decree
// 30/2020/NĐ-CP, Appendix I): national title and motto, issuing body, number
// and symbol left for the clerk, place and date, title, body with the
// indicator table and the written sections, "Nơi nhận" and the signature.
// One object, built here once, is what the page, the print view, the DOCX,
// the XLSX and the CSV all render, so they cannot disagree.
import type { Translate, TranslationKey } from "~/i18n";
import type { Language } from "~/i18n";
import type { SessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { periodLabel } from "~/utils/period-label";
import { PART_KEYS, type PartKey, type PeriodicReportInput, SECTION_KEYS, type SectionKey } from "~/utils/report-forms";
import { toVietnamLocal } from "~/utils/time";
import { unitNamesAt } from "./admin-units.server";
import { type Period, type UnitRow, periodEnd, periodicReport, unitById, villageLevel } from "./coverage.server";
import { projectionText, targetProgress } from "./targets.server";
import { formatCount } from "~/utils/numbers";

export type DocumentParts = Record<PartKey, string>;
export type ReportSections = Record<SectionKey, string>;

/** The indicators of seed 001 §3.1 in its order, then the two the product adds. Their keys name the locale strings. */
export const INDICATORS = [
  "households",
  "sessions",
  "membersTrained",
  "residentsGuided",
  "publicAccounts",
  "vneid",
  "ocopProducts",
  "ocopOnline",
  "paymentAccounts",
  "otherOnline",
] as const;
export type IndicatorKey = (typeof INDICATORS)[number];

/**
 * Where each indicator's one-line definition lives: the figures the dashboard
 * shows too have theirs in reports.figureDefinitions (one definition per
 * figure, on every page); those only this report has, in reports.definitions.
 */
export const DEFINITION_KEYS: Record<IndicatorKey, TranslationKey> = {
  households: "reports.definitions.households",
  sessions: "reports.definitions.sessionsAndEvents",
  membersTrained: "reports.figureDefinitions.trained",
  residentsGuided: "reports.figureDefinitions.residentsGuided",
  publicAccounts: "reports.figureDefinitions.publicAccounts",
  vneid: "reports.figureDefinitions.vneid",
  ocopProducts: "reports.definitions.ocopProducts",
  ocopOnline: "reports.definitions.ocopOnline",
  paymentAccounts: "reports.figureDefinitions.paymentAccounts",
  otherOnline: "reports.definitions.otherOnline",
};

export type IndicatorRow = {
  no: number;
  key: IndicatorKey;
  label: string;
  measure: string;
  value: number;
  /** What the figure is made of: "of 30 members", the levels of VNeID, product names. */
  detail: string;
};

export type PeriodicDocument = {
  language: Language;
  fileName: string;
  unit: { id: number; name: string };
  period: { key: string; label: string };
  heading: {
    parentBody: string;
    issuer: string;
    number: string;
    nationalTitle: string;
    motto: string;
    placeDate: string;
    docType: string;
    subject: string;
  };
  intro: string;
  results: string;
  general: {
    title: string;
    /** Lines of prose, each with the reference of its definition note. */
    lines: Array<{ text: string; ref: string }>;
    levels: { ref: string; columns: string[]; rows: Array<[string, number, number, number]> };
  };
  indicators: { title: string; columns: string[]; rows: IndicatorRow[] };
  /**
   * Progress towards the targets set for the unit and the units below it
   * (issue 18): "done / target (share)", units furthest behind first, with the
   * projection at this month's pace; null when no target is set for the period.
   */
  targets: {
    title: string;
    columns: string[];
    rows: Array<{ unit: string; metric: string; done: number; target: number; share: string; projection: string; own: boolean }>;
    warnings: string[];
    note: string;
  } | null;
  notes: { title: string; items: Array<{ ref: string; text: string }> };
  sections: Array<{ key: string; title: string; parts: Array<{ title: string | null; paragraphs: string[] }> }>;
  closing: string;
  recipients: { title: string; lines: string[] };
  signature: { position: string[]; name: string };
  /** Words the files need besides the document's own: sheet names, column heads. */
  labels: { sheetReport: string; sheetSections: string; part: string; text: string; detail: string; signature: string };
};

// ---------------------------------------------------------------- what the supervisor typed

// "Xã Đại Thạnh" is the unit; "Đại Thạnh" is the place name a document is dated at.
const LEVEL_WORDS = /^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|thôn|bản|ấp|làng|buôn|sóc|khu dân cư|khu phố|tổ dân phố)\s+/iu;
export function placeName(unitName: string) {
  return unitName.trim().replace(LEVEL_WORDS, "") || unitName.trim();
}

/** The unit whose people's committee a village team answers to: its commune; any other unit answers to its own. */
async function governingUnit(unit: UnitRow) {
  const village = await villageLevel();
  const isVillage = village !== null && (village.keys as string[]).includes(unit.levelKey);
  return (isVillage && unit.parentId ? await unitById(unit.parentId) : undefined) ?? unit;
}

/** What a report starts with before anything is typed, from the unit's own data. */
async function suggestedParts(unit: UnitRow, t: Translate): Promise<DocumentParts> {
  const team = await prisma.team.findFirst({ where: { unitId: unit.id, active: true }, orderBy: { id: "asc" }, select: { name: true } });
  const governing = await governingUnit(unit);
  // A report goes up one level: a village team's to its commune, a commune's to its province.
  const upper = unit.parentId ? await unitById(unit.parentId) : undefined;
  const issuer = team?.name ?? t("reports.document.defaultIssuer", { unit: unit.name });
  return {
    parentBody: t("reports.document.defaultParentBody", { unit: governing.name }),
    issuer,
    symbol: "",
    place: placeName(governing.name),
    recipients: upper ? t("reports.document.defaultRecipients", { unit: upper.name }) : t("reports.document.defaultRecipientsTop"),
    signerPosition: t("reports.document.defaultSignerPosition", { issuer: issuer.toLocaleUpperCase("vi") }),
    signerName: "",
  };
}

/**
 * The sections and document parts of a unit's report for a period: what was
 * saved for that period; for parts never typed for it, what was last typed
 * for the unit; failing that, a suggestion from the unit's data.
 */
export async function reportInputs(unit: UnitRow, period: Period, t: Translate) {
  const [text, defaults] = await Promise.all([
    prisma.reportText.findUnique({ where: { unitId_period: { unitId: unit.id, period: period.key } } }),
    prisma.unitReportDefaults.findUnique({ where: { unitId: unit.id } }),
  ]);
  const suggested = await suggestedParts(unit, t);
  const parts = Object.fromEntries(PART_KEYS.map((k) => [k, text?.[k] ?? defaults?.[k] ?? suggested[k]])) as DocumentParts;
  const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, text?.[k] ?? ""])) as ReportSections;
  return { parts, sections };
}

/** Saves a period's report and remembers its document parts for the unit's next one. */
export async function saveReport(user: Pick<SessionUser, "id">, unitId: number, periodKey: string, input: PeriodicReportInput) {
  const parts = Object.fromEntries(PART_KEYS.map((k) => [k, input[k]])) as DocumentParts;
  await prisma.$transaction([
    prisma.reportText.upsert({
      where: { unitId_period: { unitId, period: periodKey } },
      create: { unitId, period: periodKey, updatedById: user.id, ...input },
      update: { updatedById: user.id, ...input },
      select: { id: true },
    }),
    prisma.unitReportDefaults.upsert({
      where: { unitId },
      create: { unitId, updatedById: user.id, ...parts },
      update: { updatedById: user.id, ...parts },
      select: { unitId: true },
    }),
  ]);
}

// ---------------------------------------------------------------- the document

const upper = (s: string) => s.toLocaleUpperCase("vi");
const nonEmptyLines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** "- Sở Khoa học và Công nghệ;": each recipient on its own line behind a dash, as the decree lays them out. */
function recipientLines(text: string) {
  return nonEmptyLines(text).map((l) => (/^[-–•]/.test(l) ? l.replace(/^[–•]\s*/, "- ") : `- ${l}`));
}

/** The decree writes months 1 and 2 as 01 and 02 (so nobody can add a digit); the day is left for the signer. */
function placeDate(t: Translate, place: string, today: string) {
  const [year, month] = today.split("-").map(Number);
  return t("reports.document.placeDate", { place: place || "……", month: month < 3 ? `0${month}` : String(month), year });
}

/** The periodic report of a unit for a period, in the reader's language, ready for the page and every file. */
export async function periodicDocument(
  unit: UnitRow,
  period: Period,
  language: Language,
  t: Translate,
  now = new Date(),
  inputs?: Awaited<ReturnType<typeof reportInputs>>,
): Promise<PeriodicDocument> {
  const report = await periodicReport(unit, period, now);
  const goals = await targetProgress(unit, period, now);
  // A past report keeps the name the unit had then (units were renamed and merged in 2025).
  const name = (await unitNamesAt([unit.id], periodEnd(period, now))).get(unit.id) ?? unit.name;
  const { parts, sections } = inputs ?? (await reportInputs(unit, period, t));
  const label = periodLabel(t, period);
  const n = (value: number) => formatCount(value, language);
  const i = report.indicators;
  const names = (list: string[]) => (list.length ? t("reports.document.namely", { names: list.join(", ") }) : "");
  const rows: Array<Omit<IndicatorRow, "no" | "label">> = [
    { key: "households", measure: t("reports.units.households"), value: i.households, detail: "" },
    // Seed 001's indicator 2 counts both: member trainings and guidance events for residents, together and (in the detail) apart.
    {
      key: "sessions",
      measure: t("reports.units.sessions"),
      value: i.sessions + i.guidanceEvents,
      // The split is said when there is one to say: with no guidance event the figure is the trainings alone (and the page stays short).
      detail: i.guidanceEvents ? t("reports.indicators.sessionsDetail", { sessions: n(i.sessions), events: n(i.guidanceEvents) }) : "",
    },
    {
      key: "membersTrained",
      measure: t("reports.units.people"),
      value: i.membersTrained,
      detail: t("reports.indicators.ofMembers", { members: n(i.members) }),
    },
    { key: "residentsGuided", measure: t("reports.units.people"), value: i.residentsGuided, detail: "" },
    { key: "publicAccounts", measure: t("reports.units.accounts"), value: i.publicAccounts, detail: "" },
    {
      key: "vneid",
      measure: t("reports.units.accounts"),
      value: i.vneidTotal,
      detail: t("reports.indicators.vneidDetail", { l1: n(i.vneidLevel1), l2: n(i.vneidLevel2) }),
    },
    { key: "ocopProducts", measure: t("reports.units.products"), value: i.ocopProducts.length, detail: names(i.ocopProducts) },
    { key: "ocopOnline", measure: t("reports.units.products"), value: i.ocopOnline.length, detail: names(i.ocopOnline) },
    { key: "paymentAccounts", measure: t("reports.units.accounts"), value: i.paymentAccounts, detail: "" },
    { key: "otherOnline", measure: t("reports.units.products"), value: i.otherProducts.length, detail: names(i.otherProducts) },
  ];

  // The general part's figures, each referring to its note by a letter (the indicators use their numbers).
  const general: Array<{ text: string; note: string }> = [];
  if (report.villages) {
    const v = report.villages;
    const share = v.total ? `${Math.round((v.withTeam / v.total) * 100)}%` : "–";
    const level = language === "en" ? v.levelEn : v.levelVi.toLocaleLowerCase("vi");
    general.push({
      text: t("reports.document.villages", { level, total: n(v.total), withTeam: n(v.withTeam), share }),
      note: t("reports.definitions.villages"),
    });
  }
  const z = report.zalo;
  general.push({
    text:
      z.reported < z.teams
        ? t("reports.document.zaloPartial", { groups: n(z.groups), reported: n(z.reported), teams: n(z.teams) })
        : t("reports.document.zalo", { groups: n(z.groups) }),
    note: t("reports.definitions.zaloGroups"),
  });
  const letter = (index: number) => String.fromCharCode(97 + index);
  const levelsRef = letter(general.length);

  const paragraphs = (s: string) => {
    const list = nonEmptyLines(s);
    return list.length ? list : ["……"];
  };
  const issuerWords = parts.issuer.trim();
  const today = toVietnamLocal(now).date;
  const file = `${language === "en" ? "periodic-report" : "bao-cao-dinh-ky"}-${unit.id}-${period.key.replace(/\W+/g, "-")}`;
  return {
    language,
    fileName: file,
    unit: { id: unit.id, name },
    period: { key: period.key, label },
    heading: {
      parentBody: upper(parts.parentBody.trim()),
      issuer: upper(issuerWords),
      number: t("reports.document.number", { symbol: parts.symbol.trim() ? upper(parts.symbol.trim()) : "……" }),
      nationalTitle: t("reports.document.nationalTitle"),
      motto: t("reports.document.motto"),
      placeDate: placeDate(t, parts.place.trim(), today),
      docType: t("reports.document.docType"),
      subject: t("reports.document.subject", { unit: name, period: label }),
    },
    intro: sections.intro.trim(),
    results: t("reports.document.results", { period: label }),
    general: {
      title: t("reports.document.general"),
      lines: general.map((g, index) => ({ text: g.text, ref: letter(index) })),
      levels: {
        ref: levelsRef,
        columns: [t("reports.level"), t("reports.unitsWithTeam"), t("reports.figures.teams"), t("reports.figures.members")],
        rows: report.levels.map((l) => [language === "en" ? l.nameEn : l.nameVi, Number(l.units), Number(l.teams), Number(l.members)]),
      },
    },
    indicators: {
      title: t("reports.document.statistics"),
      columns: [t("reports.no"), t("reports.content"), t("reports.measure"), t("reports.value")],
      rows: rows.map((r, index) => ({ ...r, no: index + 1, label: t(`reports.indicators.${r.key}`) })),
    },
    targets:
      goals.own.length || goals.children.length
        ? {
            title: t("targets.documentTitle"),
            columns: [t("reports.unit"), t("targets.metric"), t("targets.done"), t("targets.target"), t("targets.share"), t("targets.projectionLabel")],
            rows: [...goals.children.map((r) => ({ r, own: false })), ...goals.own.map((r) => ({ r, own: true }))].map(({ r, own }) => ({
              unit: own && r.rolledUp ? `${name} (${t("targets.rolledUp")})` : own ? name : r.name,
              metric: t(`targets.metrics.${r.metric}`),
              done: r.done,
              target: r.target,
              share: `${Math.round(r.progress * 100)}%`,
              projection: projectionText(r.projection, t),
              own,
            })),
            warnings: goals.own
              .filter((r) => r.belowChildren)
              .map((r) => t("targets.belowChildren", { unit: name, metric: t(`targets.metrics.${r.metric}`), target: n(r.target), sum: n(r.childSum ?? 0) })),
            note: t("targets.definitions.document"),
          }
        : null,
    notes: {
      title: t("reports.document.notes"),
      items: [
        ...rows.map((r, index) => ({ ref: String(index + 1), text: t(DEFINITION_KEYS[r.key]) })),
        ...general.map((g, index) => ({ ref: letter(index), text: g.note })),
        { ref: levelsRef, text: t("reports.definitions.levels") },
      ],
    },
    sections: [
      {
        key: "difficulties",
        title: t("reports.document.difficultiesTitle"),
        parts: [
          { title: t("reports.document.difficulties"), paragraphs: paragraphs(sections.difficulties) },
          { title: t("reports.document.causes"), paragraphs: paragraphs(sections.causes) },
        ],
      },
      { key: "proposals", title: t("reports.document.proposalsTitle"), parts: [{ title: null, paragraphs: paragraphs(sections.proposals) }] },
      { key: "plan", title: t("reports.document.planTitle"), parts: [{ title: null, paragraphs: paragraphs(sections.plan) }] },
    ],
    closing: t("reports.document.closing", { period: label, issuer: issuerWords || name }),
    recipients: { title: t("reports.document.recipients"), lines: recipientLines(parts.recipients) },
    signature: { position: nonEmptyLines(parts.signerPosition).map(upper), name: parts.signerName.trim() },
    labels: {
      sheetReport: t("reports.document.sheetReport"),
      sheetSections: t("reports.document.sheetSections"),
      part: t("reports.document.part"),
      text: t("reports.document.text"),
      detail: t("reports.document.detail"),
      signature: t("reports.document.signature"),
    },
  };
}
