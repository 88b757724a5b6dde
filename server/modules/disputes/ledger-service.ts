// The register out as a spreadsheet and in from one. An import registers each row through
import { loadDisputeTypes } from "./dispute-types.ts";
// `registerDispute`, so an imported dispute is numbered, timelined, audited and, at high risk,
// reported to the township exactly as one entered through the form.
import { LEDGER_EXPORT_MAX_ROWS, LEDGER_IMPORT_COLUMNS, LEDGER_IMPORT_MAX_BYTES, LEDGER_IMPORT_MAX_ROWS, type DisputeExportQuery, type LedgerImportMode, type LedgerRowError } from "@shared/disputes/ledger-schemas.ts";
import { RegisterDisputeInput } from "@shared/disputes/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import { readLedgerSheet } from "../../documents/ledger-xlsx-read.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError } from "../../http/errors.ts";
import { type Lang, type MessageKey, translate } from "../../http/messages.ts";
import { zodIssueMessage } from "../../http/problem.ts";
import { loadTargetOrg } from "../orgs/target-org.ts";
import { columnOf, findHeader, sheetRegistrations } from "./ledger-rows.ts";
import { disputePolicy } from "./policy.ts";
import * as q from "./queries.ts";
import { registerDispute, registrationErrors } from "./service.ts";

/**
 * The register the filters select, in the caller's reach as the list is, whole: refused past
 * the limit rather than cut short, since a ledger missing rows looks complete. Audited with
 * its filters, as it carries the parties' names out of the system.
 */
export async function exportDisputeRegister({ actor, input, tx, clock }: Action<DisputeExportQuery>) {
  const page = await q.listDisputes(tx, actor, { ...input, offset: 0, limit: LEDGER_EXPORT_MAX_ROWS });
  if (page.total > LEDGER_EXPORT_MAX_ROWS) {
    const fields = ["registeredFrom", "registeredTo"].map((field) => ({ field, message: "ledger.exportTooMany" }));
    throw new AppError(400, "ledger.exportTooMany", { fields, params: { total: page.total, max: LEDGER_EXPORT_MAX_ROWS } });
  }
  const parties = await q.findParties(
    tx,
    page.items.map((item) => item.dispute.id),
  );
  await writeAudit(tx, { actor, clock }, { action: "dispute.export", orgId: input.orgId ?? actor.orgId, recordType: "dispute", detail: { filter: input, rows: page.total } });
  const items = page.items.map((item) => ({ ...item, parties: parties.filter((p) => p.disputeId === item.dispute.id) }));
  return { items, types: await loadDisputeTypes(tx) };
}

/** The types the import template lists: the deployment's active ones. */
export const importTemplateTypes = ({ tx }: Action<Record<string, never>>) => loadDisputeTypes(tx);

const fileError = (status: number, message: MessageKey, params?: Record<string, string | number>) =>
  new AppError(status, status === 400 ? "validation" : message, { fields: [{ field: "file", message }], ...(params ? { params } : {}) });

export interface ImportInput {
  orgId: string;
  mode: LedgerImportMode;
  file: Buffer;
  /** The caller's language: each row's errors are worded for the person who will fix the sheet. */
  lang: Lang;
}

/**
 * Registers the sheet's rows for `orgId`. Every row is judged first by the registration's own
 * schema and rules; then either nothing is registered when any row is wrong, or, in
 * `valid_rows` mode, the right ones are and the wrong ones listed. One transaction throughout.
 */
export async function importDisputes({ actor, input, tx, clock }: Action<ImportInput>): Promise<{ imported: number; errors: LedgerRowError[] }> {
  // Who may register for the org is settled before the file is opened.
  const org = await loadTargetOrg(tx, actor, input.orgId, disputePolicy, { own: "registerForOwnOrg", below: "registerForOrgBelow" });
  const rows = await readLedgerSheet(input.file);
  if (rows === "unreadable") throw fileError(400, "ledger.unreadable");
  if (rows === "tooLarge") throw fileError(413, "ledger.tooLarge", { maxMb: LEDGER_IMPORT_MAX_BYTES / 1024 / 1024 });
  const header = findHeader(rows);
  if (!header) throw fileError(400, "ledger.headerMissing");
  const missing = LEDGER_IMPORT_COLUMNS.filter((column) => column.required && header.columns[column.key] === undefined);
  if (missing.length > 0) throw fileError(400, "ledger.columnsMissing", { columns: missing.map((column) => column[input.lang]).join(input.lang === "zh" ? "、" : ", ") });
  const types = await loadDisputeTypes(tx);
  const sheet = sheetRegistrations(rows, header, org.id, types);
  if (sheet.length === 0) throw fileError(400, "ledger.noRows");
  if (sheet.length > LEDGER_IMPORT_MAX_ROWS) throw fileError(413, "ledger.tooManyRows", { max: LEDGER_IMPORT_MAX_ROWS, rows: sheet.length });

  const now = clock.now();
  const errors: LedgerRowError[] = [];
  const valid: RegisterDisputeInput[] = [];
  for (const { line, candidate, errors: unread, sides } of sheet) {
    const rowErrors = unread.map(({ field, message }) => ({ line, field, message: translate(input.lang, message) }));
    const parsed = RegisterDisputeInput.safeParse(candidate);
    if (parsed.success) {
      const broken = registrationErrors(parsed.data, types, now).map(({ field, message }) => ({ line, field: columnOf(field.split("."), sides), message: translate(input.lang, message as MessageKey) }));
      rowErrors.push(...broken);
    } else {
      // An unreadable date was already named; the schema's word on it would only repeat it.
      const issues = parsed.error.issues.filter((issue) => !(issue.path[0] === "occurredAt" && unread.length > 0));
      rowErrors.push(...issues.map((issue) => ({ line, field: columnOf(issue.path, sides), message: zodIssueMessage(input.lang, issue) })));
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (parsed.success) valid.push(parsed.data);
  }

  if (errors.length > 0 && input.mode === "all_or_nothing") {
    const count = new Set(errors.map((error) => error.line)).size;
    throw new AppError(400, "ledger.rowsInvalid", { fields: errors, params: { count } });
  }
  for (const registration of valid) await registerDispute({ actor, input: registration, tx, clock });
  await writeAudit(tx, { actor, clock }, {
    action: "dispute.import",
    orgId: org.id,
    recordType: "dispute",
    detail: { mode: input.mode, rows: sheet.length, imported: valid.length, rejectedLines: [...new Set(errors.map((error) => error.line))] },
  });
  return { imported: valid.length, errors };
}
