// The contract of the semi-monthly screening report (矛盾纠纷排查报表, 半月报): the figures a
// mediation committee reports for its own org and half-month, and the parent org's board of
// who has filed.
import { z } from "zod";
import { Id, optionalText } from "../common.ts";
import { TEXT_MAX } from "../limits.ts";
import { PERIOD_START_PATTERN } from "./screening-periods.ts";

type Labels<T extends string> = Record<T, { zh: string; en: string }>;

/** A period is named by its first day, the 1st or the 16th: `2026-11-16`. */
export const ScreeningPeriodStart = z.string().regex(PERIOD_START_PATTERN, { message: "screening.periodStart" });

export const SCREENING_COUNTS = ["found", "foundByScreening", "handled", "agreed", "notAgreed", "withdrawn", "ongoing", "referred"] as const;
export type ScreeningCount = (typeof SCREENING_COUNTS)[number];

export const SCREENING_COUNT_LABELS: Labels<ScreeningCount> = {
  found: { zh: "排查发现", en: "Found" },
  foundByScreening: { zh: "其中排查来源", en: "Of them by screening" },
  handled: { zh: "受理", en: "Accepted" },
  agreed: { zh: "调解成功", en: "Agreed" },
  notAgreed: { zh: "调解不成", en: "Not agreed" },
  withdrawn: { zh: "撤回", en: "Withdrawn" },
  ongoing: { zh: "期末在办", en: "Open at period end" },
  referred: { zh: "移交", en: "Referred" },
};

const Count = z.number().int().min(0);
/** The counts of one period and org; what each means is written where it is computed (screening-queries.ts). */
export const ScreeningCounts = z.object(Object.fromEntries(SCREENING_COUNTS.map((key) => [key, Count])) as Record<ScreeningCount, typeof Count>);
export type ScreeningCounts = z.infer<typeof ScreeningCounts>;

export const ScreeningFigures = z.object({
  totals: ScreeningCounts,
  /** The same counts per dispute type, only the types with something to count. */
  byType: z.array(ScreeningCounts.extend({ type: z.string() })),
});
export type ScreeningFigures = z.infer<typeof ScreeningFigures>;

export const SCREENINGS_MAX = 10_000;

export const FileScreeningReportInput = z.object({
  orgId: Id,
  periodStart: ScreeningPeriodStart,
  /** 排查次数: how many screening rounds the committee carried out, the one figure it types in. */
  screenings: z.number().int().min(0).max(SCREENINGS_MAX),
  note: optionalText(TEXT_MAX),
});
export type FileScreeningReportInput = z.infer<typeof FileScreeningReportInput>;

export const ScreeningReportQuery = z.object({ orgId: Id, period: ScreeningPeriodStart });
export type ScreeningReportQuery = z.infer<typeof ScreeningReportQuery>;

export const SCREENING_REPORT_STATUSES = ["on_time", "late", "missing", "pending"] as const;
export const ScreeningReportStatus = z.enum(SCREENING_REPORT_STATUSES);
export type ScreeningReportStatus = z.infer<typeof ScreeningReportStatus>;

export const SCREENING_REPORT_STATUS_LABELS: Labels<ScreeningReportStatus> = {
  on_time: { zh: "按时", en: "On time" },
  late: { zh: "逾期", en: "Late" },
  missing: { zh: "未报", en: "Missing" },
  pending: { zh: "待报", en: "Not yet due" },
};

const Period = { periodStart: z.iso.date(), periodEnd: z.iso.date(), dueAt: z.string() };

export const ScreeningReport = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  ...Period,
  submittedAt: z.string(),
  submittedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  screenings: z.number().int(),
  note: z.string().nullable(),
  /** As computed when filed: later corrections of the register do not change a filed report. */
  figures: ScreeningFigures,
});
export type ScreeningReport = z.infer<typeof ScreeningReport>;

/** The figures as they stand now, for the committee to check before filing. */
export const ScreeningReportDraft = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  ...Period,
  status: ScreeningReportStatus,
  figures: ScreeningFigures,
  report: ScreeningReport.nullable(),
  /** `file` when the caller may file (or, before the due time, file again). */
  actions: z.array(z.enum(["file"])),
});
export type ScreeningReportDraft = z.infer<typeof ScreeningReportDraft>;

export const ScreeningReportBoard = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  ...Period,
  deadlinePassed: z.boolean(),
  /** The org itself first, then its direct children by name. */
  items: z.array(z.object({ orgId: z.uuid(), orgName: z.string(), own: z.boolean(), status: ScreeningReportStatus, report: ScreeningReport.nullable() })),
  counts: z.record(ScreeningReportStatus, z.number().int()),
});
export type ScreeningReportBoard = z.infer<typeof ScreeningReportBoard>;
