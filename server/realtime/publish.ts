// The one way any module announces a change to the screens that show it: `publishEvent` in
// the transaction of the change. The event exists exactly when the change commits; each
// node's hub then reads it from `live_events` and sends it to the clients allowed to see it.
import type { LiveEventType } from "@shared/live/schemas.ts";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client.ts";
import { type LateWriter, queueLate } from "../db/late-writes.ts";

/** The channel every node LISTENs on; the payload is the new event's seq. */
export const LIVE_CHANNEL = "huajie_live";

/**
 * One lock for every event writer, held until the writer commits. Sequence numbers are
 * handed out at insert time but become visible at commit; without the lock, event 11 could
 * commit before event 10, and a node that had read up to 11 would never send 10. With it,
 * seq order is commit order. Inside an action the events are written at its end
 * (`withLateWrites`), so the lock is held briefly, and before the audit rows, whose lock is
 * the other global one: taking the two always in this order is what keeps concurrent
 * transactions from deadlocking.
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

export function publishEvent(tx: Db, event: NewLiveEvent): Promise<void> {
  return publishEvents(tx, [event]);
}

/** Publishes several events in the order given; one NOTIFY wakes the nodes for all of them. */
export async function publishEvents(tx: Db, events: readonly NewLiveEvent[]): Promise<void> {
  if (events.length === 0 || queueLate(tx, liveEventWriter, events)) return;
  await liveEventWriter.flush(tx, [...events]);
}

const liveEventWriter: LateWriter<NewLiveEvent> = {
  order: 1,
  async flush(tx, events) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LIVE_EVENTS_LOCK})`);
    const rows = events.map((event) => ({
      type: event.type,
      incident_id: event.incidentId ?? null,
      dispute_id: event.disputeId ?? null,
      org_id: event.orgId,
      owner_id: event.ownerId ?? null,
      recipient_id: event.recipientId ?? null,
      notification_id: event.notificationId ?? null,
      at: event.at.toISOString(),
    }));
    // One statement for all of them and their NOTIFY: each is a round trip under the lock.
    // The org's path is copied from the org as it is now, so that fan-out needs no join.
    const [written] = await queryRows<{ added: string | number }>(
      tx,
      sql`WITH added AS (
            INSERT INTO live_events (type, incident_id, dispute_id, org_id, org_path, owner_id, recipient_id, notification_id, at)
            SELECT e.type, e.incident_id, e.dispute_id, o.id, o.path, e.owner_id, e.recipient_id, e.notification_id, e.at
            FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              AS (type text, incident_id uuid, dispute_id uuid, org_id uuid, owner_id uuid, recipient_id uuid, notification_id uuid, at timestamptz))
              WITH ORDINALITY AS e(type, incident_id, dispute_id, org_id, owner_id, recipient_id, notification_id, at, n)
            JOIN orgs o ON o.id = e.org_id
            ORDER BY e.n
            RETURNING seq)
          SELECT count(*) AS added, pg_notify(${LIVE_CHANNEL}, max(seq)::text) FROM added`,
    );
    if (Number(written!.added) !== events.length) throw new Error(`live event for unknown org among ${events.map((e) => e.orgId).join(", ")}`);
  },
};
