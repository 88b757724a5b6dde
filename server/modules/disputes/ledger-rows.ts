// A filled-in register sheet turned into registrations: its header row found, each row's
// Chinese labels turned into the API's values, its dates read as China's. What a row means
// is decided here; whether it is right is decided by the registration's own schema and rules.
import { LEDGER_IMPORT_COLUMNS, type LedgerImportKey } from "@shared/disputes/ledger-schemas.ts";
import {
  DISPUTE_LEVEL_LABELS,
  DISPUTE_RISK_LABELS,
  DISPUTE_SOURCE_LABELS,
  MEDIATION_ROUTE_LABELS,
  REFERRING_BODY_LABELS,
  SCREENING_KIND_LABELS,
} from "@shared/disputes/schemas.ts";
import type { LedgerCell, LedgerSheetRow } from "../../documents/ledger-xlsx-read.ts";
import type { MessageKey } from "../../http/messages.ts";
import type { DisputeTypes } from "./dispute-types.ts";

type Labels = Record<string, { zh: string; en: string }>;

/** The columns whose cells are a label (Chinese, English, or the value itself) of one of these lists. */
const LABELLED: Partial<Record<Exclude<LedgerImportKey, "type">, Labels>> = {
  source: DISPUTE_SOURCE_LABELS,
  screeningKind: SCREENING_KIND_LABELS,
  referredBy: REFERRING_BODY_LABELS,
  risk: DISPUTE_RISK_LABELS,
  level: DISPUTE_LEVEL_LABELS,
  route: MEDIATION_ROUTE_LABELS,
};

const normalHeader = (text: string) => text.replace(/[\s*＊]/g, "");

