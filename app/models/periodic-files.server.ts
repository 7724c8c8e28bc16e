// The periodic report's files, each rendering the one PeriodicDocument: a
// Word document (DOCX) an officer opens, edits and signs, since that is how
// these reports travel; XLSX (indicators on the first sheet, the written
// sections on the second, A4 page setup) and CSV through the product's one
// spreadsheet writer.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  type IBorderOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { PeriodicDocument } from "./periodic-document.server";
import { type Cell, type SheetSpec, toCsv, toXlsx } from "./spreadsheet.server";
import { formatCount } from "~/utils/numbers";

// ---------------------------------------------------------------- spreadsheet

/**
 * The first sheet: heading, general figures, the indicator table and its notes.
 * Prose goes in the wide, wrapped second column, so the sheet prints on A4 at
 * a readable scale instead of shrinking to the longest line.
 */
function reportSheet(doc: PeriodicDocument): SheetSpec {
  const rows: Cell[][] = [];
  const bold: number[] = [];
  const push = (row: Cell[], isBold = false) => {
    if (isBold) bold.push(rows.length);
    rows.push(row);
  };
  const h = doc.heading;
  if (h.parentBody) push(["", h.parentBody]);
  push(["", h.issuer], true);
  push(["", h.number]);
  push(["", h.nationalTitle], true);
  push(["", h.motto], true);
  push(["", h.placeDate]);
  push([]);
  push(["", h.docType], true);
  push(["", h.subject], true);
  push([]);
  if (doc.intro) push(["", doc.intro]);
  push(["", doc.results], true);
  push(["", doc.general.title], true);
  for (const line of doc.general.lines) push([`(${line.ref})`, line.text]);
  push([`(${doc.general.levels.ref})`, ...doc.general.levels.columns], true);
  for (const row of doc.general.levels.rows) push(["", ...row]);
  push([]);
  push(["", doc.indicators.title], true);
  push([...doc.indicators.columns, doc.labels.detail], true);
  for (const r of doc.indicators.rows) push([r.no, `${r.label} (${r.no})`, r.measure, r.value, r.detail]);
  push([]);
  if (doc.targets) {
    push(["", doc.targets.title], true);
    push(["", ...doc.targets.columns], true);
    for (const r of doc.targets.rows) push(["", r.unit, r.metric, r.done, r.target, r.share, r.projection], r.own);
    for (const w of doc.targets.warnings) push(["", w]);
    push(["", doc.targets.note]);
    push([]);
  }
  push(["", doc.notes.title], true);
  for (const note of doc.notes.items) push([`(${note.ref})`, note.text]);
  return {
    name: doc.labels.sheetReport,
    rows,
    boldRows: bold,
    widths: [6, 46, 12, 10, 18, 10, 30],
    wrapColumns: [1, 2, 4, 6],
    page: { orientation: "portrait" },
  };
}

/** The second sheet: the written sections, the closing, "Nơi nhận" and the signature block. */
function sectionsSheet(doc: PeriodicDocument): SheetSpec {
  const rows: Cell[][] = [[doc.labels.part, doc.labels.text]];
  const bold = [0];
  if (doc.intro) rows.push(["", doc.intro]);
  for (const section of doc.sections) {
    bold.push(rows.length);
    rows.push([section.title, ""]);
    for (const part of section.parts) rows.push([part.title ?? "", part.paragraphs.join("\n")]);
  }
  rows.push(["", doc.closing]);
  rows.push([doc.recipients.title, doc.recipients.lines.join("\n")]);
  rows.push([doc.labels.signature, [...doc.signature.position, doc.signature.name].filter(Boolean).join("\n")]);
  return { name: doc.labels.sheetSections, rows, boldRows: bold, widths: [22, 66], wrapColumns: [0, 1], page: { orientation: "portrait" } };
}

export function periodicXlsx(doc: PeriodicDocument) {
  return toXlsx([reportSheet(doc), sectionsSheet(doc)]);
}

/** One CSV holds one table: the first sheet, a blank line, then the second. */
export function periodicCsv(doc: PeriodicDocument) {
  return Buffer.from(toCsv([...reportSheet(doc).rows, [], ...sectionsSheet(doc).rows]), "utf8");
}

// ---------------------------------------------------------------- Word

