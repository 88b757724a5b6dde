// A node's real-time hub: learns of new events from NOTIFY (or, should one be missed, from a
// short poll), reads them once from `live_events`, and sends each to the connected clients
// the policy allows. Catch-up after a reconnect reads the same table from the client's seq.
import type { LiveEvent, LiveEventType } from "@shared/live/schemas.ts";
import type { Clock } from "../clock.ts";
import type { Database } from "../db/client.ts";
import type { Actor } from "../policy/actor.ts";
import { mayReceive } from "./policy.ts";
import { LIVE_CHANNEL } from "./publish.ts";
import { type LiveEventRow, eventRange, findEventsAfter, pruneEvents } from "./queries.ts";

/** A NOTIFY lost with a dropped connection is made up for within this long. */
export const LIVE_POLL_MS = 2000;
/** Events are kept this long for clients that reconnect. */
const RETENTION_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
/** A client further behind than this many events reloads instead of catching up. */
export const CATCH_UP_MAX = 10_000;
const READ_BATCH = 500;

export interface LiveClient {
  /** Refreshed by the connection as the session is re-checked. */
  actor: Actor;
  send(event: LiveEvent): void;
}

interface Subscription {
  client: LiveClient;
  /** The last seq sent: nothing at or below it is sent again. */
  cursor: number;
  /** Events that arrived while the catch-up was being read, sent after it; null once live. */
  queue: LiveEventRow[] | null;
}

export interface LiveHubOptions {
  db: Database;
  clock: Clock;
  onError: (error: unknown) => void;
  /** Told which notifications this node just pushed to a screen of their recipient. */
  onNotificationsSent?: (notificationIds: string[], at: Date) => Promise<void>;
  pollMs?: number;
}

const toMessage = (row: LiveEventRow): LiveEvent => ({
  seq: row.seq,
  type: row.type as LiveEventType,
  incidentId: row.incidentId,
  disputeId: row.disputeId,
  orgId: row.orgId,
  notificationId: row.notificationId,
  at: row.at.toISOString(),
});

export class LiveHub {
  private lastSeq = 0;
  private readonly subscriptions = new Set<Subscription>();
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private lastPrune = 0;

  constructor(private readonly options: LiveHubOptions) {}

  /** Starts from the newest event: a node sends what happens from now on, and catch-up covers the past. */
  async start() {
    this.lastSeq = (await eventRange(this.options.db.orm)).last ?? 0;
    this.unlisten = await this.options.db.listen(LIVE_CHANNEL, () => void this.wake());
    this.timer = setInterval(() => void this.wake(), this.options.pollMs ?? LIVE_POLL_MS);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await this.reading;
    this.subscriptions.clear();
  }

  /**
   * Reads and sends whatever is new. One read at a time; a wake-up during a read makes it
   * read again when done, so no NOTIFY is lost to the single flight.
   */
  wake(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        try {
          await this.readNew();
          await this.pruneNow();
        } catch (error) {
          this.options.onError(error);
        }
      } while (this.readAgain);
    })().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readNew() {
    for (;;) {
      const rows = await findEventsAfter(this.options.db.orm, this.lastSeq, READ_BATCH);
      const sentNotifications: string[] = [];
      for (const row of rows) {
        if (this.dispatch(row) && row.type === "notification.created" && row.notificationId) sentNotifications.push(row.notificationId);
        this.lastSeq = row.seq;
      }
      if (sentNotifications.length > 0) await this.options.onNotificationsSent?.(sentNotifications, this.options.clock.now());
      if (rows.length < READ_BATCH) return;
    }
  }

  /** Sends the event to every client allowed it; true when at least one received it. */
  private dispatch(row: LiveEventRow): boolean {
    let sent = false;
    for (const subscription of this.subscriptions) {
      if (!mayReceive(subscription.client.actor, row)) continue;
      if (subscription.queue) subscription.queue.push(row);
      else sent = this.deliver(subscription, row) || sent;
    }
    return sent;
  }

  private deliver(subscription: Subscription, row: LiveEventRow): boolean {
    if (row.seq <= subscription.cursor) return false;
    subscription.cursor = row.seq;
    subscription.client.send(toMessage(row));
    return true;
  }

  private async pruneNow() {
    const now = this.options.clock.now().getTime();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await pruneEvents(this.options.db.orm, new Date(now - RETENTION_MS));
  }

  /**
   * Connects a client. Without `since` it receives what happens from now on. With it, first
   * every event after `since` it may see, in order, then live ones: events arriving during
   * the catch-up wait in its queue, and the cursor drops what both paths delivered. Answers
   * "resync" when the events after `since` are no longer all kept (or `since` is from
   * another database): the client must reload what it shows.
   */
  async subscribe(client: LiveClient, since: number | undefined): Promise<(() => void) | "resync"> {
    const subscription: Subscription = { client, cursor: since ?? this.lastSeq, queue: since === undefined ? null : [] };
    this.subscriptions.add(subscription);
    const unsubscribe = () => void this.subscriptions.delete(subscription);
    if (since === undefined) return unsubscribe;
    try {
      const range = await eventRange(this.options.db.orm);
      const kept = range.last === null ? since === 0 : since <= range.last && since >= range.first! - 1;
      const backlog = kept ? await findEventsAfter(this.options.db.orm, since, CATCH_UP_MAX + 1) : [];
      if (!kept || backlog.length > CATCH_UP_MAX) {
        unsubscribe();
        return "resync";
      }
      const sent = [...backlog.filter((row) => mayReceive(client.actor, row)), ...subscription.queue!].filter((row) => this.deliver(subscription, row));
      subscription.queue = null;
      const notifications = sent.flatMap((row) => (row.type === "notification.created" && row.notificationId ? [row.notificationId] : []));
      if (notifications.length > 0) await this.options.onNotificationsSent?.(notifications, this.options.clock.now());
      return unsubscribe;
    } catch (error) {
      unsubscribe();
      throw error;
    }
  }
}
