// Where a case goes when the committee handling it is not the one to finish it: referred (移交)
// to a court, the police, labour inspection or a department until the receiver's result is
// recorded; or moved up to the township or county, which decides on it again.
import { DEFAULT_MEDIATION_DAYS, type DisputeEventDetail, type DisputeLevel, type DisputeStatus } from "@shared/disputes/schemas.ts";
import type { MoveUpDisputeInput, RecordReferralResultInput, ReferDisputeInput } from "@shared/disputes/mediation-schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { conflict, invalidField } from "../../http/errors.ts";
import { notifyPeople } from "../notifications/notify.ts";
import { findAccountsWithRoles } from "../notifications/queries.ts";
import { findOrg } from "../orgs/queries.ts";
import { cancelPendingDeadlines, scheduleMediation } from "./dispute-deadlines.ts";
import * as m from "./mediation-queries.ts";
import * as q from "./queries.ts";
import { appendToTimeline, disputeView, loadDispute } from "./service.ts";
import { caseNumberOf, movedUpText } from "./texts.ts";
import { loadDisputeTypes, typeNameZh } from "./dispute-types.ts";
import { moveUpTargets } from "./move-up-targets.ts";
import { DAY_MS, announce, requireState, save } from "./transitions.ts";

/**
 * Not yet concluded, or ended without agreement: a case that still needs someone. An agreed,
 * withdrawn, refused or closed case has nowhere further to go, and a referred one waits.
 */
const OPEN: readonly DisputeStatus[] = ["registered", "accepted", "in_mediation", "not_agreed"];

/** 移交: mediation stops (its deadline with it) while the receiver has the case; the record stays open for their result. */
export async function referDispute({ actor, input, tx, clock }: Action<ReferDisputeInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "refer");
  requireState(found, input.version, OPEN, "dispute.notReferable");
  const now = clock.now();
  const saved = await save(tx, found, input.version, { status: "referred", concludedAt: null, updatedAt: now });
  await cancelPendingDeadlines(tx, found.dispute.id, now);
  await m.insertReferral(tx, { disputeId: found.dispute.id, receiverKind: input.receiverKind, receiverName: input.receiverName, reason: input.reason, referredAt: now, referredBy: actor.accountId });
  await appendToTimeline(tx, found.dispute.id, actor, now, [{ kind: "referred", receiverKind: input.receiverKind, receiverName: input.receiverName, reason: input.reason }]);
  await announce(tx, saved.dispute, now);
  await writeAudit(tx, { actor, clock }, { action: "dispute.refer", orgId: found.org.id, recordType: "dispute", recordId: found.dispute.id, detail: { receiverKind: input.receiverKind, receiverName: input.receiverName } });
  return disputeView(tx, saved);
}

/**
 * What the receiver did. Handled there: the case closes. Returned: it comes back to where it
 * was — to mediation with a fresh deadline if the committee had accepted it, otherwise to be
 * decided on.
 */
export async function recordReferralResult({ actor, input, tx, clock }: Action<RecordReferralResultInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "recordReferralResult");
  requireState(found, input.version, ["referred"], "dispute.notReferred");
  const referral = await m.findOpenReferral(tx, found.dispute.id);
  if (!referral) throw conflict("dispute.notReferred");
  const now = clock.now();
  await m.recordReferralResult(tx, referral.id, { result: input.result, resultNote: input.note, resultAt: now, resultBy: actor.accountId });
  const events: DisputeEventDetail[] = [{ kind: "referral_result", result: input.result, note: input.note }];
  let saved: q.DisputeWithOrg;
  if (input.result === "handled") {
    saved = await save(tx, found, input.version, { status: "closed", concludedAt: now, updatedAt: now });
  } else if (found.dispute.acceptedAt !== null) {
    const dueAt = new Date(now.getTime() + DEFAULT_MEDIATION_DAYS * DAY_MS);
    saved = await save(tx, found, input.version, { status: "in_mediation", mediationDueAt: dueAt, updatedAt: now });
    await scheduleMediation(tx, saved.dispute, dueAt, now);
    events.push({ kind: "reopened", reason: input.note, mediationDueAt: dueAt.toISOString() });
  } else {
    saved = await save(tx, found, input.version, { status: "registered", updatedAt: now });
  }
  await appendToTimeline(tx, found.dispute.id, actor, now, events);
  await announce(tx, saved.dispute, now);
  await writeAudit(tx, { actor, clock }, { action: "dispute.referralResult", orgId: found.org.id, recordType: "dispute", recordId: found.dispute.id, detail: { result: input.result } });
  return disputeView(tx, saved);
}

/**
 * 上移: to the township or county above, at a higher level than the case is handled at now.
 * The receiving office decides on it again (受理 or not) with mediators of its own, so the
 * acceptance, mediators and deadline of the level below end here — the timeline keeps them —
 * and its officers, leaders and mediators are told. The case keeps its number.
 */
export async function moveDisputeUp({ actor, input, tx, clock }: Action<MoveUpDisputeInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "moveUp");
  requireState(found, input.version, OPEN, "dispute.notMovable");
  const candidate = await findOrg(tx, input.toOrgId);
  const [target] = moveUpTargets(candidate ? [candidate] : [], found.org.path, found.dispute.level as DisputeLevel);
  if (!target) throw invalidField("toOrgId", "dispute.moveUpTarget");
  const { level } = target;

  const now = clock.now();
  const saved = await save(tx, found, input.version, {
    orgId: target.id,
    level,
    status: "registered",
    acceptedAt: null,
    acceptedBy: null,
    acceptanceReason: null,
    mediationDueAt: null,
    concludedAt: null,
    outcomeNote: null,
    updatedAt: now,
  });
  const moved = { dispute: saved.dispute, org: target };
  await q.endMediators(tx, found.dispute.id, actor.accountId, now);
  await cancelPendingDeadlines(tx, found.dispute.id, now);
  const recipients = (await findAccountsWithRoles(tx, ["officer", "leader", "mediator"], target.path, target.path)).filter((id) => id !== actor.accountId);
  const text = movedUpText({ fromName: found.org.name, toName: target.name, caseNumber: caseNumberOf(found.dispute), typeName: typeNameZh(await loadDisputeTypes(tx), found.dispute.type), reason: input.reason });
  const notified = await notifyPeople(tx, { kind: "dispute_moved_up", recipients, ...text, orgId: target.id, incidentId: null, disputeId: found.dispute.id, level: null, now });
  const events: DisputeEventDetail[] = [
    { kind: "moved_up", from: { id: found.org.id, name: found.org.name }, to: { id: target.id, name: target.name }, reason: input.reason, previousStatus: found.dispute.status as DisputeStatus },
  ];
  if (notified.recipients.length > 0) events.push({ kind: "notified", notificationKind: "dispute_moved_up", recipients: notified.recipients.map((r) => ({ id: r.id, name: r.displayName })) });
  await appendToTimeline(tx, found.dispute.id, actor, now, events);
  await announce(tx, saved.dispute, now);
  await writeAudit(tx, { actor, clock }, { action: "dispute.moveUp", orgId: target.id, recordType: "dispute", recordId: found.dispute.id, detail: { from: found.org.id, to: target.id, reason: input.reason } });
  return disputeView(tx, moved);
}
