// The live board (值班大屏): one org's open incidents with their deadlines counting down, who
// is on duty, and what still waits for acknowledgement. The web client re-reads it when a
// live event says something changed.
import type { LiveBoard, LiveBoardDeadline } from "@shared/live/schemas.ts";
import { ROLE_LABELS } from "@shared/roles.ts";
import { type DeadlineRow, findDeadlinesOfEach } from "../deadlines/deadlines.ts";
import type { ActionArgs as Action } from "../http/action.ts";
import { notFound } from "../http/errors.ts";
import { authorize } from "../policy/authorize.ts";
import { resolveOnDuty } from "../modules/duty/on-duty.ts";
import { incidentDeadlineKind, payloadOf } from "../modules/incidents/incident-deadlines.ts";
import { INCIDENT_SUBJECT, findTasksOfEach } from "../modules/incidents/queries.ts";
import { countUnacknowledged, countUnacknowledgedByIncident } from "../modules/notifications/queries.ts";
import { orgPolicy } from "../modules/orgs/policy.ts";
import { findOrg } from "../modules/orgs/queries.ts";
import { findBoardIncidents, findGroupNames } from "./queries.ts";

const BOARD_INCIDENTS_MAX = 100;
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The plan's words for a deadline, as the duty room says them. */
function labelOf(row: DeadlineRow, taskTitles: Map<string, string>, groupNames: Map<string, string>): string {
  const payload = payloadOf(row);
  switch (incidentDeadlineKind(row)) {
    case "acknowledgement": {
      const whom = [...(payload.notify?.roles ?? []).map((role) => ROLE_LABELS[role].zh), ...(payload.notify?.groupIds ?? []).map((id) => groupNames.get(id) ?? "")];
      return `第${payload.step}步签收：${whom.filter(Boolean).join("、")}`;
    }
    case "report":
      return `首报：${payload.to ?? ""}`;
    case "on_site":
      return `到场：${payload.who ?? (payload.role ? ROLE_LABELS[payload.role].zh : "")}`;
    case "task":
      return taskTitles.get(payload.taskId ?? "") ?? "";
  }
}

export async function getLiveBoard({ actor, input, tx, clock }: Action<{ orgId?: string | undefined }>): Promise<LiveBoard> {
  const org = await findOrg(tx, input.orgId ?? actor.orgId);
  if (!org || !authorize(actor, orgPolicy, "read", { orgPath: org.path })) throw notFound();
  const now = clock.now();
  const rows = await findBoardIncidents(tx, actor, org.path, BOARD_INCIDENTS_MAX);
  const ids = rows.map(({ incident }) => incident.id);
  const unacknowledged = await countUnacknowledgedByIncident(tx, ids);
  // One query each for all the incidents' deadlines and tasks: a board of a hundred is not 200 more.
  const deadlinesOf = await findDeadlinesOfEach(tx, INCIDENT_SUBJECT, ids);
  const tasksOf = await findTasksOfEach(tx, ids);
  const groupNames = await findGroupNames(tx, [...deadlinesOf.values()].flatMap((list) => list.flatMap((row) => payloadOf(row).notify?.groupIds ?? [])));
  return {
    org: { id: org.id, name: org.name },
    onDuty: await resolveOnDuty(tx, org, now),
    incidents: rows.map(({ incident, orgName }) => {
      const deadlines = deadlinesOf.get(incident.id) ?? [];
      const tasks = tasksOf.get(incident.id) ?? [];
      const taskTitles = new Map(tasks.map(({ task }) => [task.id, task.title]));
      return {
        id: incident.id,
        title: incident.title,
        orgName,
        category: incident.category as LiveBoard["incidents"][number]["category"],
        level: incident.level as LiveBoard["incidents"][number]["level"],
        status: incident.status as LiveBoard["incidents"][number]["status"],
        reportedAt: incident.reportedAt.toISOString(),
        deadlines: deadlines.map(
          (row): LiveBoardDeadline => ({
            id: row.id,
            kind: incidentDeadlineKind(row),
            label: labelOf(row, taskTitles, groupNames),
            step: payloadOf(row).step ?? null,
            dueAt: row.dueAt.toISOString(),
            status: row.status as LiveBoardDeadline["status"],
            firedAt: iso(row.firedAt),
            metAt: iso(row.metAt),
          }),
        ),
        unacknowledgedNotifications: unacknowledged.get(incident.id) ?? 0,
        overdueTasks: tasks.filter(({ task }) => (task.status === "open" || task.status === "in_progress") && task.dueAt <= now).length,
      };
    }),
    unacknowledgedNotifications: await countUnacknowledged(tx, actor.accountId),
  };
}
