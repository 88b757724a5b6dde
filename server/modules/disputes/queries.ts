// The only SQL of the disputes module: the register, its parties, its timeline and case numbers.
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { accounts, disputeCaseCounters, disputeEvents, disputeExtensions, disputeMediators, disputeParties, disputes, orgs } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter, jurisdictionFilterWithin } from "../../policy/jurisdiction.ts";
import { findSubtree } from "../orgs/queries.ts";
import { disputePolicy } from "./policy.ts";

export type DisputeRow = typeof disputes.$inferSelect;
export type PartyRow = typeof disputeParties.$inferSelect;
export type DisputeEventRow = typeof disputeEvents.$inferSelect;
export type ExtensionRow = typeof disputeExtensions.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

export interface DisputeWithOrg {
  dispute: DisputeRow;
  org: OrgRow;
}

/**
 * The next case number of the org for the year. The upsert locks the counter's row until the
 * transaction ends, so a concurrent registration of the same org waits and takes the next one.
 */
export async function nextCaseSeq(db: Db, orgId: string, caseYear: number): Promise<number> {
  const [row] = await db
    .insert(disputeCaseCounters)
    .values({ orgId, caseYear, lastSeq: 1 })
    .onConflictDoUpdate({ target: [disputeCaseCounters.orgId, disputeCaseCounters.caseYear], set: { lastSeq: sql`${disputeCaseCounters.lastSeq} + 1` } })
    .returning({ lastSeq: disputeCaseCounters.lastSeq });
  return row!.lastSeq;
}

export async function insertDispute(db: Db, values: typeof disputes.$inferInsert) {
  const [row] = await db.insert(disputes).values(values).returning();
  return row!;
}

export async function findDispute(db: Db, id: string): Promise<DisputeWithOrg | undefined> {
  const [row] = await db.select({ dispute: disputes, org: orgs }).from(disputes).innerJoin(orgs, eq(orgs.id, disputes.orgId)).where(eq(disputes.id, id));
  return row;
}

/** Changes the dispute only at the version the client saw; undefined means someone else changed it first. */
export async function updateDisputeAt(db: Db, id: string, version: number, changes: Partial<typeof disputes.$inferInsert>) {
  const [row] = await db
    .update(disputes)
    .set({ ...changes, version: sql`${disputes.version} + 1` })
    .where(and(eq(disputes.id, id), eq(disputes.version, version)))
    .returning();
  return row;
}

/** Replaces the dispute's parties with `parties`, in their order. */
export async function replaceParties(db: Db, disputeId: string, parties: Omit<typeof disputeParties.$inferInsert, "disputeId" | "position">[]) {
  await db.delete(disputeParties).where(eq(disputeParties.disputeId, disputeId));
  if (parties.length > 0) await db.insert(disputeParties).values(parties.map((party, position) => ({ ...party, disputeId, position })));
}

export async function findParties(db: Db, disputeIds: readonly string[]): Promise<PartyRow[]> {
  if (disputeIds.length === 0) return [];
  return db
    .select()
    .from(disputeParties)
    .where(inArray(disputeParties.disputeId, [...disputeIds]))
    .orderBy(asc(disputeParties.disputeId), asc(disputeParties.position));
}

export interface DisputeFilter {
  orgId?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
  risk?: string | undefined;
  level?: string | undefined;
  route?: string | undefined;
  q?: string | undefined;
  registeredFrom?: string | undefined;
  registeredTo?: string | undefined;
  offset: number;
  limit: number;
}

/** Disputes in the caller's reach, newest registration first. */
export async function listDisputes(db: Db, actor: Actor, filter: DisputeFilter) {
  const like = filter.q ? `%${filter.q.replace(/[\\%_]/g, "\\$&")}%` : null;
  const columns = { orgId: disputes.orgId, ownerId: disputes.registeredBy };
  const where = and(
    filter.orgId
      ? jurisdictionFilterWithin(actor, disputePolicy, "read", columns, await findSubtree(db, filter.orgId))
      : jurisdictionFilter(actor, disputePolicy, "read", columns),
    filter.status ? eq(disputes.status, filter.status) : undefined,
    filter.type ? eq(disputes.type, filter.type) : undefined,
    filter.risk ? eq(disputes.risk, filter.risk) : undefined,
    filter.level ? eq(disputes.level, filter.level) : undefined,
    filter.route ? eq(disputes.route, filter.route) : undefined,
    filter.registeredFrom ? gte(disputes.registeredAt, new Date(filter.registeredFrom)) : undefined,
    filter.registeredTo ? lte(disputes.registeredAt, new Date(filter.registeredTo)) : undefined,
    like
      ? sql`(${disputes.summary} ILIKE ${like} OR EXISTS (SELECT 1 FROM ${disputeParties} p WHERE p.dispute_id = ${disputes.id} AND p.name ILIKE ${like}))`
      : undefined,
  );
  const query = db
    .select({ dispute: disputes, org: orgs })
    .from(disputes)
    .innerJoin(orgs, eq(orgs.id, disputes.orgId))
    .where(where)
    .orderBy(desc(disputes.registeredAt), desc(disputes.id))
    .$dynamic();
  return pageWithTotal(db, query, disputes, where, filter);
}

