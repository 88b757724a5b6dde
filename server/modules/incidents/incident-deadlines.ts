// The deadlines an incident's response creates, and what happens when one passes unmet.
import type { IncidentDeadlineKind } from "@shared/incidents/schemas.ts";
import type { NotifyTargets, SeverityLevel } from "@shared/plans/schemas.ts";
import type { Role } from "@shared/roles.ts";
import type { DeadlineRow } from "../../deadlines/deadlines.ts";
import type { DeadlineHandler, DeadlineHandlers } from "../../deadlines/scheduler.ts";
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
  /** Acknowledgement: the escalation step (1 = first) and whom it notifies. */
  step?: number;
  notify?: NotifyTargets;
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
 * The others are met by the act itself: a task by its status; the report upward and the
 * acknowledgements, in later parts, by the reports and notifications modules calling
 * `meetDeadline` when a report is sent or a notification acknowledged.
 */
export const MET_BY_STATEMENT: readonly IncidentDeadlineKind[] = ["on_site"];

/**
 * A deadline passed unmet: the timeline says so, and the deadline stays visible as overdue.
 * Escalating to the next step's people is the notifications module's part, which will add
 * to this handler.
 */
const markOverdue: DeadlineHandler = async ({ tx, deadline, now }) => {
  await appendToTimeline(tx, deadline.subjectId, null, now, [
    { kind: "deadline_overdue", deadlineId: deadline.id, deadlineKind: incidentDeadlineKind(deadline), dueAt: deadline.dueAt.toISOString() },
  ]);
};

export const incidentDeadlineHandlers: DeadlineHandlers = Object.fromEntries(Object.values(DEADLINE_KIND).map((kind) => [kind, markOverdue]));
