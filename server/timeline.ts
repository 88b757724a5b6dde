// A case's timeline (an incident's, a dispute's): append-only rows of what happened, in order,
// with who (null for the system) and when. Each module keeps its own table and its own typed
// detail union; the shape of an entry, written and read, is this one.
import type { Actor } from "./policy/actor.ts";

interface TimelineRow {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  detail: unknown;
}

/** The rows that record `details` at `at` by `actor`, in the order given; the module adds its case's id. */
export function timelineRows<Detail extends { kind: string }>(actor: Actor | null, at: Date, details: readonly Detail[]) {
  return details.map((detail) => ({ kind: detail.kind, at, actorId: actor?.accountId ?? null, actorName: actor?.displayName ?? null, detail }));
}

/**
 * An entry as the API shows it. The detail is parsed by the module's schema, not cast: a row
 * written by an older version still leaves only named fields.
 */
export function presentTimelineRow<Detail>(row: TimelineRow, parseDetail: (detail: unknown) => Detail) {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actorId || row.actorName ? { id: row.actorId, name: row.actorName ?? "" } : null,
    detail: parseDetail(row.detail),
  };
}
