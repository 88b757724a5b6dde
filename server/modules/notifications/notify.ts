// The one notifier: every module that must reach people calls `notifyPeople` in the
// transaction of what makes them needed. The notification and its real-time event commit
// with that change; external channels (e-mail, webhook, SMS) are sent after commit by the
// outbox worker (deliveries.ts).
import type { NotificationKind } from "@shared/notifications/schemas.ts";
import type { NotifyTargets, SeverityLevel } from "@shared/plans/schemas.ts";
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts } from "../../db/schema.ts";
import { publishEvents } from "../../realtime/publish.ts";
import { type OrgPlace, resolveOnDuty } from "../duty/on-duty.ts";
import { type NotificationRow, findAccountsWithRoles, findGroupMembers, insertNotifications } from "./queries.ts";

export interface Notify {
  kind: NotificationKind;
  /** Account ids, in the order they should be listed; repeated ones are reached once. */
  recipients: readonly string[];
  title: string;
  body: string;
  /** The org the notification is about; its live event is scoped by it. */
  orgId: string;
  incidentId: string | null;
  disputeId?: string | null;
  level: SeverityLevel | null;
  /** The escalation step (acknowledgement deadline) the notification belongs to, if any. */
  deadlineId?: string | null;
  now: Date;
}

export interface Notified {
  notifications: NotificationRow[];
  /** Whom it reached, for the timeline: staff as the record names them. */
  recipients: { id: string; displayName: string }[];
}

export async function notifyPeople(tx: Db, args: Notify): Promise<Notified> {
  const recipients = [...new Set(args.recipients)];
  if (recipients.length === 0) return { notifications: [], recipients: [] };
  const rows = await insertNotifications(
    tx,
    recipients.map((recipientId) => ({
      recipientId,
      kind: args.kind,
      title: args.title,
      body: args.body,
      orgId: args.orgId,
      incidentId: args.incidentId,
      disputeId: args.disputeId ?? null,
      level: args.level,
      deadlineId: args.deadlineId ?? null,
      createdAt: args.now,
    })),
  );
  await publishEvents(
    tx,
    rows.map((row) => ({ type: "notification.created" as const, orgId: row.orgId, incidentId: row.incidentId, recipientId: row.recipientId, notificationId: row.id, at: args.now })),
  );
  const names = new Map(
    (await tx.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, recipients))).map((a) => [a.id, a.displayName]),
  );
  return { notifications: rows, recipients: recipients.map((id) => ({ id, displayName: names.get(id) ?? "" })) };
}

/** Whoever is on duty at the org at `at` (its own shift, else its nearest ancestor's): the officers and the leader on duty. */
export async function onDutyPeople(tx: Db, org: OrgPlace, at: Date): Promise<string[]> {
  const onDuty = await resolveOnDuty(tx, org, at);
  return onDuty.shifts.flatMap((shift) => [...shift.officers.map((o) => o.id), ...(shift.leader ? [shift.leader.id] : [])]);
}

/**
 * The people a plan's targets name for an event at the org with `orgPath`:
 * - with `onDutyOf`, whoever is on duty now at that org (its own shift, else its nearest
 *   ancestor's: officers and the leader on duty);
 * - the roles named: active accounts holding the role in the event's org or an ancestor of
 *   it up to the plan's org (`planOrgPath`), since a plan commands its own org and the orgs
 *   below it and no one above;
 * - the current members of the groups named.
 * In that order, each person once.
 */
export async function targetsOf(
  tx: Db,
  args: { targets: NotifyTargets; orgPath: string; planOrgPath: string; onDutyOf?: { org: OrgPlace; at: Date } },
): Promise<string[]> {
  const onDutyIds = args.onDutyOf ? await onDutyPeople(tx, args.onDutyOf.org, args.onDutyOf.at) : [];
  const byRole = await findAccountsWithRoles(tx, args.targets.roles, args.orgPath, args.planOrgPath);
  const byGroup = await findGroupMembers(tx, args.targets.groupIds);
  return [...new Set([...onDutyIds, ...byRole, ...byGroup])];
}

/** The leaders of a group now: whom an overdue task of the group escalates to. */
export const groupLeaders = (tx: Db, groupId: string) => findGroupMembers(tx, [groupId], ["leader"]);
