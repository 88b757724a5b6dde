// Acceptance (受理) or refusal (不予受理) of a registered dispute, its mediators, and the
// mediation deadline that acceptance sets and only the parties' agreement moves.
import type { AcceptDisputeInput, AssignMediatorsInput, DisputeEventDetail, ExtendMediationInput, MediatorInput, RefuseDisputeInput } from "@shared/disputes/schemas.ts";
import type { Role } from "@shared/roles.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, type FieldError, conflict, invalidField } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { disputePolicy } from "./policy.ts";
import { cancelPendingDeadlines, scheduleMediation } from "./dispute-deadlines.ts";
import { refusalDocument } from "./refusal-document.ts";
import * as q from "./queries.ts";
import { appendToTimeline, disputeView, guardOf, loadDispute } from "./service.ts";
import { caseNumberOf } from "./texts.ts";
import { DAY_MS, MEDIATING, announce, requireState, save } from "./transitions.ts";

/** Who may mediate: the mediators, and the office's staff who also take cases themselves. */
const MEDIATOR_ROLES: readonly Role[] = ["mediator", "officer", "leader"];

/**
 * Whether the caller may make an account a mediator of the case: an active mediator (or
 * officer, or leader) of the dispute's org or an org above it that is within the caller's
 * jurisdiction — a township mediator may take a village's case, a village's may not take the
 * township's, and no one assigns people of an office above their own.
 */
function mayMediate(actor: Actor, found: q.DisputeWithOrg, account: { active: boolean; roles: string[]; orgPath: string }) {
  return account.active && account.roles.some((role) => MEDIATOR_ROLES.includes(role as Role)) && found.org.path.startsWith(account.orgPath) && account.orgPath.startsWith(actor.orgPath);
}

/** The mediators as given, checked all at once: exactly one lead, no one twice, each one the caller may assign (`mayMediate`). */
async function checkMediators(tx: Db, actor: Actor, found: q.DisputeWithOrg, mediators: readonly MediatorInput[]) {
  const errors: FieldError[] = [];
  const leads = mediators.filter((m) => m.lead).length;
  if (leads !== 1) errors.push({ field: "mediators", message: leads === 0 ? "dispute.leadRequired" : "dispute.oneLead" });
  const accounts = new Map((await q.findAccountsWithOrgPath(tx, mediators.map((m) => m.accountId))).map((a) => [a.id, a]));
  const seen = new Set<string>();
  mediators.forEach((m, i) => {
    const account = accounts.get(m.accountId);
    if (!account || !mayMediate(actor, found, account)) errors.push({ field: `mediators.${i}.accountId`, message: "dispute.mediatorOutOfReach" });
    else if (seen.has(m.accountId)) errors.push({ field: `mediators.${i}.accountId`, message: "dispute.mediatorTwice" });
    seen.add(m.accountId);
  });
  if (errors.length > 0) throw new AppError(400, "validation", { fields: errors });
  return mediators.map((m) => ({ id: m.accountId, name: accounts.get(m.accountId)!.displayName, lead: m.lead }));
}

/**
 * Whom the mediator pickers offer: exactly the accounts `checkMediators` accepts, for those
 * who may accept the case or change its mediators. The accounts list cannot serve here: it
 * shows a village mediator only itself.
 */
export async function listMediatorCandidates({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "read");
  const guard = guardOf(found);
  if (!authorize(actor, disputePolicy, "assignMediators", guard)) requireAccess(actor, disputePolicy, "accept", guard);
  const line = found.org.path.split("/").filter(Boolean);
  const accounts = await q.findAccountsOfOrgs(tx, line);
  return accounts.filter((account) => mayMediate(actor, found, account)).map(({ id, displayName, orgName }) => ({ id, displayName, orgName }));
}

/**
 * 受理: the committee takes the case, with its reason and mediators (one lead), and mediation
 * is due `dueDays` (30 by default) from now; the mediators are reminded before it and the
 * committee head told if it passes with the case unconcluded.
 */
export async function acceptDispute({ actor, input, tx, clock }: Action<AcceptDisputeInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "accept");
  requireState(found, input.version, ["registered"], "dispute.notRegistered");
  const mediators = await checkMediators(tx, actor, found, input.mediators);
  const now = clock.now();
  const dueAt = new Date(now.getTime() + input.dueDays * DAY_MS);
  const accepted = await save(tx, found, input.version, { status: "accepted", acceptedAt: now, acceptedBy: actor.accountId, acceptanceReason: input.reason, mediationDueAt: dueAt, updatedAt: now });
  await q.replaceMediators(tx, accepted.dispute.id, input.mediators, actor.accountId, now);
  await scheduleMediation(tx, accepted.dispute, dueAt, now);
  await appendToTimeline(tx, accepted.dispute.id, actor, now, [{ kind: "accepted", reason: input.reason, mediationDueAt: dueAt.toISOString(), mediators }]);
  await announce(tx, accepted.dispute, now);
  await writeAudit(tx, { actor, clock }, {
    action: "dispute.accept",
    orgId: found.org.id,
    recordType: "dispute",
    recordId: found.dispute.id,
    detail: { caseNumber: caseNumberOf(found.dispute), mediators: mediators.map((m) => m.id), dueAt: dueAt.toISOString() },
  });
  return disputeView(tx, accepted);
}

