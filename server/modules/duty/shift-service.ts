import { addDays, chinaDate, chinaInstant, chinaTimeOfDay } from "@shared/duty/china-time.ts";
import { expandRotation } from "@shared/duty/rotation.ts";
import { type CreateShiftInput, type GenerateShiftsInput, type RosterQuery, SHIFT_HOURS_MAX, type SwapShiftsInput, type UpdateShiftInput } from "@shared/duty/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, type FieldError, conflict, forbidden, invalidField, notFound, staleVersion } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { orgPolicy } from "../orgs/policy.ts";
import { findOrg } from "../orgs/queries.ts";
import { coverageWarnings, leaderWarnings } from "./coverage.ts";
import { shiftPolicy } from "./policy.ts";
import { findLeaderPeriodsCovering } from "./protection-queries.ts";
import * as q from "./queries.ts";

const HOUR_MS = 60 * 60 * 1000;

/** The people of a shift: its officers, then its leader on duty. */
export const peopleOf = (shift: Pick<q.ShiftRow, "officerIds" | "leaderId">) => [...shift.officerIds, ...(shift.leaderId ? [shift.leaderId] : [])];

/** How the policy layer sees a shift: by its org, owned by the people on it. */
export const shiftGuard = ({ shift, org }: q.ShiftWithOrg) => ({ orgPath: org.path, ownerIds: peopleOf(shift) });

export async function loadShift(tx: Db, actor: Actor, id: string, action: keyof typeof shiftPolicy) {
  const found = await q.findShift(tx, id);
  if (!found) throw notFound();
  requireAccess(actor, shiftPolicy, action, shiftGuard(found));
  return found;
}

/** The org whose roster is read or written: a missing org and one out of reach answer alike (404). */
async function loadRosterOrg(tx: Db, actor: Actor, orgId: string, action: "read" | "create") {
  const org = await findOrg(tx, orgId);
  if (!org || !authorize(actor, orgPolicy, "read", { orgPath: org.path })) throw notFound();
  if (!authorize(actor, shiftPolicy, action, { orgPath: org.path })) throw action === "read" ? notFound() : forbidden();
  if (action === "create" && !org.active) throw invalidField("orgId", "org.inactive");
  return org;
}

/** The shift as the API shows it: with its org, the names of its people and its hand-over. */
export async function viewShifts(tx: Db, rows: q.ShiftWithOrg[]) {
  const people = new Map((await q.findPeople(tx, [...new Set(rows.flatMap(({ shift }) => peopleOf(shift)))])).map((p) => [p.id, p]));
  const handovers = new Map((await q.findHandoverIds(tx, rows.map(({ shift }) => shift.id))).map((h) => [h.shiftId, h.id]));
  return rows.map((row) => ({ ...row, people, handoverId: handovers.get(row.shift.id) ?? null }));
}
export type ShiftView = Awaited<ReturnType<typeof viewShifts>>[number];

/** A shift's span: after its start, at most 48 hours, and not over already. */
function checkSpan(startsAt: Date, endsAt: Date, now: Date) {
  if (endsAt <= startsAt) throw invalidField("endsAt", "duty.endBeforeStart");
  if (endsAt.getTime() - startsAt.getTime() > SHIFT_HOURS_MAX * HOUR_MS) throw invalidField("endsAt", "duty.tooLong");
  if (endsAt <= now) throw invalidField("endsAt", "duty.shiftInPast");
}

interface Crew {
  officerIds: readonly string[];
  leaderId?: string | null | undefined;
  /** Where the form shows this crew: "" for a shift, "slots.2." for a rotation slot. */
  at: string;
}

/** Officers are active accounts of the shift's org; the leader on duty is one with the leader role. */
async function checkCrews(tx: Db, orgId: string, crews: readonly Crew[]) {
  const ids = [...new Set(crews.flatMap((crew) => [...crew.officerIds, ...(crew.leaderId ? [crew.leaderId] : [])]))];
  const roles = new Map((await q.findActiveAccountsOfOrg(tx, orgId, ids)).map((account) => [account.id, account.roles]));
  const fields: FieldError[] = [];
  for (const crew of crews) {
    crew.officerIds.forEach((id, i) => {
      if (!roles.has(id)) fields.push({ field: `${crew.at}officerIds.${i}`, message: "duty.personOutOfOrg" });
    });
    if (crew.leaderId && !roles.get(crew.leaderId)?.includes("leader")) {
      fields.push({ field: `${crew.at}leaderId`, message: roles.has(crew.leaderId) ? "duty.notLeader" : "duty.personOutOfOrg" });
    }
  }
  if (fields.length > 0) throw new AppError(400, "validation", { fields });
}

