import { z } from "zod";
import { IdParams, Page, Phone, Version, listOf, requiredText, timelineEntry } from "../common.ts";
import { NAME_MAX, REASON_MAX, SEARCH_MAX, TEXT_MAX } from "../limits.ts";
import { EmergencyCategory, SeverityLevel } from "../plans/schemas.ts";
import { NotificationKind } from "../notifications/schemas.ts";
import { Role } from "../roles.ts";

export const INCIDENT_STATUSES = ["reported", "open", "closed"] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, { zh: string; en: string }> = {
  reported: { zh: "已报告", en: "Reported" },
  open: { zh: "处置中", en: "Open" },
  closed: { zh: "已结束", en: "Closed" },
};

/** Counts of people as a report gives them: whole, not negative, and bounded. */
const Count = z.number().int().min(0).max(10_000_000);
const OptionalText = z.string().trim().max(TEXT_MAX).nullable();

/**
 * The facts of a report (信息报告要素), shared by the first report and every later one. No
 * defaults here: a later report changes only the fields it sends.
 */
const ReportFacts = z.object({
  title: requiredText(NAME_MAX),
  /** What happened (事件经过). */
  description: requiredText(TEXT_MAX),
  /** Where it happened, as words; coordinates are optional and locate the place, never a person. */
  place: requiredText(NAME_MAX),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** Where the information came from (信息来源): a call to the duty phone, a grid worker, a department … */
  source: z.string().trim().max(NAME_MAX).nullable(),
  peopleInvolved: Count,
  onlookers: Count,
  deaths: Count,
  injuries: Count,
  missing: Count,
  /** 万元 (10,000 yuan), as the plans write it. */
  economicLoss: z.number().min(0).max(100_000_000),
  cause: OptionalText,
  trend: OptionalText,
  measuresTaken: OptionalText,
  helpNeeded: OptionalText,
});
export const REPORT_FIGURES = ["peopleInvolved", "onlookers", "deaths", "injuries", "missing", "economicLoss"] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];

const bothCoordinatesOrNone = (facts: { latitude?: number | null; longitude?: number | null }, ctx: z.RefinementCtx) => {
  const hasLat = facts.latitude !== null && facts.latitude !== undefined;
  const hasLng = facts.longitude !== null && facts.longitude !== undefined;
  if (hasLat !== hasLng) ctx.addIssue({ code: "custom", path: [hasLat ? "longitude" : "latitude"], message: "incident.coordinatesPair" });
};

const f = ReportFacts.shape;
export const ReportIncidentInput = ReportFacts.extend({
  orgId: z.uuid(),
  category: EmergencyCategory,
  /** One of the subtypes the governing plan lists for the category, when it lists any. */
  subtype: z.string().trim().min(1).max(NAME_MAX).nullable().default(null),
  latitude: f.latitude.default(null),
  longitude: f.longitude.default(null),
  source: f.source.default(null),
  peopleInvolved: f.peopleInvolved.default(0),
  onlookers: f.onlookers.default(0),
  deaths: f.deaths.default(0),
  injuries: f.injuries.default(0),
  missing: f.missing.default(0),
  economicLoss: f.economicLoss.default(0),
  cause: f.cause.default(null),
  trend: f.trend.default(null),
  measuresTaken: f.measuresTaken.default(null),
  helpNeeded: f.helpNeeded.default(null),
  reporterName: z.string().trim().max(NAME_MAX).nullable().default(null),
  reporterContact: Phone.nullable().default(null),
  /**
   * The id the reporting device gave this report. Sending it again (the answer was lost on a
   * poor connection) returns the incident it already made instead of a second one.
   */
  clientReportId: z.uuid().nullable().default(null),
}).superRefine(bothCoordinatesOrNone);
export type ReportIncidentInput = z.infer<typeof ReportIncidentInput>;

/**
 * A later report (续报): the facts as now known. Only the fields sent change; category and
 * subtype stay, since the plan already runs for them.
 */
