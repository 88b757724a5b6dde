// The recipient's side of notifications: their list, acknowledging one, the browser's
// confirmation that it showed one; and an org's webhook.
import type { NotificationKind, NotificationListQuery, WebhookInput } from "@shared/notifications/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import { lockDeadline } from "../../deadlines/deadlines.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { invalidField, notFound } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { publishEvents } from "../../realtime/publish.ts";
import { answerAcknowledgement } from "../incidents/incident-deadlines.ts";
import { lockIncident } from "../incidents/queries.ts";
import { findOrg } from "../orgs/queries.ts";
import { notificationPolicy, webhookPolicy } from "./policy.ts";
import { presentNotification, presentWebhook } from "./present.ts";
import * as q from "./queries.ts";

const guardOf = (found: q.NotificationWithContext) => ({ orgPath: found.recipientOrgPath, ownerId: found.notification.recipientId });

/** Someone else's notification does not exist for the caller. */
async function loadOwn(tx: Db, actor: Actor, id: string, action: "read" | "acknowledge") {
  const found = await q.findNotification(tx, id);
  if (!found || !authorize(actor, notificationPolicy, action, guardOf(found))) throw notFound();
  return found;
}

async function view(tx: Db, id: string) {
  const found = (await q.findNotification(tx, id))!;
  return presentNotification(found, await q.findDeliveriesOf(tx, [id]));
}

export async function listMyNotifications({ actor, input, tx }: Action<NotificationListQuery>) {
  const page = await q.listNotificationsOf(tx, actor.accountId, input);
  const deliveries = await q.findDeliveriesOf(tx, page.items.map((item) => item.notification.id));
  return { items: page.items.map((item) => presentNotification(item, deliveries)), total: page.total };
}

/**
 * The recipient acknowledges (签收). A notification of an escalation step is answered for
 * the whole step: the first acknowledgement by any of its people is recorded on each of the
 * step's notifications with who gave it, meets the step's deadline and stops the escalation
 * (incident-deadlines.ts). The step's deadline row is locked first, so that two of its
 * people acknowledging at once are taken one after the other and exactly one is recorded.
 * A new report's notification is answered for the duty room the same way: the first
 * acknowledgement receives the report (签收) and answers the others.
 * Acknowledging what is already acknowledged changes nothing and answers it as it stands.
 */
export async function acknowledgeNotification({ actor, input, tx, clock }: Action<{ id: string }>) {
  const found = await loadOwn(tx, actor, input.id, "acknowledge");
  const { notification } = found;
  const step = notification.deadlineId ? await lockDeadline(tx, notification.deadlineId) : undefined;
  // A new report's notifications are answered together by its receipt (incidents/receipt.ts),
  // which the incident's row lock makes one at a time.
  if (notification.kind === "incident_reported" && notification.incidentId) await lockIncident(tx, notification.incidentId);
  const now = clock.now();
  const together = step ? (await q.findNotificationsOfStep(tx, step.id)).map((row) => row.id) : [notification.id];
  const changed = await q.acknowledge(tx, together.includes(notification.id) ? together : [notification.id, ...together], actor.accountId, now);
  if (!changed.some((row) => row.id === notification.id)) return view(tx, notification.id);

  if (notification.incidentId) {
    await answerAcknowledgement(tx, {
      incidentId: notification.incidentId,
      notificationId: notification.id,
      notificationKind: notification.kind as NotificationKind,
      step: step && (step.status === "pending" || step.status === "fired") ? step : null,
      actor,
      at: now,
    });
  }
  await publishEvents(
    tx,
    changed.map((row) => ({ type: "notification.acknowledged" as const, orgId: row.orgId, incidentId: row.incidentId, recipientId: row.recipientId, notificationId: row.id, at: now })),
  );
  await writeAudit(tx, { actor, clock }, {
    action: "notification.acknowledge",
    orgId: notification.orgId,
    recordType: "notification",
    recordId: notification.id,
    detail: { incidentId: notification.incidentId, deadlineId: notification.deadlineId, alsoAnswered: changed.length - 1 },
  });
  return view(tx, notification.id);
}

/** The recipient's browser showed it: the real-time channel's delivery time, recorded once. */
export async function confirmDelivered({ actor, input, tx, clock }: Action<{ id: string }>) {
  const found = await loadOwn(tx, actor, input.id, "read");
  await q.markDelivered(tx, found.notification.id, clock.now());
}

async function loadOrgFor(tx: Db, actor: Actor, orgId: string, action: "read" | "manage") {
  const org = await findOrg(tx, orgId);
  if (!org) throw notFound();
  requireAccess(actor, webhookPolicy, action, { orgPath: org.path });
  return org;
}

export async function getWebhook({ actor, input, tx }: Action<{ id: string }>) {
  const org = await loadOrgFor(tx, actor, input.id, "read");
  return presentWebhook(org.id, await q.findWebhook(tx, org.id));
}

/** Sets or (with a null url) removes the org's webhook. The secret is written, never shown again. */
export async function setWebhook({ actor, input, tx, clock }: Action<WebhookInput & { id: string }>) {
  const org = await loadOrgFor(tx, actor, input.id, "manage");
  const now = clock.now();
  if (input.url === null) {
    await q.deleteWebhook(tx, org.id);
  } else {
    if (input.secret === null) throw invalidField("secret", "webhook.secretRequired");
    await q.saveWebhook(tx, { orgId: org.id, url: input.url, secret: input.secret, updatedAt: now, updatedBy: actor.accountId });
  }
  await writeAudit(tx, { actor, clock }, { action: "org.webhook", orgId: org.id, recordType: "org", recordId: org.id, detail: { url: input.url } });
  return presentWebhook(org.id, await q.findWebhook(tx, org.id));
}
