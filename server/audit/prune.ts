import { and, desc, gt, gte, lte, min, sql } from "drizzle-orm";
import type { Clock } from "../clock.ts";
import { type Db, queryRows } from "../db/client.ts";
import { auditAnchors, auditLog } from "../db/schema.ts";
import { GENESIS_HASH, anchorHash } from "./chain.ts";
import { PRUNE_ACTION, walkChain } from "./verify.ts";
import { writeAudit } from "./writer.ts";

/** One prune at a time across nodes; another node that finds it taken leaves the run to it. */
const PRUNE_LOCK_KEY = 727_002;
/** Rows removed per transaction, so a first prune of a long backlog never holds the log for long. */
export const PRUNE_BATCH = 10_000;
/** A run right after another (another node's, a restart) does nothing: the log is pruned once a day. */
const MIN_INTERVAL_MS = 20 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export class AuditPruneRefused extends Error {}

export interface PruneResult {
  pruned: number;
  anchors: number;
}

/**
 * Removes the rows older than the retention, in batches, each batch behind an anchor that
 * records the seq and hash of its last row (and an `audit.prune` row saying so). A segment
 * whose chain does not hold is never pruned: that would erase the evidence of tampering.
 */
export async function pruneAuditLog(db: Db, clock: Clock, retentionDays: number): Promise<PruneResult> {
  const cutoff = new Date(clock.now().getTime() - retentionDays * DAY_MS);
  const result: PruneResult = { pruned: 0, anchors: 0 };
  for (;;) {
    const pruned = await db.transaction((tx) => pruneBatch(tx, clock, cutoff, retentionDays, result.anchors === 0));
    if (pruned === 0) return result;
    result.pruned += pruned;
    result.anchors += 1;
  }
}

async function pruneBatch(tx: Db, clock: Clock, cutoff: Date, retentionDays: number, firstOfRun: boolean): Promise<number> {
  const [lock] = await queryRows<{ taken: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${PRUNE_LOCK_KEY}) AS taken`);
  if (!lock?.taken) return 0;
  const [last] = await tx.select().from(auditAnchors).orderBy(desc(auditAnchors.id)).limit(1);
  if (firstOfRun && last && clock.now().getTime() - last.at.getTime() < MIN_INTERVAL_MS) return 0;
  const start = last ? { seq: last.throughSeq, hash: last.throughHash } : { seq: 0, hash: GENESIS_HASH };

  // The pruned part is a prefix of the chain: up to the first row still within the retention.
  const [kept] = await tx.select({ seq: min(auditLog.seq) }).from(auditLog).where(and(gt(auditLog.seq, start.seq), gte(auditLog.at, cutoff)));
  const [newest] = await tx.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const through = Math.min((kept?.seq ?? (newest?.seq ?? 0) + 1) - 1, start.seq + PRUNE_BATCH);
  if (through <= start.seq) return 0;

  const walk = await walkChain(tx, start, through);
  if (walk.broken) {
    throw new AuditPruneRefused(`Audit log not pruned: the chain breaks at row ${walk.broken.seq} (${walk.broken.reason}); run \`huajie audit verify\`.`);
  }
  const anchor = {
    id: (last?.id ?? 0) + 1,
    at: clock.now(),
    throughSeq: through,
    throughHash: walk.last.hash,
    cutoff,
    rowsPruned: walk.checked,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditAnchors).values({ ...anchor, prevHash, hash: anchorHash(prevHash, anchor) });
  // The trigger lets this one DELETE through: the setting is on and an anchor now covers the rows.
  await tx.execute(sql`SELECT set_config('huajie.audit_prune', 'on', true)`);
  await tx.delete(auditLog).where(and(gt(auditLog.seq, start.seq), lte(auditLog.seq, through)));
  await tx.execute(sql`SELECT set_config('huajie.audit_prune', 'off', true)`);
  await writeAudit(tx, { actor: null, clock }, {
    action: PRUNE_ACTION,
    recordType: "audit_anchor",
    recordId: String(anchor.id),
    detail: { throughSeq: through, throughHash: anchor.throughHash, rows: anchor.rowsPruned, cutoff: cutoff.toISOString(), retentionDays },
  });
  return anchor.rowsPruned;
}

/**
 * Each node runs the prune at start and then daily; the lock and the anchor's age make the
 * log pruned once a day whatever the number of nodes.
 */
export function scheduleAuditPrune(db: Db, clock: Clock, retentionDays: number, onError: (error: unknown) => void): () => void {
  const run = () => pruneAuditLog(db, clock, retentionDays).catch(onError);
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
