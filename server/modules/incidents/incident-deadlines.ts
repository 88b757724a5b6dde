// The deadlines an incident's response creates, what happens when one passes unmet (the
// timeline says so, an unanswered escalation step reaches the next step's people, an
// overdue task reaches its group's leader), and what an acknowledgement does to the steps.
import type { IncidentDeadlineKind, IncidentEventDetail } from "@shared/incidents/schemas.ts";
import type { NotificationKind } from "@shared/notifications/schemas.ts";
import type { NotifyTargets, SeverityLevel } from "@shared/plans/schemas.ts";
import type { Role } from "@shared/roles.ts";
import type { Db } from "../../db/client.ts";
import { type DeadlineRow, cancelDeadline, findDeadlinesOf, meetDeadline } from "../../deadlines/deadlines.ts";
import type { DeadlineHandler, DeadlineHandlers } from "../../deadlines/scheduler.ts";
import type { Actor } from "../../policy/actor.ts";
import { publishEvent, publishEvents } from "../../realtime/publish.ts";
import { groupLeaders, notifyPeople, targetsOf } from "../notifications/notify.ts";
import { escalationText, taskOverdueText } from "../notifications/texts.ts";
import { INCIDENT_SUBJECT, type IncidentWithOrg, findIncident, findPlanOrgPath, findTasks } from "./queries.ts";
import { receiveIncident } from "./receipt.ts";
import { appendToTimeline } from "./timeline.ts";

/** The kinds in the one deadline table are namespaced by module. */
export const DEADLINE_KIND: Record<IncidentDeadlineKind, string> = {
  acknowledgement: "incident.acknowledgement",
  report: "incident.report",
  on_site: "incident.on_site",
  task: "incident.task",
};

const KIND_OF = new Map(Object.entries(DEADLINE_KIND).map(([kind, stored]) => [stored, kind as IncidentDeadlineKind]));

export function incidentDeadlineKind(row: Pick<DeadlineRow, "kind">): IncidentDeadlineKind {
  const kind = KIND_OF.get(row.kind);
  if (!kind) throw new Error(`deadline kind ${row.kind} is not an incident's`);
  return kind;
}

/** What each kind keeps in `payload`, as the response of `level` set it. */
export interface IncidentDeadlinePayload {
  level: SeverityLevel;
  /** Acknowledgement: the escalation step (1 = first), whom it notifies and its minutes. */
  step?: number;
  notify?: NotifyTargets;
  ackWithinMinutes?: number;
  /** Report: the recipient and the follow-up rhythm the reports module will keep. */
  to?: string;
  followUpEveryMinutes?: number | null;
  /** On site: the role expected there and, when the plan names one, who. */
  role?: Role;
  who?: string | null;
  /** Task: the task whose due time it is. */
  taskId?: string;
}

export const payloadOf = (row: DeadlineRow) => row.payload as unknown as IncidentDeadlinePayload;

/**
 * The kinds a person meets by saying so (`POST …/deadlines/:id/meet`): someone is on site.
 * The others are met by the act itself: a task by its status, the report upward by the
 * reports module when the report is sent, an escalation step by the first acknowledgement
 * of one of its notifications (`answerAcknowledgement`).
 */
export const MET_BY_STATEMENT: readonly IncidentDeadlineKind[] = ["on_site"];

const named = (recipients: { id: string; displayName: string }[]) => recipients.map((r) => ({ id: r.id, name: r.displayName }));
const factsOf = ({ incident, org }: IncidentWithOrg) => ({ orgName: org.name, title: incident.title, place: incident.place, occurredAt: incident.occurredAt });

/**
 * The step after an unanswered one: its people are notified now, as the plan says, and its
 * own deadline (set at activation, counted from this one's) keeps running. Nothing follows
 * the last step but its staying overdue; nor a step already cancelled by an acknowledgement.
 */
async function escalate(tx: Db, found: IncidentWithOrg, overdue: DeadlineRow, now: Date): Promise<IncidentEventDetail[]> {
  const { level, step } = payloadOf(overdue);
  const next = (await findDeadlinesOf(tx, INCIDENT_SUBJECT, found.incident.id)).find((row) => {
    const payload = payloadOf(row);
    return row.kind === DEADLINE_KIND.acknowledgement && payload.level === level && payload.step === step! + 1 && row.status === "pending";
  });
  if (!next || !found.incident.planId) return [];
  const nextStep = payloadOf(next);
  const planOrgPath = (await findPlanOrgPath(tx, found.incident.planId)) ?? found.org.path;
  const recipients = await targetsOf(tx, { targets: nextStep.notify!, orgPath: found.org.path, planOrgPath });
  const notified = await notifyPeople(tx, {
    kind: "escalation",
    recipients,
    ...escalationText(factsOf(found), level, nextStep.step!, payloadOf(overdue).ackWithinMinutes!),
    orgId: found.incident.orgId,
    incidentId: found.incident.id,
    level,
    deadlineId: next.id,
    now,
  });
  return [{ kind: "escalated", level, step: nextStep.step!, deadlineId: next.id, recipients: named(notified.recipients) }];
}

