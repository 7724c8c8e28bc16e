// Reading and writing the lists admins exchange with us: CSV (UTF-8) and XLSX.
import { Worker } from "node:worker_threads";
import zlib from "node:zlib";
import ExcelJS from "exceljs";

export type Sheet = { rows: string[][] };
export type ReadResult =
  | { ok: true; sheet: Sheet }
  | { ok: false; problem: "badEncoding" | "utf16" | "oldExcel" | "unreadable" | "empty" | "tooLarge" | "tooLargeUnpacked" | "tooSlow" };

/**
 * An XLSX is a ZIP archive: 400 KB can expand to 100 MB and hold the server
 * for seconds. Real member lists unpack to a few MB, so more than this is refused
 * before any spreadsheet code sees the file.
 */
export const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;
/** An XLSX is read on a worker thread, never the request thread, and given up after this. */
export const XLSX_READ_BUDGET_MS = 20_000;

const MAGIC_ZIP = [0x50, 0x4b, 0x03, 0x04];
const MAGIC_OLE = [0xd0, 0xcf, 0x11, 0xe0]; // .xls from Excel 97-2003

function startsWith(bytes: Uint8Array, magic: number[]) {
  return magic.every((b, i) => bytes[i] === b);
}

/** Reads a spreadsheet by its content (not its name: people rename files). */
export async function readSpreadsheet(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, problem: "empty" };
  if (startsWith(bytes, MAGIC_ZIP)) {
    const unpacked = zipUnpackedWithin(bytes, MAX_UNPACKED_BYTES);
    if (unpacked !== "ok") return { ok: false, problem: unpacked };
    return readXlsxOffThread(bytes);
  }
  if (startsWith(bytes, MAGIC_OLE)) return { ok: false, problem: "oldExcel" };
  return readCsv(bytes);
}

function readCsv(bytes: Uint8Array): ReadResult {
  // Excel's "Unicode text" is UTF-16; anything else that is not UTF-8 (e.g. Windows-1258) fails the strict decoder.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, problem: "utf16" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, problem: "badEncoding" };
  }
  // Text with NUL bytes is a binary file that happens to decode.
  if (text.includes("\u0000")) return { ok: false, problem: "unreadable" };
  const rows = parseCsv(text.normalize("NFC"));
  return rows.length === 0 ? { ok: false, problem: "empty" } : { ok: true, sheet: { rows } };
}

/** RFC 4180 CSV, with the delimiter (comma, semicolon or tab) guessed from the first line. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Whether every entry of a ZIP archive, actually inflated (the sizes an archive
 * declares can lie), fits in `limit` bytes altogether. Reads the central
 * directory, then inflates each entry with a cap, so a bomb stops at the cap.
 */
export function zipUnpackedWithin(bytes: Uint8Array, limit: number): "ok" | "tooLargeUnpacked" | "unreadable" {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "unreadable";
  const entries = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  let total = 0;
  try {
    for (let n = 0; n < entries; n++) {
      if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return "unreadable";
      const method = data.readUInt16LE(at + 10);
      const compressed = data.readUInt32LE(at + 20);
      const declared = data.readUInt32LE(at + 24);
      const nameLength = data.readUInt16LE(at + 28);
      const extraLength = data.readUInt16LE(at + 30);
      const commentLength = data.readUInt16LE(at + 32);
      const local = data.readUInt32LE(at + 42);
      at += 46 + nameLength + extraLength + commentLength;
      if (declared > limit - total) return "tooLargeUnpacked";
      if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) return "unreadable";
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      const body = data.subarray(start, start + compressed);
      if (method === 0) total += body.length;
      else if (method === 8) total += zlib.inflateRawSync(body, { maxOutputLength: Math.max(1, limit - total) }).length;
      else return "unreadable";
      if (total > limit) return "tooLargeUnpacked";
    }
  } catch (error) {
    // zlib stops with ERR_BUFFER_TOO_LARGE at the cap.
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return "tooLargeUnpacked";
    return "unreadable";
  }
  return "ok";
}

