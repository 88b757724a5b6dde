// The one Excel renderer of Huajie: a ledger (台账) as a sheet with a title row, a header
// row and plain rows; a workbook holds one or more. Modules say what the columns and rows
// are; the layout is decided here.
import type ExcelJS from "exceljs";

export interface LedgerColumn {
  header: string;
  /** In characters; a CJK character takes about two. */
  width: number;
  /** Formatted as text, so that what someone types there (an ID number, a phone) is not turned into a number. */
  text?: boolean;
}

export interface Ledger {
  sheetName: string;
  title: string;
  columns: readonly LedgerColumn[];
  rows: readonly (readonly (string | number)[])[];
}

const FONT = "宋体";
const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function renderLedgerXlsx(ledger: Ledger): Promise<Buffer> {
  return renderLedgersXlsx([ledger]);
}

/** Several ledgers as the sheets of one workbook, in order. */
export async function renderLedgersXlsx(ledgers: readonly Ledger[]): Promise<Buffer> {
  // Loaded by the first export, not at start: it holds about 15 MiB that most nodes never use.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  workbook.creator = "Huajie";
  for (const ledger of ledgers) addLedgerSheet(workbook, ledger);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addLedgerSheet(workbook: ExcelJS.Workbook, ledger: Ledger) {
  const sheet = workbook.addWorksheet(ledger.sheetName, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    // Rows 1–2 (title and header) stay in view while scrolling, and print on every page.
    views: [{ state: "frozen", ySplit: 2 }],
  });
  sheet.pageSetup.printTitlesRow = "1:2";
  sheet.columns = ledger.columns.map((column) => ({ width: column.width, ...(column.text ? { style: { numFmt: "@" } } : {}) }));

  const title = sheet.addRow([ledger.title]);
  sheet.mergeCells(1, 1, 1, ledger.columns.length);
  title.height = 30;
  title.getCell(1).font = { name: FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: "center", vertical: "middle" };

  const header = sheet.addRow(ledger.columns.map((column) => column.header));
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
  });

  for (const values of ledger.rows) {
    const row = sheet.addRow([...values]);
    for (let i = 1; i <= ledger.columns.length; i += 1) {
      const cell = row.getCell(i);
      cell.font = { name: FONT, size: 11 };
      cell.alignment = { vertical: "middle", wrapText: true };
      cell.border = BORDER;
    }
  }
}
