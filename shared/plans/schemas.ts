import { z } from "zod";
import { Id, IdParams, Page, Version, listOf, requiredText } from "../common.ts";
import { NAME_MAX, SEARCH_MAX, TEXT_MAX } from "../limits.ts";
import { Role } from "../roles.ts";

/** The four categories of emergencies of the Emergency Response Law (突发事件应对法). */
export const EMERGENCY_CATEGORIES = ["natural_disaster", "accident_disaster", "public_health", "social_security"] as const;
export const EmergencyCategory = z.enum(EMERGENCY_CATEGORIES);
export type EmergencyCategory = z.infer<typeof EmergencyCategory>;

export const EMERGENCY_CATEGORY_LABELS: Record<EmergencyCategory, { zh: string; en: string }> = {
  natural_disaster: { zh: "自然灾害", en: "Natural disaster" },
  accident_disaster: { zh: "事故灾难", en: "Accident or disaster" },
  public_health: { zh: "公共卫生事件", en: "Public health event" },
  social_security: { zh: "社会安全事件", en: "Social security event" },
};

/** The four grades, most severe first, as plans list them. */
export const SEVERITY_LEVELS = ["I", "II", "III", "IV"] as const;
export const SeverityLevel = z.enum(SEVERITY_LEVELS);
export type SeverityLevel = z.infer<typeof SeverityLevel>;

export const SEVERITY_LEVEL_LABELS: Record<SeverityLevel, { zh: string; en: string; numeral: string }> = {
  I: { zh: "特别重大", en: "Especially major", numeral: "Ⅰ" },
  II: { zh: "重大", en: "Major", numeral: "Ⅱ" },
  III: { zh: "较大", en: "Large", numeral: "Ⅲ" },
  IV: { zh: "一般", en: "General", numeral: "Ⅳ" },
};

export const PLAN_STATUSES = ["draft", "active", "retired"] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const PLAN_STATUS_LABELS: Record<PlanStatus, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "Draft" },
  active: { zh: "现行", en: "Active" },
  retired: { zh: "已废止", en: "Retired" },
};

/** A plan's chapters run long; one bound for each, shared by the form and the server. */
export const PLAN_SECTION_MAX = 10_000;
/** Deadlines are minutes; none is longer than a month. */
const Minutes = z.number().int().positive().max(60 * 24 * 31);
const Count = z.number().int().positive().max(10_000_000);
// No transforms below: the same schemas describe the stored document in responses, and a
// response is encoded, which a one-way transform cannot do.
const LongText = z.string().trim().max(PLAN_SECTION_MAX).nullable().default(null);
const ShortText = z.string().trim().max(NAME_MAX).nullable().default(null);

/**
 * What suggests a level: any one threshold met is enough ("≥ 50 people or ≥ 3 deaths").
 * A threshold left null does not count; free-text criteria are for the people deciding.
 */
export const Thresholds = z.object({
  minPeopleInvolved: Count.nullable().default(null),
  minDeaths: Count.nullable().default(null),
  minInjuries: Count.nullable().default(null),
  /** 万元 (10,000 yuan), as the plans write it. */
  minEconomicLoss: z.number().positive().max(100_000_000).nullable().default(null),
  criteria: z.string().trim().max(TEXT_MAX).nullable().default(null),
});
export type Thresholds = z.infer<typeof Thresholds>;
export const THRESHOLD_FIELDS = ["minPeopleInvolved", "minDeaths", "minInjuries", "minEconomicLoss"] as const;
export type ThresholdField = (typeof THRESHOLD_FIELDS)[number];

export const NotifyTargets = z
  .object({
    roles: z.array(Role).max(8).default([]),
    groupIds: z.array(Id).max(50).default([]),
  })
  .refine((targets) => targets.roles.length + targets.groupIds.length > 0, { message: "plan.notifyNobody", path: ["roles"] });
export type NotifyTargets = z.infer<typeof NotifyTargets>;

