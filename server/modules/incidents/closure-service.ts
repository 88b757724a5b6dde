// Closing an incident with its after-action review (善后、总结), and reopening it.
import type { CloseIncidentInput, ReopenIncidentInput, ReviewFollowUpAction } from "@shared/incidents/report-schemas.ts";
import { REPORT_FIGURES, type IncidentEventDetail, type TaskStatus } from "@shared/incidents/schemas.ts";
import type { SeverityLevel } from "@shared/plans/schemas.ts";
import { suggestLevel } from "@shared/plans/suggest-level.ts";
import { randomUUID } from "node:crypto";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import { cancelDeadline, findDeadlinesOf, isOutstanding, scheduleDeadlines } from "../../deadlines/deadlines.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { conflict, invalidField, staleVersion } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { requireAccess } from "../../policy/authorize.ts";
import { publishEvent } from "../../realtime/publish.ts";
import { findGroup } from "../groups/queries.ts";
import { type ClosurePolicyAction, closurePolicy } from "./closure-policy.ts";
import { presentReview } from "./closure-present.ts";
import { computeTimings } from "./closure-timings.ts";
import { DEADLINE_KIND } from "./incident-deadlines.ts";
import * as q from "./queries.ts";
import * as rq from "./report-queries.ts";
import { guardOf, incidentView, loadIncident } from "./service.ts";
import { appendToTimeline } from "./timeline.ts";

async function loadForClosure(tx: Db, actor: Actor, id: string, action: ClosurePolicyAction) {
  const loaded = await loadIncident(tx, actor, id, "read");
  requireAccess(actor, closurePolicy, action, guardOf(loaded));
  // Closing decides on the deadlines and reports of the incident: one closing at a time.
  await rq.lockIncident(tx, loaded.incident.id);
  return (await q.findIncident(tx, loaded.incident.id))!;
}

/** Orgs a follow-up action may go to: the incident's org, those above it and those below it, within the caller's reach. */
const related = (actor: Actor, incidentPath: string, orgPath: string) =>
  orgPath.startsWith(actor.orgPath) && (incidentPath.startsWith(orgPath) || orgPath.startsWith(incidentPath));

/** Checks each follow-up action's group, person and due time, and names them for the review. */
async function resolveFollowUps(tx: Db, actor: Actor, incidentPath: string, actions: CloseIncidentInput["review"]["followUpActions"], now: Date) {
  const resolved: Omit<ReviewFollowUpAction, "taskId">[] = [];
  for (const [index, action] of actions.entries()) {
    const field = (name: string) => `review.followUpActions.${index}.${name}`;
    const group = action.groupId ? await findGroup(tx, action.groupId) : undefined;
    if (action.groupId && (!group || !related(actor, incidentPath, group.org.path))) throw invalidField(field("groupId"), "incident.followUpGroupUnknown");
    const assignee = action.assigneeId ? await rq.findAccountWithOrg(tx, action.assigneeId) : undefined;
    if (action.assigneeId && (!assignee || !assignee.active || !related(actor, incidentPath, assignee.orgPath))) {
      throw invalidField(field("assigneeId"), "incident.followUpAssigneeUnknown");
    }
    const dueAt = new Date(action.dueAt);
    if (dueAt.getTime() <= now.getTime()) throw invalidField(field("dueAt"), "incident.dueNotAhead");
    resolved.push({
      title: action.title,
      groupId: group?.group.id ?? null,
      groupName: group?.group.name ?? null,
      assigneeId: assignee?.id ?? null,
      assigneeName: assignee?.displayName ?? null,
      dueAt: dueAt.toISOString(),
    });
  }
  return resolved;
}

const OPEN_TASK: readonly TaskStatus[] = ["open", "in_progress"];

/**
 * Closes an open incident. The review's timings are computed from the deadlines as they stand
 * now; then everything the response still owed ends: outstanding deadlines are cancelled
 * (one that fired keeps its firing time) and unfinished tasks of the plan are cancelled. The
 * final figures become the incident's. Follow-up actions become tasks, each with its deadline,
 * which keep running after the closing.
 */