// Decree 30/2020/NĐ-CP, Appendix I: A4; margins top and bottom 20–25 mm, left
// 30–35 mm, right 15–20 mm; Times New Roman; body 13–14 pt justified.
const TWIPS_PER_MM = 1440 / 25.4;
const mm = (n: number) => Math.round(n * TWIPS_PER_MM);
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FONT = "Times New Roman";
const pt = (n: number) => n * 2; // docx sizes are half-points

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: "000000" };
const NO_LINE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NO_LINE, bottom: NO_LINE, left: NO_LINE, right: NO_LINE, insideHorizontal: NO_LINE, insideVertical: NO_LINE };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

type Run = { text: string; bold?: boolean; italics?: boolean; underline?: boolean; superScript?: boolean; size?: number };

function para(runs: Run[] | string, options: { align?: "center" | "both" | "left"; indent?: boolean; after?: number; before?: number; size?: number } = {}) {
  const list = typeof runs === "string" ? [{ text: runs }] : runs;
  return new Paragraph({
    alignment: options.align === "center" ? AlignmentType.CENTER : options.align === "left" ? AlignmentType.LEFT : AlignmentType.BOTH,
    indent: options.indent ? { firstLine: mm(10) } : undefined,
    spacing: { after: options.after ?? 0, before: options.before ?? 0 },
    children: list.map(
      (r) =>
        new TextRun({
          text: r.text,
          bold: r.bold,
          italics: r.italics,
          underline: r.underline ? {} : undefined,
          superScript: r.superScript,
          size: pt(r.size ?? options.size ?? 13),
        }),
    ),
  });
}

/** A short centred rule under a heading line: a third to a half of the line, as the decree asks. */
function shortRule(width: number, share = 0.35) {
  const side = Math.round((width * (1 - share)) / 2);
  return new Paragraph({ indent: { left: side, right: side }, border: { top: LINE }, spacing: { before: 40, after: 80 }, children: [] });
}

function cell(children: Paragraph[], width: number, options: { center?: boolean } = {}) {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: options.center ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

function grid(columns: number[], header: string[], rows: Paragraph[][][]) {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) => cell([para([{ text: h, bold: true }], { align: "center", size: 12 })], columns[i], { center: true })),
      }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, columns[i])) })),
    ],
  });
}

