// The SQL of the dispute statistics. Everything is counted by the database (aggregates with
// FILTER and GROUP BY), so the cost grows with the number of groups, not of cases.
import { type SQL, and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { StatsBucket } from "@shared/disputes/stats-schemas.ts";
import type { Db } from "../../db/client.ts";
import { disputeAgreements, disputeFollowUps, disputeReferrals, disputes, orgs } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter, subtreePathPattern } from "../../policy/jurisdiction.ts";
import type { OrgRow } from "../orgs/queries.ts";
import { disputePolicy } from "./policy.ts";

export interface StatsFilter {
  from?: string | undefined;
  to?: string | undefined;
  type?: string | undefined;
  level?: string | undefined;
}

/** The cases counted: registered in the range at `org` or below it, and readable by the caller. */
export function statsScope(actor: Actor, org: OrgRow, filter: StatsFilter): SQL {
  return and(
    jurisdictionFilter(actor, disputePolicy, "read", { orgId: disputes.orgId, ownerId: disputes.registeredBy }),
    sql`${disputes.orgId} IN (SELECT id FROM orgs WHERE path LIKE ${subtreePathPattern(org.path)})`,
    filter.from ? gte(disputes.registeredAt, new Date(filter.from)) : undefined,
    filter.to ? lte(disputes.registeredAt, new Date(filter.to)) : undefined,
    filter.type ? eq(disputes.type, filter.type) : undefined,
    filter.level ? eq(disputes.level, filter.level) : undefined,
  )!;
}

const counted = (condition: SQL) => sql<number>`(count(*) FILTER (WHERE ${condition}))::int`;
const hasAgreement = sql`EXISTS (SELECT 1 FROM ${disputeAgreements} WHERE ${disputeAgreements.disputeId} = ${disputes.id})`;
const wasReferred = sql`EXISTS (SELECT 1 FROM ${disputeReferrals} WHERE ${disputeReferrals.disputeId} = ${disputes.id})`;
const concludedAfterAcceptance = sql`${disputes.concludedAt} IS NOT NULL AND ${disputes.acceptedAt} IS NOT NULL`;

export async function countTotals(db: Db, scope: SQL) {
  const [row] = await db
    .select({
      registered: sql<number>`count(*)::int`,
      accepted: counted(sql`${disputes.acceptedAt} IS NOT NULL`),
      refused: counted(sql`${disputes.status} = 'refused'`),
      ongoing: counted(sql`${disputes.status} IN ('accepted', 'in_mediation')`),
      // A closed case with an agreement was agreed and then performed; one without was a referral handled elsewhere.
      agreed: counted(sql`${disputes.status} = 'agreed' OR (${disputes.status} = 'closed' AND ${hasAgreement})`),
      notAgreed: counted(sql`${disputes.status} = 'not_agreed'`),
      withdrawn: counted(sql`${disputes.status} = 'withdrawn'`),
      referred: counted(wasReferred),
      closed: counted(sql`${disputes.status} = 'closed'`),
      concluded: counted(concludedAfterAcceptance),
      concludedOnTime: counted(sql`${concludedAfterAcceptance} AND ${disputes.concludedAt} <= ${disputes.mediationDueAt}`),
    })
    .from(disputes)
    .where(scope);
  return row!;
}

/** The follow-up visits of the cases counted; "due" includes a visit made before its day came. */
export async function countFollowUps(db: Db, scope: SQL, now: Date) {
  const visited = sql`${disputeFollowUps.visitedAt} IS NOT NULL`;
  const [row] = await db
    .select({
      due: counted(sql`${disputeFollowUps.dueAt} <= ${now.toISOString()} OR ${visited}`),
      visited: counted(visited),
      fullyPerformed: counted(sql`${disputeFollowUps.performance} = 'fully'`),
    })
    .from(disputeFollowUps)
    .innerJoin(disputes, eq(disputes.id, disputeFollowUps.disputeId))
    .where(scope);
  return row!;
}

/** Cases per value of one column, the largest group first. */
export async function countBy(db: Db, scope: SQL, by: "type" | "status" | "level") {
  const column = disputes[by];
  return db
    .select({ key: column, count: sql<number>`count(*)::int` })
    .from(disputes)
    .where(scope)
    .groupBy(column)
    .orderBy(sql`count(*) DESC`, asc(column));
}

/**
 * Cases per org directly below `org`, each with its whole subtree: the first path segment after
 * `org`'s own path names the child a case falls under, and is empty for `org`'s own cases.
 */
export async function countByChildOrg(db: Db, scope: SQL, org: OrgRow) {
  const child = sql<string>`split_part(substr(${orgs.path}, ${org.path.length + 1}), '/', 1)`;
  return db
    .select({ childId: child, count: sql<number>`count(*)::int` })
    .from(disputes)
    .innerJoin(orgs, eq(orgs.id, disputes.orgId))
    .where(scope)
    .groupBy(sql`1`);
}

export async function findChildOrgs(db: Db, orgId: string) {
  return db.select({ id: orgs.id, name: orgs.name, active: orgs.active }).from(orgs).where(eq(orgs.parentId, orgId)).orderBy(asc(orgs.name));
}

/** The first date of the month or the week (from Monday) an instant falls in, in China time (UTC+8 all year). */
const bucketStart = (column: typeof disputes.registeredAt | typeof disputes.concludedAt, bucket: StatsBucket) =>
  sql<string>`to_char(date_trunc(${bucket}, ${column} AT TIME ZONE 'UTC' + interval '8 hours'), 'YYYY-MM-DD')`;

/** Cases registered per bucket, and cases whose mediation ended per bucket. */
export async function countOverTime(db: Db, scope: SQL, bucket: StatsBucket) {
  // Grouped by position: the bucket's unit is a parameter, and a parameter repeated in GROUP BY is a different one to PostgreSQL.
  // One query at a time: a transaction's connection runs them in turn anyway.
  const registered = await db.select({ start: bucketStart(disputes.registeredAt, bucket), count: sql<number>`count(*)::int` }).from(disputes).where(scope).groupBy(sql`1`);
  const concluded = await db
    .select({ start: bucketStart(disputes.concludedAt, bucket), count: sql<number>`count(*)::int` })
    .from(disputes)
    .where(and(scope, sql`${disputes.concludedAt} IS NOT NULL`))
    .groupBy(sql`1`);
  return { registered, concluded };
}
