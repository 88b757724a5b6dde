import type { Notification, NotificationChannel, NotificationKind, Webhook } from "@shared/notifications/schemas.ts";
import type { DeliveryStatus } from "@shared/notifications/schemas.ts";
import type { SeverityLevel } from "@shared/plans/schemas.ts";
import type { DeliveryRow, NotificationWithContext, WebhookRow } from "./queries.ts";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentNotification(found: NotificationWithContext, deliveries: readonly DeliveryRow[]): Notification {
  const { notification: n } = found;
  return {
    id: n.id,
    kind: n.kind as NotificationKind,
    title: n.title,
    body: n.body,
    incidentId: n.incidentId,
    disputeId: n.disputeId,
    orgId: n.orgId,
    orgName: found.orgName,
    level: n.level as SeverityLevel | null,
    createdAt: n.createdAt.toISOString(),
    sentAt: iso(n.sentAt),
    deliveredAt: iso(n.deliveredAt),
    acknowledgedAt: iso(n.acknowledgedAt),
    acknowledgedBy: n.acknowledgedBy ? { id: n.acknowledgedBy, displayName: found.acknowledgedByName ?? "" } : null,
    channels: [
      { channel: "realtime" as NotificationChannel, status: (n.realtimeSentAt ? "sent" : "pending") as DeliveryStatus, attempts: n.realtimeSentAt ? 1 : 0, sentAt: iso(n.realtimeSentAt) },
      ...deliveries
        .filter((d) => d.notificationId === n.id)
        .map((d) => ({ channel: d.channel as NotificationChannel, status: d.status as DeliveryStatus, attempts: d.attempts, sentAt: iso(d.sentAt) })),
    ],
    actions: n.acknowledgedAt ? [] : ["acknowledge"],
  };
}

export function presentWebhook(orgId: string, row: WebhookRow | undefined): Webhook {
  return { orgId, url: row?.url ?? null, hasSecret: Boolean(row), updatedAt: iso(row?.updatedAt ?? null) };
}
