// A new report reaches the duty room at once, before anyone has decided its level, and the
// duty room receives it (签收): the first acknowledgement of the report's notification by any
// of the people reached, or the level's confirmation, whichever comes first. The filer sees
// when and by whom, so a reporter in the field knows the report did not go unread.
import type { IncidentEventDetail } from "@shared/incidents/schemas.ts";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../policy/actor.ts";
import { publishEvents } from "../../realtime/publish.ts";
import { notifyPeople, onDutyPeople } from "../notifications/notify.ts";
import { acknowledge, findAccountsWithRoles, findUnacknowledgedOfIncident } from "../notifications/queries.ts";
import { reportedText } from "../notifications/texts.ts";
import { type GoverningPlan, type IncidentWithOrg, markReceived } from "./queries.ts";
import { appendToTimeline } from "./timeline.ts";

/**
 * Whoever is on duty now at the incident's org (its own shift, else its nearest ancestor's).
 * With no shift anywhere above it, the duty officers of the org and of the orgs above it up to
 * the governing plan's org (or the org alone, without a plan): a report is never left with
 * no one to read it. The filer is not told of their own report.
 */
async function duty(tx: Db, found: IncidentWithOrg, plan: GoverningPlan | null, filerId: string, now: Date): Promise<string[]> {
  const onDuty = await onDutyPeople(tx, found.org, now);
  const people = onDuty.length > 0 ? onDuty : await findAccountsWithRoles(tx, ["duty"], found.org.path, plan?.orgPath ?? found.org.path);
  return people.filter((id) => id !== filerId);
}

/**
 * Called in the report's transaction: the duty room's screens ring with the new report.
 * Returns the timeline entry that names who was told, for the report to append with its own.
 */
export async function notifyNewReport(tx: Db, args: { found: IncidentWithOrg; plan: GoverningPlan | null; actor: Actor; now: Date }): Promise<IncidentEventDetail> {
  const { found, now } = args;
  const { incident, org } = found;
  const notified = await notifyPeople(tx, {
    kind: "incident_reported",
    recipients: await duty(tx, found, args.plan, args.actor.accountId, now),
    ...reportedText({ orgName: org.name, title: incident.title, place: incident.place, occurredAt: incident.occurredAt }, incident.reporterName ?? args.actor.displayName),
    orgId: incident.orgId,
    incidentId: incident.id,
    level: null,
    now,
  });
  return { kind: "notified", notificationKind: "incident_reported", level: null, step: null, taskId: null, recipients: notified.recipients.map((r) => ({ id: r.id, name: r.displayName })) };
}

/**
 * Records the receipt once: the row is updated only while unreceived, so of two people
 * receiving it at the same moment the second finds it received (an acknowledgement also
 * locks the row first, `lockIncident`, so that only one of them is recorded at all). The
 * report's notifications still waiting are answered with it, so they leave every other
 * screen of the duty room. Returns whether this call received it; the caller announces the
 * incident's change, in the event that says what else changed with it.
 */
export async function receiveIncident(tx: Db, args: { found: IncidentWithOrg; actor: Actor; at: Date }): Promise<boolean> {
  const { found, actor, at } = args;
  if (!(await markReceived(tx, found.incident.id, actor.accountId, at))) return false;
  const waiting = await findUnacknowledgedOfIncident(tx, found.incident.id, "incident_reported");
  const answered = await acknowledge(tx, waiting.map((row) => row.id), actor.accountId, at);
  await appendToTimeline(tx, found.incident.id, actor, at, [{ kind: "received" }]);
  await publishEvents(
    tx,
    answered.map((row) => ({ type: "notification.acknowledged" as const, orgId: row.orgId, incidentId: row.incidentId, recipientId: row.recipientId, notificationId: row.id, at })),
  );
  return true;
}
