// The only SQL of the notifications module: notifications, their outbox of external
// deliveries, the orgs' webhooks, and the people a plan's targets name.
import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { NotificationKind } from "@shared/notifications/schemas.ts";
import type { Role } from "@shared/roles.ts";
import { type Db, queryRows } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { accounts, groupMembers, notificationDeliveries, notifications, orgWebhooks, orgs } from "../../db/schema.ts";

export type NotificationRow = typeof notifications.$inferSelect;
export type DeliveryRow = typeof notificationDeliveries.$inferSelect;
export type WebhookRow = typeof orgWebhooks.$inferSelect;

export interface NotificationWithContext {
  notification: NotificationRow;
  orgName: string;
  /** The recipient's org: the policy layer's `own` scope is checked against it. */
  recipientOrgPath: string;
  acknowledgedByName: string | null;
}

const recipientOrg = sql`(SELECT o.path FROM accounts a JOIN orgs o ON o.id = a.org_id WHERE a.id = ${notifications.recipientId})`;
const acknowledgerName = sql`(SELECT display_name FROM accounts WHERE id = ${notifications.acknowledgedBy})`;
const selection = {
  notification: notifications,
  orgName: orgs.name,
  recipientOrgPath: sql<string>`${recipientOrg}`,
  acknowledgedByName: sql<string | null>`${acknowledgerName}`,
};

export async function insertNotifications(db: Db, values: (typeof notifications.$inferInsert)[]): Promise<NotificationRow[]> {
  if (values.length === 0) return [];
  return db.insert(notifications).values(values).returning();
}

export async function findNotification(db: Db, id: string): Promise<NotificationWithContext | undefined> {
  const [row] = await db.select(selection).from(notifications).innerJoin(orgs, eq(orgs.id, notifications.orgId)).where(eq(notifications.id, id));
  return row;
}

export async function listNotificationsOf(db: Db, recipientId: string, filter: { unacknowledged: boolean; offset: number; limit: number }) {
  const where = and(eq(notifications.recipientId, recipientId), filter.unacknowledged ? isNull(notifications.acknowledgedAt) : undefined);
  const query = db
    .select(selection)
    .from(notifications)
    .innerJoin(orgs, eq(orgs.id, notifications.orgId))
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .$dynamic();
  return pageWithTotal(db, query, notifications, where, filter);
}

export async function countUnacknowledged(db: Db, recipientId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.recipientId, recipientId), isNull(notifications.acknowledgedAt)));
  return row?.n ?? 0;
}

/** Unacknowledged notifications of each incident, all recipients counted. */
export async function countUnacknowledgedByIncident(db: Db, incidentIds: readonly string[]): Promise<Map<string, number>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .select({ incidentId: notifications.incidentId, n: count() })
    .from(notifications)
    .where(and(inArray(notifications.incidentId, [...incidentIds]), isNull(notifications.acknowledgedAt)))
    .groupBy(notifications.incidentId);
  return new Map(rows.map((row) => [row.incidentId!, row.n]));
}

/**
 * Acknowledges, in one statement, the given notifications that are not yet acknowledged;
 * returns those it changed. The condition makes a second, racing acknowledgement change nothing.
 */
export async function acknowledge(db: Db, ids: readonly string[], by: string, at: Date): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(notifications)
    .set({ acknowledgedAt: at, acknowledgedBy: by })
    .where(and(inArray(notifications.id, [...ids]), isNull(notifications.acknowledgedAt)))
    .returning();
}

/** An incident's notifications of one kind that nobody has acknowledged yet. */
export async function findUnacknowledgedOfIncident(db: Db, incidentId: string, kind: NotificationKind): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.incidentId, incidentId), eq(notifications.kind, kind), isNull(notifications.acknowledgedAt)));
}

