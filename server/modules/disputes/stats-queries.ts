// The SQL of the dispute statistics. A county holds up to millions of cases, so the figures of
// whole months, weeks and days come from dispute_counts (migration 0018): the cases summed per
// period of registration and of conclusion, org, type and level, kept by triggers in the same
// transaction as every change of a case. The cases of a day the range covers only in part, and
// all the cases of a caller who reads only what it registered, are counted from the register
// through the same dispute_count_row the triggers use, so both give the same figures. One
// statement sums every grouping the screen shows.
import { type SQL, and, asc, eq, gte, lt, lte, sql } from "drizzle-orm";
import { chinaDate, chinaInstant } from "@shared/duty/china-time.ts";
import type { StatsBucket } from "@shared/disputes/stats-schemas.ts";
import { type Db, queryRows } from "../../db/client.ts";
import { disputeAgreements, disputeCounts, disputeFollowUps, disputeReferrals, disputes, orgs } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter, orgInSubtree, readsWholeSubtree } from "../../policy/jurisdiction.ts";
import type { OrgRow } from "../orgs/queries.ts";
import { disputePolicy } from "./policy.ts";
import { bucketOfDate, nextBucket } from "./stats-buckets.ts";

export interface StatsFilter {
  from?: string | undefined;
  to?: string | undefined;
  type?: string | undefined;
  level?: string | undefined;
}

const DAY_MS = 86_400_000;
/** The China midnight at or before an instant. */
const midnightAtOrBefore = (t: number) => chinaInstant(chinaDate(new Date(t))).getTime();

/** Registered in [from, to], `to` included unless `toExcluded`. */
interface Span {
  from?: Date | undefined;
  to?: Date | undefined;
  toExcluded?: boolean;
}

