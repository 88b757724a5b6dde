import { desc, sql } from "drizzle-orm";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { type LateWriter, queueLate } from "../db/late-writes.ts";
import { auditAnchors, auditLog } from "../db/schema.ts";
import type { Actor } from "../policy/actor.ts";
import { type ChainedFields, GENESIS_HASH, chainHash } from "./chain.ts";

/** Serialises appends so that the chain has exactly one row after each row, across nodes. */
const AUDIT_LOCK_KEY = 727_001;

export interface AuditEvent {
  action: string;
  orgId?: string | null;
  recordType?: string;
  recordId?: string;
  detail?: Record<string, unknown>;
  reason?: string | null;
}

/**
 * The one audit writer. Call it inside the transaction of the change it records, so the
 * change and its audit row commit or roll back together. Inside an action the row is
 * written at the action's end, after its live events (`withLateWrites`): the chain's lock
 * is then held from the append to the commit only.
 */
export async function writeAudit(tx: Db, context: { actor: Actor | null; clock: Clock; ip?: string | null }, event: AuditEvent) {
  const row: AuditRow = {
    at: context.clock.now(),
    actorId: context.actor?.accountId ?? null,
    actorName: context.actor ? `${context.actor.displayName} (${context.actor.username})` : null,
    orgId: event.orgId ?? context.actor?.orgId ?? null,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: event.recordId ?? null,
    detail: event.detail ?? {},
    reason: event.reason ?? null,
    ip: context.ip ?? context.actor?.ip ?? null,
  };
  if (!queueLate(tx, auditWriter, [row])) await auditWriter.flush(tx, [row]);
}

type AuditRow = Omit<ChainedFields, "seq">;

const auditWriter: LateWriter<AuditRow> = {
  order: 2,
  async flush(tx, rows) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const [newest] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    // After a prune that left no row, the chain continues from the anchor.
    const last =
      newest ??
      (await tx.select({ seq: auditAnchors.throughSeq, hash: auditAnchors.throughHash }).from(auditAnchors).orderBy(desc(auditAnchors.id)).limit(1))[0];
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const chained = rows.map((row) => {
      const linked = { ...row, seq: ++seq };
      const hash = chainHash(prevHash, linked);
      const withHashes = { ...linked, prevHash, hash };
      prevHash = hash;
      return withHashes;
    });
    await tx.insert(auditLog).values(chained);
  },
};
