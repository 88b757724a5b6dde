// Reads a ledger someone filled in (an .xlsx written by Excel, WPS or LibreOffice) back into
// plain values: the first sheet's rows by their spreadsheet row number. Modules find their
// header row and say what each column means; the file format is dealt with here.
import type ExcelJS from "exceljs";

/** A cell as the sheet holds it: text, a number, a date (Excel's dates carry no zone), or nothing. */
export type LedgerCell = string | number | boolean | Date | null;

export interface LedgerSheetRow {
  /** The row number Excel shows, so a problem can be named where the person will look. */
  line: number;
  /** By column number, from 1. */
  cells: LedgerCell[];
}

/**
 * A workbook unpacks to many times its size; its parts are refused beyond this before any is
 * read, so a small file cannot make the server unpack gigabytes (a "zip bomb").
 */
const UNPACKED_MAX_BYTES = 64 * 1024 * 1024;

/** The total unpacked size the zip's central directory declares, or null when it is not a zip we read. */
function declaredUnpackedSize(bytes: Buffer): number | null {
  const END_SIGNATURE = 0x06054b50;
  const ENTRY_SIGNATURE = 0x02014b50;
  // The end record is 22 bytes, followed by a comment of at most 65 535.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= earliest; at -= 1) {
    if (bytes.readUInt32LE(at) === END_SIGNATURE) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ENTRY_SIGNATURE) return null;
    const size = bytes.readUInt32LE(at + 24);
    // 0xFFFFFFFF defers to a ZIP64 record: a part of 4 GiB or more is beyond any ledger.
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

function plain(value: ExcelJS.CellValue): LedgerCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) return plain((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("hyperlink" in value) return String(value.text);
  // An error value (#N/A) holds nothing the ledger can use.
  return null;
}

export type LedgerReadFailure = "unreadable" | "tooLarge";

/**
 * The first sheet's non-empty rows, or why the file cannot be read: not an .xlsx workbook
 * (random bytes, another kind of zip such as a .docx), or unpacking beyond the limit.
 */
export async function readLedgerSheet(bytes: Buffer): Promise<LedgerSheetRow[] | LedgerReadFailure> {
  const unpacked = declaredUnpackedSize(bytes);
  if (unpacked === null) return "unreadable";
  if (unpacked > UNPACKED_MAX_BYTES) return "tooLarge";
  // Loaded by the first import, not at start (see renderLedgersXlsx).
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return "unreadable";
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return "unreadable";
  const rows: LedgerSheetRow[] = [];
  // A merged cell reads as its value in every cell it covers: a column merged down over
  // several rows says the same of each of them.
  sheet.eachRow((row, line) => {
    const cells: LedgerCell[] = [];
    row.eachCell((cell, column) => {
      cells[column] = plain(cell.value);
    });
    rows.push({ line, cells });
  });
  return rows;
}
