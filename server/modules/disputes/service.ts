import { chinaDate } from "@shared/duty/china-time.ts";
import { type DisputeEventDetail, type DisputeLevel, type DisputeListQuery, type PartyInput, type RegisterDisputeInput, type UpdateDisputeInput } from "@shared/disputes/schemas.ts";
import { isFutureBeyondSkew } from "@shared/common.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, type FieldError, notFound, staleVersion } from "../../http/errors.ts";
import type { MessageKey } from "../../http/messages.ts";
import type { Actor } from "../../policy/actor.ts";
import { timelineRows } from "../../timeline.ts";
import { requireAccess } from "../../policy/authorize.ts";
import { notifyPeople } from "../notifications/notify.ts";
import { findAccountsWithRoles } from "../notifications/queries.ts";
import { loadTargetOrg } from "../orgs/target-org.ts";
import { type DisputePolicyAction, disputePolicy } from "./policy.ts";
import * as q from "./queries.ts";
import { caseNumberOf, highRiskText } from "./texts.ts";
import { personNamed } from "../accounts/present.ts";
import { findAccountNames } from "../accounts/queries.ts";
import { findMediationRecord } from "./mediation-queries.ts";
import { announce } from "./transitions.ts";
import { moveUpTargets } from "./move-up-targets.ts";
import { type DisputeTypes, loadDisputeTypes, typeNameZh } from "./dispute-types.ts";

export const guardOf = ({ dispute, org }: q.DisputeWithOrg) => ({ orgPath: org.path, ownerId: dispute.registeredBy });

/** Loads a dispute and checks the action on it, from the stored org and filer. */
export async function loadDispute(tx: Db, actor: Actor, id: string, action: DisputePolicyAction) {
  const found = await q.findDispute(tx, id);
  if (!found) throw notFound();
  requireAccess(actor, disputePolicy, action, guardOf(found));
  return found;
}

type Facts = Omit<RegisterDisputeInput, "orgId" | "occurredAt"> & { occurredAt: Date };
/** The fields the caller sent, and those of them whose value differs from the record's. */
interface Touched {
  given: ReadonlySet<string>;
  changed: ReadonlySet<string>;
}

/**
 * The rules across fields, on the record as it will stand. A type or a time is judged when
 * it changes, so a record registered under an older list of types can still have its other
 * facts corrected.
 */
function ruleErrors(facts: Facts, { changed, given }: Touched, types: DisputeTypes, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: MessageKey) => errors.push({ field, message });
  if (changed.has("occurredAt") && isFutureBeyondSkew(facts.occurredAt, now)) fail("occurredAt", "dispute.occurredInFuture");
  if (changed.has("type") && !types.active.has(facts.type)) fail("type", "dispute.unknownType");
  if (facts.source === "screening" && facts.screeningKind === null) fail("screeningKind", "dispute.screeningKindRequired");
  if (facts.source !== "screening" && facts.screeningKind !== null) fail("screeningKind", "dispute.screeningKindOnlyForScreening");
  if (facts.source === "referral" && facts.referredBy === null) fail("referredBy", "dispute.referredByRequired");
  if (facts.source !== "referral" && facts.referredBy !== null) fail("referredBy", "dispute.referralOnly");
  if (facts.source !== "referral" && facts.referringBody !== null) fail("referringBody", "dispute.referralOnly");
  // A risk raised or lowered to medium or high is re-assessed: its reason comes with it.
  const reasonGiven = facts.riskReason !== null && (!changed.has("risk") || given.has("riskReason"));
  if (facts.risk !== "low" && !reasonGiven) fail("riskReason", "dispute.riskReasonRequired");
  if (!facts.parties.some((party) => party.side === "applicant")) fail("parties", "dispute.applicantRequired");
  return errors;
}

function checkRules(facts: Facts, touched: Touched, types: DisputeTypes, now: Date) {
  const fields = ruleErrors(facts, touched, types, now);
  if (fields.length > 0) throw new AppError(400, "validation", { fields });
}

/** What `registerDispute` refuses across fields, for a caller that judges many registrations before making any (the ledger's import). */
export function registrationErrors(input: RegisterDisputeInput, types: DisputeTypes, now: Date): FieldError[] {
  const { orgId: _orgId, occurredAt, ...facts } = input;
  const given = new Set(Object.keys(input));
  return ruleErrors({ ...facts, occurredAt: new Date(occurredAt) }, { given, changed: given }, types, now);
}

const partyOf = (row: q.PartyRow): PartyInput => ({
  side: row.side as PartyInput["side"],
  kind: row.kind as PartyInput["kind"],
  name: row.name,
  contactPhone: row.contactPhone,
  idNumber: row.idNumber,
  agentName: row.agentName,
  agentContact: row.agentContact,
});

