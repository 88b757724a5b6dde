// The contract of mediating an accepted dispute: sessions, the outcome and its agreement,
// follow-up visits, referral and its result, and moving a case up a level.
import { z } from "zod";
import { Version, requiredText } from "../common.ts";
import { NAME_MAX, TEXT_MAX } from "../limits.ts";

type Labels<T extends string> = Record<T, { zh: string; en: string }>;

const Instant = z.iso.datetime({ offset: true });
/** A calendar date in China time, `2026-12-31`. */
const CalendarDate = z.iso.date();

/** 调解记录: one meeting of the mediators with the parties. */
export const RecordSessionInput = z.object({
  version: Version,
  heldAt: Instant,
  place: requiredText(NAME_MAX),
  attendees: requiredText(TEXT_MAX),
  applicantStatement: requiredText(TEXT_MAX),
  respondentStatement: requiredText(TEXT_MAX),
  proposals: z.string().trim().max(TEXT_MAX).nullable().default(null),
  result: requiredText(TEXT_MAX),
});
export type RecordSessionInput = z.infer<typeof RecordSessionInput>;

export const AGREEMENT_FORMS = ["written", "oral"] as const;
export const AgreementForm = z.enum(AGREEMENT_FORMS);
export type AgreementForm = z.infer<typeof AgreementForm>;
export const AGREEMENT_FORM_LABELS: Labels<AgreementForm> = {
  written: { zh: "书面协议", en: "Written" },
  oral: { zh: "口头协议", en: "Oral" },
};

export const TERMS_MAX = 30;
/** After an agreement a follow-up visit checks it was performed, this many days later unless the outcome says otherwise. */
export const DEFAULT_FOLLOW_UP_DAYS = 30;
/** The parties may jointly apply to the court for judicial confirmation within this many days (人民调解法 Art. 33). */
export const JUDICIAL_CONFIRMATION_DAYS = 30;

/** 调解协议: the facts, the agreed terms (at least one), and how and by when they are performed. */
export const AgreementInput = z.object({
  form: AgreementForm,
  facts: requiredText(TEXT_MAX),
  terms: z.array(requiredText(TEXT_MAX)).min(1, { message: "agreement.termsRequired" }).max(TERMS_MAX),
  performanceManner: requiredText(TEXT_MAX),
  performanceDueOn: CalendarDate,
});
export type AgreementInput = z.infer<typeof AgreementInput>;

/**
 * How mediation ended. An agreement brings its terms and schedules a follow-up visit; no
 * agreement and a withdrawal say why (`note`), since the parties keep their other ways.
 */
export const ConcludeMediationInput = z.discriminatedUnion("outcome", [
  z.object({
    version: Version,
    outcome: z.literal("agreed"),
    agreement: AgreementInput,
    followUpDays: z.number().int().min(1).max(365).default(DEFAULT_FOLLOW_UP_DAYS),
    note: z.string().trim().max(TEXT_MAX).nullable().default(null),
  }),
  z.object({ version: Version, outcome: z.literal("not_agreed"), note: requiredText(TEXT_MAX) }),
  z.object({ version: Version, outcome: z.literal("withdrawn"), note: requiredText(TEXT_MAX) }),
]);
export type ConcludeMediationInput = z.infer<typeof ConcludeMediationInput>;
export type MediationOutcome = ConcludeMediationInput["outcome"];
export const MEDIATION_OUTCOME_LABELS: Labels<MediationOutcome> = {
  agreed: { zh: "达成协议", en: "Agreement reached" },
  not_agreed: { zh: "未达成协议", en: "No agreement" },
  withdrawn: { zh: "当事人撤回", en: "Withdrawn" },
};

export const PERFORMANCES = ["fully", "partly", "not"] as const;
export const Performance = z.enum(PERFORMANCES);
export type Performance = z.infer<typeof Performance>;
export const PERFORMANCE_LABELS: Labels<Performance> = {
  fully: { zh: "已全部履行", en: "Fully performed" },
  partly: { zh: "部分履行", en: "Partly performed" },
  not: { zh: "未履行", en: "Not performed" },
};

