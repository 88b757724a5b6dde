// Protection periods (特护期: holidays, major events) and the daily unit status report (零报告)
// that each covered org files during one, by a time of day.
import { chinaDate, chinaInstant, daysBetween } from "@shared/duty/china-time.ts";
import {
  type CreateProtectionPeriodInput,
  type FileStatusReportInput,
  PROTECTION_DAYS_MAX,
  REPORT_STATUSES,
  type ReportStatus,
  type UpdateProtectionPeriodInput,
} from "@shared/duty/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, conflict, forbidden, invalidField, notFound, staleVersion } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { orgPolicy } from "../orgs/policy.ts";
import { type OrgRow, findOrg } from "../orgs/queries.ts";
import { protectionPolicy, statusReportPolicy } from "./policy.ts";
import * as q from "./protection-queries.ts";

/**
 * A period is readable from the org that declared it and from each org it covers; it is
 * changed only by the declaring org's writers. Out of reach answers 404.
 */
async function loadPeriod(tx: Db, actor: Actor, id: string, action: keyof typeof protectionPolicy) {
  const found = await q.findPeriod(tx, id);
  if (!found) throw notFound();
  const covered = (await q.findCoveredOrgs(tx, [id])).map((row) => row.org);
  const readable = [found.org, ...covered].some((org) => authorize(actor, protectionPolicy, "read", { orgPath: org.path }));
  if (!readable) throw notFound();
  if (action !== "read" && !authorize(actor, protectionPolicy, action, { orgPath: found.org.path })) throw forbidden();
  return { ...found, covered };
}
export type PeriodView = Awaited<ReturnType<typeof loadPeriod>>;

async function loadDeclaringOrg(tx: Db, actor: Actor, orgId: string) {
  const org = await findOrg(tx, orgId);
  if (!org || !authorize(actor, orgPolicy, "read", { orgPath: org.path })) throw notFound();
  if (!authorize(actor, protectionPolicy, "create", { orgPath: org.path })) throw forbidden();
  if (!org.active) throw invalidField("orgId", "org.inactive");
  return org;
}

/**
 * The orgs a period covers: the ones listed, each an active org of the declaring org's
 * subtree, and with `includeDescendants` every active org below them, stored explicitly.
 */
async function resolveCoverage(tx: Db, declaring: OrgRow, orgIds: readonly string[], includeDescendants: boolean): Promise<OrgRow[]> {
  const listed = await q.findActiveOrgsWithin(tx, orgIds, declaring.path);
  const known = new Set(listed.map((org) => org.id));
  const fields = orgIds.flatMap((id, i) => (known.has(id) ? [] : [{ field: `orgIds.${i}`, message: "protection.orgOutOfReach" }]));
  if (fields.length > 0) throw new AppError(400, "validation", { fields });
  const all = includeDescendants ? [...listed, ...(await q.findActiveDescendants(tx, listed.map((org) => org.path)))] : listed;
  return [...new Map(all.map((org) => [org.id, org])).values()].sort((a, b) => a.path.localeCompare(b.path));
}

export async function getPeriod({ actor, input, tx }: Action<{ id: string }>) {
  return loadPeriod(tx, actor, input.id, "read");
}

export async function createPeriod({ actor, input, tx, clock }: Action<CreateProtectionPeriodInput>) {
  const org = await loadDeclaringOrg(tx, actor, input.orgId);
  const covered = await resolveCoverage(tx, org, input.orgIds, input.includeDescendants);
  const now = clock.now();
  const period = await q.insertPeriod(tx, {
    orgId: org.id,
    name: input.name,
    startDate: input.startDate,
    endDate: input.endDate,
    leaderRequired: input.leaderRequired,
    reportDueTime: input.reportDueTime,
    createdBy: actor.accountId,
    createdAt: now,
    updatedAt: now,
  });
  await q.replaceCoveredOrgs(tx, period.id, covered.map((c) => c.id));
  await writeAudit(tx, { actor, clock }, {
    action: "protection.create",
    orgId: org.id,
    recordType: "protectionPeriod",
    recordId: period.id,
    detail: { name: period.name, startDate: period.startDate, endDate: period.endDate, orgIds: covered.map((c) => c.id), leaderRequired: period.leaderRequired, reportDueTime: period.reportDueTime },
  });
  return { period, org, covered };
}