export const UpdateIncidentInput = ReportFacts.partial().extend({ version: Version }).superRefine(bothCoordinatesOrNone);
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentInput>;

/** Confirms the suggested level or overrides it; an override says why. */
export const SetLevelInput = z.object({
  version: Version,
  level: SeverityLevel,
  reason: z.string().trim().max(REASON_MAX).nullable().default(null),
});
export type SetLevelInput = z.infer<typeof SetLevelInput>;

export const NoteInput = z.object({ text: requiredText(TEXT_MAX) });

/** A stated time: when someone arrived, or when a deadline was met; now when left out. */
const StatedAt = z.iso.datetime({ offset: true }).nullable().default(null);

export const OnSiteInput = z.object({ arrivedAt: StatedAt, note: z.string().trim().max(TEXT_MAX).nullable().default(null) });
export type OnSiteInput = z.infer<typeof OnSiteInput>;

export const MeetDeadlineInput = z.object({ at: StatedAt, note: z.string().trim().max(TEXT_MAX).nullable().default(null) });
export type MeetDeadlineInput = z.infer<typeof MeetDeadlineInput>;

export const TASK_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TASK_STATUS_LABELS: Record<TaskStatus, { zh: string; en: string }> = {
  open: { zh: "待办", en: "Open" },
  in_progress: { zh: "进行中", en: "In progress" },
  done: { zh: "已完成", en: "Done" },
  cancelled: { zh: "已取消", en: "Cancelled" },
};

export const UpdateTaskInput = z.object({
  version: Version,
  status: TaskStatus.optional(),
  notes: z.string().trim().max(TEXT_MAX).nullable().optional(),
});
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

export const TaskParams = z.object({ id: z.uuid(), taskId: z.uuid() });
export const DeadlineParams = z.object({ id: z.uuid(), deadlineId: z.uuid() });

/**
 * What an incident's deadlines are for: acknowledging an escalation step, the initial report
 * upward, someone on site, a working group's task.
 */
export const INCIDENT_DEADLINE_KINDS = ["acknowledgement", "report", "on_site", "task"] as const;
export const IncidentDeadlineKind = z.enum(INCIDENT_DEADLINE_KINDS);
export type IncidentDeadlineKind = z.infer<typeof IncidentDeadlineKind>;

/**
 * Where a deadline stands: `overdue` once its time has passed unmet (the scheduler has fired
 * it, or is about to), `met_late` when it was met after that.
 */
export const DEADLINE_STATES = ["pending", "overdue", "met", "met_late", "cancelled"] as const;
export const DeadlineState = z.enum(DEADLINE_STATES);
export type DeadlineState = z.infer<typeof DeadlineState>;

export const IncidentDeadline = z.object({
  id: z.uuid(),
  kind: IncidentDeadlineKind,
  /** The level whose response created it. */
  level: SeverityLevel,
  dueAt: z.string(),
  state: DeadlineState,
  firedAt: z.string().nullable(),
  metAt: z.string().nullable(),
  /** Acknowledgement: the escalation step (1 = first) and whom it notifies. */
  step: z.number().int().nullable(),
  notify: z.object({ roles: z.array(Role), groupIds: z.array(z.uuid()) }).nullable(),
  /** Report: to whom the initial report goes. */
  to: z.string().nullable(),
  /** On site: the role and, when the plan names one, who (e.g. 带班领导). */
  role: Role.nullable(),
  who: z.string().nullable(),
  /** Task: the task it times. */
  taskId: z.uuid().nullable(),
});
export type IncidentDeadline = z.infer<typeof IncidentDeadline>;

