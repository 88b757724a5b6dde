// Mediating an accepted dispute: its sessions, how it ended (agreement, none, withdrawal),
// and the follow-up visit after an agreement, which closes the case or reopens mediation.
import { chinaDate } from "@shared/duty/china-time.ts";
import { isFutureBeyondSkew } from "@shared/common.ts";
import { DEFAULT_MEDIATION_DAYS, type DisputeEventDetail } from "@shared/disputes/schemas.ts";
import type { ConcludeMediationInput, RecordFollowUpInput, RecordSessionInput } from "@shared/disputes/mediation-schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { conflict, invalidField } from "../../http/errors.ts";
import { agreementDocument } from "./agreement-document.ts";
import { cancelPendingDeadlines, scheduleFollowUp, scheduleMediation } from "./dispute-deadlines.ts";
import * as m from "./mediation-queries.ts";
import * as q from "./queries.ts";
import { authorize } from "../../policy/authorize.ts";
import { disputePolicy } from "./policy.ts";
import { maskParty } from "./present.ts";
import { appendToTimeline, disputeView, guardOf, loadDispute } from "./service.ts";
import { caseNumberOf } from "./texts.ts";
import { DAY_MS, MEDIATING, announce, requireState, save } from "./transitions.ts";

/** 调解记录: a session is held after acceptance and not in the future; the first one puts the case in mediation. */
export async function recordSession({ actor, input, tx, clock }: Action<RecordSessionInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "recordSession");
  requireState(found, input.version, MEDIATING, "dispute.notMediating");
  const now = clock.now();
  const heldAt = new Date(input.heldAt);
  if (isFutureBeyondSkew(heldAt, now)) throw invalidField("heldAt", "dispute.sessionInFuture");
  if (heldAt < found.dispute.acceptedAt!) throw invalidField("heldAt", "dispute.sessionBeforeAcceptance");
  const { id: _id, version, heldAt: _heldAt, ...facts } = input;
  const saved = await save(tx, found, version, { status: "in_mediation", updatedAt: now });
  await m.insertSession(tx, { ...facts, disputeId: found.dispute.id, heldAt, recordedBy: actor.accountId, recordedAt: now });
  await appendToTimeline(tx, found.dispute.id, actor, now, [{ kind: "session_recorded", heldAt: heldAt.toISOString(), place: input.place, result: input.result }]);
  await announce(tx, saved.dispute, now);
  await writeAudit(tx, { actor, clock }, { action: "dispute.session", orgId: found.org.id, recordType: "dispute", recordId: found.dispute.id, detail: { heldAt: heldAt.toISOString() } });
  return disputeView(tx, saved);
}

/**
 * How mediation ended. An agreement is recorded with its terms and a follow-up visit is due
 * `followUpDays` later; no agreement and a withdrawal end it with the reason. Either way the
 * mediation deadline no longer applies.
 */
export async function concludeMediation({ actor, input, tx, clock }: Action<ConcludeMediationInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "conclude");
  requireState(found, input.version, MEDIATING, "dispute.notMediating");
  const now = clock.now();
  const events: DisputeEventDetail[] = [];
  let saved: q.DisputeWithOrg;
  if (input.outcome === "agreed") {
    const { agreement } = input;
    if (agreement.performanceDueOn < chinaDate(now)) throw invalidField("agreement.performanceDueOn", "dispute.performanceDueBeforeAgreement");
    saved = await save(tx, found, input.version, { status: "agreed", concludedAt: now, outcomeNote: input.note, updatedAt: now });
    await cancelPendingDeadlines(tx, found.dispute.id, now);
    const made = await m.insertAgreement(tx, { ...agreement, disputeId: found.dispute.id, madeAt: now, recordedBy: actor.accountId });
    const followUpDueAt = new Date(now.getTime() + input.followUpDays * DAY_MS);
    await m.insertFollowUp(tx, { disputeId: found.dispute.id, agreementId: made.id, dueAt: followUpDueAt });
    await scheduleFollowUp(tx, saved.dispute, followUpDueAt, now);
    events.push({ kind: "agreed", form: agreement.form, terms: agreement.terms.length, followUpDueAt: followUpDueAt.toISOString() });
  } else {
    saved = await save(tx, found, input.version, { status: input.outcome, concludedAt: now, outcomeNote: input.note, updatedAt: now });
    await cancelPendingDeadlines(tx, found.dispute.id, now);
    events.push({ kind: input.outcome, note: input.note });
  }
  await appendToTimeline(tx, found.dispute.id, actor, now, events);
  await announce(tx, saved.dispute, now);
  await writeAudit(tx, { actor, clock }, { action: "dispute.conclude", orgId: found.org.id, recordType: "dispute", recordId: found.dispute.id, detail: { caseNumber: caseNumberOf(found.dispute), outcome: input.outcome } });
  return disputeView(tx, saved);
}

