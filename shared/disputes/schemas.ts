import { z } from "zod";
import { IdParams, Page, Phone, Version, listOf, requiredText, timelineEntry } from "../common.ts";
import { NAME_MAX, SEARCH_MAX, TEXT_MAX } from "../limits.ts";
import { NotificationKind } from "../notifications/schemas.ts";
import { AgreementForm, DisputeAgreement, DisputeFollowUp, DisputeReferral, DisputeSession, Performance, ReferralReceiver, ReferralResult } from "./mediation-schemas.ts";

type Labels<T extends string> = Record<T, { zh: string; en: string }>;

/** Where a dispute came to the register from. */
export const DISPUTE_SOURCES = ["screening", "walk_in", "phone", "referral", "self_reported"] as const;
export const DisputeSource = z.enum(DISPUTE_SOURCES);
export type DisputeSource = z.infer<typeof DisputeSource>;
export const DISPUTE_SOURCE_LABELS: Labels<DisputeSource> = {
  screening: { zh: "排查发现", en: "Screening" },
  walk_in: { zh: "来访", en: "Walk-in" },
  phone: { zh: "来电", en: "Phone" },
  referral: { zh: "移交", en: "Referral" },
  self_reported: { zh: "当事人申请", en: "Self-reported by a party" },
};

/** The kind of screening (排查) that found it; named only when the source is screening. */
export const SCREENING_KINDS = ["routine", "periodic", "special", "joint"] as const;
export const ScreeningKind = z.enum(SCREENING_KINDS);
export type ScreeningKind = z.infer<typeof ScreeningKind>;
export const SCREENING_KIND_LABELS: Labels<ScreeningKind> = {
  routine: { zh: "日常排查", en: "Routine" },
  periodic: { zh: "定期排查", en: "Periodic" },
  special: { zh: "专项排查", en: "Special" },
  joint: { zh: "联合排查", en: "Joint" },
};

/** Who referred it (移交); named only when the source is a referral. */
export const REFERRING_BODIES = ["court", "police", "department", "other_org"] as const;
export const ReferringBody = z.enum(REFERRING_BODIES);
export type ReferringBody = z.infer<typeof ReferringBody>;
export const REFERRING_BODY_LABELS: Labels<ReferringBody> = {
  court: { zh: "法院", en: "Court" },
  police: { zh: "公安机关", en: "Police" },
  department: { zh: "职能部门", en: "Government department" },
  other_org: { zh: "其他组织", en: "Another organisation" },
};

/**
 * The escalation risk of the dispute itself: of violence, or of a civil dispute turning
 * criminal (民转刑). It describes the case, never a person, and a party carries no risk field.
 */
export const DISPUTE_RISKS = ["low", "medium", "high"] as const;
export const DisputeRisk = z.enum(DISPUTE_RISKS);
export type DisputeRisk = z.infer<typeof DisputeRisk>;
export const DISPUTE_RISK_LABELS: Labels<DisputeRisk> = {
  low: { zh: "低", en: "Low" },
  medium: { zh: "中", en: "Medium" },
  high: { zh: "高", en: "High" },
};

/** Where the dispute is handled (属地、分级). */
export const DISPUTE_LEVELS = ["village", "township", "county"] as const;
export const DisputeLevel = z.enum(DISPUTE_LEVELS);
export type DisputeLevel = z.infer<typeof DisputeLevel>;
export const DISPUTE_LEVEL_LABELS: Labels<DisputeLevel> = {
  village: { zh: "村（社区）", en: "Village" },
  township: { zh: "乡镇（街道）", en: "Township" },
  county: { zh: "县（区）", en: "County" },
};

/** Which mediation takes it (三调联动). */
export const MEDIATION_ROUTES = ["people", "administrative", "judicial"] as const;
export const MediationRoute = z.enum(MEDIATION_ROUTES);
export type MediationRoute = z.infer<typeof MediationRoute>;
export const MEDIATION_ROUTE_LABELS: Labels<MediationRoute> = {
  people: { zh: "人民调解", en: "People's mediation" },
  administrative: { zh: "行政调解", en: "Administrative mediation" },
  judicial: { zh: "司法调解", en: "Judicial mediation" },
};

