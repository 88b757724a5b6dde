// Actions that meet the response's deadlines: someone on site, a deadline met by statement,
// a working group's task moving on.
import type { MeetDeadlineInput, OnSiteInput, TaskStatus, UpdateTaskInput } from "@shared/incidents/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import { cancelDeadline, findDeadlinesOf, isOutstanding, lockDeadline, meetDeadline } from "../../deadlines/deadlines.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { conflict, invalidField, notFound, staleVersion } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { publishEvent } from "../../realtime/publish.ts";
import { MET_BY_STATEMENT, incidentDeadlineKind, payloadOf } from "./incident-deadlines.ts";
import type { IncidentPolicyAction } from "./policy.ts";
import * as q from "./queries.ts";
import { checkNotFuture, incidentView, loadIncident } from "./service.ts";
import { appendToTimeline } from "./timeline.ts";

/** The response runs only once the incident is open. */
async function loadOpenIncident(tx: Db, actor: Actor, id: string, action: IncidentPolicyAction) {
  const found = await loadIncident(tx, actor, id, action);
  if (found.incident.status !== "open") throw conflict("incident.notOpen");
  return found;
}

/** A stated time: now when not given; never in the future, never before the incident occurred. */
function statedTime(field: string, text: string | null, occurredAt: Date, now: Date) {
  const at = text === null ? now : new Date(text);
  checkNotFuture(field, at, now, "incident.statedInFuture");
  if (at.getTime() < occurredAt.getTime()) throw invalidField(field, "incident.beforeOccurred");
  return at;
}

/**
 * Someone records their own arrival on site. It meets the earliest outstanding on-site
 * deadline the plan set for one of their roles (the leader on duty's, for a leader); an
 * arrival no deadline asked for is still written to the timeline.
 */
export async function recordOnSite({ actor, input, tx, clock }: Action<OnSiteInput & { id: string }>) {
  const found = await loadOpenIncident(tx, actor, input.id, "recordOnSite");
  const now = clock.now();
  const arrivedAt = statedTime("arrivedAt", input.arrivedAt, found.incident.occurredAt, now);
  const matching = (await findDeadlinesOf(tx, q.INCIDENT_SUBJECT, found.incident.id)).find((row) => {
    const role = payloadOf(row).role;
    return incidentDeadlineKind(row) === "on_site" && isOutstanding(row) && role !== undefined && actor.roles.includes(role);
  });
  const met = matching ? await meetDeadline(tx, matching.id, arrivedAt) : undefined;
  await appendToTimeline(tx, found.incident.id, actor, now, [
    { kind: "on_site", arrivedAt: arrivedAt.toISOString(), note: input.note },
    ...(met ? [{ kind: "deadline_met" as const, deadlineId: met.id, deadlineKind: "on_site" as const, metAt: arrivedAt.toISOString(), late: arrivedAt > met.dueAt, note: null }] : []),
  ]);
  await publishEvent(tx, { type: met ? "deadline.met" : "incident.updated", orgId: found.incident.orgId, incidentId: found.incident.id, ownerId: found.incident.reportedBy, at: now });
  await writeAudit(tx, { actor, clock }, {
    action: "incident.onSite",
    orgId: found.org.id,
    recordType: "incident",
    recordId: found.incident.id,
    detail: { arrivedAt: arrivedAt.toISOString(), deadlineId: met?.id ?? null },
  });
  return incidentView(tx, found, now);
}

/**
 * Marks a deadline met on someone's word: only kinds that a statement fulfils (someone on
 * site, recorded by the duty officer). Report and acknowledgement deadlines are met by the
 * report being sent and the notification acknowledged; tasks by their status.
 */
export async function meetIncidentDeadline({ actor, input, tx, clock }: Action<MeetDeadlineInput & { id: string; deadlineId: string }>) {
  const found = await loadOpenIncident(tx, actor, input.id, "meetDeadline");
  const deadline = await lockDeadline(tx, input.deadlineId);
  if (!deadline || deadline.subjectType !== q.INCIDENT_SUBJECT || deadline.subjectId !== found.incident.id) throw notFound();
  const kind = incidentDeadlineKind(deadline);
  if (!MET_BY_STATEMENT.includes(kind)) throw conflict("deadline.notMetByStatement");
  const now = clock.now();
  const at = statedTime("at", input.at, found.incident.occurredAt, now);
  const met = await meetDeadline(tx, deadline.id, at);
  if (!met) throw conflict("deadline.notOutstanding");
  await appendToTimeline(tx, found.incident.id, actor, now, [
    { kind: "deadline_met", deadlineId: met.id, deadlineKind: kind, metAt: at.toISOString(), late: at > met.dueAt, note: input.note },
  ]);
  await publishEvent(tx, { type: "deadline.met", orgId: found.incident.orgId, incidentId: found.incident.id, ownerId: found.incident.reportedBy, at: now });
  await writeAudit(tx, { actor, clock }, {
    action: "incident.meetDeadline",
    orgId: found.org.id,
    recordType: "incident",
    recordId: found.incident.id,
    detail: { deadlineId: met.id, kind, metAt: at.toISOString() },
  });
  return incidentView(tx, found, now);
}

const FINAL: readonly TaskStatus[] = ["done", "cancelled"];

/**
 * Moves a task on or changes its notes. Done meets its deadline, cancelled cancels it; a
 * task that is done or cancelled stays so.
 */
export async function updateIncidentTask({ actor, input, tx, clock }: Action<UpdateTaskInput & { id: string; taskId: string }>) {
  const found = await loadIncident(tx, actor, input.id, "updateTask");
  const task = await q.findTask(tx, found.incident.id, input.taskId);
  if (!task) throw notFound();
  // A closed incident's follow-up actions (整改) are still being carried out; its plan's tasks ended with it.
  const followUpOfClosed = found.incident.status === "closed" && task.reviewId !== null;
  if (found.incident.status !== "open" && !followUpOfClosed) throw conflict("incident.notOpen");
  if (input.status === undefined && input.notes === undefined) throw invalidField("status", "task.nothingChanged");
  const from = task.status as TaskStatus;
  if (FINAL.includes(from)) throw conflict("task.closed");
  const now = clock.now();
  const to = input.status ?? from;
  const updated = await q.updateTaskAt(tx, task.id, input.version, {
    status: to,
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    updatedAt: now,
  });
  if (!updated) throw staleVersion();
  if (to === "done") await meetDeadline(tx, task.deadlineId, now);
  if (to === "cancelled") await cancelDeadline(tx, task.deadlineId, now);
  await appendToTimeline(tx, found.incident.id, actor, now, [
    { kind: "task_changed", taskId: task.id, title: task.title, from, to, notes: input.notes === undefined ? null : input.notes },
  ]);
  await publishEvent(tx, { type: "task.updated", orgId: found.incident.orgId, incidentId: found.incident.id, ownerId: found.incident.reportedBy, at: now });
  await writeAudit(tx, { actor, clock }, {
    action: "incident.task",
    orgId: found.org.id,
    recordType: "incident",
    recordId: found.incident.id,
    detail: { taskId: task.id, from, to },
  });
  return incidentView(tx, found, now);
}
