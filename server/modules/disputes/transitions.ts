// What every decision on a dispute does around its own rule: check the version the caller saw
// and the status the case is in, save at that version, and tell the screens showing the case.
import type { DisputeStatus } from "@shared/disputes/schemas.ts";
import type { Db } from "../../db/client.ts";
import { conflict, staleVersion } from "../../http/errors.ts";
import type { MessageKey } from "../../http/messages.ts";
import { publishEvent } from "../../realtime/publish.ts";
import * as q from "./queries.ts";

export const DAY_MS = 24 * 60 * 60_000;
/** Being mediated: sessions are held, the deadline moves, mediators change, and the outcome is recorded. */
export const MEDIATING: readonly DisputeStatus[] = ["accepted", "in_mediation"];

/** The version the caller saw first (409 if stale), then the status the action needs (409 naming why not). */
export function requireState(found: q.DisputeWithOrg, version: number, statuses: readonly DisputeStatus[], message: MessageKey) {
  if (version !== found.dispute.version) throw staleVersion();
  if (!statuses.includes(found.dispute.status as DisputeStatus)) throw conflict(message);
}

/** Changes the dispute at the version the client saw, or answers 409. */
export async function save(tx: Db, found: q.DisputeWithOrg, version: number, changes: Partial<q.DisputeRow>): Promise<q.DisputeWithOrg> {
  const updated = await q.updateDisputeAt(tx, found.dispute.id, version, changes);
  if (!updated) throw staleVersion();
  return { dispute: updated, org: found.org };
}

/** Tells the screens showing the case (its page, the register) to read it again; sent when the change commits. */
export async function announce(tx: Db, dispute: q.DisputeRow, at: Date) {
  await publishEvent(tx, { type: "dispute.changed", orgId: dispute.orgId, disputeId: dispute.id, ownerId: dispute.registeredBy, at });
}