/**
 * The life of a case. The register writes `registered`; acceptance or refusal, mediation,
 * its outcome, withdrawal, referral and closing are the later steps' statuses, listed now so
 * that the column's constraint and the API contract do not change as they arrive.
 */
export const DISPUTE_STATUSES = ["registered", "accepted", "refused", "in_mediation", "agreed", "not_agreed", "withdrawn", "referred", "closed"] as const;
export const DisputeStatus = z.enum(DISPUTE_STATUSES);
export type DisputeStatus = z.infer<typeof DisputeStatus>;
export const DISPUTE_STATUS_LABELS: Labels<DisputeStatus> = {
  registered: { zh: "已登记", en: "Registered" },
  accepted: { zh: "已受理", en: "Accepted" },
  refused: { zh: "不予受理", en: "Refused" },
  in_mediation: { zh: "调解中", en: "In mediation" },
  agreed: { zh: "调解成功", en: "Agreed" },
  not_agreed: { zh: "调解不成", en: "Not agreed" },
  withdrawn: { zh: "已撤回", en: "Withdrawn" },
  referred: { zh: "已移交", en: "Referred" },
  closed: { zh: "已结案", en: "Closed" },
};

export const PARTY_SIDES = ["applicant", "respondent"] as const;
export const PartySide = z.enum(PARTY_SIDES);
export type PartySide = z.infer<typeof PartySide>;
export const PARTY_KINDS = ["person", "organisation"] as const;
export const PartyKind = z.enum(PARTY_KINDS);
export type PartyKind = z.infer<typeof PartyKind>;

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = "10X98765432";

/** A resident identity card number (GB 11643): 17 digits and the ISO 7064 MOD 11-2 check character. */
export function isResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  return RESIDENT_ID_CHECK[sum % 11] === value[17];
}

/** A unified social credit code (GB 32100): 18 characters from its alphabet (no I, O, Z, S, V). */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

const OptionalPhone = Phone.nullable().default(null);
const OptionalName = z.string().trim().max(NAME_MAX).nullable().default(null);

/**
 * A party as a case names it: a person by resident ID number, an organisation by its credit
 * code. ID numbers are stored as given and masked in every list and export.
 */
export const PartyInput = z
  .object({
    side: PartySide,
    kind: PartyKind,
    name: requiredText(NAME_MAX),
    contactPhone: OptionalPhone,
    idNumber: z.string().trim().toUpperCase().nullable().default(null),
    agentName: OptionalName,
    agentContact: OptionalPhone,
  })
  .superRefine((party, ctx) => {
    if (party.idNumber === null) return;
    if (party.kind === "person" && !isResidentIdNumber(party.idNumber)) ctx.addIssue({ code: "custom", path: ["idNumber"], message: "party.residentIdInvalid" });
    if (party.kind === "organisation" && !CREDIT_CODE_PATTERN.test(party.idNumber)) ctx.addIssue({ code: "custom", path: ["idNumber"], message: "party.creditCodeInvalid" });
  });
export type PartyInput = z.infer<typeof PartyInput>;

export const PARTIES_MAX = 50;

/**
 * The register's facts. Rules across fields (the screening kind with screening, the referring
 * body with a referral, a reason for medium and high risk, an applicant among the parties,
 * an occurrence not in the future, a type from the deployment's list) are checked on the
 * record as it will stand, so that a change of one field is judged with the others.
 */
