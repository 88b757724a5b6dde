// The one way any module announces a change to the screens that show it: `publishEvent` in
// the transaction of the change. The event exists exactly when the change commits; each
// node's hub then reads it from `live_events` and sends it to the clients allowed to see it.
import type { LiveEventType } from "@shared/live/schemas.ts";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client.ts";

/** The channel every node LISTENs on; the payload is the new event's seq. */
export const LIVE_CHANNEL = "huajie_live";

/**
 * One lock for every event writer, held until the writer commits. Sequence numbers are
 * handed out at insert time but become visible at commit; without the lock, event 11 could
 * commit before event 10, and a node that had read up to 11 would never send 10. With it,
 * seq order is commit order. Writers publish late in their transaction, so the lock is
 * held briefly, and before `writeAudit`, whose lock is the other global one: taking the two
 * always in this order is what keeps concurrent transactions from deadlocking.
 */
const LIVE_EVENTS_LOCK = 0x6875616a; // "huaj"

export interface NewLiveEvent {
  type: LiveEventType;
  /** The org of the record: clients see the event when the org is in their jurisdiction. */
  orgId: string;
  incidentId?: string | null;
  disputeId?: string | null;
  /** The record's filer, who reads it even outside a staff jurisdiction (a reporter's own incident). */
  ownerId?: string | null;
  /** Notification events only: the one person who receives them. */
  recipientId?: string | null;
  notificationId?: string | null;
  at: Date;
}

export async function publishEvent(tx: Db, event: NewLiveEvent): Promise<number> {
  return (await publishEvents(tx, [event]))[0]!;
}

/** Publishes several events in the order given; one NOTIFY wakes the nodes for all of them. */
export async function publishEvents(tx: Db, events: readonly NewLiveEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LIVE_EVENTS_LOCK})`);
  const seqs: number[] = [];
  for (const event of events) {
    // The org's path is copied from the org as it is now, so that fan-out needs no join.
    const [row] = await queryRows<{ seq: string | number }>(
      tx,
      sql`INSERT INTO live_events (type, incident_id, dispute_id, org_id, org_path, owner_id, recipient_id, notification_id, at)
          SELECT ${event.type}, ${event.incidentId ?? null}, ${event.disputeId ?? null}, o.id, o.path, ${event.ownerId ?? null}, ${event.recipientId ?? null}, ${event.notificationId ?? null}, ${event.at.toISOString()}
          FROM orgs o WHERE o.id = ${event.orgId}
          RETURNING seq`,
    );
    if (!row) throw new Error(`live event for unknown org ${event.orgId}`);
    seqs.push(Number(row.seq));
  }
  await tx.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${String(seqs.at(-1))})`);
  return seqs;
}