/** Everything the dispute's page shows. */
export async function disputeView(tx: Db, found: q.DisputeWithOrg) {
  const { dispute } = found;
  const parties = await q.findParties(tx, [dispute.id]);
  const mediators = await q.findMediators(tx, dispute.id);
  const extensions = await q.findExtensions(tx, dispute.id);
  const mediation = await findMediationRecord(tx, dispute.id);
  const above = await q.findOrgsAbove(tx, found.org.path);
  const names = await findAccountNames(tx, [
    dispute.registeredBy,
    dispute.acceptedBy,
    dispute.refusedBy,
    ...mediation.sessions.map((s) => s.recordedBy),
    ...mediation.agreements.map((a) => a.recordedBy),
    ...mediation.followUps.map((f) => f.recordedBy),
    ...mediation.referrals.map((r) => r.referredBy),
  ]);
  const person = (id: string | null) => personNamed(names, id);
  return { ...found, parties, registeredBy: person(dispute.registeredBy)!, acceptedBy: person(dispute.acceptedBy), refusedBy: person(dispute.refusedBy), mediators, extensions, mediation, person, moveUpTargets: moveUpTargets(above, found.org.path, dispute.level as DisputeLevel) };
}
export type DisputeView = Awaited<ReturnType<typeof disputeView>>;

/** `actor` null: the system did it (a deadline passing). */
export async function appendToTimeline(tx: Db, disputeId: string, actor: Actor | null, at: Date, details: DisputeEventDetail[]) {
  await q.insertEvents(
    tx,
    timelineRows(actor, at, details).map((row) => ({ ...row, disputeId })),
  );
}

/**
 * A dispute at high risk is the township office's to act on at once (人民调解法 Art. 25: one
 * that may turn criminal is reported): its officers and leaders of the nearest township or
 * street at or above the dispute's org are notified, never the one who set the risk. A
 * dispute above any township is its own county office's, which registered it.
 */
async function notifyHighRisk(tx: Db, found: q.DisputeWithOrg, actor: Actor, now: Date): Promise<DisputeEventDetail[]> {
  const township = await q.findTownshipOf(tx, found.org.path);
  if (!township) return [];
  const recipients = (await findAccountsWithRoles(tx, ["officer", "leader"], township.path, township.path)).filter((id) => id !== actor.accountId);
  const { dispute, org } = found;
  const text = highRiskText({ orgName: org.name, caseNumber: caseNumberOf(dispute), typeName: typeNameZh(await loadDisputeTypes(tx), dispute.type), peopleInvolved: dispute.peopleInvolved, riskReason: dispute.riskReason ?? "" });
  const notified = await notifyPeople(tx, { kind: "dispute_high_risk", recipients, ...text, orgId: org.id, incidentId: null, disputeId: dispute.id, level: null, now });
  if (notified.recipients.length === 0) return [];
  return [{ kind: "notified", notificationKind: "dispute_high_risk", recipients: notified.recipients.map((r) => ({ id: r.id, name: r.displayName })) }];
}

export async function registerDispute({ actor, input, tx, clock }: Action<RegisterDisputeInput>) {
  const org = await loadTargetOrg(tx, actor, input.orgId, disputePolicy, { own: "registerForOwnOrg", below: "registerForOrgBelow" });
  const now = clock.now();
  const fields = registrationErrors(input, await loadDisputeTypes(tx), now);
  if (fields.length > 0) throw new AppError(400, "validation", { fields });
  const { orgId: _orgId, parties, occurredAt: occurredText, ...facts } = input;
  const occurredAt = new Date(occurredText);

  const caseYear = Number(chinaDate(now).slice(0, 4));
  const caseSeq = await q.nextCaseSeq(tx, org.id, caseYear);
  const dispute = await q.insertDispute(tx, {
    ...facts,
    orgId: org.id,
    caseOrgId: org.id,
    caseYear,
    caseSeq,
    status: "registered",
    occurredAt,
    registeredBy: actor.accountId,
    registeredAt: now,
    updatedAt: now,
  });
  await q.replaceParties(tx, dispute.id, parties);
  const found = { dispute, org };
  const events: DisputeEventDetail[] = [{ kind: "registered", caseNumber: caseNumberOf(dispute), risk: input.risk }];
  if (dispute.risk === "high") events.push(...(await notifyHighRisk(tx, found, actor, now)));
  await appendToTimeline(tx, dispute.id, actor, now, events);
  await announce(tx, dispute, now);
  await writeAudit(tx, { actor, clock }, {
    action: "dispute.register",
    orgId: org.id,
    recordType: "dispute",
    recordId: dispute.id,
    detail: { caseNumber: caseNumberOf(dispute), type: dispute.type, risk: dispute.risk, parties: parties.length },
  });
  return disputeView(tx, found);
}

