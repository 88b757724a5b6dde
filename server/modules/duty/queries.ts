import { and, arrayContains, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { accounts, handovers, orgs, shiftLogEntries, shifts } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter } from "../../policy/jurisdiction.ts";
import { handoverPolicy } from "./policy.ts";

export type ShiftRow = typeof shifts.$inferSelect;
export type HandoverRow = typeof handovers.$inferSelect;
export type LogEntryRow = typeof shiftLogEntries.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

export interface ShiftWithOrg {
  shift: ShiftRow;
  org: OrgRow;
}

/** Roster writes of one org are serialised, so "generate unless it overlaps" holds across nodes. */
const ROSTER_LOCK_KEY = 727_003;

export async function lockRosterOf(db: Db, orgId: string) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${ROSTER_LOCK_KEY}, hashtext(${orgId}))`);
}

export async function findShift(db: Db, id: string): Promise<ShiftWithOrg | undefined> {
  const [row] = await db.select({ shift: shifts, org: orgs }).from(shifts).innerJoin(orgs, eq(orgs.id, shifts.orgId)).where(eq(shifts.id, id));
  return row;
}

/** The shifts of an org that overlap [start, end), in roster order. */
export async function findShiftsOverlapping(db: Db, orgId: string, start: Date, end: Date): Promise<ShiftRow[]> {
  return db
    .select()
    .from(shifts)
    .where(and(eq(shifts.orgId, orgId), lt(shifts.startsAt, end), gt(shifts.endsAt, start)))
    .orderBy(asc(shifts.startsAt), asc(shifts.id));
}

/** The shifts a person works, as officer or as leader on duty, that overlap [start, end). */
export async function findShiftsOfPerson(db: Db, accountId: string, start: Date, end: Date): Promise<ShiftWithOrg[]> {
  return db
    .select({ shift: shifts, org: orgs })
    .from(shifts)
    .innerJoin(orgs, eq(orgs.id, shifts.orgId))
    .where(and(or(arrayContains(shifts.officerIds, [accountId]), eq(shifts.leaderId, accountId)), lt(shifts.startsAt, end), gt(shifts.endsAt, start)))
    .orderBy(asc(shifts.startsAt), asc(shifts.id));
}

/** The shifts under way at an instant in any of the orgs, with their org. */
export async function findShiftsAt(db: Db, orgIds: readonly string[], at: Date): Promise<ShiftWithOrg[]> {
  if (orgIds.length === 0) return [];
  return db
    .select({ shift: shifts, org: orgs })
    .from(shifts)
    .innerJoin(orgs, eq(orgs.id, shifts.orgId))
    .where(and(inArray(shifts.orgId, [...orgIds]), lte(shifts.startsAt, at), gt(shifts.endsAt, at)))
    .orderBy(asc(shifts.startsAt), asc(shifts.id));
}

/**
 * For each of these shifts, the people of the org's next shift: the first to start after it
 * started, other than itself. Those are the ones to acknowledge its hand-over.
 */
export async function findNextShiftPeople(db: Db, shiftIds: readonly string[]): Promise<Map<string, string[]>> {
  if (shiftIds.length === 0) return new Map();
  const rows = await queryRows<{ shift_id: string; officer_ids: string[]; leader_id: string | null }>(
    db,
    sql`SELECT cur.id AS shift_id, nxt.officer_ids, nxt.leader_id
        FROM shifts cur
        CROSS JOIN LATERAL (
          SELECT n.officer_ids, n.leader_id FROM shifts n
          WHERE n.org_id = cur.org_id AND n.id <> cur.id AND n.starts_at > cur.starts_at
          ORDER BY n.starts_at, n.id LIMIT 1
        ) nxt
        WHERE cur.id IN (${sql.join(shiftIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
  return new Map(rows.map((row) => [row.shift_id, [...row.officer_ids, ...(row.leader_id ? [row.leader_id] : [])]]));
}

export async function insertShifts(db: Db, values: (typeof shifts.$inferInsert)[]): Promise<ShiftRow[]> {
  if (values.length === 0) return [];
  return db.insert(shifts).values(values).returning();
}

/** Updates a shift only at the version the client saw; undefined means someone else changed it first. */
export async function updateShiftAt(db: Db, id: string, version: number, changes: Partial<typeof shifts.$inferInsert>) {
  const [row] = await db
    .update(shifts)
    .set({ ...changes, version: sql`${shifts.version} + 1` })
    .where(and(eq(shifts.id, id), eq(shifts.version, version)))
    .returning();
  return row;
}

export async function deleteShifts(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db.delete(shifts).where(inArray(shifts.id, [...ids]));
}

/** Among `ids`, the active accounts of exactly this org, with their roles. */
export async function findActiveAccountsOfOrg(db: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: accounts.id, roles: accounts.roles })
    .from(accounts)
    .where(and(inArray(accounts.id, [...ids]), eq(accounts.orgId, orgId), eq(accounts.active, true)));
}

