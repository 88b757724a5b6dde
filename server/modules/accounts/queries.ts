import { and, asc, eq, ilike, inArray, like, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { accounts, orgs } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter, subtreePathPattern } from "../../policy/jurisdiction.ts";
import { accountPolicy } from "./policy.ts";

export type AccountRow = typeof accounts.$inferSelect;
export type OrgRow = typeof orgs.$inferSelect;
export interface AccountWithOrg {
  account: AccountRow;
  org: OrgRow;
}

export async function findAccountById(db: Db, id: string): Promise<AccountWithOrg | undefined> {
  const [row] = await db.select({ account: accounts, org: orgs }).from(accounts).innerJoin(orgs, eq(orgs.id, accounts.orgId)).where(eq(accounts.id, id));
  return row;
}

export async function findAccountByUsername(db: Db, username: string) {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  return row;
}

export interface AccountFilter {
  q?: string;
  orgId?: string;
  role?: string;
  includeInactive: boolean;
  offset: number;
  limit: number;
}

export async function listAccounts(db: Db, actor: Actor, filter: AccountFilter) {
  const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, "\\$&")}%` : undefined;
  const where = and(
    jurisdictionFilter(actor, accountPolicy, "read", { orgId: accounts.orgId, ownerId: accounts.id }),
    filter.includeInactive ? undefined : eq(accounts.active, true),
    filter.orgId ? eq(accounts.orgId, filter.orgId) : undefined,
    filter.role ? sql`${filter.role} = ANY(${accounts.roles})` : undefined,
    pattern ? or(ilike(accounts.displayName, pattern), ilike(accounts.username, pattern)) : undefined,
  );
  const query = db
    .select({ account: accounts, org: orgs })
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(where)
    .orderBy(asc(orgs.path), asc(accounts.username))
    .$dynamic();
  return pageWithTotal(db, query, accounts, where, filter);
}

export async function insertAccount(db: Db, values: typeof accounts.$inferInsert) {
  const [row] = await db.insert(accounts).values(values).returning();
  return row!;
}

/** Inserts unless the username is taken, also by a transaction committing at the same moment: then undefined. */
export async function insertAccountIfUsernameFree(db: Db, values: typeof accounts.$inferInsert) {
  const [row] = await db.insert(accounts).values(values).onConflictDoNothing({ target: accounts.username }).returning();
  return row;
}

export async function updateAccountAt(db: Db, id: string, version: number, changes: Partial<typeof accounts.$inferInsert>) {
  const [row] = await db
    .update(accounts)
    .set({ ...changes, version: sql`${accounts.version} + 1` })
    .where(and(eq(accounts.id, id), eq(accounts.version, version)))
    .returning();
  return row;
}

export async function updatePassword(db: Db, id: string, passwordHash: string, mustChange: boolean, at: Date) {
  await db
    .update(accounts)
    .set({ passwordHash, mustChangePassword: mustChange, passwordChangedAt: at, updatedAt: at, version: sql`${accounts.version} + 1` })
    .where(eq(accounts.id, id));
}

/**
 * The active accounts among `ids` that belong to an org inside `orgPath`'s subtree: whom a
 * group, a drill or a roster of that org may name. Missing and out-of-reach ids are left out.
 */
export async function findActiveAccountsWithin(db: Db, ids: readonly string[], orgPath: string) {
  if (ids.length === 0) return [];
  return db
    .select({ id: accounts.id, displayName: accounts.displayName })
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(and(inArray(accounts.id, [...ids]), eq(accounts.active, true), like(orgs.path, subtreePathPattern(orgPath))));
}

/**
 * The display names, by id, of the accounts a record names (nulls and repeats skipped): one
 * query for every person on it, who may since have left or moved.
 */
export async function findAccountNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, wanted));
  return new Map(rows.map((row) => [row.id, row.displayName]));
}