/** Notify these; if nobody acknowledges within the minutes, the next step follows. */
export const EscalationStep = z.object({ notify: NotifyTargets, ackWithinMinutes: Minutes });

/** The initial report to `to` within the minutes, then a follow-up every N minutes until closed. */
export const ReportDeadline = z.object({
  to: requiredText(NAME_MAX),
  initialWithinMinutes: Minutes,
  followUpEveryMinutes: Minutes.nullable().default(null),
});

/** Someone of this role (e.g. the leader on duty, 带班领导) on site within the minutes. */
export const OnSiteDeadline = z.object({ role: Role, who: ShortText, withinMinutes: Minutes });

export const TaskTemplate = z.object({
  groupId: Id,
  title: requiredText(NAME_MAX),
  description: z.string().trim().max(TEXT_MAX).nullable().default(null),
  dueWithinMinutes: Minutes,
});

export const LevelResponse = z.object({
  notify: NotifyTargets,
  escalation: z.array(EscalationStep).min(1).max(10),
  reports: z.array(ReportDeadline).max(10).default([]),
  onSite: z.array(OnSiteDeadline).max(10).default([]),
  tasks: z.array(TaskTemplate).max(50).default([]),
});
export type LevelResponse = z.infer<typeof LevelResponse>;

export const LevelSpec = z.object({ thresholds: Thresholds, response: LevelResponse });
export type LevelSpec = z.infer<typeof LevelSpec>;

export const CategoryCoverage = z.object({
  category: EmergencyCategory,
  subtypes: z.array(requiredText(NAME_MAX)).max(30).default([]),
});

/** The plan document: one JSON value, validated here, stored and versioned as a whole. */
export const PlanContent = z
  .object({
    purpose: LongText,
    basis: LongText,
    scope: LongText,
    categories: z.array(CategoryCoverage).min(1).max(EMERGENCY_CATEGORIES.length),
    principles: LongText,
    /** The groups the plan sets up (org chart), in the order the document lists them. */
    groupIds: z.array(Id).max(50).default([]),
    levels: z.object({ I: LevelSpec, II: LevelSpec, III: LevelSpec, IV: LevelSpec }),
  })
  .superRefine((content, ctx) => {
    const seen = new Set<string>();
    content.categories.forEach(({ category }, index) => {
      if (seen.has(category)) ctx.addIssue({ code: "custom", path: ["categories", index, "category"], message: "plan.categoryRepeated" });
      seen.add(category);
    });
    for (const issue of thresholdOrderIssues(content.levels)) ctx.addIssue({ code: "custom", ...issue });
  });
export type PlanContent = z.infer<typeof PlanContent>;
export type PlanContentInput = z.input<typeof PlanContent>;

/**
 * A more severe level must not set a threshold below one a lesser level sets: otherwise the
 * same event would be "major" by one line of the plan and merely "general" by another.
 */
export function thresholdOrderIssues(levels: Record<SeverityLevel, { thresholds: Thresholds }>) {
  const issues: { path: (string | number)[]; message: "plan.thresholdBelowLesserLevel" }[] = [];
  for (const field of THRESHOLD_FIELDS) {
    let highestBelow: number | null = null;
    for (const level of [...SEVERITY_LEVELS].reverse()) {
      const value = levels[level].thresholds[field];
      if (value === null) continue;
      if (highestBelow !== null && value < highestBelow) {
        issues.push({ path: ["levels", level, "thresholds", field], message: "plan.thresholdBelowLesserLevel" });
      }
      highestBelow = Math.max(highestBelow ?? value, value);
    }
  }
  return issues;
}

export const PlanAction = z.enum(["update", "publish", "retire"]);
export type PlanAction = z.infer<typeof PlanAction>;

