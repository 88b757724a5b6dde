import { and, asc, eq, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.ts";
import { accounts, calendarFeeds, orgs } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter } from "../../policy/jurisdiction.ts";
import { calendarFeedPolicy } from "./policy.ts";

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

/** A feed with the org whose jurisdiction guards it: the roster's org, or the person's own org. */
export interface FeedWithOrg {
  feed: CalendarFeedRow;
  org: OrgRow;
}

const ownerAccount = alias(accounts, "owner_account");
const creator = alias(accounts, "creator");
const guardOrg = alias(orgs, "guard_org");

const withGuardOrg = (db: Db) =>
  db
    .select({ feed: calendarFeeds, org: guardOrg })
    .from(calendarFeeds)
    .leftJoin(ownerAccount, eq(ownerAccount.id, calendarFeeds.accountId))
    .innerJoin(guardOrg, or(eq(guardOrg.id, calendarFeeds.orgId), eq(guardOrg.id, ownerAccount.orgId)));

/** A feed that has not been revoked. */
export async function findLiveFeed(db: Db, id: string): Promise<FeedWithOrg | undefined> {
  const [row] = await withGuardOrg(db).where(and(eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt)));
  return row;
}

/**
 * The live feed a token opens. It stops working when it is revoked or replaced, and when the
 * account that made it is deactivated: whoever leaves takes no roster with them.
 */
export async function findFeedByTokenHash(db: Db, tokenHash: string): Promise<FeedWithOrg | undefined> {
  const [row] = await withGuardOrg(db)
    .innerJoin(creator, eq(creator.id, calendarFeeds.createdBy))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt), eq(creator.active, true)));
  return row;
}

/** The caller's own feed and the org feeds it may manage. */
export async function listManagedFeeds(db: Db, actor: Actor): Promise<FeedWithOrg[]> {
  return withGuardOrg(db)
    .where(
      and(
        isNull(calendarFeeds.revokedAt),
        or(
          and(eq(calendarFeeds.kind, "person"), eq(calendarFeeds.accountId, actor.accountId)),
          and(eq(calendarFeeds.kind, "org"), jurisdictionFilter(actor, calendarFeedPolicy, "manageOrgFeed", { orgId: calendarFeeds.orgId })),
        ),
      ),
    )
    .orderBy(asc(calendarFeeds.kind), asc(guardOrg.path));
}

/** Revokes the live feed of an org or a person, if there is one; returns its id. */
export async function revokeLiveFeedOf(db: Db, target: { kind: "org"; orgId: string } | { kind: "person"; accountId: string }, at: Date) {
  const match = target.kind === "org" ? eq(calendarFeeds.orgId, target.orgId) : eq(calendarFeeds.accountId, target.accountId);
  const [row] = await db
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.kind, target.kind), match, isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return row?.id ?? null;
}

export async function revokeFeed(db: Db, id: string, at: Date) {
  const [row] = await db.update(calendarFeeds).set({ revokedAt: at }).where(and(eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt))).returning();
  return row;
}

export async function insertFeed(db: Db, values: typeof calendarFeeds.$inferInsert): Promise<CalendarFeedRow> {
  const [row] = await db.insert(calendarFeeds).values(values).returning();
  return row!;
}
