// The logbook of a shift (值班日志) and its hand-over (交接班): written by the people of the
// shift while it is under way or shortly after, never changed afterwards.
import { type AcknowledgeHandoverInput, type CreateHandoverInput, type CreateLogEntryInput, LOG_GRACE_HOURS } from "@shared/duty/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { conflict, invalidField, notFound } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { requireAccess } from "../../policy/authorize.ts";
import { handoverPolicy } from "./policy.ts";
import * as q from "./queries.ts";
import { loadShift } from "./shift-service.ts";

const HOUR_MS = 60 * 60 * 1000;

/** The log and the hand-over open when the shift begins and close a day after it ends. */
function checkLogOpen(shift: q.ShiftRow, now: Date) {
  if (now < shift.startsAt) throw conflict("duty.shiftNotStarted");
  if (now.getTime() > shift.endsAt.getTime() + LOG_GRACE_HOURS * HOUR_MS) throw conflict("duty.logClosed");
}

async function withNames<T extends { authorId: string }>(tx: Db, entries: T[]) {
  const names = new Map((await q.findPeople(tx, [...new Set(entries.map((e) => e.authorId))])).map((p) => [p.id, p.displayName]));
  return entries.map((entry) => ({ entry, authorName: names.get(entry.authorId) ?? "" }));
}
export type LogEntryView = Awaited<ReturnType<typeof withNames<q.LogEntryRow>>>[number];

export async function listLog({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadShift(tx, actor, input.id, "read");
  return withNames(tx, await q.findLogEntries(tx, found.shift.id));
}

/**
 * Appends an entry to the shift's logbook. Entries are never changed: a correction is a new
 * entry naming the one it corrects.
 */
export async function writeLogEntry({ actor, input, tx, clock }: Action<CreateLogEntryInput & { id: string }>) {
  const { shift, org } = await loadShift(tx, actor, input.id, "writeLog");
  const now = clock.now();
  checkLogOpen(shift, now);
  // Written after the shift ended, an entry without a time of its own is placed at the shift's end.
  const at = input.at ? new Date(input.at) : now < shift.endsAt ? now : shift.endsAt;
  if (at < shift.startsAt || at > shift.endsAt || at > now) throw invalidField("at", "duty.logTimeOutsideShift");
  if (input.correctsId && !(await q.findLogEntryOfShift(tx, shift.id, input.correctsId))) throw invalidField("correctsId", "duty.correctsUnknown");
  const entry = await q.insertLogEntry(tx, {
    shiftId: shift.id,
    kind: input.kind,
    at,
    text: input.text,
    correctsId: input.correctsId ?? null,
    authorId: actor.accountId,
    writtenAt: now,
  });
  // The entry's text may name callers; the audit row records that it was written, not what it says.
  await writeAudit(tx, { actor, clock }, {
    action: "shift.log",
    orgId: org.id,
    recordType: "shift",
    recordId: shift.id,
    detail: { entryId: entry.id, kind: entry.kind, at: at.toISOString(), correctsId: entry.correctsId },
  });
  return { entry, authorName: actor.displayName };
}

/** The hand-overs with the names of their writers and acknowledgers, and who may acknowledge them. */
export async function viewHandovers(tx: Db, rows: q.HandoverWithShift[]) {
  const ids = rows.flatMap(({ handover }) => [handover.writtenBy, ...(handover.acknowledgedBy ? [handover.acknowledgedBy] : [])]);
  const names = new Map((await q.findPeople(tx, [...new Set(ids)])).map((p) => [p.id, p.displayName]));
  const nextPeople = await q.findNextShiftPeople(tx, rows.map(({ shift }) => shift.id));
  return rows.map((row) => ({ ...row, names, incoming: nextPeople.get(row.shift.id) ?? [] }));
}
export type HandoverView = Awaited<ReturnType<typeof viewHandovers>>[number];

/** How the policy layer sees a hand-over: by its org, owned by the people of the next shift. */
export const handoverGuard = (view: Pick<HandoverView, "org" | "incoming">) => ({ orgPath: view.org.path, ownerIds: view.incoming });

async function loadHandover(tx: Db, actor: Actor, id: string, action: keyof typeof handoverPolicy) {
  const found = await q.findHandover(tx, id);
  if (!found) throw notFound();
  const [view] = await viewHandovers(tx, [found]);
  requireAccess(actor, handoverPolicy, action, handoverGuard(view!));
  return view!;
}

export async function getHandover({ actor, input, tx }: Action<{ id: string }>) {
  return loadHandover(tx, actor, input.id, "read");
}

/** The outgoing side writes what is open and what to watch: once per shift. */
export async function createHandover({ actor, input, tx, clock }: Action<CreateHandoverInput>) {
  const { shift, org } = await loadShift(tx, actor, input.shiftId, "handOver");
  const now = clock.now();
  checkLogOpen(shift, now);
  const handover = await q.insertHandover(tx, {
    shiftId: shift.id,
    orgId: org.id,
    openMatters: input.openMatters,
    watchItems: input.watchItems || null,
    writtenBy: actor.accountId,
    writtenAt: now,
  });
  if (!handover) throw conflict("handover.exists");
  await writeAudit(tx, { actor, clock }, { action: "handover.create", orgId: org.id, recordType: "handover", recordId: handover.id, detail: { shiftId: shift.id } });
  const [view] = await viewHandovers(tx, [{ handover, shift, org }]);
  return view!;
}

/** The incoming side acknowledges, once: who and when are recorded. */
export async function acknowledgeHandover({ actor, input, tx, clock }: Action<AcknowledgeHandoverInput & { id: string }>) {
  const found = await loadHandover(tx, actor, input.id, "acknowledge");
  if (found.handover.writtenBy === actor.accountId) throw conflict("handover.ownHandover");
  const now = clock.now();
  const handover = await q.acknowledgeHandover(tx, found.handover.id, actor.accountId, now, input.note || null);
  if (!handover) throw conflict("handover.alreadyAcknowledged");
  await writeAudit(tx, { actor, clock }, { action: "handover.acknowledge", orgId: found.org.id, recordType: "handover", recordId: handover.id, detail: { shiftId: found.shift.id } });
  const [view] = await viewHandovers(tx, [{ handover, shift: found.shift, org: found.org }]);
  return view!;
}
