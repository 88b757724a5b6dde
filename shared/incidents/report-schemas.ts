// The API contract of an incident's reports upward (信息报告) and of its closure with the
// after-action review (总结).
import { z } from "zod";
import { Page, Phone, Version, listOf, requiredText } from "../common.ts";
import { NAME_MAX, REASON_MAX, TEXT_MAX } from "../limits.ts";
import { EmergencyCategory, SeverityLevel } from "../plans/schemas.ts";
import { Role } from "../roles.ts";
import { IncidentDeadlineKind, IncidentReportKind, ReportIncidentInput } from "./schemas.ts";

export const INCIDENT_REPORT_KIND_LABELS: Record<IncidentReportKind, { zh: string; en: string }> = {
  initial: { zh: "首报", en: "Initial report" },
  follow_up: { zh: "续报", en: "Follow-up report" },
  final: { zh: "终报", en: "Final report" },
};

/** A report is drafted, approved (签发) by a leader, then sent; once sent it is the record of what was reported. */
export const REPORT_STATUSES = ["draft", "approved", "sent"] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const REPORT_STATUS_LABELS: Record<ReportStatus, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "Draft" },
  approved: { zh: "已签发", en: "Approved" },
  sent: { zh: "已报送", en: "Sent" },
};

const facts = ReportIncidentInput.shape;
const OptionalText = z.string().trim().max(TEXT_MAX).nullable();

/** The figures a report states, bounded as the incident's own. */
export const ReportFigures = z.object({
  peopleInvolved: facts.peopleInvolved,
  onlookers: facts.onlookers,
  deaths: facts.deaths,
  injuries: facts.injuries,
  missing: facts.missing,
  economicLoss: facts.economicLoss,
});
export type ReportFigures = z.infer<typeof ReportFigures>;

/**
 * What a report says (信息报告要素): drafted from the incident's facts at that moment, then
 * edited. The signer (签发人) is left blank in a draft and becomes the approving leader.
 */
export const ReportContent = z.object({
  occurredAt: z.iso.datetime({ offset: true }),
  place: requiredText(NAME_MAX),
  /** What happened (事件经过). */
  summary: requiredText(TEXT_MAX),
  figures: ReportFigures,
  cause: OptionalText,
  trend: OptionalText,
  measuresTaken: OptionalText,
  helpNeeded: OptionalText,
  reportingOrg: requiredText(NAME_MAX),
  contactName: z.string().trim().max(NAME_MAX).nullable(),
  contactPhone: Phone.nullable(),
  signer: z.string().trim().max(NAME_MAX).nullable(),
  /** The attachments line (附件): names of the documents that go with the report. */
  attachments: z.array(requiredText(NAME_MAX)).max(20),
});
export type ReportContent = z.infer<typeof ReportContent>;

export const CreateReportInput = z.object({ kind: IncidentReportKind });
export type CreateReportInput = z.infer<typeof CreateReportInput>;

/** Edits a draft: the fields sent change; the signer is set by approval only. */
export const UpdateReportInput = z.object({
  version: Version,
  title: requiredText(NAME_MAX).optional(),
  content: ReportContent.omit({ signer: true }).partial().optional(),
});
export type UpdateReportInput = z.infer<typeof UpdateReportInput>;

export const ReportVersionInput = z.object({ version: Version });
export type ReportVersionInput = z.infer<typeof ReportVersionInput>;

export const ReportParams = z.object({ id: z.uuid(), reportId: z.uuid() });

/**
 * How a deadline of the response fared by the time the incident closed, computed from the
 * deadline rows: met on time, met late, due and never met, not yet due when closed, or
 * cancelled before (its task was cancelled). `minutesLate` counts from the due time to the
 * meeting, or to the closing for one never met.
 */
export const TIMING_RESULTS = ["on_time", "late", "never_met", "not_due", "cancelled"] as const;
export const TimingResult = z.enum(TIMING_RESULTS);
export type TimingResult = z.infer<typeof TimingResult>;