/** The instants a protection period covers: its first date 00:00 to the day after its last, China time. */
const periodWindow = (period: { startDate: string; endDate: string }) => ({ startsAt: chinaInstant(period.startDate), endsAt: chinaInstant(addDays(period.endDate, 1)) });

/**
 * During a protection period requiring a leader on duty, a covered org's new or changed shifts
 * must name one; each shift that does not is refused at its field.
 */
async function checkLeaderRequirement(tx: Db, orgId: string, spans: readonly { startsAt: Date; endsAt: Date; leaderId: string | null; field: string }[]) {
  const leaderless = spans.filter((span) => !span.leaderId);
  if (leaderless.length === 0) return;
  const from = chinaDate(new Date(Math.min(...leaderless.map((s) => s.startsAt.getTime()))));
  const to = chinaDate(new Date(Math.max(...leaderless.map((s) => s.endsAt.getTime()))));
  const periods = (await findLeaderPeriodsCovering(tx, orgId, from, to)).map(periodWindow);
  const fields = [...new Set(leaderless.filter((s) => periods.some((p) => s.startsAt < p.endsAt && s.endsAt > p.startsAt)).map((s) => s.field))];
  if (fields.length > 0) throw new AppError(400, "validation", { fields: fields.map((field) => ({ field, message: "duty.leaderRequired" })) });
}

/** "2026-03-05 08:00–17:30", or "2026-03-05 08:30–2026-03-06 08:30": how conflict messages name a shift. */
function describeSpan(startsAt: Date, endsAt: Date) {
  const sameDay = chinaDate(startsAt) === chinaDate(endsAt);
  return `${chinaDate(startsAt)} ${chinaTimeOfDay(startsAt)}–${sameDay ? "" : `${chinaDate(endsAt)} `}${chinaTimeOfDay(endsAt)}`;
}

async function describePeople(tx: Db, shift: q.ShiftRow) {
  const names = new Map((await q.findPeople(tx, peopleOf(shift))).map((p) => [p.id, p.displayName]));
  return shift.officerIds.map((id) => names.get(id) ?? "").join("、");
}

export async function getShift({ actor, input, tx }: Action<{ id: string }>) {
  const [view] = await viewShifts(tx, [await loadShift(tx, actor, input.id, "read")]);
  return view!;
}

/** An org's roster for a range of dates, with what its coverage lacks or doubles. */
export async function getRoster({ actor, input, tx }: Action<RosterQuery>) {
  const org = await loadRosterOrg(tx, actor, input.orgId, "read");
  const windowStart = chinaInstant(input.from);
  const windowEnd = chinaInstant(addDays(input.to, 1));
  const rows = await q.findShiftsOverlapping(tx, org.id, windowStart, windowEnd);
  const periods = await findLeaderPeriodsCovering(tx, org.id, input.from, input.to);
  const warnings = [
    ...coverageWarnings(rows, windowStart, windowEnd),
    ...leaderWarnings(rows, periods.map((period) => ({ id: period.id, name: period.name, ...periodWindow(period) }))),
  ].sort((a, b) => a.from.localeCompare(b.from));
  return {
    org,
    from: input.from,
    to: input.to,
    windowStart,
    windowEnd,
    shifts: await viewShifts(tx, rows.map((shift) => ({ shift, org }))),
    warnings,
    canCreate: authorize(actor, shiftPolicy, "create", { orgPath: org.path }),
  };
}
export type RosterView = Awaited<ReturnType<typeof getRoster>>;

export async function createShift({ actor, input, tx, clock }: Action<CreateShiftInput>) {
  const org = await loadRosterOrg(tx, actor, input.orgId, "create");
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const now = clock.now();
  checkSpan(startsAt, endsAt, now);
  await checkCrews(tx, org.id, [{ ...input, at: "" }]);
  await checkLeaderRequirement(tx, org.id, [{ startsAt, endsAt, leaderId: input.leaderId ?? null, field: "leaderId" }]);
  await q.lockRosterOf(tx, org.id);
  const [shift] = await q.insertShifts(tx, [
    { orgId: org.id, startsAt, endsAt, officerIds: input.officerIds, leaderId: input.leaderId ?? null, phone: input.phone, note: input.note || null, createdBy: actor.accountId, createdAt: now, updatedAt: now },
  ]);
  await writeAudit(tx, { actor, clock }, {
    action: "shift.create",
    orgId: org.id,
    recordType: "shift",
    recordId: shift!.id,
    detail: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), officerIds: input.officerIds, leaderId: input.leaderId ?? null },
  });
  const [view] = await viewShifts(tx, [{ shift: shift!, org }]);
  return view!;
}