export const IncidentTask = z.object({
  id: z.uuid(),
  /** A working group, a person, or both: a plan's task goes to a group, a review's follow-up action to either. */
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  assignee: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  /** A follow-up action of an after-action review (整改落实), rather than a task of the plan's response. */
  followUp: z.boolean(),
  level: SeverityLevel,
  title: z.string(),
  description: z.string().nullable(),
  dueAt: z.string(),
  status: TaskStatus,
  overdue: z.boolean(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type IncidentTask = z.infer<typeof IncidentTask>;

export const IncidentAction = z.enum(["update", "setLevel", "addNote", "attach", "recordOnSite", "meetDeadline", "updateTask", "draftReport", "close", "reopen"]);
export type IncidentAction = z.infer<typeof IncidentAction>;

export const IncidentSummary = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  status: IncidentStatus,
  category: EmergencyCategory,
  subtype: z.string().nullable(),
  title: z.string(),
  place: z.string(),
  occurredAt: z.string(),
  reportedAt: z.string(),
  level: SeverityLevel.nullable(),
  /** What the plan's thresholds say of the latest figures: differs from `level` when a later report changed them. */
  suggestedLevel: SeverityLevel.nullable(),
  deaths: z.number().int(),
  injuries: z.number().int(),
  missing: z.number().int(),
  overdueDeadlines: z.number().int(),
  /** When the duty room received the report (签收): the first acknowledgement of it, or the level's confirmation. */
  receivedAt: z.string().nullable(),
  version: z.number().int(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;
export const IncidentList = listOf(IncidentSummary);

export const Incident = IncidentSummary.extend({
  description: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  source: z.string().nullable(),
  peopleInvolved: z.number().int(),
  onlookers: z.number().int(),
  economicLoss: z.number(),
  cause: z.string().nullable(),
  trend: z.string().nullable(),
  measuresTaken: z.string().nullable(),
  helpNeeded: z.string().nullable(),
  reporterName: z.string().nullable(),
  /** Masked unless the caller handles the incident or filed it (PIPL). */
  reporterContact: z.string().nullable(),
  reportedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  receivedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  levelReason: z.string().nullable(),
  /** The plan version that suggests the level; once opened, the one the incident runs under. */
  plan: z.object({ id: z.uuid(), versionId: z.uuid(), versionNo: z.number().int(), title: z.string(), orgName: z.string() }).nullable(),
  openedAt: z.string().nullable(),
  /** When closed, and how it ended; the review is at `GET …/reviews`. */
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  deadlines: z.array(IncidentDeadline),
  tasks: z.array(IncidentTask),
  updatedAt: z.string(),
  actions: z.array(IncidentAction),
});
export type Incident = z.infer<typeof Incident>;

/** The subtypes a report for the org and category may name: those the governing plan lists, or none (free text). */
export const SubtypesQuery = z.object({ orgId: z.uuid(), category: EmergencyCategory });
export type SubtypesQuery = z.infer<typeof SubtypesQuery>;
export const SubtypeList = z.object({
  items: z.array(z.string()),
  /** The plan they come from, so the reporter knows whose list it is. */
  planTitle: z.string().nullable(),
});
export type SubtypeList = z.infer<typeof SubtypeList>;

export const IncidentListQuery = Page.extend({
  /** Incidents of this org and every org below it. */
  orgId: z.uuid().optional(),
  status: IncidentStatus.optional(),
  level: SeverityLevel.optional(),
  category: EmergencyCategory.optional(),
  q: z.string().trim().max(SEARCH_MAX).optional(),
});

/** The reports upward of an incident: initial (首报), follow-up (续报), final (终报). */
export const INCIDENT_REPORT_KINDS = ["initial", "follow_up", "final"] as const;
export const IncidentReportKind = z.enum(INCIDENT_REPORT_KINDS);
export type IncidentReportKind = z.infer<typeof IncidentReportKind>;

/** A numeric fact as a report changed it. */
const FigureChange = z.object({ field: z.string(), from: z.number(), to: z.number() });

/** Every kind of timeline entry, with what it records. */
export const IncidentEventDetail = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("reported"), suggestedLevel: SeverityLevel.nullable() }),
  z.object({ kind: z.literal("updated"), figures: z.array(FigureChange), fields: z.array(z.string()), suggestedLevel: SeverityLevel.nullable() }),
  z.object({ kind: z.literal("level_set"), level: SeverityLevel, previousLevel: SeverityLevel.nullable(), suggestedLevel: SeverityLevel.nullable(), reason: z.string().nullable() }),
  z.object({ kind: z.literal("plan_activated"), level: SeverityLevel, planId: z.uuid(), planVersionId: z.uuid(), versionNo: z.number().int(), title: z.string() }),
  z.object({ kind: z.literal("opened_without_plan"), level: SeverityLevel }),
  z.object({ kind: z.literal("deadline_created"), deadlineId: z.uuid(), deadlineKind: IncidentDeadlineKind, level: SeverityLevel, dueAt: z.string() }),
  z.object({ kind: z.literal("deadline_met"), deadlineId: z.uuid(), deadlineKind: IncidentDeadlineKind, metAt: z.string(), late: z.boolean(), note: z.string().nullable() }),
  z.object({ kind: z.literal("deadline_overdue"), deadlineId: z.uuid(), deadlineKind: IncidentDeadlineKind, dueAt: z.string() }),
  z.object({ kind: z.literal("task_created"), taskId: z.uuid(), title: z.string(), dueAt: z.string() }),
  z.object({ kind: z.literal("task_changed"), taskId: z.uuid(), title: z.string(), from: TaskStatus, to: TaskStatus, notes: z.string().nullable() }),
  z.object({ kind: z.literal("on_site"), arrivedAt: z.string(), note: z.string().nullable() }),
  z.object({ kind: z.literal("note"), text: z.string() }),
  z.object({ kind: z.literal("attachment_added"), attachmentId: z.uuid(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int() }),
  // Reaching people: who was notified and why (staff as the record names them), an
  // escalation step reached because the one before went unacknowledged, an acknowledgement.
  z.object({
    kind: z.literal("notified"),
    notificationKind: NotificationKind,
    level: SeverityLevel.nullable(),
    step: z.number().int().nullable(),
    taskId: z.uuid().nullable(),
    recipients: z.array(z.object({ id: z.uuid(), name: z.string() })),
  }),
  z.object({ kind: z.literal("escalated"), level: SeverityLevel, step: z.number().int(), deadlineId: z.uuid(), recipients: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
  z.object({ kind: z.literal("received") }),
  z.object({ kind: z.literal("acknowledged"), notificationId: z.uuid(), notificationKind: NotificationKind, step: z.number().int().nullable(), deadlineId: z.uuid().nullable(), late: z.boolean() }),
  z.object({ kind: z.literal("report_drafted"), reportId: z.uuid(), reportKind: IncidentReportKind, sequence: z.number().int().nullable() }),
  z.object({ kind: z.literal("report_edited"), reportId: z.uuid(), reportKind: IncidentReportKind, fields: z.array(z.string()) }),
  z.object({ kind: z.literal("report_approved"), reportId: z.uuid(), reportKind: IncidentReportKind }),
  z.object({ kind: z.literal("report_sent"), reportId: z.uuid(), reportKind: IncidentReportKind, sequence: z.number().int().nullable(), toOrgId: z.uuid(), toOrgName: z.string() }),
  z.object({ kind: z.literal("closed"), reviewId: z.uuid(), outcome: z.string(), figures: z.array(FigureChange), cancelledDeadlines: z.number().int(), followUpTasks: z.number().int() }),
  z.object({ kind: z.literal("reopened"), reason: z.string() }),
]);
export type IncidentEventDetail = z.infer<typeof IncidentEventDetail>;
export type IncidentEventKind = IncidentEventDetail["kind"];

export const IncidentEvent = timelineEntry(IncidentEventDetail);
export type IncidentEvent = z.infer<typeof IncidentEvent>;
export const IncidentTimeline = z.object({ items: z.array(IncidentEvent) });

export { IdParams };