export const DeadlineTiming = z.object({
  deadlineId: z.uuid(),
  kind: IncidentDeadlineKind,
  level: SeverityLevel,
  dueAt: z.string(),
  metAt: z.string().nullable(),
  result: TimingResult,
  minutesLate: z.number().int().nullable(),
  /** What it was for: the escalation step, the report's recipient (and follow-up number), the role on site, the task. */
  step: z.number().int().nullable(),
  to: z.string().nullable(),
  followUpNo: z.number().int().nullable(),
  role: Role.nullable(),
  who: z.string().nullable(),
  taskId: z.uuid().nullable(),
  taskTitle: z.string().nullable(),
});
export type DeadlineTiming = z.infer<typeof DeadlineTiming>;

/** A follow-up action as the review lists it, with the task it became. */
export const ReviewFollowUpAction = z.object({
  taskId: z.uuid(),
  title: z.string(),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  dueAt: z.string(),
});
export type ReviewFollowUpAction = z.infer<typeof ReviewFollowUpAction>;

export const IncidentReview = z.object({
  id: z.uuid(),
  closedAt: z.string(),
  closedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  outcome: z.string(),
  figures: ReportFigures,
  summary: z.string(),
  lessons: z.string(),
  followUpActions: z.array(ReviewFollowUpAction),
  timings: z.array(DeadlineTiming),
});
export type IncidentReview = z.infer<typeof IncidentReview>;
export const IncidentReviewList = z.object({ items: z.array(IncidentReview) });

export const FollowUpActionInput = z
  .object({
    title: requiredText(NAME_MAX),
    groupId: z.uuid().nullable().default(null),
    assigneeId: z.uuid().nullable().default(null),
    dueAt: z.iso.datetime({ offset: true }),
  })
  .refine((action) => action.groupId !== null || action.assigneeId !== null, { message: "incident.followUpUnassigned", path: ["groupId"] });

/** Closing: how it ended, the final figures, and the review; the timings are computed, not sent. */
export const CloseIncidentInput = z.object({
  version: Version,
  outcome: requiredText(TEXT_MAX),
  finalFigures: ReportFigures,
  review: z.object({
    summary: requiredText(TEXT_MAX),
    lessons: requiredText(TEXT_MAX),
    followUpActions: z.array(FollowUpActionInput).max(50).default([]),
  }),
});
export type CloseIncidentInput = z.infer<typeof CloseIncidentInput>;

export const ReopenIncidentInput = z.object({ version: Version, reason: requiredText(REASON_MAX) });
export type ReopenIncidentInput = z.infer<typeof ReopenIncidentInput>;

export const ReportAction = z.enum(["update", "approve", "send"]);
export type ReportAction = z.infer<typeof ReportAction>;

const Person = z.object({ id: z.uuid(), displayName: z.string() });
const OrgRef = z.object({ id: z.uuid(), name: z.string() });

export const IncidentReportSummary = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  incidentTitle: z.string(),
  category: EmergencyCategory,
  level: SeverityLevel.nullable(),
  kind: IncidentReportKind,
  /** The follow-up number (第N次续报); null for the initial and final reports. */
  sequence: z.number().int().nullable(),
  status: ReportStatus,
  title: z.string(),
  fromOrg: OrgRef,
  /** The parent org it goes to; set when sent. */
  toOrg: OrgRef.nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** The approving leader (签发人), as the report names them; null until approved. */
  signer: z.string().nullable(),
  version: z.number().int(),
});
export type IncidentReportSummary = z.infer<typeof IncidentReportSummary>;
export const IncidentReportList = listOf(IncidentReportSummary);

export const IncidentReport = IncidentReportSummary.extend({
  content: ReportContent,
  /** The final report's after-action review. */
  review: IncidentReview.nullable(),
  createdBy: Person,
  updatedAt: z.string(),
  approvedBy: Person.nullable(),
  approvedAt: z.string().nullable(),
  sentBy: Person.nullable(),
  actions: z.array(ReportAction),
});
export type IncidentReport = z.infer<typeof IncidentReport>;

export const ReportInboxQuery = Page;