export async function periodicDocx(doc: PeriodicDocument) {
  const h = doc.heading;
  const left = Math.round(TEXT_WIDTH * 0.4);
  const right = TEXT_WIDTH - left;
  const heading = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              ...(h.parentBody ? [para(h.parentBody, { align: "center", size: 12 })] : []),
              para([{ text: h.issuer, bold: true }], { align: "center", size: 12 }),
              shortRule(left),
              para(h.number, { align: "center", size: 13 }),
            ],
            left,
          ),
          cell(
            [
              para([{ text: h.nationalTitle, bold: true }], { align: "center", size: 12 }),
              para([{ text: h.motto, bold: true, underline: true }], { align: "center", size: 13, after: 160 }),
              para([{ text: h.placeDate, italics: true }], { align: "center", size: 13 }),
            ],
            right,
          ),
        ],
      }),
    ],
  });

  const body: Array<Paragraph | Table> = [
    heading,
    para([{ text: h.docType, bold: true }], { align: "center", size: 14, before: 240 }),
    para([{ text: h.subject, bold: true }], { align: "center", size: 14 }),
    shortRule(TEXT_WIDTH, 0.25),
  ];
  const text = (s: string) => para(s, { indent: true, after: 120 });
  const heading1 = (s: string) => para([{ text: s, bold: true }], { indent: true, after: 120, before: 60 });
  const heading2 = (s: string) => para([{ text: s, bold: true, italics: false }], { indent: true, after: 80 });

  if (doc.intro) body.push(text(doc.intro));
  body.push(heading1(doc.results), heading2(doc.general.title));
  // A no-break space keeps a note's reference on the line of the words it belongs to.
  const ref = (r: string): Run => ({ text: `\u00a0(${r})`, superScript: true });
  for (const line of doc.general.lines) body.push(para([{ text: `- ${line.text}` }, ref(line.ref)], { indent: true, after: 80 }));
  const lv = doc.general.levels;
  body.push(
    grid(
      [
        Math.round(TEXT_WIDTH * 0.34),
        Math.round(TEXT_WIDTH * 0.22),
        Math.round(TEXT_WIDTH * 0.22),
        TEXT_WIDTH - 2 * Math.round(TEXT_WIDTH * 0.22) - Math.round(TEXT_WIDTH * 0.34),
      ],
      [`${lv.columns[0]} (${lv.ref})`, ...lv.columns.slice(1)],
      lv.rows.map((r) => [
        [para(r[0], { align: "left", size: 12 })],
        ...r.slice(1).map((v) => [para(number(doc, v as number), { align: "center", size: 12 })]),
      ]),
    ),
    heading2(doc.indicators.title),
  );
  const ind = doc.indicators;
  body.push(
    grid(
      [mm(12), Math.round(TEXT_WIDTH * 0.5), mm(24), TEXT_WIDTH - mm(12) - Math.round(TEXT_WIDTH * 0.5) - mm(24)],
      ind.columns,
      ind.rows.map((r) => [
        [para(String(r.no), { align: "center", size: 12 })],
        [para([{ text: r.label }, ref(String(r.no))], { align: "left", size: 12 })],
        [para(r.measure, { align: "center", size: 12 })],
        [para([{ text: number(doc, r.value), bold: true }], { align: "left", size: 12 }), ...(r.detail ? [para(r.detail, { align: "left", size: 11 })] : [])],
      ]),
    ),
    // The notes run on in one paragraph, as on the printed page: thirteen short lines would cost a page.
    para(
      [
        { text: `${doc.notes.title} `, bold: true, italics: true },
        ...doc.notes.items.flatMap((n): Run[] => [
          { text: `(${n.ref}) `, bold: true },
          { text: `${n.text} `, italics: true },
        ]),
      ],
      { align: "both", size: 10, before: 80, after: 120 },
    ),
  );
  if (doc.targets) {
    const g = doc.targets;
    const w = [Math.round(TEXT_WIDTH * 0.24), Math.round(TEXT_WIDTH * 0.2), Math.round(TEXT_WIDTH * 0.22)];
    body.push(
      heading2(g.title),
      grid(
        [...w, TEXT_WIDTH - w[0] - w[1] - w[2]],
        [g.columns[0], g.columns[1], `${g.columns[2]} / ${g.columns[3]} (${g.columns[4]})`, g.columns[5]],
        g.rows.map((r) => [
          [para([{ text: r.unit, bold: r.own }], { align: "left", size: 12 })],
          [para(r.metric, { align: "left", size: 12 })],
          [para([{ text: `${number(doc, r.done)} / ${number(doc, r.target)} (${r.share})`, bold: r.own }], { align: "left", size: 12 })],
          [para(r.projection, { align: "left", size: 11 })],
        ]),
      ),
      ...g.warnings.map((warning) => para([{ text: warning, italics: true }], { align: "left", size: 12, before: 60 })),
      para([{ text: g.note, italics: true }], { align: "both", size: 10, before: 60, after: 120 }),
    );
  }
  for (const section of doc.sections) {
    body.push(heading1(section.title));
    for (const part of section.parts) {
      if (part.title) body.push(heading2(part.title));
      for (const p of part.paragraphs) body.push(text(p));
    }
  }
  body.push(text(doc.closing));

  const foot = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.round(TEXT_WIDTH * 0.45), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.45)],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [
              para([{ text: doc.recipients.title, bold: true, italics: true }], { align: "left", size: 12 }),
              ...doc.recipients.lines.map((l) => para(l, { align: "left", size: 11 })),
            ],
            Math.round(TEXT_WIDTH * 0.45),
          ),
          cell(
            [
              ...doc.signature.position.map((l) => para([{ text: l, bold: true }], { align: "center", size: 13 })),
              // Room for the signature and the seal.
              ...[0, 1, 2, 3].map(() => para("", { align: "center" })),
              para([{ text: doc.signature.name, bold: true }], { align: "center", size: 13 }),
            ],
            TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.45),
          ),
        ],
      }),
    ],
  });
  body.push(foot);

  const document = new Document({
    creator: "Kỹ Năng Số",
    title: `${h.docType} ${h.subject}`,
    styles: { default: { document: { run: { font: FONT, size: pt(13), language: { value: doc.language === "en" ? "en-US" : "vi-VN" } } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: mm(10), footer: mm(10) } }, titlePage: true },
        // The page number, centred at the top, from the second page on.
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })] })],
          }),
          first: new Header({ children: [] }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}

function number(doc: PeriodicDocument, value: number) {
  return formatCount(value, doc.language);
}