const DisputeFacts = z.object({
  source: DisputeSource,
  screeningKind: ScreeningKind.nullable(),
  referredBy: ReferringBody.nullable(),
  /** The name of the court, police station or department that referred it. */
  referringBody: z.string().trim().max(NAME_MAX).nullable(),
  /** A key of the deployment's list of types (`GET /api/dispute-types`), active when it is set or changed. */
  type: z.string().trim().min(1).max(NAME_MAX),
  summary: requiredText(TEXT_MAX),
  claims: requiredText(TEXT_MAX),
  /** Yuan; null when the dispute is not about money. */
  amountInDispute: z.number().min(0).max(1_000_000_000_000).nullable(),
  peopleInvolved: z.number().int().min(1).max(10_000_000),
  occurredAt: z.iso.datetime({ offset: true }),
  risk: DisputeRisk,
  riskReason: z.string().trim().max(TEXT_MAX).nullable(),
  level: DisputeLevel,
  route: MediationRoute,
  parties: z.array(PartyInput).min(1).max(PARTIES_MAX),
});

const d = DisputeFacts.shape;
export const RegisterDisputeInput = DisputeFacts.extend({
  orgId: z.uuid(),
  screeningKind: d.screeningKind.default(null),
  referredBy: d.referredBy.default(null),
  referringBody: d.referringBody.default(null),
  amountInDispute: d.amountInDispute.default(null),
  riskReason: d.riskReason.default(null),
});
export type RegisterDisputeInput = z.infer<typeof RegisterDisputeInput>;

/** Only the fields sent change; `parties`, when sent, replaces the whole list. */
export const UpdateDisputeInput = DisputeFacts.partial().extend({ version: Version });
export type UpdateDisputeInput = z.infer<typeof UpdateDisputeInput>;

export const DisputeListQuery = Page.extend({
  /** Disputes of this org and every org below it. */
  orgId: z.uuid().optional(),
  status: DisputeStatus.optional(),
  type: z.string().trim().max(NAME_MAX).optional(),
  risk: DisputeRisk.optional(),
  level: DisputeLevel.optional(),
  route: MediationRoute.optional(),
  /** In the summary or a party's name. A search that names a person is written to the audit log. */
  q: z.string().trim().max(SEARCH_MAX).optional(),
  registeredFrom: z.iso.datetime({ offset: true }).optional(),
  registeredTo: z.iso.datetime({ offset: true }).optional(),
});
export type DisputeListQuery = z.infer<typeof DisputeListQuery>;

/** A party in a list: identity and contact always masked. */
export const PartySummary = z.object({
  side: PartySide,
  kind: PartyKind,
  name: z.string(),
  contactPhone: z.string().nullable(),
  idNumber: z.string().nullable(),
});
export type PartySummary = z.infer<typeof PartySummary>;

/** A party in the full record: unmasked for the dispute's handlers and its filer. */
export const Party = PartySummary.extend({
  agentName: z.string().nullable(),
  agentContact: z.string().nullable(),
});
export type Party = z.infer<typeof Party>;

/** Where a refused dispute's parties are sent instead (不予受理时告知的其他途径). */
export const REDIRECT_TARGETS = ["court", "arbitration", "department", "other"] as const;
export const RedirectTarget = z.enum(REDIRECT_TARGETS);
export type RedirectTarget = z.infer<typeof RedirectTarget>;
export const REDIRECT_TARGET_LABELS: Labels<RedirectTarget> = {
  court: { zh: "向人民法院提起诉讼", en: "Bring an action in court" },
  arbitration: { zh: "申请仲裁", en: "Apply for arbitration" },
  department: { zh: "向有关行政部门申请处理", en: "Apply to the government department concerned" },
  other: { zh: "其他途径", en: "Another way" },
};

/** Mediation is to conclude this many days after acceptance unless the acceptance says otherwise. */
export const DEFAULT_MEDIATION_DAYS = 30;
/** The mediators are reminded this many days before mediation is due. */
export const MEDIATION_REMINDER_DAYS = 3;
export const MEDIATORS_MAX = 10;

/** Mediators of a case: active staff of its org or an org above it, exactly one of them the lead. */
export const MediatorInput = z.object({ accountId: z.uuid(), lead: z.boolean() });
export type MediatorInput = z.infer<typeof MediatorInput>;
const Mediators = z.array(MediatorInput).min(1).max(MEDIATORS_MAX);

