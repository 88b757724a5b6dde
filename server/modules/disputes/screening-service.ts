// The semi-monthly screening report (矛盾纠纷排查报表, 半月报): each mediation committee files
// the figures of its own org's disputes per half-month; the parent org sees who filed on time.
import { periodStartAt, screeningPeriod } from "@shared/disputes/screening-periods.ts";
import { loadDisputeTypes } from "./dispute-types.ts";
import { SCREENING_REPORT_STATUSES, type FileScreeningReportInput, type ScreeningReportQuery, type ScreeningReportStatus } from "@shared/disputes/screening-schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { conflict, invalidField, notFound } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { findAccountNames } from "../accounts/queries.ts";
import { type OrgRow, findOrg } from "../orgs/queries.ts";
import { loadTargetOrg } from "../orgs/target-org.ts";
import * as q from "./screening-queries.ts";
import { screeningReportPolicy } from "./screening-policy.ts";

export type ScreeningPeriod = ReturnType<typeof screeningPeriod>;

async function loadReadableOrg(tx: Db, actor: Actor, orgId: string) {
  const org = await findOrg(tx, orgId);
  if (!org) throw notFound();
  requireAccess(actor, screeningReportPolicy, "read", { orgPath: org.path });
  return org;
}

/** A period that has begun: the current one is previewed and may be filed before it ends. */
function periodBegun(start: string, now: Date, field: string): ScreeningPeriod {
  if (start > periodStartAt(now)) throw invalidField(field, "screening.periodFuture");
  return screeningPeriod(start);
}

function statusOf(report: q.ScreeningReportRow | undefined, period: ScreeningPeriod, now: Date): ScreeningReportStatus {
  if (report) return report.submittedAt <= period.dueAt ? "on_time" : "late";
  return now > period.dueAt ? "missing" : "pending";
}

const submitterNames = (tx: Db, reports: readonly q.ScreeningReportRow[]) => findAccountNames(tx, reports.map((report) => report.submittedBy));

/** The figures as the register stands now, with the report filed so far and whether the caller may file. */
export async function screeningDraft({ actor, input, tx, clock }: Action<ScreeningReportQuery>) {
  const org = await loadReadableOrg(tx, actor, input.orgId);
  const now = clock.now();
  const period = periodBegun(input.period, now, "period");
  const figures = await q.computeFigures(tx, org.id, period.from, period.to);
  const report = await q.findReport(tx, org.id, period.start);
  const mayFile = org.active && authorize(actor, screeningReportPolicy, "file", { orgPath: org.path }) && (!report || now <= period.dueAt);
  return { org, period, figures, status: statusOf(report, period, now), report: report ?? null, names: await submitterNames(tx, report ? [report] : []), mayFile };
}

/**
 * Files the org's report with the figures computed now, frozen in it. A first report after the
 * due time is still taken (marked late: a late report is better than none); a report already
 * filed is replaced while the due time has not passed, and is final after it (409).
 */
export async function fileScreeningReport({ actor, input, tx, clock }: Action<FileScreeningReportInput>) {
  const org = await loadTargetOrg(tx, actor, input.orgId, screeningReportPolicy, "file");
  const now = clock.now();
  const period = periodBegun(input.periodStart, now, "periodStart");
  const replaceable = now <= period.dueAt;
  const before = await q.findReport(tx, org.id, period.start);
  if (before && !replaceable) throw conflict("screening.reportClosed");
  const figures = await q.computeFigures(tx, org.id, period.from, period.to);
  const report = await q.upsertReport(
    tx,
    { orgId: org.id, periodStart: period.start, screenings: input.screenings, note: input.note ?? null, figures, submittedBy: actor.accountId, submittedAt: now },
    replaceable,
  );
  if (!report) throw conflict("screening.reportClosed");
  await writeAudit(tx, { actor, clock }, {
    action: "dispute.screeningReport",
    orgId: org.id,
    recordType: "disputeScreeningReport",
    recordId: report.id,
    detail: { periodStart: period.start, screenings: report.screenings, late: !replaceable, replaced: before !== undefined, totals: figures.totals },
  });
  return { org, period, report, names: new Map([[actor.accountId, actor.displayName]]) };
}

/**
 * The org and its active direct children with the state of their reports for the period: filed
 * on time or late, or, unfiled, pending until the due time and missing after it. The children
 * are in the org's subtree, so whoever reads the org's report reads theirs.
 */
export async function screeningBoard({ actor, input, tx, clock }: Action<ScreeningReportQuery>) {
  const org = await loadReadableOrg(tx, actor, input.orgId);
  const now = clock.now();
  const period = periodBegun(input.period, now, "period");
  const listed: OrgRow[] = [org, ...(await q.findChildCommittees(tx, org.id))];
  const reports = await q.findReports(tx, listed.map((o) => o.id), period.start);
  const byOrg = new Map(reports.map((report) => [report.orgId, report]));
  const items = listed.map((o) => ({ org: o, own: o.id === org.id, status: statusOf(byOrg.get(o.id), period, now), report: byOrg.get(o.id) ?? null }));
  const counts = Object.fromEntries(SCREENING_REPORT_STATUSES.map((status) => [status, items.filter((item) => item.status === status).length])) as Record<ScreeningReportStatus, number>;
  return { org, period, deadlinePassed: now > period.dueAt, items, counts, names: await submitterNames(tx, reports), types: await loadDisputeTypes(tx) };
}
export type ScreeningBoardView = Awaited<ReturnType<typeof screeningBoard>>;
