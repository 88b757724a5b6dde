// The audit log as an Excel ledger, with each row's seq, exact time, ids and both hashes, so
// that someone outside Huajie can recompute every row's hash (chain.ts says how) and later
// check that the rows they hold are still the ones in the log.
import { AUDIT_EXPORT_MAX_ROWS, type AuditExportQuery } from "@shared/audit/schemas.ts";
import { chinaDate, chinaTimeOfDay } from "@shared/duty/china-time.ts";
import { canonical } from "../../audit/chain.ts";
import { writeAudit } from "../../audit/writer.ts";
import { type LedgerColumn, renderLedgerXlsx } from "../../documents/ledger-xlsx.ts";
import type { ActionArgs } from "../../http/action.ts";
import { AppError } from "../../http/errors.ts";
import { requireAccess } from "../../policy/authorize.ts";
import { auditPolicy } from "./policy.ts";
import { listAudit } from "./queries.ts";

const COLUMNS: LedgerColumn[] = [
  { header: "序号 seq", width: 10 },
  { header: "时间（北京时间）", width: 18 },
  { header: "时间戳 at (UTC)", width: 26, text: true },
  { header: "操作人 actorName", width: 22 },
  { header: "操作人ID actorId", width: 38, text: true },
  { header: "单位ID orgId", width: 38, text: true },
  { header: "操作 action", width: 22 },
  { header: "记录类型 recordType", width: 16 },
  { header: "记录ID recordId", width: 38, text: true },
  { header: "详情 detail", width: 50, text: true },
  { header: "理由 reason", width: 20 },
  { header: "IP ip", width: 16, text: true },
  { header: "前一哈希 prevHash", width: 66, text: true },
  { header: "哈希 hash", width: 66, text: true },
];

export async function exportAuditLog({ actor, input, tx, clock }: ActionArgs<AuditExportQuery>) {
  requireAccess(actor, auditPolicy, "read", { orgPath: actor.orgPath });
  const page = await listAudit(tx, actor, { ...input, offset: 0, limit: AUDIT_EXPORT_MAX_ROWS });
  if (page.total > AUDIT_EXPORT_MAX_ROWS) {
    const fields = ["from", "to"].map((field) => ({ field, message: "audit.exportTooMany" }));
    throw new AppError(400, "audit.exportTooMany", { fields, params: { total: page.total, max: AUDIT_EXPORT_MAX_ROWS } });
  }
  await writeAudit(tx, { actor, clock }, { action: "audit.export", recordType: "audit_log", detail: { filter: input, rows: page.total } });
  return { items: page.items, exportedAt: clock.now() };
}

/** Rendered after the transaction: the audit lock is not held while the workbook is written. */
export async function renderAuditLogXlsx(items: Awaited<ReturnType<typeof exportAuditLog>>["items"], exportedAt: Date) {
  // Oldest first, the order in which the chain links them.
  const rows = [...items].reverse().map((row) => [
    row.seq,
    `${chinaDate(row.at)} ${chinaTimeOfDay(row.at)}`,
    row.at.toISOString(),
    row.actorName ?? "",
    row.actorId ?? "",
    row.orgId ?? "",
    row.action,
    row.recordType ?? "",
    row.recordId ?? "",
    canonical(row.detail),
    row.reason ?? "",
    row.ip ?? "",
    row.prevHash,
    row.hash,
  ]);
  const document = await renderLedgerXlsx({ sheetName: "审计日志", title: `审计日志（导出于 ${chinaDate(exportedAt)} ${chinaTimeOfDay(exportedAt)}）`, columns: COLUMNS, rows });
  return { document, fileName: `审计日志（${chinaDate(exportedAt)}）` };
}