/** Edits a shift until it ends; after that it is the record of who was on duty. */
export async function updateShift({ actor, input, tx, clock }: Action<UpdateShiftInput & { id: string }>) {
  const found = await loadShift(tx, actor, input.id, "update");
  const now = clock.now();
  const before = found.shift;
  if (before.endsAt <= now) throw conflict("duty.shiftEnded");
  const startsAt = input.startsAt ? new Date(input.startsAt) : before.startsAt;
  const endsAt = input.endsAt ? new Date(input.endsAt) : before.endsAt;
  const officerIds = input.officerIds ?? before.officerIds;
  const leaderId = input.leaderId === undefined ? before.leaderId : input.leaderId;
  const timesChanged = startsAt.getTime() !== before.startsAt.getTime() || endsAt.getTime() !== before.endsAt.getTime();
  if (timesChanged) checkSpan(startsAt, endsAt, now);
  if (leaderId && officerIds.includes(leaderId)) throw invalidField("leaderId", "duty.leaderIsOfficer");
  await checkCrews(tx, found.org.id, [{ officerIds: input.officerIds ?? [], leaderId: input.leaderId, at: "" }]);
  if (timesChanged || input.leaderId !== undefined) {
    await checkLeaderRequirement(tx, found.org.id, [{ startsAt, endsAt, leaderId, field: "leaderId" }]);
  }
  await q.lockRosterOf(tx, found.org.id);
  const shift = await q.updateShiftAt(tx, before.id, input.version, {
    startsAt,
    endsAt,
    officerIds,
    leaderId,
    phone: input.phone ?? before.phone,
    note: input.note === undefined ? before.note : input.note || null,
    updatedAt: now,
  });
  if (!shift) throw staleVersion();
  const changed = Object.fromEntries(
    (["startsAt", "endsAt", "officerIds", "leaderId", "phone", "note"] as const)
      .filter((key) => JSON.stringify(shift[key]) !== JSON.stringify(before[key]))
      .map((key) => [key, shift[key]]),
  );
  await writeAudit(tx, { actor, clock }, { action: "shift.update", orgId: found.org.id, recordType: "shift", recordId: shift.id, detail: changed });
  const [view] = await viewShifts(tx, [{ shift, org: found.org }]);
  return view!;
}

/** Only a shift that has not begun may be deleted: one under way or over is a record. */
export async function deleteShift({ actor, input, tx, clock }: Action<{ id: string }>) {
  const found = await loadShift(tx, actor, input.id, "delete");
  if (found.shift.startsAt <= clock.now()) throw conflict("duty.shiftStarted");
  await q.lockRosterOf(tx, found.org.id);
  await q.deleteShifts(tx, [found.shift.id]);
  await writeAudit(tx, { actor, clock }, {
    action: "shift.delete",
    orgId: found.org.id,
    recordType: "shift",
    recordId: found.shift.id,
    detail: { startsAt: found.shift.startsAt.toISOString(), endsAt: found.shift.endsAt.toISOString(), officerIds: found.shift.officerIds, leaderId: found.shift.leaderId },
  });
}

/**
 * Generates a rotation's shifts. Shifts it would overlap are a conflict, named in the answer,
 * unless the caller asked to replace them, which is possible only for shifts not yet begun.
 */
