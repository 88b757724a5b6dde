// Plays the demonstration's incidents through the real service actions, as the people of the
// township would have: each act by its account, at its moment on a clock of the story's own,
// with the deadlines that fell due in between fired as the scheduler fires them. So the
// timelines, notifications, reports and reviews are what the product itself wrote.
import type { z } from "zod";
import type { CloseIncidentInput, CreateReportInput, UpdateReportInput } from "@shared/incidents/report-schemas.ts";
import { ReportIncidentInput, type TaskStatus, UpdateIncidentInput } from "@shared/incidents/schemas.ts";
import type { NotificationKind } from "@shared/notifications/schemas.ts";
import type { SeverityLevel } from "@shared/plans/schemas.ts";
import { manualClock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { findDeadlinesOf } from "../deadlines/deadlines.ts";
import { deadlineHandlers } from "../deadlines/handlers.ts";
import { runDue } from "../deadlines/scheduler.ts";
import { resolveOnDuty } from "../modules/duty/on-duty.ts";
import { closeIncident } from "../modules/incidents/closure-service.ts";
import { INCIDENT_SUBJECT, findIncident, findTasks } from "../modules/incidents/queries.ts";
import { findReport } from "../modules/incidents/report-queries.ts";
import { approveReport, createReport, sendReport, updateReport } from "../modules/incidents/report-service.ts";
import { recordOnSite, updateIncidentTask } from "../modules/incidents/response-service.ts";
import { addIncidentNote, reportIncident, setIncidentLevel, updateIncident } from "../modules/incidents/service.ts";
import { acknowledgeNotification } from "../modules/notifications/service.ts";
import { demoActors } from "./demo-actors.ts";

type ReportInput = Omit<z.input<typeof ReportIncidentInput>, "orgId">;
type ReportEdits = UpdateReportInput["content"];

/** A story of incidents played inside the loader's transaction, starting at `start`. */
export async function startStory(tx: Db, start: Date) {
  const clock = manualClock(start);
  const accounts = await tx.query.accounts.findMany();
  const orgs = await tx.query.orgs.findMany();
  const groups = await tx.query.groups.findMany();
  const usernameOf = (id: string) => accounts.find((a) => a.id === id)!.username;
  const actor = demoActors(accounts, orgs);
  const as = (username: string) => ({ actor: actor(username), tx, clock });
  /**
   * The incidents that may have a deadline to fire: one with none pending is not asked again
   * until an act that schedules deadlines (a level set, a report sent, a closing) is done to it.
   */
  const watched = new Set<string>();
  const version = async (id: string) => (await findIncident(tx, id))!.incident.version;

  return {
    clock,
    actor,
    orgId: (name: string) => orgs.find((org) => org.name === name)!.id,
    groupId: (name: string) => groups.find((group) => group.name === name)!.id,

    /** The officer and the leader the roster has on duty for the org at `at`: who took the call then. */
    async onDuty(orgId: string, at: Date) {
      const shift = (await resolveOnDuty(tx, orgs.find((org) => org.id === orgId)!, at)).shifts[0];
      if (!shift?.leader || shift.officers.length === 0) throw new Error(`nobody on duty at ${at.toISOString()}`);
      return { officer: usernameOf(shift.officers[0]!.id), leader: usernameOf(shift.leader.id) };
    },

    /**
     * Moves the story's clock to `to`, firing on the way every deadline of its incidents that
     * falls due, each at its own due moment, as the scheduler (polling every second) would.
     */
    async until(to: Date) {
      for (;;) {
        const pending = [];
        for (const id of watched) {
          const rows = (await findDeadlinesOf(tx, INCIDENT_SUBJECT, id)).filter((row) => row.status === "pending");
          if (rows.length === 0) watched.delete(id);
          pending.push(...rows);
        }
        const due = pending.filter((row) => row.dueAt <= to).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
        if (!due) break;
        if (due.dueAt > clock.now()) clock.set(due.dueAt);
        await runDue({ orm: tx }, deadlineHandlers, clock.now(), (error) => {
          throw error;
        });
      }
      if (to > clock.now()) clock.set(to);
    },

    async report(username: string, input: ReportInput) {
      const reporter = actor(username);
      const parsed = ReportIncidentInput.parse({ orgId: reporter.orgId, ...input });
      const view = await reportIncident({ ...as(username), input: parsed });
      return view.incident.id;
    },

    async setLevel(username: string, id: string, level: SeverityLevel, reason: string | null = null) {
      watched.add(id);
      await setIncidentLevel({ ...as(username), input: { id, version: await version(id), level, reason } });
    },

    async update(username: string, id: string, facts: Omit<UpdateIncidentInput, "version">) {
      await updateIncident({ ...as(username), input: { ...UpdateIncidentInput.parse({ ...facts, version: await version(id) }), id } });
    },

    async note(username: string, id: string, text: string) {
      await addIncidentNote({ ...as(username), input: { id, text } });
    },

    async onSite(username: string, id: string, note: string) {
      await recordOnSite({ ...as(username), input: { id, arrivedAt: null, note } });
    },

    /** Moves the plan's or the review's task of that title on, by a handler speaking for its group. */
    async task(username: string, id: string, title: string, status: TaskStatus, notes?: string) {
      const found = (await findTasks(tx, id)).find(({ task }) => task.title === title && (task.status === "open" || task.status === "in_progress"));
      if (!found) throw new Error(`no open task "${title}"`);
      await updateIncidentTask({ ...as(username), input: { id, taskId: found.task.id, version: found.task.version, status, ...(notes ? { notes } : {}) } });
    },

    /** The person's own notification of the incident of that kind, acknowledged (签收) now. */
    async acknowledge(username: string, id: string, kind: NotificationKind) {
      const recipient = actor(username);
      const notification = await tx.query.notifications.findFirst({
        where: (n, { and, eq, isNull }) => and(eq(n.incidentId, id), eq(n.recipientId, recipient.accountId), eq(n.kind, kind), isNull(n.acknowledgedAt)),
        orderBy: (n, { desc }) => desc(n.createdAt),
      });
      if (!notification) throw new Error(`${username} has no ${kind} notification to acknowledge`);
      await acknowledgeNotification({ ...as(username), input: { id: notification.id } });
    },

    /** Drafts a report (首报、续报、终报) from the incident as it stands, with the drafter's edits. */
    async draftReport(username: string, id: string, kind: CreateReportInput["kind"], edits?: ReportEdits) {
      const { report } = await createReport({ ...as(username), input: { id, kind } });
      if (edits) await updateReport({ ...as(username), input: { id, reportId: report.id, version: report.version, content: edits } });
      return report.id;
    },

    async approveReport(username: string, id: string, reportId: string) {
      await approveReport({ ...as(username), input: { id, reportId, version: (await findReport(tx, id, reportId))!.version } });
    },

    async sendReport(username: string, id: string, reportId: string) {
      watched.add(id);
      await sendReport({ ...as(username), input: { id, reportId, version: (await findReport(tx, id, reportId))!.version } });
    },

    /**
     * A report going up as the duty room sends one: drafted (with the drafter's edits) and sent
     * by the drafter unless another sends it, approved by a leader, each at its moment.
     */
    async reportUp(
      id: string,
      kind: CreateReportInput["kind"],
      people: { by: string; approvedBy: string; sentBy?: string },
      [drafted, approved, sent]: [Date, Date, Date],
      edits?: ReportEdits,
    ) {
      await this.until(drafted);
      const reportId = await this.draftReport(people.by, id, kind, edits);
      await this.until(approved);
      await this.approveReport(people.approvedBy, id, reportId);
      await this.until(sent);
      await this.sendReport(people.sentBy ?? people.by, id, reportId);
    },

    async close(username: string, id: string, closing: Omit<CloseIncidentInput, "version">) {
      watched.add(id);
      await closeIncident({ ...as(username), input: { ...closing, id, version: await version(id) } });
    },
  };
}

export type Story = Awaited<ReturnType<typeof startStory>>;
