import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  detail: Record<string, unknown>;
  reason: string | null;
  ip: string | null;
}

/** JSON with keys sorted at every depth: jsonb does not keep the order the writer used. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(prevHash: string, row: ChainedFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update("\n")
    .update(canonical({ ...row, at: row.at.toISOString() }))
    .digest("hex");
}

export interface AnchorFields {
  id: number;
  at: Date;
  throughSeq: number;
  throughHash: string;
  cutoff: Date;
  rowsPruned: number;
}

/** Anchors are chained among themselves the same way, so one cannot be changed or dropped unseen. */
export function anchorHash(prevHash: string, anchor: AnchorFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update("\n")
    .update(canonical({ ...anchor, at: anchor.at.toISOString(), cutoff: anchor.cutoff.toISOString() }))
    .digest("hex");
}