export const PlanVersionSummary = z.object({
  id: z.uuid(),
  versionNo: z.number().int(),
  status: PlanStatus,
  title: z.string(),
  categories: z.array(EmergencyCategory),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>;

export const PlanVersion = PlanVersionSummary.extend({ content: PlanContent });
export type PlanVersion = z.infer<typeof PlanVersion>;

export const PlanSummary = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  /** The title and categories of the active version, or of the newest one when none is active. */
  title: z.string(),
  categories: z.array(EmergencyCategory),
  status: PlanStatus,
  activeVersion: PlanVersionSummary.nullable(),
  draftVersion: PlanVersionSummary.nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  actions: z.array(PlanAction),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlanList = listOf(PlanSummary);

/** One plan with every version, newest first. */
export const Plan = PlanSummary.extend({ versions: z.array(PlanVersion) });
export type Plan = z.infer<typeof Plan>;

export const CreatePlanInput = z.object({ orgId: z.uuid(), title: requiredText(NAME_MAX), content: PlanContent });
export type CreatePlanInput = z.infer<typeof CreatePlanInput>;

/** Edits the draft; on a plan without one, starts a new draft from the newest version. */
export const UpdatePlanInput = z.object({ version: Version, title: requiredText(NAME_MAX).optional(), content: PlanContent.optional() });
export type UpdatePlanInput = z.infer<typeof UpdatePlanInput>;

export const PlanVersionInput = z.object({ version: Version });

export const PlanListQuery = Page.extend({
  q: z.string().trim().max(SEARCH_MAX).optional(),
  orgId: z.uuid().optional(),
  category: EmergencyCategory.optional(),
  status: PlanStatus.optional(),
});

export const PlanExportQuery = z.object({ versionId: z.uuid().optional() });

/** What is known of an event, as the suggestion reads it; economic loss in 万元. */
export const SuggestLevelQuery = z.object({
  people: z.coerce.number().int().min(0).max(10_000_000).default(0),
  deaths: z.coerce.number().int().min(0).max(10_000_000).default(0),
  injuries: z.coerce.number().int().min(0).max(10_000_000).default(0),
  loss: z.coerce.number().min(0).max(100_000_000).default(0),
});

export const LevelSuggestion = z.object({
  planId: z.uuid(),
  planVersionId: z.uuid(),
  versionNo: z.number().int(),
  level: SeverityLevel.nullable(),
  /** The thresholds of that level that the event meets. */
  met: z.array(z.object({ field: z.enum(THRESHOLD_FIELDS), threshold: z.number(), value: z.number() })),
});
export type LevelSuggestion = z.infer<typeof LevelSuggestion>;
export { IdParams };

// Drills (演练) are recorded against the plan version they exercised.
export const DrillTiming = z.object({
  step: requiredText(NAME_MAX),
  plannedMinutes: Minutes,
  actualMinutes: z.number().int().min(0).max(60 * 24 * 31),
});
export type DrillTiming = z.infer<typeof DrillTiming>;

export const Drill = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  planId: z.uuid(),
  planVersionId: z.uuid(),
  planVersionNo: z.number().int(),
  planTitle: z.string(),
  heldOn: z.iso.date(),
  scenario: z.string(),
  participants: z.string().nullable(),
  participantAccounts: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  timings: z.array(DrillTiming),
  findings: z.string().nullable(),
  createdAt: z.string(),
});
export type Drill = z.infer<typeof Drill>;
export const DrillList = listOf(Drill);

export const CreateDrillInput = z.object({
  planVersionId: z.uuid(),
  heldOn: z.iso.date(),
  scenario: requiredText(TEXT_MAX),
  /** Who took part, as written in the drill record (units, numbers of people). */
  participants: z.string().trim().max(TEXT_MAX).nullable().default(null),
  participantIds: z.array(Id).max(200).default([]),
  timings: z.array(DrillTiming).max(50).default([]),
  findings: z.string().trim().max(PLAN_SECTION_MAX).nullable().default(null),
});
export type CreateDrillInput = z.infer<typeof CreateDrillInput>;

export const DrillListQuery = Page.extend({ orgId: z.uuid().optional(), planId: z.uuid().optional() });
