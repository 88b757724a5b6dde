// The outbox worker: sends notifications by e-mail, webhook and SMS after the transaction
// that created them has committed, never inside it (a slow mail server must not hold a
// transaction, and a rolled-back notification must not have been sent). Like the deadline
// scheduler, rows are claimed with FOR UPDATE SKIP LOCKED, so several nodes share the work
// and each delivery is attempted by one node at a time.
import type { Clock } from "../../clock.ts";
import type { Database } from "../../db/client.ts";
import { retryDelayMs } from "../../deadlines/scheduler.ts";
import type { EmailChannel, Outgoing, SmsChannel } from "./channels.ts";
import { postWebhook } from "./channels.ts";
import * as q from "./queries.ts";

export interface DeliveryChannels {
  email: EmailChannel | null;
  sms: SmsChannel | null;
}

/** A claimed delivery is this node's for this long; one still unsent after it (the node died) is taken again. */
const LEASE_MS = 2 * 60_000;
const ROUTE_BATCH = 100;
export const DELIVERY_POLL_MS = 1000;

export interface DeliveryRun {
  sent: number;
  failed: number;
}

/**
 * Decides the external channels of new notifications: e-mail when this deployment has SMTP
 * and the recipient an address, SMS when it has an adapter and the recipient a phone, the
 * webhook when the recipient's org has one. One row per channel; none when none applies.
 */
async function route(db: Database, channels: DeliveryChannels, now: Date) {
  for (;;) {
    const routed = await db.orm.transaction(async (tx) => {
      const batch = await q.claimUnrouted(tx, ROUTE_BATCH);
      const rows = batch.flatMap(({ notification, email, phone, webhookOrgId }) => [
        ...(channels.email && email ? ["email"] : []),
        ...(webhookOrgId ? ["webhook"] : []),
        ...(channels.sms && phone ? ["sms"] : []),
      ].map((channel) => ({ notificationId: notification.id, channel, nextAttemptAt: now, createdAt: now })));
      await q.insertDeliveries(tx, rows);
      await q.markRouted(tx, batch.map(({ notification }) => notification.id), now);
      return batch.length;
    });
    if (routed < ROUTE_BATCH) return;
  }
}

async function sendOne(db: Database, channels: DeliveryChannels, delivery: q.DeliveryRow, now: Date) {
  const context = await q.findDeliveryContext(db.orm, delivery.notificationId);
  if (!context) throw new Error(`delivery ${delivery.id} names a notification that does not exist`);
  const { notification: n, recipient } = context;
  const message: Outgoing = {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    incidentId: n.incidentId,
    orgId: n.orgId,
    orgName: context.orgName,
    level: n.level,
    createdAt: n.createdAt.toISOString(),
    recipient,
  };
  switch (delivery.channel) {
    case "email":
      if (!recipient.email) return "no address";
      await channels.email!.send(recipient.email, message);
      return null;
    case "sms":
      if (!recipient.phone) return "no address";
      await channels.sms!.send(recipient.phone, `${n.title} ${n.body}`);
      return null;
    case "webhook":
      if (!context.webhook) return "no address";
      await postWebhook(context.webhook, message, now);
      return null;
    default:
      throw new Error(`unknown channel ${delivery.channel}`);
  }
}

/**
 * Routes new notifications, then sends every delivery due by `now`, one at a time. A
 * failed attempt is retried after 1, 2, 4 … minutes, at most hourly, as deadlines are; a
 * recipient whose address has gone since is given up on.
 */
export async function runDeliveries(db: Database, channels: DeliveryChannels, now: Date, onError: (error: unknown) => void = () => {}): Promise<DeliveryRun> {
  await route(db, channels, now);
  const usable = [...(channels.email ? ["email"] : []), "webhook", ...(channels.sms ? ["sms"] : [])];
  const result: DeliveryRun = { sent: 0, failed: 0 };
  for (;;) {
    const delivery = await q.claimDueDelivery(db.orm, now, usable, LEASE_MS);
    if (!delivery) return result;
    try {
      const unreachable = await sendOne(db, channels, delivery, now);
      if (unreachable) await q.markDeliveryFailed(db.orm, delivery, unreachable, null);
      else await q.markDeliverySent(db.orm, delivery, now);
      result[unreachable ? "failed" : "sent"] += 1;
    } catch (error) {
      await q.markDeliveryFailed(db.orm, delivery, error instanceof Error ? error.message : String(error), new Date(now.getTime() + retryDelayMs(delivery.attempts - 1)));
      onError(error);
      result.failed += 1;
    }
  }
}

export interface DeliveryWorker {
  tick(): Promise<DeliveryRun>;
  stop(): Promise<void>;
}

/** Starts a node's outbox worker: a run every second, one at a time. */
export function startDeliveries(options: { db: Database; clock: Clock; channels: DeliveryChannels; onError: (error: unknown) => void; pollMs?: number }): DeliveryWorker {
  const { db, clock, channels, onError, pollMs = DELIVERY_POLL_MS } = options;
  let running: Promise<DeliveryRun> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = async () => {
    while (running) await running.catch(() => undefined);
    running = runDeliveries(db, channels, clock.now(), onError);
    try {
      return await running;
    } finally {
      running = null;
    }
  };
  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick()
        .catch(onError)
        .finally(loop);
    }, pollMs);
    timer.unref();
  };
  loop();
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      channels.email?.close();
    },
  };
}