/** Reading the full record (the parties' identities) by anyone but its filer is audited. */
export async function getDispute({ actor, input, tx, clock }: Action<{ id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "read");
  if (found.dispute.registeredBy !== actor.accountId) {
    await writeAudit(tx, { actor, clock }, { action: "dispute.read", orgId: found.org.id, recordType: "dispute", recordId: found.dispute.id });
  }
  return disputeView(tx, found);
}

/**
 * The register in the caller's reach. A search may name a person (a party's name), which
 * DESIGN §3 allows within one's jurisdiction and only on the record: it is audited.
 */
export async function listDisputes({ actor, input, tx, clock }: Action<DisputeListQuery>) {
  const page = await q.listDisputes(tx, actor, input);
  if (input.q) await writeAudit(tx, { actor, clock }, { action: "dispute.search", orgId: input.orgId ?? actor.orgId, recordType: "dispute", detail: { q: input.q, results: page.total } });
  const parties = await q.findParties(
    tx,
    page.items.map((item) => item.dispute.id),
  );
  return { items: page.items.map((item) => ({ ...item, parties: parties.filter((p) => p.disputeId === item.dispute.id) })), total: page.total };
}

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a) === JSON.stringify(b));

/**
 * Corrects the register: the facts, the risk, the level and the route; `parties`, when sent,
 * replaces the whole list. The timeline records which fields changed and how the risk moved;
 * a risk raised to high notifies the township office as a registration at high risk does.
 */
export async function updateDispute({ actor, input, tx, clock }: Action<UpdateDisputeInput & { id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "update");
  const { dispute } = found;
  if (input.version !== dispute.version) throw staleVersion();
  const now = clock.now();
  const { id: _id, version, parties: partiesInput, occurredAt: occurredText, ...sent } = input;
  const currentParties = (await q.findParties(tx, [dispute.id])).map(partyOf);
  const current: Facts = {
    source: dispute.source as Facts["source"],
    screeningKind: dispute.screeningKind as Facts["screeningKind"],
    referredBy: dispute.referredBy as Facts["referredBy"],
    referringBody: dispute.referringBody,
    type: dispute.type,
    summary: dispute.summary,
    claims: dispute.claims,
    amountInDispute: dispute.amountInDispute,
    peopleInvolved: dispute.peopleInvolved,
    occurredAt: dispute.occurredAt,
    risk: dispute.risk as Facts["risk"],
    riskReason: dispute.riskReason,
    level: dispute.level as Facts["level"],
    route: dispute.route as Facts["route"],
    parties: currentParties,
  };
  const given = Object.fromEntries(Object.entries({ ...sent, parties: partiesInput, occurredAt: occurredText === undefined ? undefined : new Date(occurredText) }).filter(([, value]) => value !== undefined));
  const next: Facts = { ...current, ...given };
  const changed = Object.keys(given).filter((field) => !sameValue(given[field], current[field as keyof Facts]));
  if (changed.length === 0) return disputeView(tx, found);
  checkRules(next, { given: new Set(Object.keys(given)), changed: new Set(changed) }, await loadDisputeTypes(tx), now);

  const { parties, ...columns } = next;
  const updated = await q.updateDisputeAt(tx, dispute.id, version, { ...columns, updatedAt: now });
  if (!updated) throw staleVersion();
  if (changed.includes("parties")) await q.replaceParties(tx, dispute.id, parties);
  const risk = changed.includes("risk") ? { from: current.risk, to: next.risk, reason: next.riskReason } : null;
  const events: DisputeEventDetail[] = [{ kind: "updated", fields: changed, risk }];
  const raisedToHigh = risk !== null && risk.to === "high";
  if (raisedToHigh) events.push(...(await notifyHighRisk(tx, { dispute: updated, org: found.org }, actor, now)));
  await appendToTimeline(tx, dispute.id, actor, now, events);
  await announce(tx, updated, now);
  await writeAudit(tx, { actor, clock }, {
    action: "dispute.update",
    orgId: found.org.id,
    recordType: "dispute",
    recordId: dispute.id,
    detail: { fields: changed, ...(risk ? { risk: { from: risk.from, to: risk.to } } : {}) },
  });
  return disputeView(tx, { dispute: updated, org: found.org });
}

export async function getDisputeTimeline({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "read");
  return q.findEvents(tx, found.dispute.id);
}