/** The notifications of one escalation step, to every recipient. */
export async function findNotificationsOfStep(db: Db, deadlineId: string): Promise<NotificationRow[]> {
  return db.select().from(notifications).where(eq(notifications.deadlineId, deadlineId)).orderBy(asc(notifications.createdAt));
}

/** Records the browser's confirmation once: the first one stands. */
export async function markDelivered(db: Db, id: string, at: Date) {
  await db.update(notifications).set({ deliveredAt: at }).where(and(eq(notifications.id, id), isNull(notifications.deliveredAt)));
}

/** A node pushed these to an open screen of their recipients: the real-time channel's sent time, and the first sent time if none yet. */
export async function markRealtimeSent(db: Db, ids: readonly string[], at: Date) {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({ realtimeSentAt: sql`COALESCE(${notifications.realtimeSentAt}, ${at.toISOString()}::timestamptz)`, sentAt: sql`COALESCE(${notifications.sentAt}, ${at.toISOString()}::timestamptz)` })
    .where(inArray(notifications.id, [...ids]));
}

export async function findDeliveriesOf(db: Db, notificationIds: readonly string[]): Promise<DeliveryRow[]> {
  if (notificationIds.length === 0) return [];
  return db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.notificationId, [...notificationIds])).orderBy(asc(notificationDeliveries.channel));
}

// ---------------------------------------------------------------------------------------
// Whom a plan's targets name
// ---------------------------------------------------------------------------------------

/**
 * Active accounts holding one of `roles` in the org at `orgPath` or in one of its ancestors
 * up to and including the org at `uptoPath` (for a plan, its own org: the people the plan can
 * command, and no one above it), nearest org first. With `nearestOnly`, only those of the
 * nearest org that has any: whoever heads the matter there (a committee's head, say).
 */
export async function findAccountsWithRoles(
  db: Db,
  roles: readonly Role[],
  orgPath: string,
  uptoPath: string,
  options: { nearestOnly?: boolean } = {},
): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await queryRows<{ id: string; depth: number }>(
    db,
    sql`SELECT a.id, length(o.path) AS depth FROM accounts a JOIN orgs o ON o.id = a.org_id
        WHERE a.active AND a.roles && ARRAY[${sql.join(roles.map((role) => sql`${role}`), sql`, `)}]::text[]
          AND ${orgPath} LIKE o.path || '%' AND o.path LIKE ${uptoPath} || '%'
        ORDER BY length(o.path) DESC, a.display_name`,
  );
  const nearest = rows[0]?.depth;
  return rows.filter((row) => !options.nearestOnly || row.depth === nearest).map((row) => row.id);
}

