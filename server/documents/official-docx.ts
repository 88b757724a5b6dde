// The one Word renderer of Huajie: formal records (plans, incident reports, mediation
// agreements, reply letters) in the layout of GB/T 9704-2012. A module composes its document
// from these blocks; the page, fonts and numbering are decided here only.
//
// Fonts are named, not embedded (DESIGN §5): the reader's machine supplies 仿宋_GB2312 and
// the others, as it does for every official document it opens.
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
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
  convertMillimetersToTwip,
} from "docx";
import { chineseNumber, officialDate } from "@shared/official-text.ts";

const FONTS = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  pageNumber: "宋体",
} as const;

/** Font sizes in half-points, as Word counts them: 2号 22pt, 3号 16pt, 4号 14pt. */
const SIZE = { title: 44, body: 32, small: 28 } as const;

const mm = (value: number) => Math.round(convertMillimetersToTwip(value));
const A4 = { width: mm(210), height: mm(297) };
/** The text block is 156 × 225 mm, set 37 mm from the top and 28 mm from the binding edge. */
const TEXT_BLOCK = { width: mm(156), height: mm(225) };
const MARGIN = { top: mm(37), left: mm(28), right: mm(210 - 28 - 156), bottom: mm(297 - 37 - 225) };
const LINES_PER_PAGE = 22;
const CHARS_PER_LINE = 28;
/** Exact line pitch in twips: 22 lines fill the 225 mm block (28.95 pt, as official templates set it). */
const LINE = Math.floor(TEXT_BLOCK.height / LINES_PER_PAGE);
/**
 * 28 characters of 3号 (16 pt) are 448 pt, a little wider than the 442 pt block. Word's own
 * templates narrow them with a character grid, which LibreOffice lays out differently (it
 * gives each character two cells); condensing the 16 pt text by a quarter point is read
 * the same way by both, and 28 characters fill a line.
 */
const BODY_CONDENSE = Math.floor(TEXT_BLOCK.width / CHARS_PER_LINE - 16 * 20);
/** One character of body text in twips, as condensed: the unit of every indent. */
const CHAR = 16 * 20 + BODY_CONDENSE;
/**
 * The page number's line starts 7 mm below the text block. Word places a footer by the
 * distance of its bottom from the page edge, so that is the 35 mm margin less those 7 mm
 * and the ~5 mm the 4号 number itself takes.
 */
const FOOTER_DISTANCE = mm(297 - 37 - 225 - 7 - 5);

export type OfficialBlock = Paragraph | Table;

const run = (text: string, font: string, size: number = SIZE.body) =>
  new TextRun({ text, font, size, characterSpacing: size === SIZE.body ? BODY_CONDENSE : 0 });

/** The title: 2号 小标宋, centred, with one blank line after it. */
export function title(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: LINE }, children: [run(text, FONTS.title, SIZE.title)] });
}

/**
 * Headings of the four levels: 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋, each
 * indented two characters like body text and numbered by `index` (from 1).
 */
export function heading(level: 1 | 2 | 3 | 4, index: number, text: string): Paragraph {
  const styles: Record<typeof level, [string, string]> = {
    1: [`${chineseNumber(index)}、`, FONTS.heading1],
    2: [`（${chineseNumber(index)}）`, FONTS.heading2],
    3: [`${index}. `, FONTS.body],
    4: [`（${index}）`, FONTS.body],
  };
  const [label, font] = styles[level];
  return new Paragraph({ indent: { firstLine: 2 * CHAR }, keepNext: true, children: [run(`${label}${text}`, font)] });
}

/** A body paragraph: 3号 仿宋, first line indented two characters, justified. */
export function body(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.BOTH, indent: { firstLine: 2 * CHAR }, children: [run(text, FONTS.body)] });
}

/** A table cell's text, or text spanning several rows (its place in the following rows is left out). */
export type CellSpec = string | { text: string; rowSpan: number };

/** Table text (4号) is set closer than the body's line pitch, so rows stay compact. */
const TABLE_LINE = 22 * 20;

/** A ruled table across the text block: a 黑体 header row, then 4号 仿宋 cells. */
export function table(columns: { title: string; widthMm: number }[], rows: CellSpec[][]): Table {
  const scale = TEXT_BLOCK.width / columns.reduce((sum, column) => sum + mm(column.widthMm), 0);
  const widths = columns.map((column) => Math.floor(mm(column.widthMm) * scale));
  const cell = (spec: CellSpec, font: string) => {
    const { text, rowSpan } = typeof spec === "string" ? { text: spec, rowSpan: 1 } : spec;
    return new TableCell({
      rowSpan,
      verticalAlign: VerticalAlignTable.CENTER,
      children: text.split("\n").map((line) => new Paragraph({ spacing: { line: TABLE_LINE, lineRule: LineRuleType.EXACT }, children: [run(line, font, SIZE.small)] })),
    });
  };
  return new Table({
    width: { size: TEXT_BLOCK.width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((column) => cell(column.title, FONTS.heading1)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((spec) => cell(spec, FONTS.body)) })),
    ],
  });
}

/** The issuer and the date of issue, right-indented four characters, after two blank lines. */
export function dateLine(issuer: string, date: Date): Paragraph[] {
  const line = (text: string, before = 0) => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR }, spacing: { before }, children: [run(text, FONTS.body)] });
  return [line(issuer, 2 * LINE), line(officialDate(date))];
}

/** "— 1 —" in 4号 宋体: odd pages on the right, even pages on the left, one character in from the edge. */
function pageNumberFooter(side: "odd" | "even"): Footer {
  const pad = 14 * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: pad } : { left: pad },
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: FONTS.pageNumber, size: SIZE.small })],
      }),
    ],
  });
}

const BODY_RUN = { font: FONTS.body, size: SIZE.body, characterSpacing: BODY_CONDENSE };
const BODY_PARAGRAPH = { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } };

export async function renderOfficialDocx(document: { title: string; blocks: OfficialBlock[] }): Promise<Buffer> {
  const doc = new Document({
    title: document.title,
    creator: "Huajie",
    evenAndOddHeaderAndFooters: true,
    styles: {
      // The body style is also the "Normal" style: LibreOffice reads the base font from it,
      // not from the document defaults Word reads.
      default: { document: { run: BODY_RUN, paragraph: BODY_PARAGRAPH } },
      paragraphStyles: [{ id: "Normal", name: "Normal", run: BODY_RUN, paragraph: BODY_PARAGRAPH }],
    },
    sections: [
      {
        properties: {
          page: { size: A4, margin: { ...MARGIN, header: mm(15), footer: FOOTER_DISTANCE } },
          grid: { type: DocumentGridType.LINES, linePitch: LINE },
        },
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        children: document.blocks,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
