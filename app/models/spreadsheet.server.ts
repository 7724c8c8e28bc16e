// Reading and writing the lists admins exchange with us: CSV (UTF-8) and XLSX.
import ExcelJS from "exceljs";

export type Sheet = { rows: string[][] };
export type ReadResult = { ok: true; sheet: Sheet } | { ok: false; problem: "badEncoding" | "utf16" | "oldExcel" | "unreadable" | "empty" };

const MAGIC_ZIP = [0x50, 0x4b, 0x03, 0x04];
const MAGIC_OLE = [0xd0, 0xcf, 0x11, 0xe0]; // .xls from Excel 97-2003

function startsWith(bytes: Uint8Array, magic: number[]) {
  return magic.every((b, i) => bytes[i] === b);
}

/** Reads a spreadsheet by its content (not its name: people rename files). */
export async function readSpreadsheet(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, problem: "empty" };
  if (startsWith(bytes, MAGIC_ZIP)) return readXlsx(bytes);
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

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problem: "empty" };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell);
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? "");
  });
  const dense = Array.from(rows, (r) => r ?? []);
  return dense.length === 0 ? { ok: false, problem: "empty" } : { ok: true, sheet: { rows: dense } };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === "string") return v.normalize("NFC");
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && "result" in v) return v.result === undefined || v.result === null ? "" : String(v.result);
  return (cell.text ?? "").normalize("NFC");
}

// Spreadsheet programs run cells starting with these as formulas; a leading
// apostrophe keeps them text, and is taken off again on import.
const FORMULA_START = /^[=+\-@]/;

export function guardCell(value: string) {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardCell(value: string) {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function toCsv(rows: string[][]) {
  const quote = (v: string) => {
    const s = guardCell(v);
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // The byte-order mark makes Excel open the file as UTF-8 rather than the Windows code page.
  return "\uFEFF" + rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}

export async function toXlsx(sheets: Array<{ name: string; rows: string[][]; widths?: number[] }>) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kỹ Năng Số";
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r.map(guardCell));
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((col, i) => {
      col.width = s.widths?.[i] ?? 24;
      // Text format keeps a phone's leading zero when someone types into the sheet.
      col.numFmt = "@";
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
