import { z } from "zod";
import { Page, listOf } from "../common.ts";
import { SeverityLevel } from "../plans/schemas.ts";

/**
 * Why a person is reached: a new report for the duty room to receive, an incident's plan response at its level, an escalation step whose
 * predecessor went unacknowledged, a report sent up from an org below, a task past its time, a dispute registered
 * (or re-assessed) at high risk of escalation for the township office to act on, a dispute's mediation
 * coming due (its mediators) or past due (the committee head and the mediators), a dispute moved
 * up to a township or county (its handlers there), a follow-up visit falling due (the mediators).
 */
export const NOTIFICATION_KINDS = ["incident_reported", "incident_response", "escalation", "report_received", "task_overdue", "dispute_high_risk", "dispute_reminder", "dispute_overdue", "dispute_moved_up", "dispute_follow_up_due"] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, { zh: string; en: string }> = {
  incident_reported: { zh: "新报告", en: "New report" },
  incident_response: { zh: "应急响应", en: "Incident response" },
  escalation: { zh: "逐级上报", en: "Escalation" },
  report_received: { zh: "收到报告", en: "Report received" },
  task_overdue: { zh: "任务逾期", en: "Task overdue" },
  dispute_high_risk: { zh: "高风险纠纷", en: "High-risk dispute" },
  dispute_reminder: { zh: "调解期限将至", en: "Mediation due soon" },
  dispute_overdue: { zh: "调解逾期", en: "Mediation overdue" },
  dispute_moved_up: { zh: "纠纷上移", en: "Dispute moved up" },
  dispute_follow_up_due: { zh: "回访到期", en: "Follow-up visit due" },
};

/**
 * The channels a notification leaves by. In-app and real-time always; e-mail, the org's
 * webhook and SMS when the deployment configures them and the recipient can be reached so.
 */
export const NOTIFICATION_CHANNELS = ["realtime", "email", "webhook", "sms"] as const;
export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/** pending: waiting to be sent (or retried); sent: the channel took it; failed: given up (the recipient has no address any more). */
export const DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const NotificationAction = z.enum(["acknowledge"]);
export type NotificationAction = z.infer<typeof NotificationAction>;

export const NotificationDelivery = z.object({
  channel: NotificationChannel,
  status: DeliveryStatus,
  attempts: z.number().int(),
  sentAt: z.string().nullable(),
});
export type NotificationDelivery = z.infer<typeof NotificationDelivery>;

export const Notification = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  /** Written by the server in Chinese, as the duty room reads it. */
  title: z.string(),
  body: z.string(),
  incidentId: z.uuid().nullable(),
  /** The dispute it is about, for a notification of the dispute register. */
  disputeId: z.uuid().nullable(),
  /** The org the notification is about (the incident's or the dispute's org). */
  orgId: z.uuid(),
  orgName: z.string(),
  level: SeverityLevel.nullable(),
  createdAt: z.string(),
  /** The first time any channel sent it: pushed to an open screen of the recipient, or taken by e-mail, webhook or SMS. */
  sentAt: z.string().nullable(),
  /** The recipient's browser confirmed it showed it (the real-time channel). */
  deliveredAt: z.string().nullable(),
  /** When the recipient acknowledged it; for an escalation step, the first acknowledgement by any of the step's recipients meets the step. */
  acknowledgedAt: z.string().nullable(),
  /** Who acknowledged: the recipient, or for a step, whichever recipient of the step acknowledged first. */
  acknowledgedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  /** Per channel: when it was sent, for the record of who was reached and how. */
  channels: z.array(NotificationDelivery),
  actions: z.array(NotificationAction),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationList = listOf(Notification);
export type NotificationList = z.infer<typeof NotificationList>;

/** `unacknowledged=true` lists only what still waits for the caller; `false` or absent lists everything. */
export const NotificationListQuery = Page.extend({
  unacknowledged: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

/** An org's webhook: every notification to a person of the org is also POSTed there, signed. */
export const WebhookInput = z.object({
  /** null removes the webhook. */
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  /** The shared secret for the signature; at least 16 characters. Required with a url. */
  secret: z.string().min(16).max(200).nullable().default(null),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

export const Webhook = z.object({
  orgId: z.uuid(),
  url: z.string().nullable(),
  /** The secret is never returned; this says one is set. */
  hasSecret: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type Webhook = z.infer<typeof Webhook>;

/** Headers of a webhook POST: the signature is HMAC-SHA256 over `${timestamp}.${raw body}` with the org's secret. */
export const WEBHOOK_SIGNATURE_HEADER = "x-huajie-signature";
export const WEBHOOK_TIMESTAMP_HEADER = "x-huajie-timestamp";