export async function insertEvents(db: Db, values: (typeof disputeEvents.$inferInsert)[]) {
  if (values.length > 0) await db.insert(disputeEvents).values(values);
}

export async function findEvents(db: Db, disputeId: string): Promise<DisputeEventRow[]> {
  return db.select().from(disputeEvents).where(eq(disputeEvents.disputeId, disputeId)).orderBy(asc(disputeEvents.seq));
}

/** Every org above `orgPath`, the nearest last. */
export async function findOrgsAbove(db: Db, orgPath: string): Promise<OrgRow[]> {
  return db
    .select()
    .from(orgs)
    .where(and(sql`${orgPath} LIKE ${orgs.path} || '%'`, sql`${orgs.path} <> ${orgPath}`))
    .orderBy(asc(sql`length(${orgs.path})`));
}

/** The nearest org at or above `orgPath` that is a township or a street: the township office of a dispute there. */
export async function findTownshipOf(db: Db, orgPath: string): Promise<OrgRow | undefined> {
  const [row] = await db
    .select()
    .from(orgs)
    .where(and(inArray(orgs.kind, ["township", "street"]), sql`${orgPath} LIKE ${orgs.path} || '%'`))
    .orderBy(desc(sql`length(${orgs.path})`))
    .limit(1);
  return row;
}

export const DISPUTE_SUBJECT = "dispute";

/** Who mediates the dispute now, the lead first. */
export async function findMediators(db: Db, disputeId: string) {
  return db
    .select({ id: accounts.id, displayName: accounts.displayName, lead: disputeMediators.lead, assignedAt: disputeMediators.assignedAt })
    .from(disputeMediators)
    .innerJoin(accounts, eq(accounts.id, disputeMediators.accountId))
    .where(and(eq(disputeMediators.disputeId, disputeId), isNull(disputeMediators.removedAt)))
    .orderBy(desc(disputeMediators.lead), asc(accounts.displayName));
}

/** Ends the current assignments; who mediated when stays on record. */
export async function endMediators(db: Db, disputeId: string, by: string, at: Date) {
  await db
    .update(disputeMediators)
    .set({ removedAt: at, removedBy: by })
    .where(and(eq(disputeMediators.disputeId, disputeId), isNull(disputeMediators.removedAt)));
}

/** Ends the current assignments and writes the new ones. */
export async function replaceMediators(db: Db, disputeId: string, mediators: readonly { accountId: string; lead: boolean }[], by: string, at: Date) {
  await endMediators(db, disputeId, by, at);
  await db.insert(disputeMediators).values(mediators.map((m) => ({ disputeId, accountId: m.accountId, lead: m.lead, assignedAt: at, assignedBy: by })));
}

/** The accounts among `ids` with their org's path, to judge whether each may mediate. */
export async function findAccountsWithOrgPath(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: accounts.id, displayName: accounts.displayName, active: accounts.active, roles: accounts.roles, orgPath: orgs.path })
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(inArray(accounts.id, [...ids]));
}

/** The accounts of the orgs on a dispute's line (its org and those above it), with their org's path and name. */
export async function findAccountsOfOrgs(db: Db, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  return db
    .select({ id: accounts.id, displayName: accounts.displayName, active: accounts.active, roles: accounts.roles, orgPath: orgs.path, orgName: orgs.name })
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(inArray(accounts.orgId, [...orgIds]))
    .orderBy(desc(orgs.path), asc(accounts.displayName));
}

export async function insertExtension(db: Db, values: typeof disputeExtensions.$inferInsert) {
  await db.insert(disputeExtensions).values(values);
}

export async function findExtensions(db: Db, disputeId: string) {
  return db
    .select({ extension: disputeExtensions, byName: accounts.displayName })
    .from(disputeExtensions)
    .innerJoin(accounts, eq(accounts.id, disputeExtensions.extendedBy))
    .where(eq(disputeExtensions.disputeId, disputeId))
    .orderBy(asc(disputeExtensions.extendedAt));
}
