// The mediation deadline of an accepted dispute in the one deadline store: a reminder to the
// mediators before it, and at it, when the case has not concluded, the committee head and the
// mediators told that it is overdue, with the timeline saying so.
import { MEDIATION_REMINDER_DAYS, type DisputeEventDetail, type DisputeStatus } from "@shared/disputes/schemas.ts";
import { chinaDate, chinaTimeOfDay } from "@shared/duty/china-time.ts";
import type { NotificationKind } from "@shared/notifications/schemas.ts";
import type { Db } from "../../db/client.ts";
import { cancelDeadline, findDeadlinesOf, scheduleDeadlines } from "../../deadlines/deadlines.ts";
import type { DeadlineHandler, DeadlineHandlers } from "../../deadlines/scheduler.ts";
import { notifyPeople } from "../notifications/notify.ts";
import { findAccountsWithRoles } from "../notifications/queries.ts";
import * as q from "./queries.ts";
import { appendToTimeline } from "./service.ts";
import { caseNumberOf, followUpDueText, overdueText, reminderText } from "./texts.ts";
import { announce } from "./transitions.ts";
import { loadDisputeTypes, typeNameZh } from "./dispute-types.ts";

/** The kinds in the one deadline table are namespaced by module. */
export const DISPUTE_DEADLINE_KIND = { reminder: "dispute.reminder", mediation: "dispute.mediation", followUp: "dispute.follow_up" } as const;

const DAY_MS = 24 * 60 * 60_000;

/** Still being mediated: the statuses a reminder or an overdue notice is about. */
const UNCONCLUDED: readonly DisputeStatus[] = ["accepted", "in_mediation"];

/**
 * Schedules the reminder and the deadline for mediation due at `dueAt`. A reminder whose time
 * has already come (a deadline of three days or less) would only repeat what the mediators
 * were just told, so it is left out.
 */
export async function scheduleMediation(tx: Db, dispute: q.DisputeRow, dueAt: Date, now: Date) {
  const remindAt = new Date(dueAt.getTime() - MEDIATION_REMINDER_DAYS * DAY_MS);
  const base = { subjectType: q.DISPUTE_SUBJECT, subjectId: dispute.id, orgId: dispute.orgId };
  await scheduleDeadlines(
    tx,
    [
      ...(remindAt > now ? [{ ...base, kind: DISPUTE_DEADLINE_KIND.reminder, dueAt: remindAt }] : []),
      { ...base, kind: DISPUTE_DEADLINE_KIND.mediation, dueAt },
    ],
    now,
  );
}

/** The follow-up visit after an agreement: when it falls due unmade, the mediators are told. */
export async function scheduleFollowUp(tx: Db, dispute: q.DisputeRow, dueAt: Date, now: Date) {
  await scheduleDeadlines(tx, [{ subjectType: q.DISPUTE_SUBJECT, subjectId: dispute.id, orgId: dispute.orgId, kind: DISPUTE_DEADLINE_KIND.followUp, dueAt }], now);
}

/**
 * Cancels whatever the case was still waiting for (a reminder, the mediation deadline, a
 * follow-up visit), when the deadline moves or the case moves on. One that already fired
 * stays fired: the case was overdue then, and the record says so.
 */
export async function cancelPendingDeadlines(tx: Db, disputeId: string, now: Date) {
  const rows = await findDeadlinesOf(tx, q.DISPUTE_SUBJECT, disputeId);
  for (const row of rows) if (row.status === "pending") await cancelDeadline(tx, row.id, now);
}

const dueText = (at: Date) => `${chinaDate(at)} ${chinaTimeOfDay(at)}`;

async function notify(tx: Db, found: q.DisputeWithOrg, kind: NotificationKind, recipients: string[], dueAt: Date, now: Date): Promise<DisputeEventDetail[]> {
  const { dispute, org } = found;
  const facts = { orgName: org.name, caseNumber: caseNumberOf(dispute), typeName: typeNameZh(await loadDisputeTypes(tx), dispute.type), dueAt: dueText(dueAt) };
  const text = { dispute_reminder: reminderText, dispute_overdue: overdueText, dispute_follow_up_due: followUpDueText }[kind as "dispute_reminder"](facts);
  const notified = await notifyPeople(tx, { kind, recipients, ...text, orgId: org.id, incidentId: null, disputeId: dispute.id, level: null, now });
  if (notified.recipients.length === 0) return [];
  return [{ kind: "notified", notificationKind: kind, recipients: notified.recipients.map((r) => ({ id: r.id, name: r.displayName })) }];
}

/** Loads the deadline's dispute; undefined when it has concluded, so there is no one to remind. */
async function unconcluded(tx: Db, disputeId: string) {
  const found = await q.findDispute(tx, disputeId);
  if (!found) throw new Error(`deadline names dispute ${disputeId}, which does not exist`);
  return UNCONCLUDED.includes(found.dispute.status as DisputeStatus) ? found : undefined;
}

const mediatorIds = async (tx: Db, disputeId: string) => (await q.findMediators(tx, disputeId)).map((m) => m.id);

/** The mediators assigned when it fires (they may have changed since acceptance). */
const onReminder: DeadlineHandler = async ({ tx, deadline, now }) => {
  const found = await unconcluded(tx, deadline.subjectId);
  if (!found) return;
  const events = await notify(tx, found, "dispute_reminder", await mediatorIds(tx, found.dispute.id), found.dispute.mediationDueAt!, now);
  await appendToTimeline(tx, found.dispute.id, null, now, events);
  await announce(tx, found.dispute, now);
};

/** 人民调解 has no one above the mediators but the committee head (调委会主任), who sees that it concludes. */
const onMediationDue: DeadlineHandler = async ({ tx, deadline, now }) => {
  const found = await unconcluded(tx, deadline.subjectId);
  if (!found) return;
  const recipients = [...(await findAccountsWithRoles(tx, ["leader"], found.org.path, "/", { nearestOnly: true })), ...(await mediatorIds(tx, found.dispute.id))];
  const events = await notify(tx, found, "dispute_overdue", recipients, deadline.dueAt, now);
  await appendToTimeline(tx, found.dispute.id, null, now, [{ kind: "mediation_overdue", dueAt: deadline.dueAt.toISOString() }, ...events]);
  await announce(tx, found.dispute, now);
};

/** A visit still unmade when due: the mediators who made the agreement are the ones to go and see. */
const onFollowUpDue: DeadlineHandler = async ({ tx, deadline, now }) => {
  const found = await q.findDispute(tx, deadline.subjectId);
  if (!found) throw new Error(`deadline names dispute ${deadline.subjectId}, which does not exist`);
  if (found.dispute.status !== "agreed") return;
  const events = await notify(tx, found, "dispute_follow_up_due", await mediatorIds(tx, found.dispute.id), deadline.dueAt, now);
  await appendToTimeline(tx, found.dispute.id, null, now, [{ kind: "follow_up_due", dueAt: deadline.dueAt.toISOString() }, ...events]);
  await announce(tx, found.dispute, now);
};

export const disputeDeadlineHandlers: DeadlineHandlers = {
  [DISPUTE_DEADLINE_KIND.reminder]: onReminder,
  [DISPUTE_DEADLINE_KIND.mediation]: onMediationDue,
  [DISPUTE_DEADLINE_KIND.followUp]: onFollowUpDue,
};
