import {
  type Incident,
  IncidentAction,
  type IncidentDeadline,
  type IncidentEvent,
  IncidentEventDetail,
  type IncidentStatus,
  type IncidentSummary,
  type IncidentTask,
  type TaskStatus,
} from "@shared/incidents/schemas.ts";
import type { EmergencyCategory, SeverityLevel } from "@shared/plans/schemas.ts";
import { type DeadlineRow, isOverdue } from "../../deadlines/deadlines.ts";
import type { Actor } from "../../policy/actor.ts";
import { presentTimelineRow } from "../../timeline.ts";
import { allowedActions, authorize } from "../../policy/authorize.ts";
import { maskPhone } from "../accounts/present.ts";
import { incidentDeadlineKind, payloadOf } from "./incident-deadlines.ts";
import { closurePolicy } from "./closure-policy.ts";
import { incidentPolicy } from "./policy.ts";
import { reportPolicy } from "./report-policy.ts";
import type { IncidentEventRow, IncidentSummaryRow } from "./queries.ts";
import { guardOf, type IncidentView } from "./service.ts";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentIncidentSummary({ incident, org }: IncidentSummaryRow, overdueDeadlines: number): IncidentSummary {
  return {
    id: incident.id,
    orgId: org.id,
    orgName: org.name,
    status: incident.status as IncidentStatus,
    category: incident.category as EmergencyCategory,
    subtype: incident.subtype,
    title: incident.title,
    place: incident.place,
    occurredAt: incident.occurredAt.toISOString(),
    reportedAt: incident.reportedAt.toISOString(),
    level: incident.level as SeverityLevel | null,
    suggestedLevel: incident.suggestedLevel as SeverityLevel | null,
    deaths: incident.deaths,
    injuries: incident.injuries,
    missing: incident.missing,
    overdueDeadlines,
    receivedAt: iso(incident.receivedAt),
    version: incident.version,
  };
}

function deadlineState(row: DeadlineRow, now: Date): IncidentDeadline["state"] {
  if (row.status === "cancelled") return "cancelled";
  if (row.status === "met") return row.metAt! > row.dueAt ? "met_late" : "met";
  return isOverdue(row, now) ? "overdue" : "pending";
}

export function presentDeadline(row: DeadlineRow, now: Date): IncidentDeadline {
  const payload = payloadOf(row);
  return {
    id: row.id,
    kind: incidentDeadlineKind(row),
    level: payload.level,
    dueAt: row.dueAt.toISOString(),
    state: deadlineState(row, now),
    firedAt: iso(row.firedAt),
    metAt: iso(row.metAt),
    step: payload.step ?? null,
    notify: payload.notify ?? null,
    to: payload.to ?? null,
    role: payload.role ?? null,
    who: payload.who ?? null,
    taskId: payload.taskId ?? null,
  };
}

/** The actions decided by the reports' and the closure's policies rather than the incident's own. */
const OTHER_POLICY_ACTIONS = ["draftReport", "close", "reopen"] as const;

/**
 * Which buttons apply now: the response's actions need an open incident, and a task or a
 * stated deadline to act on; a closed incident takes only notes, files, reports and reopening.
 */
function actionsFor(actor: Actor, view: IncidentView): IncidentAction[] {
  const { status } = view.incident;
  const open = status === "open";
  const outstanding = view.tasks.filter(({ task }) => task.status !== "done" && task.status !== "cancelled");
  const outstandingTask = outstanding.length > 0;
  const outstandingFollowUp = outstanding.some(({ task }) => task.reviewId !== null);
  const own = IncidentAction.options.filter((action): action is Exclude<IncidentAction, (typeof OTHER_POLICY_ACTIONS)[number]> => !(OTHER_POLICY_ACTIONS as readonly string[]).includes(action));
  const guard = guardOf(view);
  const allowed: IncidentAction[] = [
    ...allowedActions(actor, incidentPolicy, own, guard),
    ...(authorize(actor, reportPolicy, "draft", guard) ? (["draftReport"] as const) : []),
    ...allowedActions(actor, closurePolicy, ["close", "reopen"], guard),
  ];
  return allowed.filter((action) => {
    if (action === "recordOnSite" || action === "meetDeadline" || action === "close") return open;
    if (action === "updateTask") return (open && outstandingTask) || (status === "closed" && outstandingFollowUp);
    if (action === "update" || action === "setLevel") return status !== "closed";
    if (action === "reopen") return status === "closed";
    return true;
  });
}

export function presentIncident(actor: Actor, view: IncidentView): Incident {
  const { incident, now } = view;
  const deadlines = view.deadlines.map((row) => presentDeadline(row, now));
  const tasks: IncidentTask[] = view.tasks.map(({ task, groupName, assigneeName }) => ({
    id: task.id,
    groupId: task.groupId,
    groupName,
    assignee: task.assigneeId ? { id: task.assigneeId, displayName: assigneeName ?? "" } : null,
    followUp: task.reviewId !== null,
    level: task.level as SeverityLevel,
    title: task.title,
    description: task.description,
    dueAt: task.dueAt.toISOString(),
    status: task.status as TaskStatus,
    overdue: (task.status === "open" || task.status === "in_progress") && task.dueAt <= now,
    notes: task.notes,
    version: task.version,
  }));
  const contact = incident.reporterContact;
  return {
    ...presentIncidentSummary(view, deadlines.filter((d) => d.state === "overdue").length),
    description: incident.description,
    latitude: incident.latitude,
    longitude: incident.longitude,
    source: incident.source,
    peopleInvolved: incident.peopleInvolved,
    onlookers: incident.onlookers,
    economicLoss: incident.economicLoss,
    cause: incident.cause,
    trend: incident.trend,
    measuresTaken: incident.measuresTaken,
    helpNeeded: incident.helpNeeded,
    reporterName: incident.reporterName,
    reporterContact: contact && (authorize(actor, incidentPolicy, "seeContact", guardOf(view)) ? contact : maskPhone(contact)),
    reportedBy: view.reportedBy,
    receivedBy: view.receivedBy,
    levelReason: incident.levelReason,
    plan: view.plan
      ? { id: view.plan.planId, versionId: view.plan.version.id, versionNo: view.plan.version.versionNo, title: view.plan.version.title, orgName: view.plan.orgName }
      : null,
    openedAt: iso(incident.openedAt),
    closedAt: iso(incident.closedAt),
    outcome: incident.outcome,
    deadlines,
    tasks,
    updatedAt: incident.updatedAt.toISOString(),
    actions: actionsFor(actor, view),
  };
}

export const presentEvent = (row: IncidentEventRow): IncidentEvent => presentTimelineRow(row, (detail) => IncidentEventDetail.parse(detail));
