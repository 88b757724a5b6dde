// Reports upward (信息报告): drafted from the incident, edited, approved by a leader, sent to
// the parent org. Sending meets the plan's report deadlines and keeps the follow-up rhythm.
import type { CreateReportInput, ReportContent, ReportVersionInput, UpdateReportInput } from "@shared/incidents/report-schemas.ts";
import type { IncidentEventDetail, IncidentReportKind } from "@shared/incidents/schemas.ts";
import type { SeverityLevel } from "@shared/plans/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import { type DeadlineRow, findDeadlinesOf, isOutstanding, meetDeadline, scheduleDeadlines } from "../../deadlines/deadlines.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { conflict, forbidden, invalidField, notFound, staleVersion } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { publishEvent } from "../../realtime/publish.ts";
import { notifyPeople, targetsOf } from "../notifications/notify.ts";
import { findOrg } from "../orgs/queries.ts";
import { followUpNoOf } from "./closure-timings.ts";
import { DEADLINE_KIND, incidentDeadlineKind, payloadOf } from "./incident-deadlines.ts";
import * as q from "./queries.ts";
import { draftContent, reportKindName, reportTitle } from "./report-draft.ts";
import { renderReportDocument } from "./report-document.ts";
import { type ReportPolicyAction, reportPolicy } from "./report-policy.ts";
import * as rq from "./report-queries.ts";
import { presentReview } from "./closure-present.ts";
import { guardOf, loadIncident } from "./service.ts";
import { appendToTimeline } from "./timeline.ts";
import { findAccountNames } from "../accounts/queries.ts";

/** Loads the incident (404 out of reach) and checks the report action on its org. */
async function loadForReport(tx: Db, actor: Actor, id: string, action: ReportPolicyAction) {
  const found = await loadIncident(tx, actor, id, "read");
  requireAccess(actor, reportPolicy, action, guardOf(found));
  return found;
}

async function loadReport(tx: Db, actor: Actor, input: { id: string; reportId: string }, action: ReportPolicyAction) {
  const found = await loadForReport(tx, actor, input.id, action);
  const report = await rq.findReport(tx, found.incident.id, input.reportId);
  if (!report) throw notFound();
  return { ...found, report };
}

/** A report with what its page shows: the orgs and people it names, and a final report's review. */
export async function reportView(tx: Db, found: q.IncidentWithOrg, report: rq.IncidentReportRow) {
  const names = await findAccountNames(tx, [report.createdBy, report.approvedBy, report.sentBy]);
  const orgNames = await rq.findOrgNames(tx, [report.fromOrgId, report.toOrgId].filter((id): id is string => id !== null));
  const reviews = report.reviewId ? await rq.findReviewsOf(tx, report.incidentId) : [];
  const review = reviews.find((row) => row.id === report.reviewId);
  /** A final report reports the incident's last closing; one drafted before a reopening is outdated. */
  const outdated = review !== undefined && reviews[0]!.id !== review.id;
  return { ...found, report, names, orgNames, review: review ? presentReview(review) : null, outdated };
}
export type ReportView = Awaited<ReturnType<typeof reportView>>;

const audit = (args: Pick<Action<unknown>, "actor" | "clock" | "tx">, action: string, found: q.IncidentWithOrg, detail: Record<string, unknown>) =>
  writeAudit(args.tx, args, { action, orgId: found.org.id, recordType: "incident", recordId: found.incident.id, detail });

/**
 * Drafts a report from the incident as it stands. One initial report per incident; a
 * follow-up once the initial one has gone up, numbered in order; a final report once the
 * incident is closed, one per closing, carrying that closing's review.
 */
export async function createReport({ actor, input, tx, clock }: Action<CreateReportInput & { id: string }>) {
  const loaded = await loadForReport(tx, actor, input.id, "draft");
  // Numbering and the one-initial rule are decided under the incident's lock.
  await rq.lockIncident(tx, loaded.incident.id);
  const found = (await q.findIncident(tx, loaded.incident.id))!;
  const { incident, org } = found;
  const numbering = await rq.reportNumbering(tx, incident.id);
  let sequence: number | null = null;
  let reviewId: string | null = null;
  if (input.kind === "final") {
    if (incident.status !== "closed") throw conflict("report.finalNeedsClosure");
    const [review] = await rq.findReviewsOf(tx, incident.id);
    if (await rq.findFinalReportOf(tx, review!.id)) throw conflict("report.finalExists");
    reviewId = review!.id;
  } else {
    if (incident.status === "closed") throw conflict("incident.closed");
    if (input.kind === "initial" && numbering.initial) throw conflict("report.initialExists");
    if (input.kind === "follow_up") {
      if (!numbering.initialSent) throw conflict("report.initialNotSent");
      sequence = numbering.lastFollowUp + 1;
    }
  }
  const now = clock.now();
  const phone = await rq.findAccountPhone(tx, actor.accountId);
  const report = await rq.insertReport(tx, {
    incidentId: incident.id,
    kind: input.kind,
    sequence,
    reviewId,
    status: "draft",
    title: reportTitle(org.name, incident.title, input.kind, sequence),
    content: draftContent(incident, org.name, { displayName: actor.displayName, phone }),
    fromOrgId: org.id,
    createdBy: actor.accountId,
    createdAt: now,
    updatedAt: now,
  });
  await appendToTimeline(tx, incident.id, actor, now, [{ kind: "report_drafted", reportId: report.id, reportKind: input.kind, sequence }]);
  await audit({ actor, clock, tx }, "incident.report.draft", found, { reportId: report.id, kind: input.kind, sequence });
  return reportView(tx, found, report);
}

