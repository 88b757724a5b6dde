import {
  type CalendarFeed,
  type CalendarFeedKind,
  type Handover,
  HandoverAction,
  LOG_GRACE_HOURS,
  type LogEntry,
  type LogEntryKind,
  type ProtectionPeriod,
  ProtectionPeriodAction,
  type ReportStatusBoard,
  type Roster,
  type Shift,
  ShiftAction,
  type StatusReport,
} from "@shared/duty/schemas.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions, authorize } from "../../policy/authorize.ts";
import type { FeedWithOrg } from "./calendar-queries.ts";
import { feedGuard } from "./calendar-service.ts";
import { type HandoverView, type LogEntryView, handoverGuard } from "./handover-service.ts";
import { calendarFeedPolicy, handoverPolicy, protectionPolicy, shiftPolicy } from "./policy.ts";
import type { ReportWithNames } from "./protection-queries.ts";
import type { PeriodView, reportStatus } from "./protection-service.ts";
import { type RosterView, type ShiftView, shiftGuard } from "./shift-service.ts";

const HOUR_MS = 60 * 60 * 1000;

const person = (people: ShiftView["people"], id: string) => ({ id, displayName: people.get(id)?.displayName ?? "" });

/** The shift with the buttons the caller gets now: edits until it ends, deletion before it begins, the log while it is open. */
export function presentShift(actor: Actor, view: ShiftView, now: Date): Shift {
  const { shift, org, people } = view;
  const logOpen = now >= shift.startsAt && now.getTime() <= shift.endsAt.getTime() + LOG_GRACE_HOURS * HOUR_MS;
  const actions = allowedActions(actor, shiftPolicy, ShiftAction.options, shiftGuard(view)).filter((action) => {
    if (action === "update") return shift.endsAt > now;
    if (action === "delete") return shift.startsAt > now;
    if (action === "writeLog") return logOpen;
    return logOpen && !view.handoverId;
  });
  return {
    id: shift.id,
    orgId: org.id,
    orgName: org.name,
    startsAt: shift.startsAt.toISOString(),
    endsAt: shift.endsAt.toISOString(),
    officers: shift.officerIds.map((id) => person(people, id)),
    leader: shift.leaderId ? person(people, shift.leaderId) : null,
    phone: shift.phone,
    note: shift.note,
    handoverId: view.handoverId,
    version: shift.version,
    updatedAt: shift.updatedAt.toISOString(),
    actions,
  };
}

export function presentRoster(actor: Actor, roster: RosterView, now: Date): Roster {
  return {
    orgId: roster.org.id,
    orgName: roster.org.name,
    from: roster.from,
    to: roster.to,
    windowStart: roster.windowStart.toISOString(),
    windowEnd: roster.windowEnd.toISOString(),
    items: roster.shifts.map((view) => presentShift(actor, view, now)),
    warnings: roster.warnings,
    canCreate: roster.canCreate,
  };
}

export function presentLogEntry({ entry, authorName }: LogEntryView): LogEntry {
  return {
    id: entry.id,
    shiftId: entry.shiftId,
    kind: entry.kind as LogEntryKind,
    at: entry.at.toISOString(),
    text: entry.text,
    correctsId: entry.correctsId,
    author: { id: entry.authorId, displayName: authorName },
    writtenAt: entry.writtenAt.toISOString(),
  };
}

export function presentHandover(actor: Actor, view: HandoverView): Handover {
  const { handover, shift, org, names } = view;
  const nameOf = (id: string) => ({ id, displayName: names.get(id) ?? "" });
  // Acknowledged once, and never by the one who wrote it.
  const open = !handover.acknowledgedAt && handover.writtenBy !== actor.accountId;
  const actions = open ? allowedActions(actor, handoverPolicy, HandoverAction.options, handoverGuard(view)) : [];
  return {
    id: handover.id,
    orgId: org.id,
    orgName: org.name,
    shiftId: shift.id,
    shiftStartsAt: shift.startsAt.toISOString(),
    shiftEndsAt: shift.endsAt.toISOString(),
    openMatters: handover.openMatters,
    watchItems: handover.watchItems,
    writtenBy: nameOf(handover.writtenBy),
    writtenAt: handover.writtenAt.toISOString(),
    acknowledgedBy: handover.acknowledgedBy ? nameOf(handover.acknowledgedBy) : null,
    acknowledgedAt: handover.acknowledgedAt?.toISOString() ?? null,
    acknowledgementNote: handover.acknowledgementNote,
    actions,
  };
}

export function presentPeriod(actor: Actor, { period, org, covered }: Pick<PeriodView, "period" | "org" | "covered">): ProtectionPeriod {
  return {
    id: period.id,
    orgId: org.id,
    orgName: org.name,
    name: period.name,
    startDate: period.startDate,
    endDate: period.endDate,
    leaderRequired: period.leaderRequired,
    reportDueTime: period.reportDueTime,
    coveredOrgs: covered.map((c) => ({ id: c.id, name: c.name })),
    version: period.version,
    updatedAt: period.updatedAt.toISOString(),
    actions: allowedActions(actor, protectionPolicy, ProtectionPeriodAction.options, { orgPath: org.path }),
  };
}

export function presentReport({ report, orgName, filedByName, dueAt }: ReportWithNames & { dueAt: Date }): StatusReport {
  return {
    id: report.id,
    periodId: report.periodId,
    orgId: report.orgId,
    orgName,
    date: report.reportDate,
    nothingToReport: report.nothingToReport,
    summary: report.summary,
    links: report.links,
    filedBy: { id: report.filedBy, displayName: filedByName },
    filedAt: report.filedAt.toISOString(),
    onTime: report.filedAt <= dueAt,
  };
}

export function presentReportStatus(board: Awaited<ReturnType<typeof reportStatus>>): ReportStatusBoard {
  return {
    periodId: board.periodId,
    date: board.date,
    dueAt: board.dueAt.toISOString(),
    deadlinePassed: board.deadlinePassed,
    items: board.items.map((item) => ({ orgId: item.org.id, orgName: item.org.name, status: item.status, report: item.report ? presentReport(item.report) : null })),
    counts: board.counts,
  };
}

export function presentFeed(actor: Actor, found: FeedWithOrg): CalendarFeed {
  const { feed, org } = found;
  const manage = feed.kind === "org" ? "manageOrgFeed" : "managePersonFeed";
  return {
    id: feed.id,
    kind: feed.kind as CalendarFeedKind,
    orgId: feed.orgId,
    orgName: feed.kind === "org" ? org.name : null,
    accountId: feed.accountId,
    createdAt: feed.createdAt.toISOString(),
    actions: authorize(actor, calendarFeedPolicy, manage, feedGuard(found)) ? ["revoke"] : [],
  };
}
