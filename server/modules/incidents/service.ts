import {
  type IncidentEventDetail,
  REPORT_FIGURES,
  type ReportIncidentInput,
  type SetLevelInput,
  type SubtypesQuery,
  type UpdateIncidentInput,
} from "@shared/incidents/schemas.ts";
import { isFutureBeyondSkew } from "@shared/common.ts";
import { type EmergencyCategory, SEVERITY_LEVELS, type SeverityLevel } from "@shared/plans/schemas.ts";
import { type EventFigures, suggestLevel } from "@shared/plans/suggest-level.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import { type DeadlineRow, findDeadlinesOf } from "../../deadlines/deadlines.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { conflict, invalidField, notFound, staleVersion } from "../../http/errors.ts";
import type { MessageKey } from "../../http/messages.ts";
import type { Actor } from "../../policy/actor.ts";
import { requireAccess } from "../../policy/authorize.ts";
import { publishEvent } from "../../realtime/publish.ts";
import { loadTargetOrg } from "../orgs/target-org.ts";
import { type IncidentPolicyAction, incidentPolicy } from "./policy.ts";
import * as q from "./queries.ts";
import { notifyNewReport, receiveIncident } from "./receipt.ts";
import { runLevelResponse } from "./response.ts";
import { appendToTimeline } from "./timeline.ts";
import { personNamed } from "../accounts/present.ts";
import { findAccountNames } from "../accounts/queries.ts";

/** Loads an incident and checks the action on it, from the stored org and filer. */
export async function loadIncident(tx: Db, actor: Actor, id: string, action: IncidentPolicyAction) {
  const found = await q.findIncident(tx, id);
  if (!found) throw notFound();
  requireAccess(actor, incidentPolicy, action, guardOf(found));
  return found;
}

export const guardOf = ({ incident, org }: q.IncidentWithOrg) => ({ orgPath: org.path, ownerId: incident.reportedBy });

/** A time someone states (occurred, arrived, met) may not lie in the future beyond a phone's clock error. */
export function checkNotFuture(field: string, stated: Date, now: Date, message: MessageKey) {
  if (isFutureBeyondSkew(stated, now)) throw invalidField(field, message);
}

/** What the incident's page shows beside its row. */
interface ViewParts {
  names: ReadonlyMap<string, string>;
  plan: q.GoverningPlan | null;
  deadlines: DeadlineRow[];
  tasks: Awaited<ReturnType<typeof q.findTasks>>;
}

/**
 * Everything the incident's page shows, read at `now` so overdue is judged by the app's clock.
 * A caller that already holds the parts (a report just filed) passes them instead of reading them.
 */
export async function incidentView(tx: Db, found: q.IncidentWithOrg, now: Date, known?: ViewParts) {
  const { incident } = found;
  const { names, plan, deadlines, tasks } = known ?? {
    names: await findAccountNames(tx, [incident.reportedBy, incident.receivedBy]),
    plan: incident.planVersionId ? await q.findPlanVersion(tx, incident.planVersionId) : null,
    deadlines: await findDeadlinesOf(tx, q.INCIDENT_SUBJECT, incident.id),
    tasks: await q.findTasks(tx, incident.id),
  };
  return { ...found, reportedBy: personNamed(names, incident.reportedBy)!, receivedBy: personNamed(names, incident.receivedBy), plan, deadlines, tasks, now };
}
export type IncidentView = Awaited<ReturnType<typeof incidentView>>;

const figuresOf = (facts: EventFigures): EventFigures => ({
  peopleInvolved: facts.peopleInvolved,
  deaths: facts.deaths,
  injuries: facts.injuries,
  economicLoss: facts.economicLoss,
});

const suggestFrom = (plan: q.GoverningPlan | null, facts: EventFigures): SeverityLevel | null =>
  plan ? (suggestLevel(plan.version.content, figuresOf(facts))?.level ?? null) : null;

/**
 * The plan an incident's level comes from: the version it runs under once opened (a plan
 * published since does not change a response under way), else the one governing its org and
 * category now.
 */
async function planFor(tx: Db, found: q.IncidentWithOrg): Promise<q.GoverningPlan | null> {
  const { incident, org } = found;
  if (incident.status !== "reported") return incident.planVersionId ? q.findPlanVersion(tx, incident.planVersionId) : null;
  return q.findGoverningPlan(tx, org.path, incident.category);
}

/** When the governing plan lists subtypes for the category, a subtype given must be one of them. */
function checkSubtype(plan: q.GoverningPlan | null, category: EmergencyCategory, subtype: string | null) {
  if (!plan || subtype === null) return;
  const listed = plan.version.content.categories.find((c) => c.category === category)?.subtypes ?? [];
  if (listed.length > 0 && !listed.includes(subtype)) throw invalidField("subtype", "incident.unknownSubtype");
}