export interface PersonRow {
  id: string;
  displayName: string;
  phone: string | null;
}

/** Names (and work phones) of the people a roster names; they may since have left or moved. */
export async function findPeople(db: Db, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.select({ id: accounts.id, displayName: accounts.displayName, phone: accounts.phone }).from(accounts).where(inArray(accounts.id, [...ids]));
}

/** The hand-overs written for these shifts. */
export async function findHandoverIds(db: Db, shiftIds: readonly string[]) {
  if (shiftIds.length === 0) return [];
  return db.select({ id: handovers.id, shiftId: handovers.shiftId }).from(handovers).where(inArray(handovers.shiftId, [...shiftIds]));
}

// ---------------------------------------------------------------------------------------
// Logbook
// ---------------------------------------------------------------------------------------
export async function findLogEntries(db: Db, shiftId: string): Promise<LogEntryRow[]> {
  return db.select().from(shiftLogEntries).where(eq(shiftLogEntries.shiftId, shiftId)).orderBy(asc(shiftLogEntries.at), asc(shiftLogEntries.writtenAt));
}

export async function findLogEntryOfShift(db: Db, shiftId: string, id: string) {
  const [row] = await db.select().from(shiftLogEntries).where(and(eq(shiftLogEntries.shiftId, shiftId), eq(shiftLogEntries.id, id)));
  return row;
}

export async function insertLogEntry(db: Db, values: typeof shiftLogEntries.$inferInsert): Promise<LogEntryRow> {
  const [row] = await db.insert(shiftLogEntries).values(values).returning();
  return row!;
}

// ---------------------------------------------------------------------------------------
// Hand-overs
// ---------------------------------------------------------------------------------------
export interface HandoverWithShift {
  handover: HandoverRow;
  shift: ShiftRow;
  org: OrgRow;
}

const handoverWithShift = { handover: handovers, shift: shifts, org: orgs };

export async function findHandover(db: Db, id: string): Promise<HandoverWithShift | undefined> {
  const [row] = await db
    .select(handoverWithShift)
    .from(handovers)
    .innerJoin(shifts, eq(shifts.id, handovers.shiftId))
    .innerJoin(orgs, eq(orgs.id, handovers.orgId))
    .where(eq(handovers.id, id));
  return row;
}

/** Writes the shift's hand-over unless it already has one; undefined means it has. */
export async function insertHandover(db: Db, values: typeof handovers.$inferInsert): Promise<HandoverRow | undefined> {
  const [row] = await db.insert(handovers).values(values).onConflictDoNothing({ target: handovers.shiftId }).returning();
  return row;
}

/** Records the acknowledgement unless someone already did; undefined means they did. */
export async function acknowledgeHandover(db: Db, id: string, by: string, at: Date, note: string | null) {
  const [row] = await db
    .update(handovers)
    .set({ acknowledgedBy: by, acknowledgedAt: at, acknowledgementNote: note })
    .where(and(eq(handovers.id, id), isNull(handovers.acknowledgedAt)))
    .returning();
  return row;
}

export async function listHandovers(db: Db, actor: Actor, filter: { orgId?: string; acknowledged?: boolean; offset: number; limit: number }) {
  const where = and(
    jurisdictionFilter(actor, handoverPolicy, "read", { orgId: handovers.orgId }),
    filter.orgId ? eq(handovers.orgId, filter.orgId) : undefined,
    filter.acknowledged === undefined ? undefined : filter.acknowledged ? isNotNull(handovers.acknowledgedAt) : isNull(handovers.acknowledgedAt),
  );
  const query = db
    .select(handoverWithShift)
    .from(handovers)
    .innerJoin(shifts, eq(shifts.id, handovers.shiftId))
    .innerJoin(orgs, eq(orgs.id, handovers.orgId))
    .where(where)
    .orderBy(desc(handovers.writtenAt), asc(handovers.id))
    .$dynamic();
  return pageWithTotal(db, query, handovers, where, filter);
}
