// Factories for the dispute register: a sample registration with two parties, and disputes
// registered through the service by a mediator of the org, so a made dispute has the case
// number, parties and timeline a real one has. The mediation rows (outcome, agreement,
// follow-up visits, referrals) are written directly, to put a case in a known state at known
// times for the statistics.
import { and, eq } from "drizzle-orm";
import type { Performance, ReferralResult } from "@shared/disputes/mediation-schemas.ts";
import type { DisputeStatus, RegisterDisputeInput } from "@shared/disputes/schemas.ts";
import { type Clock, systemClock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { disputeAgreements, disputeFollowUps, disputeReferrals, disputes, notifications } from "../db/schema.ts";
import { registerDispute } from "../modules/disputes/service.ts";
import type { OrgRow } from "../modules/orgs/queries.ts";
import { makeAccount } from "./factories.ts";
import { actorOfAccount } from "./incident-factories.ts";

/** Resident ID numbers with valid check characters (GB 11643). */
export const VALID_ID_NUMBERS = ["33010219800101123X", "11010519491231002X"] as const;

export function sampleDispute(org: Pick<OrgRow, "id">, overrides: Partial<RegisterDisputeInput> = {}): RegisterDisputeInput {
  return {
    orgId: org.id,
    source: "walk_in",
    screeningKind: null,
    referredBy: null,
    referringBody: null,
    type: "neighbours",
    summary: "两户因宅基地边界的围墙修建发生争执，多次口角。",
    claims: "申请人要求对方拆除越界部分围墙。",
    amountInDispute: 5000,
    peopleInvolved: 2,
    occurredAt: "2026-03-01T09:30:00+08:00",
    risk: "low",
    riskReason: null,
    level: "village",
    route: "people",
    parties: [
      { side: "applicant", kind: "person", name: "张三", contactPhone: "13800001111", idNumber: VALID_ID_NUMBERS[0], agentName: null, agentContact: null },
      { side: "respondent", kind: "person", name: "李四", contactPhone: "13900002222", idNumber: VALID_ID_NUMBERS[1], agentName: "李小四", agentContact: "13700003333" },
    ],
    ...overrides,
  };
}

/** A dispute of `org`, registered by a new mediator of `org`. */
export async function makeDispute(db: Db, org: OrgRow, options: { clock?: Clock; overrides?: Partial<RegisterDisputeInput> } = {}) {
  const clock = options.clock ?? systemClock;
  const mediator = await makeAccount(db, { org, roles: ["mediator"] });
  const occurredAt = new Date(clock.now().getTime() - 60 * 60_000).toISOString();
  const view = await db.transaction((tx) => registerDispute({ actor: actorOfAccount(mediator, org), tx, clock, input: sampleDispute(org, { occurredAt, ...options.overrides }) }));
  return view.dispute;
}

type DisputeRow = Awaited<ReturnType<typeof makeDispute>>;

/** Where a case stands and when each step came; times are ISO strings, as a test writes them. */
export interface CaseState {
  status: DisputeStatus;
  registeredAt: string;
  acceptedAt?: string;
  mediationDueAt?: string;
  refusedAt?: string;
  concludedAt?: string;
}

export async function setCaseState(db: Db, dispute: Pick<DisputeRow, "id" | "registeredBy">, state: CaseState) {
  const at = (value: string | undefined) => (value ? new Date(value) : null);
  await db
    .update(disputes)
    .set({
      status: state.status,
      registeredAt: new Date(state.registeredAt),
      acceptedAt: at(state.acceptedAt),
      acceptedBy: state.acceptedAt ? dispute.registeredBy : null,
      acceptanceReason: state.acceptedAt ? "属于人民调解受理范围" : null,
      mediationDueAt: at(state.mediationDueAt),
      refusedAt: at(state.refusedAt),
      refusedBy: state.refusedAt ? dispute.registeredBy : null,
      refusalReason: state.refusedAt ? "不属于人民调解受理范围" : null,
      redirectTo: state.refusedAt ? "court" : null,
      concludedAt: at(state.concludedAt),
    })
    .where(eq(disputes.id, dispute.id));
}

/** An agreement of the dispute, recorded by whoever registered it. */
export async function addAgreement(db: Db, dispute: DisputeRow, madeAt: string) {
  const [row] = await db
    .insert(disputeAgreements)
    .values({ disputeId: dispute.id, form: "written", facts: "双方就围墙边界达成一致。", terms: ["被申请人拆除越界围墙"], performanceManner: "自行拆除", performanceDueOn: madeAt.slice(0, 10), madeAt: new Date(madeAt), recordedBy: dispute.registeredBy })
    .returning();
  return row!;
}

/** A follow-up visit of an agreement, due at `dueAt`, and made when `visit` is given. */
export async function addFollowUp(db: Db, dispute: DisputeRow, agreementId: string, dueAt: string, visit?: { at: string; performance: Performance }) {
  await db.insert(disputeFollowUps).values({
    disputeId: dispute.id,
    agreementId,
    dueAt: new Date(dueAt),
    ...(visit ? { visitedAt: new Date(visit.at), performance: visit.performance, notes: "已回访", recordedBy: dispute.registeredBy, recordedAt: new Date(visit.at) } : {}),
  });
}

/** A referral to the court, open or with the receiver's result. */
export async function addReferral(db: Db, dispute: DisputeRow, referredAt: string, result?: { result: ReferralResult; at: string }) {
  await db.insert(disputeReferrals).values({
    disputeId: dispute.id,
    receiverKind: "court",
    receiverName: "县人民法院",
    reason: "涉及诉讼事项",
    referredAt: new Date(referredAt),
    referredBy: dispute.registeredBy,
    ...(result ? { result: result.result, resultNote: "已处理", resultAt: new Date(result.at), resultBy: dispute.registeredBy } : {}),
  });
}

/** Who was notified of the dispute with notifications of `kind`, sorted: what a test of a reminder or a notice compares. */
export async function disputeRecipients(db: Db, disputeId: string, kind: string): Promise<string[]> {
  const rows = await db
    .select({ recipientId: notifications.recipientId })
    .from(notifications)
    .where(and(eq(notifications.disputeId, disputeId), eq(notifications.kind, kind)));
  return rows.map((r) => r.recipientId).sort();
}
