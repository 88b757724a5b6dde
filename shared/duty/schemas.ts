import { z } from "zod";
import { Id, IdParams, Page, Phone, Version, listOf, requiredText } from "../common.ts";
import { NAME_MAX, TEXT_MAX } from "../limits.ts";
import { TIME_OF_DAY_PATTERN, daysBetween } from "./china-time.ts";

// Limits of the duty module, shared by the server's checks and the web forms.
/** A shift is at most two days; longer stretches are rostered as several shifts. */
export const SHIFT_HOURS_MAX = 48;
/** A generated shift is one a day, so it may not run into the next day's. */
export const ROTATION_HOURS_MAX = 24;
/** How many days a roster, a rotation or an export spans at most: about a quarter. */
export const ROSTER_DAYS_MAX = 92;
export const SHIFT_OFFICERS_MAX = 10;
export const ROTATION_SLOTS_MAX = 31;
/** A protection period (特护期) lasts at most a year. */
export const PROTECTION_DAYS_MAX = 366;
export const COVERED_ORGS_MAX = 500;
/** Log entries and a hand-over may still be written this long after the shift ended. */
export const LOG_GRACE_HOURS = 24;

/** An instant as ISO 8601 with its offset: 2026-03-02T08:30:00+08:00 or …Z. */
export const Instant = z.iso.datetime({ offset: true });
/** A calendar date in China (Asia/Shanghai). */
export const ChinaDate = z.iso.date();
export const TimeOfDay = z.string().regex(TIME_OF_DAY_PATTERN, { message: "duty.timeOfDay" });

const uniqueIds = (ids: readonly string[]) => new Set(ids).size === ids.length;

/** A date range: `to` not before `from`, and not longer than `maxDays`. */
const checkRange =
  (maxDays: number, tooLong: "duty.rangeTooLong" | "protection.rangeTooLong", fromKey = "from", toKey = "to") =>
  (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const from = value[fromKey];
  const to = value[toKey];
  if (typeof from !== "string" || typeof to !== "string") return;
  const days = daysBetween(from, to);
  if (days < 0) ctx.addIssue({ code: "custom", path: [toKey], message: "duty.rangeReversed" });
  else if (days + 1 > maxDays) ctx.addIssue({ code: "custom", path: [toKey], message: tooLong });
  };

export const Person = z.object({ id: z.uuid(), displayName: z.string() });
export type Person = z.infer<typeof Person>;

// ---------------------------------------------------------------------------------------
// Shifts and the roster
// ---------------------------------------------------------------------------------------
export const ShiftAction = z.enum(["update", "delete", "writeLog", "handOver"]);
export type ShiftAction = z.infer<typeof ShiftAction>;

export const Shift = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** The duty officers (值班员), in the order the roster lists them. */
  officers: z.array(Person),
  /** The leader on duty (带班领导). */
  leader: Person.nullable(),
  /** The number that must be answered during the shift. */
  phone: z.string(),
  note: z.string().nullable(),
  /** The hand-over written at the end of this shift, if any. */
  handoverId: z.uuid().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  actions: z.array(ShiftAction),
});
export type Shift = z.infer<typeof Shift>;

const OfficerIds = z
  .array(Id)
  .min(1)
  .max(SHIFT_OFFICERS_MAX)
  .refine(uniqueIds, { message: "duty.officerRepeated" });
const Note = z.string().trim().max(TEXT_MAX).nullable().optional();

/** The leader on duty is a second person, never one of the shift's own officers. */
const leaderApart = (value: { officerIds?: string[] | undefined; leaderId?: string | null | undefined }, ctx: z.RefinementCtx) => {
  if (value.leaderId && value.officerIds?.includes(value.leaderId)) ctx.addIssue({ code: "custom", path: ["leaderId"], message: "duty.leaderIsOfficer" });
};

export const CreateShiftInput = z
  .object({
    orgId: z.uuid(),
    startsAt: Instant,
    endsAt: Instant,
    officerIds: OfficerIds,
    leaderId: z.uuid().nullable().optional(),
    phone: Phone,
    note: Note,
  })
  .superRefine(leaderApart);
export type CreateShiftInput = z.infer<typeof CreateShiftInput>;

export const UpdateShiftInput = z
  .object({
    version: Version,
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    officerIds: OfficerIds.optional(),
    leaderId: z.uuid().nullable().optional(),
    phone: Phone.optional(),
    note: Note,
  })
  .superRefine(leaderApart);
export type UpdateShiftInput = z.infer<typeof UpdateShiftInput>;

export const ROTATION_PATTERNS = ["daily", "weekly"] as const;
export const RotationPattern = z.enum(ROTATION_PATTERNS);
export type RotationPattern = z.infer<typeof RotationPattern>;