/** 受理: why the case is taken, who mediates it, and in how many days mediation is due. */
export const AcceptDisputeInput = z.object({
  version: Version,
  reason: requiredText(TEXT_MAX),
  mediators: Mediators,
  dueDays: z.number().int().min(1).max(365).default(DEFAULT_MEDIATION_DAYS),
});
export type AcceptDisputeInput = z.infer<typeof AcceptDisputeInput>;

/** 不予受理: why, and where the parties can take the dispute instead. */
export const RefuseDisputeInput = z.object({
  version: Version,
  reason: requiredText(TEXT_MAX),
  redirectTo: RedirectTarget,
  /** The court, arbitration commission or department by name, or the other way. */
  redirectDetail: requiredText(NAME_MAX),
});
export type RefuseDisputeInput = z.infer<typeof RefuseDisputeInput>;

/**
 * A later mediation deadline, only with the parties' agreement (`partiesAgreed` must be true)
 * and a reason: a new due time, or a number of days added to the current one (exactly one of
 * the two, checked with the record, once the caller is known to reach it).
 */
export const ExtendMediationInput = z.object({
  version: Version,
  newDueAt: z.iso.datetime({ offset: true }).optional(),
  days: z.number().int().min(1).max(365).optional(),
  reason: requiredText(TEXT_MAX),
  partiesAgreed: z.literal(true, { message: "dispute.partiesMustAgree" }),
});
export type ExtendMediationInput = z.infer<typeof ExtendMediationInput>;

export const AssignMediatorsInput = z.object({ version: Version, mediators: Mediators });
export type AssignMediatorsInput = z.infer<typeof AssignMediatorsInput>;

/** Whom the mediator pickers offer: the accounts the caller may assign as mediators of the case. */
export const MediatorCandidates = z.object({ items: z.array(z.object({ id: z.uuid(), displayName: z.string(), orgName: z.string() })) });
export type MediatorCandidates = z.infer<typeof MediatorCandidates>;

export const DisputeAction = z.enum(["update", "accept", "refuse", "extend", "assignMediators", "recordSession", "conclude", "recordFollowUp", "refer", "recordReferralResult", "moveUp", "attach"]);
export type DisputeAction = z.infer<typeof DisputeAction>;

export const DisputeSummary = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  /** Numbered per org and year of registration (China time): `2026-0012`. */
  caseNumber: z.string(),
  status: DisputeStatus,
  source: DisputeSource,
  type: z.string(),
  summary: z.string(),
  amountInDispute: z.number().nullable(),
  peopleInvolved: z.number().int(),
  occurredAt: z.string(),
  risk: DisputeRisk,
  level: DisputeLevel,
  route: MediationRoute,
  parties: z.array(PartySummary),
  registeredAt: z.string(),
  version: z.number().int(),
});
export type DisputeSummary = z.infer<typeof DisputeSummary>;
export const DisputeList = listOf(DisputeSummary);

const Person = z.object({ id: z.uuid(), displayName: z.string() });

export const Dispute = DisputeSummary.extend({
  screeningKind: ScreeningKind.nullable(),
  referredBy: ReferringBody.nullable(),
  referringBody: z.string().nullable(),
  claims: z.string(),
  riskReason: z.string().nullable(),
  parties: z.array(Party),
  registeredBy: z.object({ id: z.uuid(), displayName: z.string() }),
  updatedAt: z.string(),
  acceptance: z.object({ at: z.string(), by: Person, reason: z.string() }).nullable(),
  refusal: z.object({ at: z.string(), by: Person, reason: z.string(), redirectTo: RedirectTarget, redirectDetail: z.string() }).nullable(),
  /** Who mediates now, the lead first. */
  mediators: z.array(z.object({ id: z.uuid(), displayName: z.string(), lead: z.boolean(), assignedAt: z.string() })),
  /** When mediation is to be concluded: acceptance plus its days, moved by each extension. */
  mediationDueAt: z.string().nullable(),
  extensions: z.array(z.object({ previousDueAt: z.string(), newDueAt: z.string(), reason: z.string(), at: z.string(), by: Person })),
  sessions: z.array(DisputeSession),
  /** Every agreement reached, in order; the last is in force (an earlier one was not performed and mediation reopened). */
  agreements: z.array(DisputeAgreement),
  followUps: z.array(DisputeFollowUp),
  referrals: z.array(DisputeReferral),
  /** When mediation ended; null while it goes on, and again once a failed follow-up reopens it. */
  concludedAt: z.string().nullable(),
  /** Why there was no agreement, or why it was withdrawn. */
  outcomeNote: z.string().nullable(),
  actions: z.array(DisputeAction),
  /** Where the caller can move the case up to (上移), nearest first; empty unless `moveUp` is among the actions. */
  moveUpTargets: z.array(z.object({ id: z.uuid(), name: z.string(), level: DisputeLevel })),
});
export type Dispute = z.infer<typeof Dispute>;

