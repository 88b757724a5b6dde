import { z } from "zod";
import { Page, listOf } from "../common.ts";
import { SEARCH_MAX } from "../limits.ts";

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

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
