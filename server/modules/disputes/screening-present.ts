import type { ScreeningReport, ScreeningReportBoard, ScreeningReportDraft } from "@shared/disputes/screening-schemas.ts";
import { personNamed } from "../accounts/present.ts";
import type { OrgRow } from "../orgs/queries.ts";
import type { ScreeningReportRow } from "./screening-queries.ts";
import type { ScreeningBoardView, ScreeningPeriod, screeningDraft } from "./screening-service.ts";

const periodFields = (period: ScreeningPeriod) => ({ periodStart: period.start, periodEnd: period.end, dueAt: period.dueAt.toISOString() });

export function presentScreeningReport(org: OrgRow, period: ScreeningPeriod, report: ScreeningReportRow, names: ReadonlyMap<string, string>): ScreeningReport {
  return {
    id: report.id,
    orgId: org.id,
    orgName: org.name,
    ...periodFields(period),
    submittedAt: report.submittedAt.toISOString(),
    submittedBy: personNamed(names, report.submittedBy)!,
    screenings: report.screenings,
    note: report.note,
    figures: report.figures,
  };
}

export function presentScreeningDraft(draft: Awaited<ReturnType<typeof screeningDraft>>): ScreeningReportDraft {
  const { org, period, report, names } = draft;
  return {
    orgId: org.id,
    orgName: org.name,
    ...periodFields(period),
    status: draft.status,
    figures: draft.figures,
    report: report ? presentScreeningReport(org, period, report, names) : null,
    actions: draft.mayFile ? ["file"] : [],
  };
}

export function presentScreeningBoard(board: ScreeningBoardView): ScreeningReportBoard {
  const { org, period, names } = board;
  return {
    orgId: org.id,
    orgName: org.name,
    ...periodFields(period),
    deadlinePassed: board.deadlinePassed,
    items: board.items.map((item) => ({
      orgId: item.org.id,
      orgName: item.org.name,
      own: item.own,
      status: item.status,
      report: item.report ? presentScreeningReport(item.org, period, item.report, names) : null,
    })),
    counts: board.counts,
  };
}
