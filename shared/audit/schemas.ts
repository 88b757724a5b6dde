import { z } from "zod";
import { Page, listOf } from "../common.ts";
import { SEARCH_MAX } from "../limits.ts";

/** MLPS level 3 (等保三级) keeps audit records at least this long; the retention setting cannot go below it. */
export const AUDIT_RETENTION_MIN_DAYS = 180;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  orgId: z.uuid().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = listOf(AuditEntry);

export const AuditListQuery = Page.extend({
  action: z.string().trim().max(SEARCH_MAX).optional(),
  actor: z.string().trim().max(SEARCH_MAX).optional(),
  recordType: z.string().trim().max(SEARCH_MAX).optional(),
  recordId: z.string().trim().max(SEARCH_MAX).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

/** One export holds at most this many rows; past it the caller narrows the time range. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

/** The list's filters, without its paging: the export takes every row they select. */
export const AuditExportQuery = AuditListQuery.omit({ offset: true, limit: true });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

/** Why verification stopped; the web client names each in the user's language. */
export const AUDIT_CHAIN_BREAKS = [
  "row missing",
  "link to previous row broken",
  "row content changed",
  "anchor changed",
  "anchor not recorded in the log",
] as const;
export type AuditChainBreak = (typeof AUDIT_CHAIN_BREAKS)[number];

/** Where the chain continues after rows older than the retention were pruned. */
export const AuditAnchor = z.object({
  id: z.number().int(),
  at: z.string(),
  throughSeq: z.number().int(),
  throughHash: z.string(),
  cutoff: z.string(),
  rowsPruned: z.number().int(),
});
export type AuditAnchor = z.infer<typeof AuditAnchor>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first row that does not hold; null when intact or when an anchor is what broke. */
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.enum(AUDIT_CHAIN_BREAKS).nullable(),
  /** The anchor verification started from (or the one found broken); null when nothing was ever pruned. */
  anchor: AuditAnchor.nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