/** Every kind of timeline entry of a dispute. */
export const DisputeEventDetail = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("registered"), caseNumber: z.string(), risk: DisputeRisk }),
  /** The fields a change touched (`parties` when the list was replaced), and the risk when it moved. */
  z.object({ kind: z.literal("updated"), fields: z.array(z.string()), risk: z.object({ from: DisputeRisk, to: DisputeRisk, reason: z.string().nullable() }).nullable() }),
  z.object({ kind: z.literal("notified"), notificationKind: NotificationKind, recipients: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
  z.object({ kind: z.literal("accepted"), reason: z.string(), mediationDueAt: z.string(), mediators: z.array(z.object({ id: z.uuid(), name: z.string(), lead: z.boolean() })) }),
  z.object({ kind: z.literal("refused"), reason: z.string(), redirectTo: RedirectTarget, redirectDetail: z.string() }),
  z.object({ kind: z.literal("mediators_changed"), mediators: z.array(z.object({ id: z.uuid(), name: z.string(), lead: z.boolean() })) }),
  z.object({ kind: z.literal("extended"), previousDueAt: z.string(), newDueAt: z.string(), reason: z.string() }),
  /** Mediation was due and the case had not concluded. */
  z.object({ kind: z.literal("mediation_overdue"), dueAt: z.string() }),
  z.object({ kind: z.literal("session_recorded"), heldAt: z.string(), place: z.string(), result: z.string() }),
  z.object({ kind: z.literal("agreed"), form: AgreementForm, terms: z.number().int(), followUpDueAt: z.string() }),
  z.object({ kind: z.literal("not_agreed"), note: z.string() }),
  z.object({ kind: z.literal("withdrawn"), note: z.string() }),
  z.object({ kind: z.literal("follow_up_due"), dueAt: z.string() }),
  z.object({ kind: z.literal("followed_up"), performance: Performance, notes: z.string() }),
  /** A follow-up found the agreement not (fully) performed: mediation goes on, due again at `mediationDueAt`. */
  z.object({ kind: z.literal("reopened"), reason: z.string(), mediationDueAt: z.string() }),
  z.object({ kind: z.literal("referred"), receiverKind: ReferralReceiver, receiverName: z.string(), reason: z.string() }),
  z.object({ kind: z.literal("referral_result"), result: ReferralResult, note: z.string() }),
  /** A file added to the case, at one of its sessions when `sessionId` is set. */
  z.object({ kind: z.literal("attachment_added"), attachmentId: z.uuid(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sessionId: z.uuid().nullable() }),
  z.object({ kind: z.literal("moved_up"), from: z.object({ id: z.uuid(), name: z.string() }), to: z.object({ id: z.uuid(), name: z.string() }), reason: z.string(), previousStatus: DisputeStatus }),
]);
export type DisputeEventDetail = z.infer<typeof DisputeEventDetail>;

export const DisputeEvent = timelineEntry(DisputeEventDetail);
export type DisputeEvent = z.infer<typeof DisputeEvent>;
export const DisputeTimeline = z.object({ items: z.array(DisputeEvent) });

export { IdParams };
