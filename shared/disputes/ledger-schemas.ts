// The dispute register as a spreadsheet (纠纷登记台账): the export's filters, the import's
// columns and options, and what an import answers. The web names the columns of a row's
// error from the same list the server reads the template by.
import { z } from "zod";
import { DisputeListQuery } from "./schemas.ts";

/** An export beyond this many rows is refused: the caller narrows the filters instead. */
export const LEDGER_EXPORT_MAX_ROWS = 10_000;
/** The rows one import takes, and the bytes of its file (about 50 bytes a cell compressed leaves ample room). */
export const LEDGER_IMPORT_MAX_ROWS = 1_000;
export const LEDGER_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** The form field of the uploaded workbook. */
export const LEDGER_FILE_FIELD = "file";

/** The list's filters without its paging: the export is the whole register they select. */
export const DisputeExportQuery = DisputeListQuery.omit({ offset: true, limit: true });
export type DisputeExportQuery = z.infer<typeof DisputeExportQuery>;

/**
 * `all_or_nothing`: one bad row and nothing is imported, every bad row listed. `valid_rows`:
 * the good rows are registered and the bad ones listed.
 */
export const LEDGER_IMPORT_MODES = ["all_or_nothing", "valid_rows"] as const;
export const LedgerImportMode = z.enum(LEDGER_IMPORT_MODES);
export type LedgerImportMode = z.infer<typeof LedgerImportMode>;

/** `orgId` and `mode` come in the query or as fields of the form; the form's win. */
export const DisputeImportOptions = z.object({
  /** The org whose register the rows join, checked as a registration for it is. */
  orgId: z.uuid(),
  mode: LedgerImportMode.default("all_or_nothing"),
});
export const DisputeImportQuery = DisputeImportOptions.partial();

/** One problem of one row: `line` is the spreadsheet's row number, `field` one of `LEDGER_IMPORT_COLUMNS`' keys. */
export const LedgerRowError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
export type LedgerRowError = z.infer<typeof LedgerRowError>;

export const DisputeImportResult = z.object({ imported: z.number().int(), errors: z.array(LedgerRowError) });
export type DisputeImportResult = z.infer<typeof DisputeImportResult>;

/**
 * The import's columns, in the template's order, found in a file by their Chinese header so
 * that a sheet whose columns were moved still reads. Parties are people (个人) named by their
 * resident ID number; an organisation as a party is registered through the form.
 */
export const LEDGER_IMPORT_COLUMNS = [
  { key: "source", zh: "来源", en: "Source", required: true },
  { key: "screeningKind", zh: "排查方式", en: "Screening kind", required: false },
  { key: "referredBy", zh: "移交单位类别", en: "Referred by", required: false },
  { key: "referringBody", zh: "移交单位名称", en: "Referring body", required: false },
  { key: "type", zh: "纠纷类型", en: "Type", required: true },
  { key: "summary", zh: "纠纷简要情况", en: "Summary", required: true },
  { key: "claims", zh: "申请事项", en: "Claims", required: true },
  { key: "amountInDispute", zh: "涉及金额（元）", en: "Amount (yuan)", required: false },
  { key: "peopleInvolved", zh: "涉及人数", en: "People involved", required: true },
  { key: "occurredAt", zh: "发生时间", en: "Occurred at", required: true },
  { key: "risk", zh: "风险等级", en: "Risk", required: true },
  { key: "riskReason", zh: "风险理由", en: "Risk reason", required: false },
  { key: "level", zh: "调处层级", en: "Level", required: true },
  { key: "route", zh: "调解途径", en: "Mediation route", required: true },
  { key: "applicantName", zh: "申请人姓名", en: "Applicant's name", required: true },
  { key: "applicantPhone", zh: "申请人电话", en: "Applicant's phone", required: false },
  { key: "applicantIdNumber", zh: "申请人身份证号", en: "Applicant's ID number", required: false },
  { key: "respondentName", zh: "被申请人姓名", en: "Respondent's name", required: false },
  { key: "respondentPhone", zh: "被申请人电话", en: "Respondent's phone", required: false },
  { key: "respondentIdNumber", zh: "被申请人身份证号", en: "Respondent's ID number", required: false },
] as const;
export type LedgerImportColumn = (typeof LEDGER_IMPORT_COLUMNS)[number];
export type LedgerImportKey = LedgerImportColumn["key"];