/**
 * 回访: whether the agreement was performed. Fully performed closes the case; partly or not
 * at all reopens mediation with a new deadline, since the dispute is not resolved while the
 * agreement stays on paper.
 */
export async function recordFollowUp({ actor, input, tx, clock }: Action<RecordFollowUpInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "recordFollowUp");
  requireState(found, input.version, ["agreed"], "dispute.noAgreementToFollowUp");
  const pending = await m.findPendingFollowUp(tx, found.dispute.id);
  if (!pending) throw conflict("dispute.noAgreementToFollowUp");
  const now = clock.now();
  const visitedAt = new Date(input.visitedAt);
  if (isFutureBeyondSkew(visitedAt, now)) throw invalidField("visitedAt", "dispute.visitInFuture");
  if (visitedAt < found.dispute.concludedAt!) throw invalidField("visitedAt", "dispute.visitBeforeAgreement");

  await m.recordFollowUpVisit(tx, pending.id, { visitedAt, performance: input.performance, notes: input.notes, recordedBy: actor.accountId, recordedAt: now });
  await cancelPendingDeadlines(tx, found.dispute.id, now);
  const events: DisputeEventDetail[] = [{ kind: "followed_up", performance: input.performance, notes: input.notes }];
  let saved: q.DisputeWithOrg;
  if (input.performance === "fully") {
    saved = await save(tx, found, input.version, { status: "closed", updatedAt: now });
  } else {
    const dueAt = new Date(now.getTime() + DEFAULT_MEDIATION_DAYS * DAY_MS);
    saved = await save(tx, found, input.version, { status: "in_mediation", concludedAt: null, outcomeNote: null, mediationDueAt: dueAt, updatedAt: now });
    await scheduleMediation(tx, saved.dispute, dueAt, now);
    events.push({ kind: "reopened", reason: input.notes, mediationDueAt: dueAt.toISOString() });
  }
  await appendToTimeline(tx, found.dispute.id, actor, now, events);
  await announce(tx, saved.dispute, now);
  await writeAudit(tx, { actor, clock }, { action: "dispute.followUp", orgId: found.org.id, recordType: "dispute", recordId: found.dispute.id, detail: { performance: input.performance } });
  return disputeView(tx, saved);
}

/**
 * The agreement in force (the latest) as 调解协议书; an oral agreement is recorded, not signed,
 * so it has no document. It names the parties as the record does — their identities masked
 * for those who may not see them — and is audited like a full read.
 */
export async function exportAgreement({ actor, input, tx, clock }: Action<{ id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "read");
  const { agreements } = await m.findMediationRecord(tx, found.dispute.id);
  const agreement = agreements.at(-1);
  if (!agreement) throw conflict("dispute.noAgreement");
  if (agreement.form !== "written") throw conflict("dispute.oralAgreementNoDocument");
  const rows = await q.findParties(tx, [found.dispute.id]);
  const mediators = await q.findMediators(tx, found.dispute.id);
  const identified = authorize(actor, disputePolicy, "seeIdentity", guardOf(found));
  const parties = identified ? rows : rows.map(maskParty);
  await writeAudit(tx, { actor, clock }, { action: "dispute.agreementExport", orgId: found.org.id, recordType: "dispute", recordId: found.dispute.id, detail: { agreementId: agreement.id } });
  return agreementDocument({ found, parties, agreement, mediators });
}