// The worker loads ExcelJS by itself and sends back the rows as text.
const XLSX_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const ExcelJS = require("exceljs");
(async () => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(workerData));
  } catch {
    return parentPort.postMessage({ ok: false, problem: "unreadable" });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return parentPort.postMessage({ ok: false, problem: "empty" });
  const text = (cell) => {
    const v = cell.value;
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return String(v);
    if (typeof v === "string") return v.normalize("NFC");
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === "object" && "result" in v) return v.result === undefined || v.result === null ? "" : String(v.result);
    return (cell.text ?? "").normalize("NFC");
  };
  const rows = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => { cells[col - 1] = text(cell); });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? "");
  });
  const dense = Array.from(rows, (r) => r ?? []);
  parentPort.postMessage(dense.length === 0 ? { ok: false, problem: "empty" } : { ok: true, sheet: { rows: dense } });
})();
`;

/** Reads an XLSX on a worker thread with a time budget, so no request waits on another's file. */
function readXlsxOffThread(bytes: Uint8Array): Promise<ReadResult> {
  return new Promise((resolve) => {
    const worker = new Worker(XLSX_WORKER, { eval: true, workerData: bytes, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, problem: "tooSlow" });
    }, XLSX_READ_BUDGET_MS);
    worker.once("message", (result: ReadResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    });
    worker.once("error", () => {
      clearTimeout(timer);
      resolve({ ok: false, problem: "unreadable" });
    });
  });
}

// Spreadsheet programs run cells starting with these as formulas (a tab or a
// carriage return can hide the sign); a leading apostrophe keeps them text,
// and is taken off again on import. This is the one writer of CSV and XLSX
// files in the product: admin lists and report tables alike.
const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number;

export function guardCell(value: string) {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardCell(value: string) {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** CSV with a byte-order mark, which makes Excel open it as UTF-8 rather than the Windows code page. */
export function toCsv(rows: Cell[][]) {
  const quote = (v: Cell) => {
    const s = typeof v === "number" ? String(v) : guardCell(v);
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}

export type SheetSpec = {
  name: string;
  /** The first row is the header. */
  rows: Cell[][];
  widths?: number[];
  /** A title line above the header (report tables). */
  title?: string;
  /** Text format for every column, so a phone keeps its leading zero when someone types into the sheet. */
  textColumns?: boolean;
  /** Rows of `rows` (0-based) set in bold; the first (the header) when not given. */
  boldRows?: number[];
  /** Columns (0-based) whose long text wraps inside the cell, top-aligned (names, written sections). */
  wrapColumns?: number[];
  /** Printed on A4 at the page's width, with the margins of Decree 30/2020/NĐ-CP (left 30 mm, right 15 mm, top and bottom 20 mm). */
  page?: { orientation: "portrait" | "landscape" };
};

const MM_PER_INCH = 25.4;
const LINE_HEIGHT_PT = 15; // a line of the default 11 pt font

/** Lines a text takes in a wrapped column `width` characters wide (a column's width is counted in characters). */
function wrappedLines(text: string, width: number) {
  return text.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / Math.max(1, width * 1.1))), 0);
}
const A4 = 9; // Excel's paper size code

export async function toXlsx(sheets: SheetSpec[]) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kỹ Năng Số";
  for (const s of sheets) {
    const ws = workbook.addWorksheet(
      s.name,
      s.page
        ? {
            pageSetup: {
              paperSize: A4,
              orientation: s.page.orientation,
              fitToPage: true,
              fitToWidth: 1,
              fitToHeight: 0,
              margins: {
                left: 30 / MM_PER_INCH,
                right: 15 / MM_PER_INCH,
                top: 20 / MM_PER_INCH,
                bottom: 20 / MM_PER_INCH,
                header: 8 / MM_PER_INCH,
                footer: 8 / MM_PER_INCH,
              },
            },
          }
        : undefined,
    );
    if (s.title) {
      ws.addRow([guardCell(s.title)]).font = { bold: true, size: 14 };
      ws.addRow([]);
    }
    const bold = new Set(s.boldRows ?? [0]);
    const wrap = new Set(s.wrapColumns ?? []);
    s.rows.forEach((r, i) => {
      const row = ws.addRow(r.map((v) => (typeof v === "number" ? v : guardCell(v))));
      if (bold.has(i)) row.font = { bold: true };
      // Spreadsheet programs do not all grow a row to fit wrapped text when they open a file: give it the height.
      const lines = Math.max(1, ...r.map((v, c) => (wrap.has(c) ? wrappedLines(String(v), s.widths?.[c] ?? 24) : 1)));
      if (lines > 1) row.height = LINE_HEIGHT_PT * lines;
    });
    const columns = Math.max(0, ...s.rows.map((r) => r.length));
    for (let i = 0; i < columns; i++) {
      const col = ws.getColumn(i + 1);
      col.width = s.widths?.[i] ?? 24;
      if (s.textColumns) col.numFmt = "@";
      // Beside a wrapped column every cell reads from the top of its row.
      if (wrap.size) col.alignment = wrap.has(i) ? { wrapText: true, vertical: "top" } : { vertical: "top" };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