/** Edits a draft; an approved or sent report no longer changes. */
export async function updateReport({ actor, input, tx, clock }: Action<UpdateReportInput & { id: string; reportId: string }>) {
  const { report, ...found } = await loadReport(tx, actor, input, "draft");
  if (report.status !== "draft") throw conflict("report.notDraft");
  const edits = Object.entries(input.content ?? {}).filter(([, value]) => value !== undefined);
  const fields = [
    ...(input.title !== undefined && input.title !== report.title ? ["title"] : []),
    ...edits.filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(report.content[field as keyof ReportContent])).map(([field]) => field),
  ];
  if (input.title === undefined && edits.length === 0) throw invalidField("content", "report.nothingChanged");
  const now = clock.now();
  const updated = await rq.updateReportAt(tx, report.id, input.version, {
    ...(input.title !== undefined ? { title: input.title } : {}),
    content: { ...report.content, ...Object.fromEntries(edits) },
    updatedAt: now,
  });
  if (!updated) throw staleVersion();
  await appendToTimeline(tx, found.incident.id, actor, now, [{ kind: "report_edited", reportId: report.id, reportKind: report.kind as IncidentReportKind, fields }]);
  await audit({ actor, clock, tx }, "incident.report.update", found, { reportId: report.id, fields });
  return reportView(tx, found, updated);
}

/** A leader approves (签发) a draft: it becomes the signer, and the text is settled. */
export async function approveReport({ actor, input, tx, clock }: Action<ReportVersionInput & { id: string; reportId: string }>) {
  const { report, ...found } = await loadReport(tx, actor, input, "approve");
  if (report.status !== "draft") throw conflict("report.notDraft");
  const now = clock.now();
  const updated = await rq.updateReportAt(tx, report.id, input.version, {
    status: "approved",
    approvedBy: actor.accountId,
    approvedAt: now,
    content: { ...report.content, signer: actor.displayName },
    updatedAt: now,
  });
  if (!updated) throw staleVersion();
  await appendToTimeline(tx, found.incident.id, actor, now, [{ kind: "report_approved", reportId: report.id, reportKind: report.kind as IncidentReportKind }]);
  await audit({ actor, clock, tx }, "incident.report.approve", found, { reportId: report.id });
  return reportView(tx, found, updated);
}

const minutesAfter = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);

/**
 * Every report that goes up meets the report deadlines still outstanding: the initial one,
 * a raised level's initial one, the follow-up that was due. Where the plan asks for follow-ups
 * every N minutes, the next one is due N minutes after this report, once per recipient.
 */
async function meetReportDeadlines(tx: Db, incident: q.IncidentRow, sentAt: Date, followUpNo: number) {
  const outstanding = (await findDeadlinesOf(tx, q.INCIDENT_SUBJECT, incident.id)).filter((row) => isOutstanding(row) && incidentDeadlineKind(row) === "report");
  const met: DeadlineRow[] = [];
  for (const row of outstanding) {
    const done = await meetDeadline(tx, row.id, sentAt);
    if (done) met.push(done);
  }
  const rhythms = new Map<string, { level: string; to: string; every: number }>();
  for (const row of met) {
    const { level, to, followUpEveryMinutes } = payloadOf(row);
    if (to && followUpEveryMinutes && !rhythms.has(to)) rhythms.set(to, { level, to, every: followUpEveryMinutes });
  }
  const scheduled = await scheduleDeadlines(
    tx,
    [...rhythms.values()].map((rhythm) => ({
      kind: DEADLINE_KIND.report,
      subjectType: q.INCIDENT_SUBJECT,
      subjectId: incident.id,
      orgId: incident.orgId,
      dueAt: minutesAfter(sentAt, rhythm.every),
      payload: { level: rhythm.level, to: rhythm.to, followUpEveryMinutes: rhythm.every, followUpNo },
    })),
    sentAt,
  );
  const events: IncidentEventDetail[] = [
    ...met.map((row) => ({ kind: "deadline_met" as const, deadlineId: row.id, deadlineKind: "report" as const, metAt: sentAt.toISOString(), late: sentAt > row.dueAt, note: null })),
    ...scheduled.map((row) => ({ kind: "deadline_created" as const, deadlineId: row.id, deadlineKind: "report" as const, level: payloadOf(row).level, dueAt: row.dueAt.toISOString() })),
  ];
  return { events, met: met.length, scheduled: scheduled.map((row) => ({ id: row.id, dueAt: row.dueAt, followUpNo: followUpNoOf(row) })) };
}

