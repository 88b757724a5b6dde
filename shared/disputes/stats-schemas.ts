// The API contract of the dispute statistics (矛盾纠纷统计): what a township office reports upward
// and watches itself by — how many cases, how many mediated to an agreement, in time, and
// whether the agreements were kept.
import { z } from "zod";
import { NAME_MAX } from "../limits.ts";
import { DisputeLevel, DisputeStatus } from "./schemas.ts";

export const STATS_BUCKETS = ["month", "week"] as const;
export const StatsBucket = z.enum(STATS_BUCKETS);
export type StatsBucket = z.infer<typeof StatsBucket>;
export const STATS_BUCKET_LABELS: Record<StatsBucket, { zh: string; en: string }> = {
  month: { zh: "按月", en: "By month" },
  week: { zh: "按周", en: "By week" },
};

/** The longest range asked for at once: ten years, some 520 weeks to draw. */
export const STATS_RANGE_DAYS_MAX = 3660;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The cases counted: those registered in [from, to] at the org and every org below it, within the caller's reach. */
export const DisputeStatsQuery = z
  .object({
    /** Default: the caller's own org. */
    orgId: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    type: z.string().trim().max(NAME_MAX).optional(),
    level: DisputeLevel.optional(),
    bucket: StatsBucket.default("month"),
  })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    const days = (new Date(q.to).getTime() - new Date(q.from).getTime()) / DAY_MS;
    if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "disputeStats.rangeReversed" });
    else if (days > STATS_RANGE_DAYS_MAX) ctx.addIssue({ code: "custom", path: ["to"], message: "disputeStats.rangeTooLong" });
  });
export type DisputeStatsQuery = z.infer<typeof DisputeStatsQuery>;

const Count = z.number().int().nonnegative();
/** A share from 0 to 1; null when nothing was there to measure. */
const Rate = z.number().min(0).max(1).nullable();

export const DisputeStatsTotals = z.object({
  registered: Count,
  /** Ever accepted (受理), whatever became of them since. */
  accepted: Count,
  refused: Count,
  /** Accepted or in mediation now. */
  ongoing: Count,
  /** An agreement reached: awaiting its follow-up, or closed with it performed. */
  agreed: Count,
  notAgreed: Count,
  withdrawn: Count,
  /** Ever referred (移交), whatever the receiver made of it. */
  referred: Count,
  closed: Count,
});
export type DisputeStatsTotals = z.infer<typeof DisputeStatsTotals>;

export const DisputeStats = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  bucket: StatsBucket,
  totals: DisputeStatsTotals,
  /** 调解成功率: agreed ÷ (agreed + not agreed). */
  successRate: Rate,
  /** 按期办结率: accepted cases concluded by their mediation deadline ÷ accepted cases concluded. */
  onTimeRate: Rate,
  /** 回访率: follow-up visits made ÷ visits due by now (a visit made early counts as due). */
  followUpRate: Rate,
  /** 履行率: visits finding the agreement fully performed ÷ visits made. */
  performanceRate: Rate,
  /** The counts behind the rates, so a rate can be shown with its fraction. */
  measures: z.object({ concluded: Count, concludedOnTime: Count, followUpsDue: Count, followUpsVisited: Count, fullyPerformed: Count }),
  byType: z.array(z.object({ type: z.string(), count: Count })),
  byStatus: z.array(z.object({ status: DisputeStatus, count: Count })),
  byLevel: z.array(z.object({ level: DisputeLevel, count: Count })),
  /** The org's own cases (`own`), then each org directly below it with its whole subtree. */
  byOrg: z.array(z.object({ orgId: z.uuid(), name: z.string(), own: z.boolean(), count: Count })),
  /**
   * Per month or week (China time), from the first to the last: the cases registered then, and
   * those of them whose mediation ended then. `start` is the bucket's first date (a week starts
   * on Monday).
   */
  overTime: z.array(z.object({ start: z.iso.date(), registered: Count, concluded: Count })),
});
export type DisputeStats = z.infer<typeof DisputeStats>;