/** 回访: was the agreement performed? Anything short of fully reopens mediation. */
export const RecordFollowUpInput = z.object({
  version: Version,
  visitedAt: Instant,
  performance: Performance,
  notes: requiredText(TEXT_MAX),
});
export type RecordFollowUpInput = z.infer<typeof RecordFollowUpInput>;

export const REFERRAL_RECEIVERS = ["court", "police", "labour_inspection", "department", "other_org"] as const;
export const ReferralReceiver = z.enum(REFERRAL_RECEIVERS);
export type ReferralReceiver = z.infer<typeof ReferralReceiver>;
export const REFERRAL_RECEIVER_LABELS: Labels<ReferralReceiver> = {
  court: { zh: "人民法院", en: "Court" },
  police: { zh: "公安机关", en: "Police" },
  labour_inspection: { zh: "劳动保障监察", en: "Labour inspection" },
  department: { zh: "职能部门", en: "Government department" },
  other_org: { zh: "其他组织", en: "Another organisation" },
};

/** 移交: to whom by name, and why. */
export const ReferDisputeInput = z.object({
  version: Version,
  receiverKind: ReferralReceiver,
  receiverName: requiredText(NAME_MAX),
  reason: requiredText(TEXT_MAX),
});
export type ReferDisputeInput = z.infer<typeof ReferDisputeInput>;

export const REFERRAL_RESULTS = ["handled", "returned"] as const;
export const ReferralResult = z.enum(REFERRAL_RESULTS);
export type ReferralResult = z.infer<typeof ReferralResult>;
export const REFERRAL_RESULT_LABELS: Labels<ReferralResult> = {
  handled: { zh: "接收单位已处理", en: "Handled by the receiver" },
  returned: { zh: "退回调解", en: "Returned to mediation" },
};

/** What the receiver of a referral did: handled it (the case closes) or sent it back to mediation. */
export const RecordReferralResultInput = z.object({ version: Version, result: ReferralResult, note: requiredText(TEXT_MAX) });
export type RecordReferralResultInput = z.infer<typeof RecordReferralResultInput>;

/** 上移: to an org above the case's (its township or county), which decides on it again. */
export const MoveUpDisputeInput = z.object({ version: Version, toOrgId: z.uuid(), reason: requiredText(TEXT_MAX) });
export type MoveUpDisputeInput = z.infer<typeof MoveUpDisputeInput>;

const Person = z.object({ id: z.uuid(), displayName: z.string() });

export const DisputeSession = z.object({
  id: z.uuid(),
  heldAt: z.string(),
  place: z.string(),
  attendees: z.string(),
  applicantStatement: z.string(),
  respondentStatement: z.string(),
  proposals: z.string().nullable(),
  result: z.string(),
  recordedBy: Person,
  recordedAt: z.string(),
});
export type DisputeSession = z.infer<typeof DisputeSession>;

export const DisputeAgreement = z.object({
  id: z.uuid(),
  form: AgreementForm,
  facts: z.string(),
  terms: z.array(z.string()),
  performanceManner: z.string(),
  performanceDueOn: z.string(),
  madeAt: z.string(),
  recordedBy: Person,
});
export type DisputeAgreement = z.infer<typeof DisputeAgreement>;

export const DisputeFollowUp = z.object({
  id: z.uuid(),
  agreementId: z.uuid(),
  dueAt: z.string(),
  visitedAt: z.string().nullable(),
  performance: Performance.nullable(),
  notes: z.string().nullable(),
  recordedBy: Person.nullable(),
});
export type DisputeFollowUp = z.infer<typeof DisputeFollowUp>;

export const DisputeReferral = z.object({
  id: z.uuid(),
  receiverKind: ReferralReceiver,
  receiverName: z.string(),
  reason: z.string(),
  referredAt: z.string(),
  referredBy: Person,
  result: ReferralResult.nullable(),
  resultNote: z.string().nullable(),
  resultAt: z.string().nullable(),
});
export type DisputeReferral = z.infer<typeof DisputeReferral>;