export async function generateShifts({ actor, input, tx, clock }: Action<GenerateShiftsInput>) {
  const org = await loadRosterOrg(tx, actor, input.orgId, "create");
  const planned = expandRotation({ ...input, slotCount: input.slots.length });
  const now = clock.now();
  if (planned.some((p) => p.endsAt <= now)) throw invalidField("from", "duty.rangeInPast");
  await checkCrews(tx, org.id, input.slots.map((slot, i) => ({ ...slot, at: `slots.${i}.` })));
  await checkLeaderRequirement(
    tx,
    org.id,
    planned.map((p) => ({ startsAt: p.startsAt, endsAt: p.endsAt, leaderId: input.slots[p.slot]!.leaderId ?? null, field: `slots.${p.slot}.leaderId` })),
  );
  await q.lockRosterOf(tx, org.id);
  const existing = await q.findShiftsOverlapping(tx, org.id, planned[0]!.startsAt, planned.at(-1)!.endsAt);
  const clashes = (shift: { startsAt: Date; endsAt: Date }, other: { startsAt: Date; endsAt: Date }) => shift.startsAt < other.endsAt && shift.endsAt > other.startsAt;
  const replaced = existing.filter((shift) => planned.some((p) => clashes(p, shift)));
  if (replaced.length > 0) {
    const first = replaced[0]!;
    const params = { first: describeSpan(first.startsAt, first.endsAt), people: await describePeople(tx, first) };
    if (!input.replaceExisting) throw new AppError(409, "duty.rotationOverlaps", { params: { ...params, count: planned.filter((p) => replaced.some((s) => clashes(p, s))).length } });
    const begun = replaced.find((shift) => shift.startsAt <= now);
    if (begun) throw new AppError(409, "duty.cannotReplaceStarted", { params: { first: describeSpan(begun.startsAt, begun.endsAt), people: await describePeople(tx, begun) } });
    await q.deleteShifts(tx, replaced.map((shift) => shift.id));
  }
  const rows = await q.insertShifts(
    tx,
    planned.map((p) => {
      const slot = input.slots[p.slot]!;
      return { orgId: org.id, startsAt: p.startsAt, endsAt: p.endsAt, officerIds: slot.officerIds, leaderId: slot.leaderId ?? null, phone: slot.phone, createdBy: actor.accountId, createdAt: now, updatedAt: now };
    }),
  );
  const replacedIds = replaced.map((shift) => shift.id);
  await writeAudit(tx, { actor, clock }, {
    action: "shift.generate",
    orgId: org.id,
    recordType: "org",
    recordId: org.id,
    detail: { from: input.from, to: input.to, pattern: input.pattern, startTime: input.startTime, durationHours: input.durationHours, slots: input.slots, created: rows.length, replacedIds },
  });
  return { shifts: await viewShifts(tx, rows.map((shift) => ({ shift, org }))), replacedIds };
}

/**
 * Two shifts exchange their people (officers, leader on duty and phone), atomically; each
 * keeps its time and org. Both must be shifts the caller may edit, not yet over, and each
 * crew must be allowed on the other shift.
 */
export async function swapShifts({ actor, input, tx, clock }: Action<SwapShiftsInput>) {
  const a = await loadShift(tx, actor, input.aId, "update");
  const b = await loadShift(tx, actor, input.bId, "update");
  const now = clock.now();
  if (a.shift.endsAt <= now || b.shift.endsAt <= now) throw conflict("duty.shiftEnded");
  const crewOf = (shift: q.ShiftRow) => ({ officerIds: shift.officerIds, leaderId: shift.leaderId, phone: shift.phone });
  const moves = [
    { to: a, crew: crewOf(b.shift), version: input.versions.a, field: "aId" },
    { to: b, crew: crewOf(a.shift), version: input.versions.b, field: "bId" },
  ];
  for (const move of moves) {
    if (move.to.org.id === (move.to === a ? b : a).org.id) continue;
    await checkCrews(tx, move.to.org.id, [{ ...move.crew, at: "" }]).catch((error: unknown) => {
      if (error instanceof AppError) throw invalidField(move.field, "duty.personOutOfOrg");
      throw error;
    });
  }
  for (const move of moves) {
    await checkLeaderRequirement(tx, move.to.org.id, [{ startsAt: move.to.shift.startsAt, endsAt: move.to.shift.endsAt, leaderId: move.crew.leaderId, field: move.field }]);
  }
  // Written in id order, so that two swaps of the same pair wait for each other instead of deadlocking.
  const saved = new Map<string, q.ShiftRow>();
  for (const move of [...moves].sort((x, y) => x.to.shift.id.localeCompare(y.to.shift.id))) {
    const shift = await q.updateShiftAt(tx, move.to.shift.id, move.version, { ...move.crew, updatedAt: now });
    if (!shift) throw staleVersion();
    saved.set(shift.id, shift);
  }
  for (const [self, other] of [[a, b], [b, a]] as const) {
    await writeAudit(tx, { actor, clock }, {
      action: "shift.swap",
      orgId: self.org.id,
      recordType: "shift",
      recordId: self.shift.id,
      detail: { withShiftId: other.shift.id, officerIds: other.shift.officerIds, leaderId: other.shift.leaderId, previousOfficerIds: self.shift.officerIds, previousLeaderId: self.shift.leaderId },
    });
  }
  const [viewA, viewB] = await viewShifts(tx, [
    { shift: saved.get(a.shift.id)!, org: a.org },
    { shift: saved.get(b.shift.id)!, org: b.org },
  ]);
  return { a: viewA!, b: viewB! };
}