/** The current members of the groups (left ones are not reached), active accounts only; `positions` narrows to leaders, say. */
export async function findGroupMembers(db: Db, groupIds: readonly string[], positions?: readonly string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const rows = await db
    .select({ id: groupMembers.accountId })
    .from(groupMembers)
    .innerJoin(accounts, eq(accounts.id, groupMembers.accountId))
    .where(
      and(
        inArray(groupMembers.groupId, [...groupIds]),
        isNull(groupMembers.leftAt),
        eq(accounts.active, true),
        positions ? inArray(groupMembers.position, [...positions]) : undefined,
      ),
    )
    .orderBy(asc(groupMembers.joinedAt));
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------
// Outbox
// ---------------------------------------------------------------------------------------

export interface Unrouted {
  notification: NotificationRow;
  email: string | null;
  phone: string | null;
  webhookOrgId: string | null;
}

/** Claims notifications whose external deliveries no node has written yet, with what they need to decide. */
export async function claimUnrouted(db: Db, limit: number): Promise<Unrouted[]> {
  return db
    .select({ notification: notifications, email: accounts.email, phone: accounts.phone, webhookOrgId: orgWebhooks.orgId })
    .from(notifications)
    .innerJoin(accounts, eq(accounts.id, notifications.recipientId))
    .leftJoin(orgWebhooks, eq(orgWebhooks.orgId, accounts.orgId))
    .where(isNull(notifications.routedAt))
    .orderBy(asc(notifications.createdAt))
    .limit(limit)
    .for("update", { of: notifications, skipLocked: true });
}

export async function markRouted(db: Db, ids: readonly string[], at: Date) {
  if (ids.length > 0) await db.update(notifications).set({ routedAt: at }).where(inArray(notifications.id, [...ids]));
}

export async function insertDeliveries(db: Db, values: (typeof notificationDeliveries.$inferInsert)[]) {
  if (values.length > 0) await db.insert(notificationDeliveries).values(values).onConflictDoNothing();
}

/**
 * Claims one due delivery and leases it: its next attempt moves `leaseMs` ahead and the
 * attempt is counted, in a transaction that commits before anything is sent. A node that
 * dies while sending leaves the row to be taken again when the lease runs out.
 */
export async function claimDueDelivery(db: Db, now: Date, channels: readonly string[], leaseMs: number) {
  if (channels.length === 0) return undefined;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.status, "pending"), lte(notificationDeliveries.nextAttemptAt, now), inArray(notificationDeliveries.channel, [...channels])))
      .orderBy(asc(notificationDeliveries.nextAttemptAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!row) return undefined;
    const [leased] = await tx
      .update(notificationDeliveries)
      .set({ attempts: sql`${notificationDeliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(eq(notificationDeliveries.id, row.id))
      .returning();
    return leased;
  });
}

export async function markDeliverySent(db: Db, delivery: DeliveryRow, at: Date) {
  await db.transaction(async (tx) => {
    await tx.update(notificationDeliveries).set({ status: "sent", sentAt: at, lastError: null }).where(eq(notificationDeliveries.id, delivery.id));
    await tx
      .update(notifications)
      .set({ sentAt: sql`COALESCE(${notifications.sentAt}, ${at.toISOString()}::timestamptz)` })
      .where(eq(notifications.id, delivery.notificationId));
  });
}

export async function markDeliveryFailed(db: Db, delivery: DeliveryRow, error: string, retryAt: Date | null) {
  await db
    .update(notificationDeliveries)
    .set(retryAt ? { lastError: error, nextAttemptAt: retryAt } : { status: "failed", lastError: error })
    .where(eq(notificationDeliveries.id, delivery.id));
}

/** What a delivery sends: the notification, its recipient's addresses and org webhook. */
export async function findDeliveryContext(db: Db, notificationId: string) {
  const [row] = await db
    .select({ notification: notifications, orgName: orgs.name, recipient: { id: accounts.id, displayName: accounts.displayName, email: accounts.email, phone: accounts.phone, orgId: accounts.orgId } })
    .from(notifications)
    .innerJoin(accounts, eq(accounts.id, notifications.recipientId))
    .innerJoin(orgs, eq(orgs.id, notifications.orgId))
    .where(eq(notifications.id, notificationId));
  if (!row) return undefined;
  const [webhook] = await db.select().from(orgWebhooks).where(eq(orgWebhooks.orgId, row.recipient.orgId));
  return { ...row, webhook: webhook ?? null };
}

// ---------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------

export async function findWebhook(db: Db, orgId: string): Promise<WebhookRow | undefined> {
  const [row] = await db.select().from(orgWebhooks).where(eq(orgWebhooks.orgId, orgId));
  return row;
}

export async function saveWebhook(db: Db, values: typeof orgWebhooks.$inferInsert) {
  const [row] = await db
    .insert(orgWebhooks)
    .values(values)
    .onConflictDoUpdate({ target: orgWebhooks.orgId, set: { url: values.url, secret: values.secret, updatedAt: values.updatedAt, updatedBy: values.updatedBy } })
    .returning();
  return row!;
}

export async function deleteWebhook(db: Db, orgId: string) {
  await db.delete(orgWebhooks).where(eq(orgWebhooks.orgId, orgId));
}