/** Whoever may report for an org learns the subtypes its report may name, without reading the plan itself. */
const REPORTING = { own: "reportForOwnOrg", below: "reportForOrgBelow" } as const;

export async function listReportSubtypes({ actor, input, tx }: Action<SubtypesQuery>) {
  const org = await loadTargetOrg(tx, actor, input.orgId, incidentPolicy, REPORTING);
  const plan = await q.findGoverningPlan(tx, org.path, input.category);
  const items = plan?.version.content.categories.find((c) => c.category === input.category)?.subtypes ?? [];
  return { items, planTitle: plan?.version.title ?? null };
}

export async function reportIncident({ actor, input, tx, clock }: Action<ReportIncidentInput>) {
  const org = await loadTargetOrg(tx, actor, input.orgId, incidentPolicy, REPORTING);
  if (input.clientReportId) {
    const repeated = await q.findByClientReportId(tx, actor.accountId, input.clientReportId);
    if (repeated) return incidentView(tx, { incident: repeated, org }, clock.now());
  }
  const now = clock.now();
  const occurredAt = new Date(input.occurredAt);
  checkNotFuture("occurredAt", occurredAt, now, "incident.occurredInFuture");
  const plan = await q.findGoverningPlan(tx, org.path, input.category);
  checkSubtype(plan, input.category, input.subtype);
  const suggestedLevel = suggestFrom(plan, input);
  const { orgId: _orgId, occurredAt: _occurredAt, ...facts } = input;
  const incident = await q.insertIncident(tx, {
    ...facts,
    orgId: org.id,
    occurredAt,
    status: "reported",
    suggestedLevel,
    planId: plan?.planId ?? null,
    planVersionId: plan?.version.id ?? null,
    reportedBy: actor.accountId,
    reportedAt: now,
    updatedAt: now,
  });
  await publishEvent(tx, { type: "incident.reported", orgId: org.id, incidentId: incident.id, ownerId: incident.reportedBy, at: now });
  const notified = await notifyNewReport(tx, { found: { incident, org }, plan, actor, now });
  await appendToTimeline(tx, incident.id, actor, now, [{ kind: "reported", suggestedLevel }, notified]);
  await writeAudit(tx, { actor, clock }, {
    action: "incident.report",
    orgId: org.id,
    recordType: "incident",
    recordId: incident.id,
    detail: { category: input.category, suggestedLevel },
  });
  // A report just filed has no deadlines or tasks yet and no one has received it; its plan and filer are at hand.
  return incidentView(tx, { incident, org }, now, { names: new Map([[actor.accountId, actor.displayName]]), plan, deadlines: [], tasks: [] });
}

/** Reading the full record (the reporter's contact) by anyone but its filer is audited. */
export async function getIncident({ actor, input, tx, clock }: Action<{ id: string }>) {
  const found = await loadIncident(tx, actor, input.id, "read");
  if (found.incident.reportedBy !== actor.accountId) {
    await writeAudit(tx, { actor, clock }, { action: "incident.read", orgId: found.org.id, recordType: "incident", recordId: found.incident.id });
  }
  return incidentView(tx, found, clock.now());
}

/**
 * A later report (续报) with the facts as now known. Changed figures re-suggest the level;
 * the level itself changes only when someone confirms it (`setIncidentLevel`).
 */
export async function updateIncident({ actor, input, tx, clock }: Action<UpdateIncidentInput & { id: string }>) {
  const found = await loadIncident(tx, actor, input.id, "update");
  // A closed incident's facts are its final figures; a correction reopens it first.
  if (found.incident.status === "closed") throw conflict("incident.closed");
  const { incident } = found;
  const now = clock.now();
  const { id: _id, version, occurredAt: occurredText, ...facts } = input;
  const occurredAt = occurredText === undefined ? undefined : new Date(occurredText);
  if (occurredAt) checkNotFuture("occurredAt", occurredAt, now, "incident.occurredInFuture");

  const changed = { ...facts, ...(occurredAt ? { occurredAt } : {}) };
  const figures = REPORT_FIGURES.flatMap((field) => {
    const to = facts[field];
    return to !== undefined && to !== incident[field] ? [{ field, from: incident[field], to }] : [];
  });
  const fields = Object.entries(changed).flatMap(([field, value]) => {
    if (value === undefined || (REPORT_FIGURES as readonly string[]).includes(field)) return [];
    const before = incident[field as keyof typeof incident];
    const same = value instanceof Date && before instanceof Date ? value.getTime() === before.getTime() : value === before;
    return same ? [] : [field];
  });

  const plan = await planFor(tx, found);
  const suggestedLevel = suggestFrom(plan, { ...figuresOf(incident), ...Object.fromEntries(figures.map((f) => [f.field, f.to])) });
  const updated = await q.updateIncidentAt(tx, incident.id, version, {
    ...changed,
    suggestedLevel,
    ...(incident.status === "reported" ? { planId: plan?.planId ?? null, planVersionId: plan?.version.id ?? null } : {}),
    updatedAt: now,
  });
  if (!updated) throw staleVersion();
  await appendToTimeline(tx, incident.id, actor, now, [{ kind: "updated", figures, fields, suggestedLevel }]);
  await publishEvent(tx, { type: "incident.updated", orgId: incident.orgId, incidentId: incident.id, ownerId: incident.reportedBy, at: now });
  await writeAudit(tx, { actor, clock }, {
    action: "incident.update",
    orgId: found.org.id,
    recordType: "incident",
    recordId: incident.id,
    detail: { figures: figures.map((f) => f.field), fields, suggestedLevel },
  });
  return incidentView(tx, { incident: updated, org: found.org }, now);
}