export async function closeIncident({ actor, input, tx, clock }: Action<CloseIncidentInput & { id: string }>) {
  const found = await loadForClosure(tx, actor, input.id, "close");
  const { incident, org } = found;
  if (incident.status === "closed") throw conflict("incident.alreadyClosed");
  if (incident.status !== "open") throw conflict("incident.notOpen");
  const now = clock.now();
  const followUps = await resolveFollowUps(tx, actor, org.path, input.review.followUpActions, now);

  const plan = incident.planVersionId ? await q.findPlanVersion(tx, incident.planVersionId) : null;
  const figures = input.finalFigures;
  const updated = await q.updateIncidentAt(tx, incident.id, input.version, {
    ...figures,
    suggestedLevel: plan ? (suggestLevel(plan.version.content, figures)?.level ?? null) : null,
    status: "closed",
    closedAt: now,
    closedBy: actor.accountId,
    outcome: input.outcome,
    updatedAt: now,
  });
  if (!updated) throw staleVersion();

  const deadlines = await findDeadlinesOf(tx, q.INCIDENT_SUBJECT, incident.id);
  const tasks = await q.findTasks(tx, incident.id);
  const timings = computeTimings(deadlines, new Map(tasks.map(({ task }) => [task.id, task.title])), now);
  let cancelledDeadlines = 0;
  for (const row of deadlines.filter(isOutstanding)) if (await cancelDeadline(tx, row.id, now)) cancelledDeadlines += 1;
  const events: IncidentEventDetail[] = [];
  for (const { task } of tasks.filter(({ task }) => OPEN_TASK.includes(task.status as TaskStatus))) {
    await q.updateTaskAt(tx, task.id, task.version, { status: "cancelled", updatedAt: now });
    events.push({ kind: "task_changed", taskId: task.id, title: task.title, from: task.status as TaskStatus, to: "cancelled", notes: null });
  }

  const reviewId = randomUUID();
  const taskIds = followUps.map(() => randomUUID());
  const review = await rq.insertReview(tx, {
    id: reviewId,
    incidentId: incident.id,
    closedAt: now,
    closedBy: actor.accountId,
    closedByName: actor.displayName,
    outcome: input.outcome,
    figures,
    summary: input.review.summary,
    lessons: input.review.lessons,
    followUpActions: followUps.map((action, index) => ({ taskId: taskIds[index]!, ...action })),
    timings,
  });
  const level = updated.level!;
  const scheduled = await scheduleDeadlines(
    tx,
    followUps.map((action, index) => ({
      kind: DEADLINE_KIND.task,
      subjectType: q.INCIDENT_SUBJECT,
      subjectId: incident.id,
      orgId: incident.orgId,
      dueAt: new Date(action.dueAt),
      payload: { level, taskId: taskIds[index] },
    })),
    now,
  );
  for (const [index, action] of followUps.entries()) {
    await q.insertTask(tx, {
      id: taskIds[index]!,
      incidentId: incident.id,
      groupId: action.groupId,
      assigneeId: action.assigneeId,
      reviewId,
      level,
      title: action.title,
      description: null,
      dueAt: new Date(action.dueAt),
      deadlineId: scheduled[index]!.id,
      createdAt: now,
      updatedAt: now,
    });
  }

  const figureChanges = REPORT_FIGURES.flatMap((field) => (incident[field] !== figures[field] ? [{ field, from: incident[field], to: figures[field] }] : []));
  await appendToTimeline(tx, incident.id, actor, now, [
    ...events,
    { kind: "closed", reviewId, outcome: input.outcome, figures: figureChanges, cancelledDeadlines, followUpTasks: followUps.length },
    ...scheduled.map((row) => ({ kind: "deadline_created" as const, deadlineId: row.id, deadlineKind: "task" as const, level: level as SeverityLevel, dueAt: row.dueAt.toISOString() })),
    ...followUps.map((action, index) => ({ kind: "task_created" as const, taskId: taskIds[index]!, title: action.title, dueAt: action.dueAt })),
  ]);
  await publishEvent(tx, { type: "incident.updated", orgId: incident.orgId, incidentId: incident.id, ownerId: incident.reportedBy, at: now });
  await writeAudit(tx, { actor, clock }, {
    action: "incident.close",
    orgId: org.id,
    recordType: "incident",
    recordId: incident.id,
    detail: { reviewId: review.id, cancelledDeadlines, cancelledTasks: events.length, followUpTasks: followUps.length },
  });
  return incidentView(tx, { incident: updated, org }, now);
}

/**
 * Reopens a closed incident, with the reason on the timeline. What the closing ended stays
 * ended, and its review stays as written; closing again writes a new one.
 */
export async function reopenIncident({ actor, input, tx, clock }: Action<ReopenIncidentInput & { id: string }>) {
  const found = await loadForClosure(tx, actor, input.id, "reopen");
  if (found.incident.status !== "closed") throw conflict("incident.notClosed");
  const now = clock.now();
  const updated = await q.updateIncidentAt(tx, found.incident.id, input.version, { status: "open", closedAt: null, closedBy: null, outcome: null, updatedAt: now });
  if (!updated) throw staleVersion();
  await appendToTimeline(tx, found.incident.id, actor, now, [{ kind: "reopened", reason: input.reason }]);
  await publishEvent(tx, { type: "incident.updated", orgId: found.incident.orgId, incidentId: found.incident.id, ownerId: found.incident.reportedBy, at: now });
  await writeAudit(tx, { actor, clock }, { action: "incident.reopen", orgId: found.org.id, recordType: "incident", recordId: found.incident.id, reason: input.reason });
  return incidentView(tx, { incident: updated, org: found.org }, now);
}

/** The reviews of every closing of the incident, the latest first. */
export async function listReviews({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadIncident(tx, actor, input.id, "read");
  requireAccess(actor, closurePolicy, "read", guardOf(found));
  return (await rq.findReviewsOf(tx, found.incident.id)).map(presentReview);
}
