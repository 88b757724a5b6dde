import type { IncidentReport, IncidentReportSummary, ReportAction, ReportStatus } from "@shared/incidents/report-schemas.ts";
import type { IncidentReportKind } from "@shared/incidents/schemas.ts";
import type { EmergencyCategory, SeverityLevel } from "@shared/plans/schemas.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions } from "../../policy/authorize.ts";
import type { IncidentRow } from "./queries.ts";
import type { IncidentReportRow } from "./report-queries.ts";
import { reportPolicy } from "./report-policy.ts";
import type { ReportView } from "./report-service.ts";
import { guardOf } from "./service.ts";
import { personNamed } from "../accounts/present.ts";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentReportSummary(report: IncidentReportRow, incident: IncidentRow, orgNames: ReadonlyMap<string, string>): IncidentReportSummary {
  return {
    id: report.id,
    incidentId: incident.id,
    incidentTitle: incident.title,
    category: incident.category as EmergencyCategory,
    level: incident.level as SeverityLevel | null,
    kind: report.kind as IncidentReportKind,
    sequence: report.sequence,
    status: report.status as ReportStatus,
    title: report.title,
    fromOrg: { id: report.fromOrgId, name: orgNames.get(report.fromOrgId) ?? "" },
    toOrg: report.toOrgId ? { id: report.toOrgId, name: orgNames.get(report.toOrgId) ?? "" } : null,
    createdAt: report.createdAt.toISOString(),
    sentAt: iso(report.sentAt),
    signer: report.content.signer,
    version: report.version,
  };
}

/**
 * The buttons that apply now: a draft is edited and approved; an approved report is sent,
 * a final one once the incident is closed, the others while it is not.
 */
function actionsFor(actor: Actor, view: ReportView): ReportAction[] {
  const { report, incident } = view;
  const closed = incident.status === "closed";
  const can = allowedActions(actor, reportPolicy, ["draft", "approve", "send"], guardOf(view));
  const actions: ReportAction[] = [];
  if (report.status === "draft" && can.includes("draft")) actions.push("update");
  if (report.status === "draft" && can.includes("approve")) actions.push("approve");
  if (report.status === "approved" && can.includes("send") && (report.kind === "final") === closed && !view.outdated) actions.push("send");
  return actions;
}

export function presentReport(actor: Actor, view: ReportView): IncidentReport {
  const { report, names } = view;
  const person = (id: string | null) => personNamed(names, id);
  return {
    ...presentReportSummary(report, view.incident, view.orgNames),
    content: report.content,
    review: view.review,
    createdBy: person(report.createdBy)!,
    updatedAt: report.updatedAt.toISOString(),
    approvedBy: person(report.approvedBy),
    approvedAt: iso(report.approvedAt),
    sentBy: person(report.sentBy),
    actions: actionsFor(actor, view),
  };
}