/** Who is on duty when the rotation comes to this slot. */
export const RotationSlot = z
  .object({
    officerIds: OfficerIds,
    leaderId: z.uuid().nullable().optional(),
    phone: Phone,
  })
  .superRefine(leaderApart);
export type RotationSlot = z.infer<typeof RotationSlot>;

/**
 * A rotation: one shift a day from `from` to `to`, starting at `startTime` (China) and lasting
 * `durationHours`. Daily, slot i takes the i-th day (mod the number of slots); weekly, slot i
 * takes the i-th week (mod the number of slots), weeks running Monday to Sunday.
 */
export const GenerateShiftsInput = z
  .object({
    orgId: z.uuid(),
    from: ChinaDate,
    to: ChinaDate,
    pattern: RotationPattern,
    startTime: TimeOfDay,
    durationHours: z.number().int().min(1).max(ROTATION_HOURS_MAX),
    slots: z.array(RotationSlot).min(1).max(ROTATION_SLOTS_MAX),
    /** Replace the shifts not yet begun that the new ones would overlap, instead of refusing. */
    replaceExisting: z.boolean().default(false),
  })
  .superRefine(checkRange(ROSTER_DAYS_MAX, "duty.rangeTooLong"));
export type GenerateShiftsInput = z.infer<typeof GenerateShiftsInput>;

export const GeneratedShifts = z.object({
  items: z.array(Shift),
  /** The shifts that were replaced (deleted) to make room. */
  replacedIds: z.array(z.uuid()),
});

/** Two shifts exchange their people (officers, leader and phone); each keeps its time and org. */
export const SwapShiftsInput = z
  .object({
    aId: z.uuid(),
    bId: z.uuid(),
    versions: z.object({ a: Version, b: Version }),
  })
  .refine((value) => value.aId !== value.bId, { path: ["bId"], message: "duty.swapSameShift" });
export type SwapShiftsInput = z.infer<typeof SwapShiftsInput>;
export const SwappedShifts = z.object({ a: Shift, b: Shift });

export const RosterQuery = z
  .object({ orgId: z.uuid(), from: ChinaDate, to: ChinaDate })
  .superRefine(checkRange(ROSTER_DAYS_MAX, "duty.rangeTooLong"));
export type RosterQuery = z.infer<typeof RosterQuery>;

/**
 * What the roster points out: time with nobody on duty, shifts that overlap, and shifts
 * without a leader on duty during a protection period that requires one.
 */
export const RosterWarning = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("gap"), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal("overlap"), from: z.string(), to: z.string(), shiftIds: z.array(z.uuid()) }),
  z.object({
    kind: z.literal("leaderMissing"),
    from: z.string(),
    to: z.string(),
    shiftIds: z.array(z.uuid()),
    protectionPeriodId: z.uuid(),
    protectionPeriodName: z.string(),
  }),
]);
export type RosterWarning = z.infer<typeof RosterWarning>;

export const Roster = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  from: ChinaDate,
  to: ChinaDate,
  /** The instants the dates stand for: `from` 00:00 to the day after `to` 00:00, China time. */
  windowStart: z.string(),
  windowEnd: z.string(),
  items: z.array(Shift),
  warnings: z.array(RosterWarning),
  /** Whether the caller may add shifts to this org's roster. */
  canCreate: z.boolean(),
});
export type Roster = z.infer<typeof Roster>;

// ---------------------------------------------------------------------------------------
// Who is on duty
// ---------------------------------------------------------------------------------------
export const OnDutyQuery = z.object({ at: Instant.optional() });

/** A person on duty, with the phone to reach them (duty contact, not a listing of personal data). */
export const DutyContact = Person.extend({ phone: z.string().nullable() });

export const OnDutyShift = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  phone: z.string(),
  officers: z.array(DutyContact),
  leader: DutyContact.nullable(),
});

export const OnDuty = z.object({
  /** The org asked about. */
  orgId: z.uuid(),
  at: z.string(),
  /** The org whose shift answers: the org itself, or its nearest ancestor with someone on duty; null when nobody is. */
  resolvedFrom: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  inherited: z.boolean(),
  shifts: z.array(OnDutyShift),
});
export type OnDuty = z.infer<typeof OnDuty>;

// ---------------------------------------------------------------------------------------
// Logbook (值班日志) and hand-over (交接班)
// ---------------------------------------------------------------------------------------
export const LOG_ENTRY_KINDS = ["call", "action", "note"] as const;
export const LogEntryKind = z.enum(LOG_ENTRY_KINDS);
export type LogEntryKind = z.infer<typeof LogEntryKind>;

export const LOG_ENTRY_KIND_LABELS: Record<LogEntryKind, { zh: string; en: string }> = {
  call: { zh: "来电", en: "Call received" },
  action: { zh: "处置", en: "Action taken" },
  note: { zh: "记事", en: "Note" },
};

