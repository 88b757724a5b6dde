// Plan activation: what the response of a level (预案响应) sets going for an incident.
import { randomUUID } from "node:crypto";
import type { IncidentEventDetail } from "@shared/incidents/schemas.ts";
import type { PlanContent, SeverityLevel } from "@shared/plans/schemas.ts";
import type { Db } from "../../db/client.ts";
import { type NewDeadline, scheduleDeadlines } from "../../deadlines/deadlines.ts";
import type { Actor } from "../../policy/actor.ts";
import { notifyPeople, targetsOf } from "../notifications/notify.ts";
import { responseText } from "../notifications/texts.ts";
import { DEADLINE_KIND, type IncidentDeadlinePayload, incidentDeadlineKind, payloadOf } from "./incident-deadlines.ts";
import { INCIDENT_SUBJECT, type IncidentWithOrg, findPlanOrgPath, insertTask } from "./queries.ts";
import { appendToTimeline } from "./timeline.ts";

const minutesAfter = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);

/**
 * Creates the deadlines and tasks of `level`'s response, counted from `now`, notifies its
 * people, and writes it all to the timeline. Escalation steps follow one another: step 2 is
 * reached when step 1 has not acknowledged within its minutes, so its own minutes count from
 * there, and every step's deadline is known (and shown counting down) from the start.
 *
 * Reached now, as step 1 of the escalation: whoever is on duty at the incident's org, the
 * roles and groups the level's response names, and step 1's own targets, each person once.
 * The first of them to acknowledge meets step 1; if nobody does in time, the scheduler
 * reaches step 2 (incident-deadlines.ts).
 */
export async function runLevelResponse(tx: Db, args: { found: IncidentWithOrg; content: PlanContent; level: SeverityLevel; now: Date; actor: Actor }) {
  const { found, level, now, actor } = args;
  const { incident } = found;
  const response = args.content.levels[level].response;
  const deadline = (kind: keyof typeof DEADLINE_KIND, dueAt: Date, payload: IncidentDeadlinePayload): NewDeadline => ({
    kind: DEADLINE_KIND[kind],
    subjectType: INCIDENT_SUBJECT,
    subjectId: incident.id,
    orgId: incident.orgId,
    dueAt,
    payload: { ...payload },
  });

  let stepDue = now;
  const rows = response.escalation.map((step, index) => {
    stepDue = minutesAfter(stepDue, step.ackWithinMinutes);
    return deadline("acknowledgement", stepDue, { level, step: index + 1, notify: step.notify, ackWithinMinutes: step.ackWithinMinutes });
  });
  for (const report of response.reports) {
    rows.push(deadline("report", minutesAfter(now, report.initialWithinMinutes), { level, to: report.to, followUpEveryMinutes: report.followUpEveryMinutes }));
  }
  for (const onSite of response.onSite) {
    rows.push(deadline("on_site", minutesAfter(now, onSite.withinMinutes), { level, role: onSite.role, who: onSite.who }));
  }
  // A task and its deadline name each other, so the task's id is chosen here.
  const tasks = response.tasks.map((template) => ({ id: randomUUID(), template, dueAt: minutesAfter(now, template.dueWithinMinutes) }));
  for (const task of tasks) rows.push(deadline("task", task.dueAt, { level, taskId: task.id }));

  const created = await scheduleDeadlines(tx, rows, now);
  const deadlineOfTask = new Map(created.flatMap((row) => (row.payload.taskId ? [[row.payload.taskId as string, row.id]] : [])));
  for (const task of tasks) {
    await insertTask(tx, {
      id: task.id,
      incidentId: incident.id,
      groupId: task.template.groupId,
      level,
      title: task.template.title,
      description: task.template.description,
      dueAt: task.dueAt,
      deadlineId: deadlineOfTask.get(task.id)!,
      createdAt: now,
      updatedAt: now,
    });
  }

  const firstStep = created.find((row) => row.kind === DEADLINE_KIND.acknowledgement && payloadOf(row).step === 1) ?? null;
  const planOrgPath = (incident.planId ? await findPlanOrgPath(tx, incident.planId) : undefined) ?? found.org.path;
  const step1 = response.escalation[0]?.notify;
  const targets = { roles: [...response.notify.roles, ...(step1?.roles ?? [])], groupIds: [...response.notify.groupIds, ...(step1?.groupIds ?? [])] };
  const notified = await notifyPeople(tx, {
    kind: "incident_response",
    recipients: await targetsOf(tx, { targets, orgPath: found.org.path, planOrgPath, onDutyOf: { org: found.org, at: now } }),
    ...responseText({ orgName: found.org.name, title: incident.title, place: incident.place, occurredAt: incident.occurredAt }, level),
    orgId: incident.orgId,
    incidentId: incident.id,
    level,
    deadlineId: firstStep?.id ?? null,
    now,
  });

  const events: IncidentEventDetail[] = [
    { kind: "notified", notificationKind: "incident_response", level, step: firstStep ? 1 : null, taskId: null, recipients: notified.recipients.map((r) => ({ id: r.id, name: r.displayName })) },
    ...created.map((row) => ({ kind: "deadline_created" as const, deadlineId: row.id, deadlineKind: incidentDeadlineKind(row), level, dueAt: row.dueAt.toISOString() })),
    ...tasks.map((task) => ({ kind: "task_created" as const, taskId: task.id, title: task.template.title, dueAt: task.dueAt.toISOString() })),
  ];
  await appendToTimeline(tx, incident.id, actor, now, events);
  return { deadlines: created.length, tasks: tasks.length, notified: notified.notifications.length };
}