/** An overdue task reaches the leader of its group; a task given to a person alone has no one above it to reach. */
async function escalateTask(tx: Db, found: IncidentWithOrg, overdue: DeadlineRow, now: Date): Promise<IncidentEventDetail[]> {
  const taskId = payloadOf(overdue).taskId;
  const task = (await findTasks(tx, found.incident.id)).find((row) => row.task.id === taskId);
  if (!task?.task.groupId) return [];
  const notified = await notifyPeople(tx, {
    kind: "task_overdue",
    recipients: await groupLeaders(tx, task.task.groupId),
    ...taskOverdueText(factsOf(found), task.task, task.groupName ?? ""),
    orgId: found.incident.orgId,
    incidentId: found.incident.id,
    level: task.task.level as SeverityLevel,
    now,
  });
  if (notified.notifications.length === 0) return [];
  return [{ kind: "notified", notificationKind: "task_overdue", level: task.task.level as SeverityLevel, step: null, taskId: task.task.id, recipients: named(notified.recipients) }];
}

/**
 * A deadline passed unmet: the timeline says so and the deadline stays visible as overdue;
 * an escalation step reaches the next step's people, a task its group's leader. Runs in the
 * scheduler's claiming transaction: the notifications and events commit with the firing.
 */
const onOverdue: DeadlineHandler = async ({ tx, deadline, now }) => {
  const found = await findIncident(tx, deadline.subjectId);
  if (!found) throw new Error(`deadline ${deadline.id} names incident ${deadline.subjectId}, which does not exist`);
  const kind = incidentDeadlineKind(deadline);
  const entries: IncidentEventDetail[] = [{ kind: "deadline_overdue", deadlineId: deadline.id, deadlineKind: kind, dueAt: deadline.dueAt.toISOString() }];
  if (kind === "acknowledgement") entries.push(...(await escalate(tx, found, deadline, now)));
  if (kind === "task") entries.push(...(await escalateTask(tx, found, deadline, now)));
  await appendToTimeline(tx, deadline.subjectId, null, now, entries);
  await publishEvent(tx, { type: "deadline.overdue", orgId: found.incident.orgId, incidentId: found.incident.id, ownerId: found.incident.reportedBy, at: now });
};

export const incidentDeadlineHandlers: DeadlineHandlers = Object.fromEntries(Object.values(DEADLINE_KIND).map((kind) => [kind, onOverdue]));

/**
 * A notification about an incident was acknowledged. When it belongs to an escalation step
 * (`step`: its deadline, locked by the caller), the first acknowledgement by any of the
 * step's people meets the step, late if it had fired, and the later steps of that level
 * still pending are cancelled: someone has taken the matter, so the escalation stops. Steps
 * before it that went unanswered stay overdue. The timeline records who acknowledged.
 */
export async function answerAcknowledgement(
  tx: Db,
  args: { incidentId: string; notificationId: string; notificationKind: NotificationKind; step: DeadlineRow | null; actor: Actor; at: Date },
) {
  const { incidentId, step, actor, at } = args;
  const found = await findIncident(tx, incidentId);
  if (!found) return;
  const met = step ? await meetDeadline(tx, step.id, at) : undefined;
  const entries: IncidentEventDetail[] = [
    {
      kind: "acknowledged",
      notificationId: args.notificationId,
      notificationKind: args.notificationKind,
      step: step ? (payloadOf(step).step ?? null) : null,
      deadlineId: step?.id ?? null,
      late: step ? at > step.dueAt : false,
    },
  ];
  if (met) {
    entries.push({ kind: "deadline_met", deadlineId: met.id, deadlineKind: "acknowledgement", metAt: at.toISOString(), late: at > met.dueAt, note: null });
    const { level, step: number } = payloadOf(met);
    const later = (await findDeadlinesOf(tx, INCIDENT_SUBJECT, incidentId)).filter((row) => {
      const payload = payloadOf(row);
      return row.kind === DEADLINE_KIND.acknowledgement && payload.level === level && payload.step! > number! && row.status === "pending";
    });
    for (const row of later) await cancelDeadline(tx, row.id, at);
  }
  await appendToTimeline(tx, incidentId, actor, at, entries);
  const received = args.notificationKind === "incident_reported" && (await receiveIncident(tx, { found, actor, at }));
  if (received) await publishEvents(tx, [{ type: "incident.updated", orgId: found.incident.orgId, incidentId, ownerId: found.incident.reportedBy, at }]);
  if (met) await publishEvents(tx, [{ type: "deadline.met", orgId: found.incident.orgId, incidentId, ownerId: found.incident.reportedBy, at }]);
}