const severity = (level: SeverityLevel) => SEVERITY_LEVELS.indexOf(level);

/**
 * Confirms or overrides the level. On a reported incident this opens it: the governing plan
 * is activated and its version recorded, and the response of the level starts (deadlines,
 * tasks). On an open one, raising the level starts the new level's response as well; what
 * the lower level set going keeps running. Lowering it starts nothing.
 */
export async function setIncidentLevel({ actor, input, tx, clock }: Action<SetLevelInput & { id: string }>) {
  const found = await loadIncident(tx, actor, input.id, "setLevel");
  if (found.incident.status === "closed") throw conflict("incident.closed");
  const { incident } = found;
  const previousLevel = incident.level as SeverityLevel | null;
  if (incident.status === "open" && input.level === previousLevel) throw conflict("incident.levelUnchanged");
  const plan = await planFor(tx, found);
  const suggestedLevel = suggestFrom(plan, incident);
  if (input.level !== suggestedLevel && !input.reason) throw invalidField("reason", "incident.reasonRequired");

  const now = clock.now();
  const opening = incident.status === "reported";
  const updated = await q.updateIncidentAt(tx, incident.id, input.version, {
    level: input.level,
    levelReason: input.reason,
    suggestedLevel,
    ...(opening ? { status: "open", openedAt: now, openedBy: actor.accountId, planId: plan?.planId ?? null, planVersionId: plan?.version.id ?? null } : {}),
    updatedAt: now,
  });
  if (!updated) throw staleVersion();

  // Deciding the level is reading the report: it is received, if nobody had yet.
  const received = opening && (await receiveIncident(tx, { found: { incident: updated, org: found.org }, actor, at: now }));
  const current = received ? { ...updated, receivedAt: now, receivedBy: actor.accountId } : updated;
  const events: IncidentEventDetail[] = [{ kind: "level_set", level: input.level, previousLevel, suggestedLevel, reason: input.reason }];
  if (opening) {
    events.push(
      plan
        ? { kind: "plan_activated", level: input.level, planId: plan.planId, planVersionId: plan.version.id, versionNo: plan.version.versionNo, title: plan.version.title }
        : { kind: "opened_without_plan", level: input.level },
    );
  }
  await appendToTimeline(tx, incident.id, actor, now, events);
  const raised = opening || severity(input.level) < severity(previousLevel!);
  const started = plan && raised ? await runLevelResponse(tx, { found: { incident: updated, org: found.org }, content: plan.version.content, level: input.level, now, actor }) : null;
  await publishEvent(tx, { type: opening ? "incident.opened" : "incident.updated", orgId: incident.orgId, incidentId: incident.id, ownerId: incident.reportedBy, at: now });
  await writeAudit(tx, { actor, clock }, {
    action: opening ? "incident.open" : "incident.level",
    orgId: found.org.id,
    recordType: "incident",
    recordId: incident.id,
    detail: { level: input.level, previousLevel, suggestedLevel, planVersionId: updated.planVersionId, deadlines: started?.deadlines ?? 0, tasks: started?.tasks ?? 0 },
    reason: input.reason,
  });
  return incidentView(tx, { incident: current, org: found.org }, now);
}

export async function addIncidentNote({ actor, input, tx, clock }: Action<{ id: string; text: string }>) {
  const found = await loadIncident(tx, actor, input.id, "addNote");
  const now = clock.now();
  await appendToTimeline(tx, found.incident.id, actor, now, [{ kind: "note", text: input.text }]);
  await publishEvent(tx, { type: "incident.updated", orgId: found.incident.orgId, incidentId: found.incident.id, ownerId: found.incident.reportedBy, at: now });
  await writeAudit(tx, { actor, clock }, { action: "incident.note", orgId: found.org.id, recordType: "incident", recordId: found.incident.id });
  return getTimelineOf(tx, found.incident.id);
}

export async function getIncidentTimeline({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadIncident(tx, actor, input.id, "read");
  return getTimelineOf(tx, found.incident.id);
}

const getTimelineOf = (tx: Db, incidentId: string) => q.findEvents(tx, incidentId);
