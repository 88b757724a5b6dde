import { and, asc, eq, ilike, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { accounts, groupMembers, groups, orgs } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter } from "../../policy/jurisdiction.ts";
import { groupPolicy } from "./policy.ts";

export type GroupRow = typeof groups.$inferSelect;
export type MembershipRow = typeof groupMembers.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

export interface GroupWithOrg {
  group: GroupRow;
  org: OrgRow;
}

export interface MemberWithAccount {
  membership: MembershipRow;
  displayName: string;
  orgName: string;
}

export async function findGroup(db: Db, id: string): Promise<GroupWithOrg | undefined> {
  const [row] = await db.select({ group: groups, org: orgs }).from(groups).innerJoin(orgs, eq(orgs.id, groups.orgId)).where(eq(groups.id, id));
  return row;
}

/** The groups of one org among `ids`: what a plan or a working group may refer to. */
export async function findGroupsOfOrg(db: Db, orgId: string, ids: readonly string[]): Promise<GroupRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(groups).where(and(eq(groups.orgId, orgId), inArray(groups.id, [...ids])));
}

export interface GroupFilter {
  q?: string;
  orgId?: string;
  kind?: string;
  planId?: string;
  offset: number;
  limit: number;
}

export async function listGroups(db: Db, actor: Actor, filter: GroupFilter) {
  const where = and(
    jurisdictionFilter(actor, groupPolicy, "read", { orgId: groups.orgId }),
    filter.orgId ? eq(groups.orgId, filter.orgId) : undefined,
    filter.kind ? eq(groups.kind, filter.kind) : undefined,
    filter.planId ? eq(groups.planId, filter.planId) : undefined,
    filter.q ? ilike(groups.name, `%${filter.q.replace(/[\\%_]/g, "\\$&")}%`) : undefined,
  );
  const query = db
    .select({ group: groups, org: orgs })
    .from(groups)
    .innerJoin(orgs, eq(orgs.id, groups.orgId))
    .where(where)
    // Per org, the leadership groups come before the working groups under them.
    .orderBy(asc(orgs.path), sql`${groups.kind} = 'working'`, asc(groups.createdAt), asc(groups.name))
    .$dynamic();
  return pageWithTotal(db, query, groups, where, filter);
}

/** Memberships of the groups, with the member's name: only the current ones unless `history`. */
export async function findMembers(db: Db, groupIds: readonly string[], options: { history: boolean }): Promise<MemberWithAccount[]> {
  if (groupIds.length === 0) return [];
  return db
    .select({ membership: groupMembers, displayName: accounts.displayName, orgName: orgs.name })
    .from(groupMembers)
    .innerJoin(accounts, eq(accounts.id, groupMembers.accountId))
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(and(inArray(groupMembers.groupId, [...groupIds]), options.history ? undefined : isNull(groupMembers.leftAt)))
    .orderBy(asc(groupMembers.joinedAt), asc(groupMembers.id));
}

export async function findCurrentMembership(db: Db, groupId: string, where: { id: string } | { accountId: string }) {
  const match = "id" in where ? eq(groupMembers.id, where.id) : eq(groupMembers.accountId, where.accountId);
  const [row] = await db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), match, isNull(groupMembers.leftAt)));
  return row;
}

export async function insertGroup(db: Db, values: typeof groups.$inferInsert) {
  const [row] = await db.insert(groups).values(values).returning();
  return row!;
}

/** Updates a group only at the version the client saw; undefined means someone else changed it first. */
export async function updateGroupAt(db: Db, id: string, version: number, changes: Partial<typeof groups.$inferInsert>) {
  const [row] = await db
    .update(groups)
    .set({ ...changes, version: sql`${groups.version} + 1` })
    .where(and(eq(groups.id, id), eq(groups.version, version)))
    .returning();
  return row;
}

export async function insertMemberships(db: Db, values: (typeof groupMembers.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(groupMembers).values(values).returning();
}

export async function endMembership(db: Db, id: string, at: Date) {
  const [row] = await db.update(groupMembers).set({ leftAt: at }).where(and(eq(groupMembers.id, id), isNull(groupMembers.leftAt))).returning();
  return row;
}