export const LogEntry = z.object({
  id: z.uuid(),
  shiftId: z.uuid(),
  kind: LogEntryKind,
  /** When it happened. */
  at: z.string(),
  text: z.string(),
  /** The earlier entry this one corrects: entries are never changed, corrections are new entries. */
  correctsId: z.uuid().nullable(),
  author: Person,
  writtenAt: z.string(),
});
export type LogEntry = z.infer<typeof LogEntry>;
export const LogEntryList = z.object({ items: z.array(LogEntry) });

export const CreateLogEntryInput = z.object({
  kind: LogEntryKind,
  /** When it happened; now if left out. */
  at: Instant.optional(),
  text: requiredText(TEXT_MAX),
  correctsId: z.uuid().nullable().optional(),
});
export type CreateLogEntryInput = z.infer<typeof CreateLogEntryInput>;

export const HandoverAction = z.enum(["acknowledge"]);
export type HandoverAction = z.infer<typeof HandoverAction>;

export const Handover = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  shiftId: z.uuid(),
  shiftStartsAt: z.string(),
  shiftEndsAt: z.string(),
  /** What is still open. */
  openMatters: z.string(),
  /** What the next shift should watch. */
  watchItems: z.string().nullable(),
  writtenBy: Person,
  writtenAt: z.string(),
  acknowledgedBy: Person.nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgementNote: z.string().nullable(),
  actions: z.array(HandoverAction),
});
export type Handover = z.infer<typeof Handover>;
export const HandoverList = listOf(Handover);

export const CreateHandoverInput = z.object({
  shiftId: z.uuid(),
  openMatters: requiredText(TEXT_MAX),
  watchItems: z.string().trim().max(TEXT_MAX).nullable().optional(),
});
export type CreateHandoverInput = z.infer<typeof CreateHandoverInput>;

export const AcknowledgeHandoverInput = z.object({ note: z.string().trim().max(TEXT_MAX).nullable().optional() });
export type AcknowledgeHandoverInput = z.infer<typeof AcknowledgeHandoverInput>;

export const HandoverListQuery = Page.extend({
  orgId: z.uuid().optional(),
  acknowledged: z.enum(["true", "false"]).optional(),
});

// ---------------------------------------------------------------------------------------
// Protection periods (特护期) and daily status reports (零报告)
// ---------------------------------------------------------------------------------------
export const ProtectionPeriodAction = z.enum(["update"]);
export type ProtectionPeriodAction = z.infer<typeof ProtectionPeriodAction>;

export const ProtectionPeriod = z.object({
  id: z.uuid(),
  /** The org that declared the period; it covers orgs in its subtree. */
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  startDate: ChinaDate,
  endDate: ChinaDate,
  /** Every shift of a covered org during the period needs a leader on duty. */
  leaderRequired: z.boolean(),
  /** Each covered org reports daily by this time (China); null: no daily report. */
  reportDueTime: z.string().nullable(),
  coveredOrgs: z.array(z.object({ id: z.uuid(), name: z.string() })),
  version: z.number().int(),
  updatedAt: z.string(),
  actions: z.array(ProtectionPeriodAction),
});
export type ProtectionPeriod = z.infer<typeof ProtectionPeriod>;
export const ProtectionPeriodList = listOf(ProtectionPeriod);

const CoveredOrgIds = z.array(Id).min(1).max(COVERED_ORGS_MAX).refine(uniqueIds, { message: "protection.orgRepeated" });

export const CreateProtectionPeriodInput = z
  .object({
    orgId: z.uuid(),
    name: requiredText(NAME_MAX),
    startDate: ChinaDate,
    endDate: ChinaDate,
    orgIds: CoveredOrgIds,
    /** Cover every org below the ones listed too; they are listed in the period as it is saved. */
    includeDescendants: z.boolean().default(false),
    leaderRequired: z.boolean().default(false),
    reportDueTime: TimeOfDay.nullable().default(null),
  })
  .superRefine(checkRange(PROTECTION_DAYS_MAX, "protection.rangeTooLong", "startDate", "endDate"));
export type CreateProtectionPeriodInput = z.infer<typeof CreateProtectionPeriodInput>;

export const UpdateProtectionPeriodInput = z
  .object({
    version: Version,
    name: requiredText(NAME_MAX).optional(),
    startDate: ChinaDate.optional(),
    endDate: ChinaDate.optional(),
    orgIds: CoveredOrgIds.optional(),
    includeDescendants: z.boolean().optional(),
    leaderRequired: z.boolean().optional(),
    reportDueTime: TimeOfDay.nullable().optional(),
  })
  .superRefine(checkRange(PROTECTION_DAYS_MAX, "protection.rangeTooLong", "startDate", "endDate"));
