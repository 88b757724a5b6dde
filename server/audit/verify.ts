import { asc, gt } from "drizzle-orm";
import type { AuditVerification } from "@shared/audit/schemas.ts";
import type { Db } from "../db/client.ts";
import { auditLog } from "../db/schema.ts";
import { GENESIS_HASH, chainHash } from "./chain.ts";

const BATCH = 2000;

/** Walks the whole chain in order and names the first row whose hash or link does not hold. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, expectedSeq - 1)).orderBy(asc(auditLog.seq)).limit(BATCH);
    for (const row of rows) {
      const broken = (reason: string): AuditVerification => ({ ok: false, checked, firstBrokenSeq: row.seq, reason });
      if (row.seq !== expectedSeq) return { ok: false, checked, firstBrokenSeq: expectedSeq, reason: "row missing" };
      if (row.prevHash !== prevHash) return broken("link to previous row broken");
      const { hash, prevHash: _prev, ...fields } = row;
      if (chainHash(prevHash, fields) !== hash) return broken("row content changed");
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < BATCH) return { ok: true, checked, firstBrokenSeq: null, reason: null };
  }
}
