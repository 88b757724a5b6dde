// The external channels a notification can leave by, as the outbox worker uses them. Each
// sends one notification to one recipient and throws when the far side did not take it.
import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "@shared/notifications/schemas.ts";
import { maskPhone } from "../accounts/present.ts";

export interface Outgoing {
  id: string;
  kind: string;
  title: string;
  body: string;
  incidentId: string | null;
  orgId: string;
  orgName: string;
  level: string | null;
  createdAt: string;
  recipient: { id: string; displayName: string; email: string | null; phone: string | null };
}

export interface EmailChannel {
  send(to: string, message: Outgoing): Promise<void>;
  close(): void;
}

/** E-mail over SMTP (`SMTP_URL` such as smtp://user:pass@host:587, `MAIL_FROM`). */
export function smtpChannel(url: string, from: string): EmailChannel {
  const transport = nodemailer.createTransport(url);
  return {
    async send(to, message) {
      await transport.sendMail({ from, to, subject: message.title, text: `${message.body}\n\n${message.orgName}` });
    },
    close: () => transport.close(),
  };
}

/**
 * The SMS adapter: where a provider (an operator's SMS gateway, a cloud SMS service) plugs
 * in. Implement `send` with the provider's client and select it in `smsChannelFor`.
 */
export interface SmsChannel {
  send(phone: string, text: string): Promise<void>;
}

/** Writes the SMS that would go out to the log, with the number masked (PIPL): for deployments without a gateway, and for trying the flow out. */
export function loggingSms(log: (line: string) => void): SmsChannel {
  return {
    async send(phone, text) {
      log(`sms to ${maskPhone(phone)}: ${text}`);
    },
  };
}

export const SMS_ADAPTERS = ["none", "log"] as const;
export type SmsAdapterName = (typeof SMS_ADAPTERS)[number];

export function smsChannelFor(name: SmsAdapterName, log: (line: string) => void): SmsChannel | null {
  switch (name) {
    case "none":
      return null;
    case "log":
      return loggingSms(log);
  }
}

/** `sha256=<hex>` of HMAC-SHA256 over `${timestamp}.${raw body}`: signing the timestamp too lets a receiver refuse replays. */
export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

/** POSTs the notification as JSON to the org's webhook, signed; a non-2xx answer is a failure to retry. */
export async function postWebhook(webhook: { url: string; secret: string }, message: Outgoing, now: Date): Promise<void> {
  const body = JSON.stringify({
    id: message.id,
    kind: message.kind,
    title: message.title,
    body: message.body,
    incidentId: message.incidentId,
    orgId: message.orgId,
    orgName: message.orgName,
    level: message.level,
    createdAt: message.createdAt,
    recipient: { id: message.recipient.id, displayName: message.recipient.displayName },
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const response = await fetch(webhook.url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", [WEBHOOK_TIMESTAMP_HEADER]: timestamp, [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(webhook.secret, timestamp, body) },
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status >= 300) throw new Error(`webhook answered ${response.status}`);
}
