import type { Dispute, DisputeAction, DisputeEvent, DisputeLevel, DisputeRisk, DisputeSource, DisputeStatus, DisputeSummary, MediationRoute, Party, PartyKind, PartySide, RedirectTarget, ReferringBody, ScreeningKind } from "@shared/disputes/schemas.ts";
import { DisputeEventDetail } from "@shared/disputes/schemas.ts";
import type { AgreementForm, Performance, ReferralReceiver, ReferralResult } from "@shared/disputes/mediation-schemas.ts";
import type { Actor } from "../../policy/actor.ts";
import { presentTimelineRow } from "../../timeline.ts";
import { allowedActions, authorize } from "../../policy/authorize.ts";
import { maskPhone } from "../accounts/present.ts";
import { disputePolicy } from "./policy.ts";
import type { DisputeEventRow, DisputeWithOrg, PartyRow } from "./queries.ts";
import { type DisputeView, guardOf } from "./service.ts";
import { caseNumberOf } from "./texts.ts";

/** 110101199003071234 → 110***********1234: enough to tell two parties apart on a list, not to identify one. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length <= 7 ? "****" : `${idNumber.slice(0, 3)}${"*".repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

const masked = (value: string | null, mask: (value: string) => string) => (value === null ? null : mask(value));

/** A party with identity and contacts masked, for documents given to those who may not see them. */
export const maskParty = (row: PartyRow): PartyRow => ({
  ...row,
  idNumber: masked(row.idNumber, maskIdNumber),
  contactPhone: masked(row.contactPhone, maskPhone),
  agentContact: masked(row.agentContact, maskPhone),
});

/** Lists mask every party's identity for everyone (PIPL): whoever needs it opens the record, which is audited. */
function presentPartySummary(row: PartyRow) {
  return {
    side: row.side as PartySide,
    kind: row.kind as PartyKind,
    name: row.name,
    contactPhone: masked(row.contactPhone, maskPhone),
    idNumber: masked(row.idNumber, maskIdNumber),
  };
}

export function presentDisputeSummary({ dispute, org }: DisputeWithOrg, parties: readonly PartyRow[]): DisputeSummary {
  return {
    id: dispute.id,
    orgId: org.id,
    orgName: org.name,
    caseNumber: caseNumberOf(dispute),
    status: dispute.status as DisputeStatus,
    source: dispute.source as DisputeSource,
    type: dispute.type,
    summary: dispute.summary,
    amountInDispute: dispute.amountInDispute,
    peopleInvolved: dispute.peopleInvolved,
    occurredAt: dispute.occurredAt.toISOString(),
    risk: dispute.risk as DisputeRisk,
    level: dispute.level as DisputeLevel,
    route: dispute.route as MediationRoute,
    parties: parties.map(presentPartySummary),
    registeredAt: dispute.registeredAt.toISOString(),
    version: dispute.version,
  };
}

export function presentDispute(actor: Actor, view: DisputeView): Dispute {
  const { dispute } = view;
  const guard = guardOf(view);
  const identified = authorize(actor, disputePolicy, "seeIdentity", guard);
  const actions = allowedActions(actor, disputePolicy, actionsIn(view), guard);
  const parties: Party[] = view.parties.map((row) => ({
    ...presentPartySummary(row),
    ...(identified ? { contactPhone: row.contactPhone, idNumber: row.idNumber } : {}),
    agentName: row.agentName,
    agentContact: identified ? row.agentContact : masked(row.agentContact, maskPhone),
  }));
  return {
    ...presentDisputeSummary(view, view.parties),
    screeningKind: dispute.screeningKind as ScreeningKind | null,
    referredBy: dispute.referredBy as ReferringBody | null,
    referringBody: dispute.referringBody,
    claims: dispute.claims,
    riskReason: dispute.riskReason,
    parties,
    registeredBy: view.registeredBy,
    updatedAt: dispute.updatedAt.toISOString(),
    acceptance: dispute.acceptedAt && view.acceptedBy ? { at: dispute.acceptedAt.toISOString(), by: view.acceptedBy, reason: dispute.acceptanceReason! } : null,
    refusal:
      dispute.refusedAt && view.refusedBy
        ? { at: dispute.refusedAt.toISOString(), by: view.refusedBy, reason: dispute.refusalReason!, redirectTo: dispute.redirectTo as RedirectTarget, redirectDetail: dispute.redirectDetail! }
        : null,
    mediators: view.mediators.map((m) => ({ id: m.id, displayName: m.displayName, lead: m.lead, assignedAt: m.assignedAt.toISOString() })),
    mediationDueAt: dispute.mediationDueAt?.toISOString() ?? null,
    extensions: view.extensions.map(({ extension, byName }) => ({
      previousDueAt: extension.previousDueAt.toISOString(),
      newDueAt: extension.newDueAt.toISOString(),
      reason: extension.reason,
      at: extension.extendedAt.toISOString(),
      by: { id: extension.extendedBy, displayName: byName },
    })),
    ...presentMediation(view),
    concludedAt: dispute.concludedAt?.toISOString() ?? null,
    outcomeNote: dispute.outcomeNote,
    actions,
    moveUpTargets: actions.includes("moveUp") ? view.moveUpTargets.map((org) => ({ id: org.id, name: org.name, level: org.level })) : [],
  };
}

