import { and, asc, gt, lte } from "drizzle-orm";
import type { AuditAnchor, AuditChainBreak, AuditVerification } from "@shared/audit/schemas.ts";
import type { Db } from "../db/client.ts";
import { auditAnchors, auditLog } from "../db/schema.ts";
import { GENESIS_HASH, anchorHash, chainHash } from "./chain.ts";

const BATCH = 2000;

/** The action of the audit row a prune writes beside its anchor. */
export const PRUNE_ACTION = "audit.prune";

type AnchorRow = typeof auditAnchors.$inferSelect;
type AuditRow = typeof auditLog.$inferSelect;

export const presentAnchor = ({ prevHash: _p, hash: _h, ...anchor }: AnchorRow): AuditAnchor => ({
  ...anchor,
  at: anchor.at.toISOString(),
  cutoff: anchor.cutoff.toISOString(),
});

/** The anchors in order, checked among themselves: the last one that holds, or the first that does not. */
export async function checkAnchors(db: Db): Promise<{ latest: AnchorRow | null; broken: AnchorRow | null }> {
  const anchors = await db.select().from(auditAnchors).orderBy(asc(auditAnchors.id));
  let latest: AnchorRow | null = null;
  for (const anchor of anchors) {
    const { prevHash, hash, ...fields } = anchor;
    const expectedPrev = latest?.hash ?? GENESIS_HASH;
    const holds =
      anchor.id === (latest?.id ?? 0) + 1 && prevHash === expectedPrev && anchor.throughSeq > (latest?.throughSeq ?? 0) && anchorHash(expectedPrev, fields) === hash;
    if (!holds) return { latest, broken: anchor };
    latest = anchor;
  }
  return { latest, broken: null };
}

export interface ChainWalk {
  checked: number;
  last: { seq: number; hash: string };
  broken: { seq: number; reason: AuditChainBreak } | null;
}

/**
 * Walks the rows after `start` in order, up to `throughSeq` when given, and names the first
 * row whose hash or link does not hold. `visit` sees each row that holds.
 */
export async function walkChain(db: Db, start: { seq: number; hash: string }, throughSeq?: number, visit?: (row: AuditRow) => void): Promise<ChainWalk> {
  let prevHash = start.hash;
  let expectedSeq = start.seq + 1;
  let checked = 0;
  const stop = (seq: number, reason: AuditChainBreak): ChainWalk => ({ checked, last: { seq: expectedSeq - 1, hash: prevHash }, broken: { seq, reason } });
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.seq, expectedSeq - 1), throughSeq === undefined ? undefined : lte(auditLog.seq, throughSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(BATCH);
    for (const row of rows) {
      if (row.seq !== expectedSeq) return stop(expectedSeq, "row missing");
      if (row.prevHash !== prevHash) return stop(row.seq, "link to previous row broken");
      const { hash, prevHash: _prev, ...fields } = row;
      if (chainHash(prevHash, fields) !== hash) return stop(row.seq, "row content changed");
      visit?.(row);
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < BATCH) {
      if (throughSeq !== undefined && expectedSeq <= throughSeq) return stop(expectedSeq, "row missing");
      return { checked, last: { seq: expectedSeq - 1, hash: prevHash }, broken: null };
    }
  }
}

/**
 * Checks the anchors, then walks the chain from the latest one (from the first row when
 * nothing was pruned), and requires that anchor's own `audit.prune` row further on: a pruned
 * log verifies only together with the record of its pruning.
 */
export function verifyAuditChain(db: Db): Promise<AuditVerification> {
  // One snapshot: a prune committing midway must not look like missing rows.
  return db.transaction(
    async (tx) => {
      const { latest, broken } = await checkAnchors(tx);
      if (broken) return { ok: false, checked: 0, firstBrokenSeq: null, reason: "anchor changed", anchor: presentAnchor(broken) };
      let recorded = false;
      const walk = await walkChain(tx, latest ? { seq: latest.throughSeq, hash: latest.throughHash } : { seq: 0, hash: GENESIS_HASH }, undefined, (row) => {
        if (latest && row.action === PRUNE_ACTION && row.recordId === String(latest.id)) {
          recorded = row.detail.throughSeq === latest.throughSeq && row.detail.throughHash === latest.throughHash;
        }
      });
      const anchor = latest ? presentAnchor(latest) : null;
      if (walk.broken) return { ok: false, checked: walk.checked, firstBrokenSeq: walk.broken.seq, reason: walk.broken.reason, anchor };
      if (latest && !recorded) return { ok: false, checked: walk.checked, firstBrokenSeq: null, reason: "anchor not recorded in the log", anchor };
      return { ok: true, checked: walk.checked, firstBrokenSeq: null, reason: null, anchor };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
