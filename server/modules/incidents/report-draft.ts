// A report's first draft, written from the incident's facts at the moment it is drafted.
import { INCIDENT_REPORT_KIND_LABELS, type ReportContent, type ReportFigures } from "@shared/incidents/report-schemas.ts";
import type { IncidentReportKind } from "@shared/incidents/schemas.ts";
import type { IncidentRow } from "./queries.ts";

/** 首报, 第2次续报, 终报: how the title and the document name the report. */
export function reportKindName(kind: IncidentReportKind, sequence: number | null): string {
  return kind === "follow_up" ? `第${sequence}次续报` : INCIDENT_REPORT_KIND_LABELS[kind].zh;
}

/** 青山镇关于仓库火灾的首报 */
export function reportTitle(orgName: string, incidentTitle: string, kind: IncidentReportKind, sequence: number | null): string {
  return `${orgName}关于${incidentTitle}的${reportKindName(kind, sequence)}`;
}

export const figuresOf = (incident: ReportFigures): ReportFigures => ({
  peopleInvolved: incident.peopleInvolved,
  onlookers: incident.onlookers,
  deaths: incident.deaths,
  injuries: incident.injuries,
  missing: incident.missing,
  economicLoss: incident.economicLoss,
});

/**
 * The content as the incident stands. The contact is the person drafting (who answers the
 * parent org's questions about it); the signer stays blank until a leader approves.
 */
export function draftContent(incident: IncidentRow, orgName: string, drafter: { displayName: string; phone: string | null }): ReportContent {
  return {
    occurredAt: incident.occurredAt.toISOString(),
    place: incident.place,
    summary: incident.description,
    figures: figuresOf(incident),
    cause: incident.cause,
    trend: incident.trend,
    measuresTaken: incident.measuresTaken,
    helpNeeded: incident.helpNeeded,
    reportingOrg: orgName,
    contactName: drafter.displayName,
    contactPhone: drafter.phone,
    signer: null,
    attachments: [],
  };
}