/** Edits a period; orgs and dates that already have reports stay inside it. */
export async function updatePeriod({ actor, input, tx, clock }: Action<UpdateProtectionPeriodInput & { id: string }>) {
  const found = await loadPeriod(tx, actor, input.id, "update");
  const before = found.period;
  const startDate = input.startDate ?? before.startDate;
  const endDate = input.endDate ?? before.endDate;
  const days = daysBetween(startDate, endDate);
  if (days < 0) throw invalidField("endDate", "duty.rangeReversed");
  if (days + 1 > PROTECTION_DAYS_MAX) throw invalidField("endDate", "protection.rangeTooLong");
  const recover = input.orgIds !== undefined || input.includeDescendants !== undefined;
  const covered = recover ? await resolveCoverage(tx, found.org, input.orgIds ?? found.covered.map((org) => org.id), input.includeDescendants ?? false) : found.covered;
  const coveredIds = covered.map((org) => org.id);
  if ((recover || startDate !== before.startDate || endDate !== before.endDate) && (await q.countReportsOutside(tx, before.id, coveredIds, startDate, endDate)) > 0) {
    throw conflict("protection.reportsOutside");
  }
  const period = await q.updatePeriodAt(tx, before.id, input.version, {
    name: input.name ?? before.name,
    startDate,
    endDate,
    leaderRequired: input.leaderRequired ?? before.leaderRequired,
    reportDueTime: input.reportDueTime === undefined ? before.reportDueTime : input.reportDueTime,
    updatedAt: clock.now(),
  });
  if (!period) throw staleVersion();
  if (recover) await q.replaceCoveredOrgs(tx, period.id, coveredIds);
  const changed: Record<string, unknown> = Object.fromEntries(
    (["name", "startDate", "endDate", "leaderRequired", "reportDueTime"] as const).filter((key) => period[key] !== before[key]).map((key) => [key, period[key]]),
  );
  if (recover) changed.orgIds = coveredIds;
  await writeAudit(tx, { actor, clock }, { action: "protection.update", orgId: found.org.id, recordType: "protectionPeriod", recordId: period.id, detail: changed });
  return { period, org: found.org, covered };
}

/** A report for a date is on time when filed by the period's time of day on that date, China time. */
const dueAt = (date: string, reportDueTime: string) => chinaInstant(date, reportDueTime);

/** The covered org's daily report; "nothing to report" is itself a report (零报告). */
export async function fileReport({ actor, input, tx, clock }: Action<FileStatusReportInput & { id: string }>) {
  const found = await loadPeriod(tx, actor, input.id, "read");
  const dueTime = found.period.reportDueTime;
  if (!dueTime) throw conflict("protection.noDailyReport");
  const org = found.covered.find((covered) => covered.id === input.orgId);
  if (!org) throw invalidField("orgId", "protection.orgNotCovered");
  requireAccess(actor, statusReportPolicy, "file", { orgPath: org.path });
  const now = clock.now();
  if (input.date < found.period.startDate || input.date > found.period.endDate) throw invalidField("date", "protection.dateOutside");
  if (input.date > chinaDate(now)) throw invalidField("date", "protection.dateFuture");
  const report = await q.insertReport(tx, {
    periodId: found.period.id,
    orgId: org.id,
    reportDate: input.date,
    nothingToReport: input.nothingToReport,
    summary: input.summary || null,
    links: input.nothingToReport ? [] : input.links,
    filedBy: actor.accountId,
    filedAt: now,
  });
  if (!report) throw conflict("protection.alreadyReported");
  await writeAudit(tx, { actor, clock }, {
    action: "protection.report",
    orgId: org.id,
    recordType: "protectionPeriod",
    recordId: found.period.id,
    detail: { reportId: report.id, date: input.date, nothingToReport: input.nothingToReport, links: report.links.length },
  });
  return { report, orgName: org.name, filedByName: actor.displayName, dueAt: dueAt(input.date, dueTime) };
}

/**
 * Who has reported for a date and who has not, for the covered orgs of the caller's
 * jurisdiction. An org without a report is "pending" until the deadline passes, then "missing".
 */
export async function reportStatus({ actor, input, tx, clock }: Action<{ id: string; date?: string | undefined }>) {
  const found = await loadPeriod(tx, actor, input.id, "read");
  const dueTime = found.period.reportDueTime;
  if (!dueTime) throw conflict("protection.noDailyReport");
  const now = clock.now();
  const { startDate, endDate } = found.period;
  if (input.date && (input.date < startDate || input.date > endDate)) throw invalidField("date", "protection.dateOutside");
  // Without a date: today, or the nearest day of the period when today is outside it.
  const today = chinaDate(now);
  const date = input.date ?? (today < startDate ? startDate : today > endDate ? endDate : today);
  const due = dueAt(date, dueTime);
  const reports = new Map((await q.findReports(tx, found.period.id, date)).map((row) => [row.report.orgId, row]));
  const items = found.covered
    .filter((org) => authorize(actor, statusReportPolicy, "read", { orgPath: org.path }))
    .map((org) => {
      const filed = reports.get(org.id);
      const status: ReportStatus = filed ? (filed.report.filedAt <= due ? "reported_on_time" : "reported_late") : now > due ? "missing" : "pending";
      return { org, status, report: filed ? { ...filed, dueAt: due } : null };
    });
  const counts = Object.fromEntries(REPORT_STATUSES.map((status) => [status, items.filter((item) => item.status === status).length])) as Record<ReportStatus, number>;
  return { periodId: found.period.id, date, dueAt: due, deadlinePassed: now > due, items, counts };
}