export type UpdateProtectionPeriodInput = z.infer<typeof UpdateProtectionPeriodInput>;

export const ProtectionPeriodListQuery = Page.extend({
  orgId: z.uuid().optional(),
  /** Only periods in force on this date. */
  activeOn: ChinaDate.optional(),
});

/** What a report refers to; incidents, disputes and the rest are referred to by id or receipt number. */
export const REPORT_LINK_KINDS = ["incident", "dispute", "complaint", "hazard"] as const;
export const ReportLink = z.object({
  kind: z.enum(REPORT_LINK_KINDS),
  ref: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_./-]*$/, { message: "protection.linkRef" }),
  title: requiredText(NAME_MAX),
});
export type ReportLink = z.infer<typeof ReportLink>;

export const StatusReport = z.object({
  id: z.uuid(),
  periodId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  date: ChinaDate,
  /** 零报告: nothing to report is itself a report. */
  nothingToReport: z.boolean(),
  summary: z.string().nullable(),
  links: z.array(ReportLink),
  filedBy: Person,
  filedAt: z.string(),
  onTime: z.boolean(),
});
export type StatusReport = z.infer<typeof StatusReport>;

export const FileStatusReportInput = z
  .object({
    orgId: z.uuid(),
    date: ChinaDate,
    nothingToReport: z.boolean(),
    summary: z.string().trim().max(TEXT_MAX).nullable().optional(),
    links: z.array(ReportLink).max(50).default([]),
  })
  .superRefine((report, ctx) => {
    if (report.nothingToReport && report.links.length > 0) ctx.addIssue({ code: "custom", path: ["links"], message: "protection.linksWithNothing" });
    if (!report.nothingToReport && !report.summary) ctx.addIssue({ code: "custom", path: ["summary"], message: "protection.summaryRequired" });
  });
export type FileStatusReportInput = z.infer<typeof FileStatusReportInput>;

export const REPORT_STATUSES = ["reported_on_time", "reported_late", "missing", "pending"] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const REPORT_STATUS_LABELS: Record<ReportStatus, { zh: string; en: string }> = {
  reported_on_time: { zh: "按时报告", en: "Reported on time" },
  reported_late: { zh: "逾期报告", en: "Reported late" },
  missing: { zh: "未报告", en: "Missing" },
  pending: { zh: "待报告", en: "Not yet due" },
};

export const ReportStatusQuery = z.object({ date: ChinaDate.optional() });

export const ReportStatusBoard = z.object({
  periodId: z.uuid(),
  date: ChinaDate,
  dueAt: z.string(),
  deadlinePassed: z.boolean(),
  /** The covered orgs in the caller's jurisdiction, in tree order. */
  items: z.array(z.object({ orgId: z.uuid(), orgName: z.string(), status: ReportStatus, report: StatusReport.nullable() })),
  counts: z.record(ReportStatus, z.number().int()),
});
export type ReportStatusBoard = z.infer<typeof ReportStatusBoard>;

// ---------------------------------------------------------------------------------------
// Calendar feeds: the roster as iCalendar at a secret address
// ---------------------------------------------------------------------------------------
export const CalendarFeedAction = z.enum(["revoke"]);

export const CALENDAR_FEED_KINDS = ["org", "person"] as const;
export const CalendarFeedKind = z.enum(CALENDAR_FEED_KINDS);
export type CalendarFeedKind = z.infer<typeof CalendarFeedKind>;

export const CalendarFeed = z.object({
  id: z.uuid(),
  kind: CalendarFeedKind,
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  accountId: z.uuid().nullable(),
  createdAt: z.string(),
  actions: z.array(CalendarFeedAction),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;
export const CalendarFeedList = z.object({ items: z.array(CalendarFeed) });

/** Returned once, when the feed is made: only a hash of the token is kept. */
export const NewCalendarFeed = CalendarFeed.extend({ url: z.string() });

/**
 * Makes the feed of an org's roster, or of the caller's own shifts (as officer or leader on
 * duty). Making it again replaces the old address, which stops working.
 */
export const CreateCalendarFeedInput = z
  .object({ kind: CalendarFeedKind, orgId: z.uuid().nullable().optional() })
  .superRefine((value, ctx) => {
    if (value.kind === "org" && !value.orgId) ctx.addIssue({ code: "custom", path: ["orgId"], message: "field.required" });
    if (value.kind === "person" && value.orgId) ctx.addIssue({ code: "custom", path: ["orgId"], message: "calendar.personFeedHasNoOrg" });
  });
export type CreateCalendarFeedInput = z.infer<typeof CreateCalendarFeedInput>;

/** 32 random bytes, base64url. */
export const CalendarTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

export const RosterExportQuery = RosterQuery;
export { IdParams };