/**
 * Sends an approved report to the parent of the incident's org: it appears in that org's
 * inbox. A final report goes up only for a closed incident, the others only before closing.
 */
export async function sendReport({ actor, input, tx, clock }: Action<ReportVersionInput & { id: string; reportId: string }>) {
  const { report, ...found } = await loadReport(tx, actor, input, "send");
  const { incident, org } = found;
  if (report.status === "draft") throw conflict("report.notApproved");
  if (report.status === "sent") throw conflict("report.alreadySent");
  if (report.kind === "final" && incident.status !== "closed") throw conflict("report.finalNeedsClosure");
  // A final report drafted before a reopening reports a closing that is no longer the last.
  if (report.kind === "final" && (await rq.findReviewsOf(tx, incident.id))[0]?.id !== report.reviewId) throw conflict("report.finalOutdated");
  if (report.kind !== "final" && incident.status === "closed") throw conflict("incident.closed");
  const parent = org.parentId ? await findOrg(tx, org.parentId) : undefined;
  if (!parent) throw conflict("report.noParentOrg");
  const now = clock.now();
  const updated = await rq.updateReportAt(tx, report.id, input.version, { status: "sent", sentBy: actor.accountId, sentAt: now, toOrgId: parent.id, updatedAt: now });
  if (!updated) throw staleVersion();
  const deadlines = report.kind === "final" ? { events: [], met: 0, scheduled: [] } : await meetReportDeadlines(tx, incident, now, (report.sequence ?? 0) + 1);
  // The parent's duty officers learn of it: whoever is on its shift now, and its accounts with the duty role.
  const recipients = await targetsOf(tx, { targets: { roles: ["duty"], groupIds: [] }, orgPath: parent.path, planOrgPath: parent.path, onDutyOf: { org: parent, at: now } });
  const notified = await notifyPeople(tx, {
    kind: "report_received",
    recipients,
    title: updated.title,
    body: `${org.name}报送${reportKindName(report.kind as IncidentReportKind, report.sequence)}：${incident.title}`,
    orgId: incident.orgId,
    incidentId: incident.id,
    level: incident.level as SeverityLevel | null,
    now,
  });
  await appendToTimeline(tx, incident.id, actor, now, [
    { kind: "report_sent", reportId: report.id, reportKind: report.kind as IncidentReportKind, sequence: report.sequence, toOrgId: parent.id, toOrgName: parent.name },
    ...(notified.recipients.length > 0
      ? [{ kind: "notified" as const, notificationKind: "report_received" as const, level: incident.level as SeverityLevel | null, step: null, taskId: null, recipients: notified.recipients.map((r) => ({ id: r.id, name: r.displayName })) }]
      : []),
    ...deadlines.events,
  ]);
  await publishEvent(tx, { type: "incident.updated", orgId: incident.orgId, incidentId: incident.id, ownerId: incident.reportedBy, at: now });
  await audit({ actor, clock, tx }, "incident.report.send", found, { reportId: report.id, toOrgId: parent.id, deadlinesMet: deadlines.met, followUpsScheduled: deadlines.scheduled.length });
  return reportView(tx, found, updated);
}

export async function getReport({ actor, input, tx }: Action<{ id: string; reportId: string }>) {
  const { report, ...found } = await loadReport(tx, actor, input, "read");
  return reportView(tx, found, report);
}

export async function listReports({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadForReport(tx, actor, input.id, "read");
  const rows = await rq.findReportsOf(tx, found.incident.id);
  const orgNames = await rq.findOrgNames(tx, [...new Set(rows.flatMap((row) => (row.toOrgId ? [row.fromOrgId, row.toOrgId] : [row.fromOrgId])))]);
  return { ...found, rows, orgNames };
}

/** Reports sent to the caller's own org (what the orgs below reported up to it), newest first. */
export async function listReportInbox({ actor, input, tx }: Action<{ offset: number; limit: number }>) {
  if (!authorize(actor, reportPolicy, "read", { orgPath: actor.orgPath })) throw forbidden();
  const page = await rq.listInbox(tx, actor.orgId, input);
  const org = await findOrg(tx, actor.orgId);
  return { ...page, org: org! };
}

/** The report as a Word document in the official layout; dated when sent, else approved, else today. */
export async function exportReport({ actor, input, tx, clock }: Action<{ id: string; reportId: string }>) {
  const { report, ...found } = await loadReport(tx, actor, input, "read");
  const view = await reportView(tx, found, report);
  const document = await renderReportDocument({
    title: report.title,
    incidentTitle: found.incident.title,
    content: report.content,
    review: view.review,
    date: report.sentAt ?? report.approvedAt ?? clock.now(),
  });
  await audit({ actor, clock, tx }, "incident.report.export", found, { reportId: report.id });
  return { title: report.title, document };
}