/** 不予受理: recorded with its reason and where the parties can go instead, and printable as a notice to them. */
export async function refuseDispute({ actor, input, tx, clock }: Action<RefuseDisputeInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "refuse");
  requireState(found, input.version, ["registered"], "dispute.notRegistered");
  const now = clock.now();
  const refused = await save(tx, found, input.version, {
    status: "refused",
    refusedAt: now,
    refusedBy: actor.accountId,
    refusalReason: input.reason,
    redirectTo: input.redirectTo,
    redirectDetail: input.redirectDetail,
    updatedAt: now,
  });
  await appendToTimeline(tx, found.dispute.id, actor, now, [{ kind: "refused", reason: input.reason, redirectTo: input.redirectTo, redirectDetail: input.redirectDetail }]);
  await announce(tx, refused.dispute, now);
  await writeAudit(tx, { actor, clock }, {
    action: "dispute.refuse",
    orgId: found.org.id,
    recordType: "dispute",
    recordId: found.dispute.id,
    detail: { caseNumber: caseNumberOf(found.dispute), redirectTo: input.redirectTo },
  });
  return disputeView(tx, refused);
}

/**
 * A later mediation deadline, with the parties' agreement and a reason (the schema requires
 * both): the pending reminder and deadline are cancelled and new ones set at the new time.
 */
export async function extendMediation({ actor, input, tx, clock }: Action<ExtendMediationInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "extend");
  requireState(found, input.version, MEDIATING, "dispute.notMediating");
  if ((input.newDueAt === undefined) === (input.days === undefined)) throw invalidField("days", "dispute.newDueOrDays");
  const now = clock.now();
  const previousDueAt = found.dispute.mediationDueAt!;
  const newDueAt = input.newDueAt !== undefined ? new Date(input.newDueAt) : new Date(previousDueAt.getTime() + input.days! * DAY_MS);
  const field = input.newDueAt !== undefined ? "newDueAt" : "days";
  if (newDueAt <= previousDueAt || newDueAt <= now) throw invalidField(field, "dispute.extensionNotLater");
  const extended = await save(tx, found, input.version, { mediationDueAt: newDueAt, updatedAt: now });
  await q.insertExtension(tx, { disputeId: found.dispute.id, previousDueAt, newDueAt, reason: input.reason, partiesAgreed: input.partiesAgreed, extendedAt: now, extendedBy: actor.accountId });
  await cancelPendingDeadlines(tx, found.dispute.id, now);
  await scheduleMediation(tx, extended.dispute, newDueAt, now);
  await appendToTimeline(tx, found.dispute.id, actor, now, [{ kind: "extended", previousDueAt: previousDueAt.toISOString(), newDueAt: newDueAt.toISOString(), reason: input.reason }]);
  await announce(tx, extended.dispute, now);
  await writeAudit(tx, { actor, clock }, {
    action: "dispute.extend",
    orgId: found.org.id,
    recordType: "dispute",
    recordId: found.dispute.id,
    detail: { previousDueAt: previousDueAt.toISOString(), newDueAt: newDueAt.toISOString() },
  });
  return disputeView(tx, extended);
}

/** Replaces the mediators of a case being mediated (one lead); reminders go to whoever is assigned when they fire. */
export async function assignMediators({ actor, input, tx, clock }: Action<AssignMediatorsInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "assignMediators");
  requireState(found, input.version, MEDIATING, "dispute.notMediating");
  const mediators = await checkMediators(tx, actor, found, input.mediators);
  const now = clock.now();
  const changed = await save(tx, found, input.version, { updatedAt: now });
  await q.replaceMediators(tx, found.dispute.id, input.mediators, actor.accountId, now);
  const events: DisputeEventDetail[] = [{ kind: "mediators_changed", mediators }];
  await appendToTimeline(tx, found.dispute.id, actor, now, events);
  await announce(tx, changed.dispute, now);
  await writeAudit(tx, { actor, clock }, { action: "dispute.mediators", orgId: found.org.id, recordType: "dispute", recordId: found.dispute.id, detail: { mediators: mediators.map((m) => m.id) } });
  return disputeView(tx, changed);
}

/** The refusal notice (不予受理告知书) to hand or send to the parties; only a refused dispute has one. */
export async function exportRefusalNotice({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "read");
  if (found.dispute.status !== "refused") throw conflict("dispute.notRefused");
  const parties = await q.findParties(tx, [found.dispute.id]);
  return refusalDocument({ found, parties });
}