function presentMediation({ mediation, person }: DisputeView) {
  const by = (id: string) => person(id)!;
  return {
    sessions: mediation.sessions.map((s) => ({
      id: s.id,
      heldAt: s.heldAt.toISOString(),
      place: s.place,
      attendees: s.attendees,
      applicantStatement: s.applicantStatement,
      respondentStatement: s.respondentStatement,
      proposals: s.proposals,
      result: s.result,
      recordedBy: by(s.recordedBy),
      recordedAt: s.recordedAt.toISOString(),
    })),
    agreements: mediation.agreements.map((a) => ({
      id: a.id,
      form: a.form as AgreementForm,
      facts: a.facts,
      terms: a.terms,
      performanceManner: a.performanceManner,
      performanceDueOn: a.performanceDueOn,
      madeAt: a.madeAt.toISOString(),
      recordedBy: by(a.recordedBy),
    })),
    followUps: mediation.followUps.map((f) => ({
      id: f.id,
      agreementId: f.agreementId,
      dueAt: f.dueAt.toISOString(),
      visitedAt: f.visitedAt?.toISOString() ?? null,
      performance: f.performance as Performance | null,
      notes: f.notes,
      recordedBy: person(f.recordedBy),
    })),
    referrals: mediation.referrals.map((r) => ({
      id: r.id,
      receiverKind: r.receiverKind as ReferralReceiver,
      receiverName: r.receiverName,
      reason: r.reason,
      referredAt: r.referredAt.toISOString(),
      referredBy: by(r.referredBy),
      result: r.result as ReferralResult | null,
      resultNote: r.resultNote,
      resultAt: r.resultAt?.toISOString() ?? null,
    })),
  };
}

/**
 * What the case's state leaves to do: deciding on a registered case; mediating an accepted
 * one (sessions, deadline, mediators, the outcome); visiting the parties after an agreement;
 * recording what the receiver of a referral did. A case not yet concluded can be referred or
 * moved up, and so can one that ended without agreement, since the parties still need a way.
 * Files are added at any stage: a scanned agreement or a receipt of payment comes after it.
 */
function actionsIn(view: DisputeView): DisputeAction[] {
  return [...stepsIn(view), "attach"];
}

function stepsIn(view: DisputeView): DisputeAction[] {
  const { dispute, mediation } = view;
  const status = dispute.status as DisputeStatus;
  const onward: DisputeAction[] = ["refer", ...(view.moveUpTargets.length > 0 ? (["moveUp"] as const) : [])];
  if (status === "registered") return ["update", "accept", "refuse", ...onward];
  if (status === "accepted" || status === "in_mediation") return ["update", "extend", "assignMediators", "recordSession", "conclude", ...onward];
  if (status === "not_agreed") return ["update", ...onward];
  if (status === "agreed" && mediation.followUps.some((f) => f.visitedAt === null)) return ["update", "recordFollowUp"];
  if (status === "referred") return ["update", "recordReferralResult"];
  return ["update"];
}

export const presentEvent = (row: DisputeEventRow): DisputeEvent => presentTimelineRow(row, (detail) => DisputeEventDetail.parse(detail));