/** Column number by key, from the first row that holds most of the import's headers; null when none does. */
export function findHeader(rows: readonly LedgerSheetRow[]): { line: number; columns: Partial<Record<LedgerImportKey, number>> } | null {
  const byHeader = new Map<string, LedgerImportKey>(LEDGER_IMPORT_COLUMNS.map((column) => [normalHeader(column.zh), column.key]));
  for (const row of rows.slice(0, 10)) {
    const columns: Partial<Record<LedgerImportKey, number>> = {};
    row.cells.forEach((cell, column) => {
      const key = typeof cell === "string" ? byHeader.get(normalHeader(cell)) : undefined;
      if (key && columns[key] === undefined) columns[key] = column;
    });
    if (Object.keys(columns).length * 2 >= LEDGER_IMPORT_COLUMNS.length) return { line: row.line, columns };
  }
  return null;
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year error included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");

/** A date and time as China reads it, from the fields of a wall clock; null when there is no such day (2026-02-30). */
function chinaIso(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): string | null {
  const wall = new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
  if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== m - 1 || wall.getUTCDate() !== d || hh > 23 || mm > 59 || ss > 59) return null;
  return `${y}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}+08:00`;
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

/**
 * An occurrence time from a cell: an Excel date (its fields are China's wall clock: a sheet
 * has no zone), a day number, or text such as 2026-03-01, 2026/3/1 09:30 or 2026年3月1日.
 */
export function occurredAtOf(cell: LedgerCell): string | null {
  const fromWall = (wall: Date) => chinaIso(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : fromWall(cell);
  if (typeof cell === "number") return cell > 0 && cell < 2_958_466 ? fromWall(new Date(EXCEL_EPOCH_MS + Math.round(cell * DAY_MS))) : null;
  if (typeof cell !== "string") return null;
  const match = DATE_TEXT.exec(cell.trim());
  if (!match) return null;
  const [y, m, d, hh, mm, ss] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  return chinaIso(y!, m!, d!, hh, mm, ss);
}

/** Text of a cell; a phone typed as a number reads back as its digits. */
function textOf(cell: LedgerCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
  return text === "" ? null : text;
}

function numberOf(cell: LedgerCell | undefined): number | string | null {
  if (typeof cell === "number") return cell;
  const text = textOf(cell);
  if (text === null) return null;
  const plain = text.replace(/[,，\s]/g, "");
  // Anything else goes on as text, for the schema to refuse as not a number.
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : text;
}

/** The list's value whose label (or value) the cell holds; otherwise the text as it is, for the registration's checks to refuse. */
function valueOf(labels: Labels, text: string): string {
  const wanted = text.toLowerCase();
  const found = Object.entries(labels).find(([value, label]) => value === wanted || label.zh === text || label.en.toLowerCase() === wanted);
  return found ? found[0] : text;
}

export interface SheetRegistration {
  line: number;
  /** A registration's body as the API would receive it, for `RegisterDisputeInput` to judge. */
  candidate: Record<string, unknown>;
  /** What could not be read at all (a date that is not one). */
  errors: { field: LedgerImportKey; message: MessageKey }[];
  /** Which party each of `candidate.parties` is, to name the column of a party's error. */
  sides: ("applicant" | "respondent")[];
}

/** The rows after the header with anything in the import's columns, each as a registration for `orgId`. */
export function sheetRegistrations(rows: readonly LedgerSheetRow[], header: NonNullable<ReturnType<typeof findHeader>>, orgId: string, types: DisputeTypes): SheetRegistration[] {
  const labelled: Partial<Record<LedgerImportKey, Labels>> = { ...LABELLED, type: Object.fromEntries(types.labels) };
  const result: SheetRegistration[] = [];
  for (const row of rows) {
    if (row.line <= header.line) continue;
    const cell = (key: LedgerImportKey) => {
      const column = header.columns[key];
      return column === undefined ? undefined : row.cells[column];
    };
    if (LEDGER_IMPORT_COLUMNS.every((column) => textOf(cell(column.key)) === null)) continue;
    const text = (key: LedgerImportKey) => textOf(cell(key));
    const labelledValue = (key: LedgerImportKey) => {
      const value = text(key);
      return value === null ? null : valueOf(labelled[key]!, value);
    };
    const errors: SheetRegistration["errors"] = [];
    const occurredCell = cell("occurredAt");
    const occurredAt = textOf(occurredCell) === null ? undefined : occurredAtOf(occurredCell!);
    if (occurredAt === null) errors.push({ field: "occurredAt", message: "ledger.dateInvalid" });

    const sides: SheetRegistration["sides"] = [];
    const parties = (["applicant", "respondent"] as const).flatMap((side) => {
      const [name, phone, idNumber] = [text(`${side}Name`), text(`${side}Phone`), text(`${side}IdNumber`)];
      if (name === null && phone === null && idNumber === null) return [];
      sides.push(side);
      return [{ side, kind: "person", name: name ?? "", contactPhone: phone, idNumber, agentName: null, agentContact: null }];
    });
    // Empty cells are left out (a required one is then missing) or null where the field may be empty.
    const candidate = Object.fromEntries(
      Object.entries({
        orgId,
        source: labelledValue("source") ?? undefined,
        screeningKind: labelledValue("screeningKind"),
        referredBy: labelledValue("referredBy"),
        referringBody: text("referringBody"),
        type: labelledValue("type") ?? undefined,
        summary: text("summary") ?? undefined,
        claims: text("claims") ?? undefined,
        amountInDispute: numberOf(cell("amountInDispute")),
        peopleInvolved: numberOf(cell("peopleInvolved")) ?? undefined,
        occurredAt: occurredAt ?? undefined,
        risk: labelledValue("risk") ?? undefined,
        riskReason: text("riskReason"),
        level: labelledValue("level") ?? undefined,
        route: labelledValue("route") ?? undefined,
        parties,
      }).filter(([, value]) => value !== undefined),
    );
    result.push({ line: row.line, candidate, errors, sides });
  }
  return result;
}

const PARTY_FIELDS: Record<string, "Name" | "Phone" | "IdNumber"> = { name: "Name", contactPhone: "Phone", idNumber: "IdNumber" };

/** The column a registration's field (`parties.1.idNumber`, as an issue's path or a rule's field names it) comes from. */
export function columnOf(path: readonly PropertyKey[], sides: SheetRegistration["sides"]): LedgerImportKey {
  const [first, index, field] = path.map(String);
  if (first !== "parties") return (LEDGER_IMPORT_COLUMNS.find((column) => column.key === first)?.key ?? "applicantName") as LedgerImportKey;
  const side = index === undefined ? "applicant" : (sides[Number(index)] ?? "applicant");
  return `${side}${PARTY_FIELDS[field ?? ""] ?? "Name"}` as LedgerImportKey;
}