/** First days of the periods registered in, `from` included and `to` not; an end left out is open. */
interface Periods {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The range cut into the whole buckets (months or weeks) in it, the whole days at its ends
 * outside them, and the spans of the partly covered days at its very ends: the first two are
 * summed from the summary, the last counted case by case. Null where there is nothing.
 */
function splitRange(filter: StatsFilter, bucket: StatsBucket): { buckets: Periods | null; days: Periods[]; spans: Span[] } {
  const from = filter.from ? new Date(filter.from) : undefined;
  const to = filter.to ? new Date(filter.to) : undefined;
  const firstWholeDay = from && (midnightAtOrBefore(from.getTime()) === from.getTime() ? from.getTime() : midnightAtOrBefore(from.getTime()) + DAY_MS);
  const wholeDaysEnd = to && midnightAtOrBefore(to.getTime());
  if (firstWholeDay !== undefined && wholeDaysEnd !== undefined && firstWholeDay >= wholeDaysEnd) return { buckets: null, days: [], spans: [{ from, to }] };
  const spans: Span[] = [];
  if (from && firstWholeDay! > from.getTime()) spans.push({ from, to: new Date(firstWholeDay!), toExcluded: true });
  if (to) spans.push({ from: new Date(wholeDaysEnd!), to });

  const firstDay = firstWholeDay === undefined ? undefined : chinaDate(new Date(firstWholeDay));
  const daysEnd = wholeDaysEnd === undefined ? undefined : chinaDate(new Date(wholeDaysEnd));
  const firstBucket = firstDay && (bucketOfDate(firstDay, bucket) === firstDay ? firstDay : nextBucket(bucketOfDate(firstDay, bucket), bucket));
  const bucketsEnd = daysEnd && bucketOfDate(daysEnd, bucket);
  if (firstBucket && bucketsEnd && firstBucket >= bucketsEnd) return { buckets: null, days: [{ from: firstDay, to: daysEnd }], spans };
  const days: Periods[] = [];
  if (firstDay && firstDay < firstBucket!) days.push({ from: firstDay, to: firstBucket });
  if (daysEnd && bucketsEnd! < daysEnd) days.push({ from: bucketsEnd, to: daysEnd });
  return { buckets: { from: firstBucket, to: bucketsEnd }, days, spans };
}

/** The cases counted: registered in the span at `org` or below it, and readable by the caller. */
function casesIn(actor: Actor, org: OrgRow, filter: StatsFilter, span: Span): SQL {
  return and(
    jurisdictionFilter(actor, disputePolicy, "read", { orgId: disputes.orgId, ownerId: disputes.registeredBy }),
    orgInSubtree(disputes.orgId, org.path),
    span.from ? gte(disputes.registeredAt, span.from) : undefined,
    span.to ? (span.toExcluded ? lt(disputes.registeredAt, span.to) : lte(disputes.registeredAt, span.to)) : undefined,
    filter.type ? eq(disputes.type, filter.type) : undefined,
    filter.level ? eq(disputes.level, filter.level) : undefined,
  )!;
}

/** The cases of the statistics, for what is counted case by case (the follow-up visits). */
export function statsScope(actor: Actor, org: OrgRow, filter: StatsFilter): SQL {
  return casesIn(actor, org, filter, { from: filter.from ? new Date(filter.from) : undefined, to: filter.to ? new Date(filter.to) : undefined });
}

/** Each case's share of the counts (rows shaped as dispute_counts), straight from the register. */
function sharesOfCases(where: SQL): SQL {
  const hasAgreement = sql`EXISTS (SELECT 1 FROM ${disputeAgreements} WHERE ${disputeAgreements.disputeId} = ${disputes.id})`;
  const wasReferred = sql`EXISTS (SELECT 1 FROM ${disputeReferrals} WHERE ${disputeReferrals.disputeId} = ${disputes.id})`;
  return sql`SELECT s.* FROM ${disputes}, LATERAL dispute_count_row(${disputes.orgId}, ${disputes.registeredAt}, ${disputes.type}, ${disputes.level},
    ${disputes.concludedAt}, ${disputes.status}, ${disputes.acceptedAt}, ${disputes.mediationDueAt}, ${hasAgreement}, ${wasReferred}, 1) s WHERE ${where}`;
}

/** The summed shares of whole periods, for a caller who reads every case of its subtree. */
function sharesOfPeriods(actor: Actor, org: OrgRow, filter: StatsFilter, period: "day" | StatsBucket, periods: Periods): SQL {
  const where = and(
    eq(disputeCounts.period, period),
    jurisdictionFilter(actor, disputePolicy, "read", { orgId: disputeCounts.orgId }),
    orgInSubtree(disputeCounts.orgId, org.path),
    periods.from ? gte(disputeCounts.registeredOn, periods.from) : undefined,
    periods.to ? lt(disputeCounts.registeredOn, periods.to) : undefined,
    filter.type ? eq(disputeCounts.type, filter.type) : undefined,
    filter.level ? eq(disputeCounts.level, filter.level) : undefined,
  );
  return sql`SELECT * FROM ${disputeCounts} WHERE ${where}`;
}

/**
 * Where the shares come from: the summary for whole buckets and days when the caller reads
 * every case of its subtree (the summary counts them all), else the register. Rows of a period stand for its first day, which falls in the same
 * bucket.
 */
export function sharesOf(actor: Actor, org: OrgRow, filter: StatsFilter, bucket: StatsBucket, useSummary = true): SQL {
  if (!useSummary || !readsWholeSubtree(actor, disputePolicy, "read")) return sharesOfCases(statsScope(actor, org, filter));
  const { buckets, days, spans } = splitRange(filter, bucket);
  return sql.join(
    [
      ...(buckets ? [sharesOfPeriods(actor, org, filter, bucket, buckets)] : []),
      ...days.map((periods) => sharesOfPeriods(actor, org, filter, "day", periods)),
      ...spans.map((span) => sharesOfCases(casesIn(actor, org, filter, span))),
    ],
    sql` UNION ALL `,
  );
}

export interface CountRow {
  set: "all" | "type" | "level" | "child" | "registered" | "concluded";
  key: string | null;
  cases: number;
  registered: number;
  accepted: number;
  refused: number;
  inMediation: number;
  agreed: number;
  notAgreed: number;
  withdrawn: number;
  referred: number;
  closed: number;
  everAccepted: number;
  closedWithAgreement: number;
  everReferred: number;
  concluded: number;
  concludedOnTime: number;
}

/** GROUPING() of the five keys, as a bit mask with a bit set for each key not grouped by. */
const SETS: Record<number, CountRow["set"]> = { 31: "all", 15: "type", 23: "level", 27: "child", 29: "registered", 30: "concluded" };

/**
 * The counts of the shares in each grouping: all of them, per type, per level, per org directly
 * below `org` (the first path segment after `org`'s own, empty for `org`'s own cases), per
 * bucket of registration and per bucket of conclusion (the first date of the month or the week
 * from Monday). Groups without cases are left out.
 */
export async function countShares(db: Db, shares: SQL, org: OrgRow, bucket: StatsBucket): Promise<CountRow[]> {
  const bucketStart = (day: SQL) => sql`date_trunc(${bucket}, ${day}::timestamp)`;
  // Dates are written out once per group, not once per row.
  const written = (start: SQL) => sql`to_char(${start}, 'YYYY-MM-DD')`;
  const rows = await queryRows<Record<string, number | string | null>>(
    db,
    sql`SELECT GROUPING(x.type, x.level, x.child, x.registered_start, x.concluded_start)::int AS grouping,
        COALESCE(x.type, x.level, x.child, ${written(sql`x.registered_start`)}, ${written(sql`x.concluded_start`)}) AS key,
        sum(x.cases)::int AS cases, sum(x.status_registered)::int AS registered, sum(x.status_accepted)::int AS accepted,
        sum(x.status_refused)::int AS refused, sum(x.status_in_mediation)::int AS in_mediation, sum(x.status_agreed)::int AS agreed,
        sum(x.status_not_agreed)::int AS not_agreed, sum(x.status_withdrawn)::int AS withdrawn, sum(x.status_referred)::int AS referred,
        sum(x.status_closed)::int AS closed, sum(x.ever_accepted)::int AS ever_accepted, sum(x.closed_with_agreement)::int AS closed_with_agreement,
        sum(x.ever_referred)::int AS ever_referred, sum(x.concluded)::int AS concluded, sum(x.concluded_on_time)::int AS concluded_on_time
      FROM (
        SELECT s.*, split_part(substr(o.path, ${org.path.length + 1}), '/', 1) AS child,
          ${bucketStart(sql`s.registered_on`)} AS registered_start, ${bucketStart(sql`s.concluded_on`)} AS concluded_start
        FROM (${shares}) s JOIN ${orgs} o ON o.id = s.org_id
      ) x
      GROUP BY GROUPING SETS ((), (x.type), (x.level), (x.child), (x.registered_start), (x.concluded_start))
      HAVING sum(x.cases) > 0`,
  );
  return rows.map((row) => ({
    set: SETS[Number(row.grouping)]!,
    key: row.key === null ? null : String(row.key),
    cases: Number(row.cases),
    registered: Number(row.registered),
    accepted: Number(row.accepted),
    refused: Number(row.refused),
    inMediation: Number(row.in_mediation),
    agreed: Number(row.agreed),
    notAgreed: Number(row.not_agreed),
    withdrawn: Number(row.withdrawn),
    referred: Number(row.referred),
    closed: Number(row.closed),
    everAccepted: Number(row.ever_accepted),
    closedWithAgreement: Number(row.closed_with_agreement),
    everReferred: Number(row.ever_referred),
    concluded: Number(row.concluded),
    concludedOnTime: Number(row.concluded_on_time),
  }));
}

const counted = (condition: SQL) => sql<number>`(count(*) FILTER (WHERE ${condition}))::int`;

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

export async function findChildOrgs(db: Db, orgId: string) {
  return db.select({ id: orgs.id, name: orgs.name, active: orgs.active }).from(orgs).where(eq(orgs.parentId, orgId)).orderBy(asc(orgs.name));
}
