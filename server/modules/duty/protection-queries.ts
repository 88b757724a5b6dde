import { and, asc, count, desc, eq, gte, inArray, like, lte, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { accounts, orgs, protectionPeriodOrgs, protectionPeriods, statusReports } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter, subtreePathPattern } from "../../policy/jurisdiction.ts";
import { protectionPolicy } from "./policy.ts";

export type PeriodRow = typeof protectionPeriods.$inferSelect;
export type ReportRow = typeof statusReports.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

export interface PeriodWithOrg {
  period: PeriodRow;
  org: OrgRow;
}

export async function findPeriod(db: Db, id: string): Promise<PeriodWithOrg | undefined> {
  const [row] = await db
    .select({ period: protectionPeriods, org: orgs })
    .from(protectionPeriods)
    .innerJoin(orgs, eq(orgs.id, protectionPeriods.orgId))
    .where(eq(protectionPeriods.id, id));
  return row;
}

/** The orgs each period covers, in tree order. */
export async function findCoveredOrgs(db: Db, periodIds: readonly string[]) {
  if (periodIds.length === 0) return [];
  return db
    .select({ periodId: protectionPeriodOrgs.periodId, org: orgs })
    .from(protectionPeriodOrgs)
    .innerJoin(orgs, eq(orgs.id, protectionPeriodOrgs.orgId))
    .where(inArray(protectionPeriodOrgs.periodId, [...periodIds]))
    .orderBy(asc(orgs.path));
}

/**
 * Periods the actor may read: those declared in its jurisdiction, and those covering an org
 * of its jurisdiction (whose people must know they are to report).
 */
export async function listPeriods(db: Db, actor: Actor, filter: { orgId?: string; activeOn?: string; offset: number; limit: number }) {
  const coversReachable = sql`EXISTS (SELECT 1 FROM ${protectionPeriodOrgs} WHERE ${protectionPeriodOrgs.periodId} = ${protectionPeriods.id} AND ${jurisdictionFilter(actor, protectionPolicy, "read", { orgId: protectionPeriodOrgs.orgId })})`;
  const where = and(
    or(jurisdictionFilter(actor, protectionPolicy, "read", { orgId: protectionPeriods.orgId }), coversReachable),
    filter.orgId ? eq(protectionPeriods.orgId, filter.orgId) : undefined,
    filter.activeOn ? and(lte(protectionPeriods.startDate, filter.activeOn), gte(protectionPeriods.endDate, filter.activeOn)) : undefined,
  );
  const query = db
    .select({ period: protectionPeriods, org: orgs })
    .from(protectionPeriods)
    .innerJoin(orgs, eq(orgs.id, protectionPeriods.orgId))
    .where(where)
    .orderBy(desc(protectionPeriods.startDate), asc(protectionPeriods.name))
    .$dynamic();
  return pageWithTotal(db, query, protectionPeriods, where, filter);
}

/** Periods requiring a leader on duty that cover the org on any date from `fromDate` to `toDate`. */
export async function findLeaderPeriodsCovering(db: Db, orgId: string, fromDate: string, toDate: string): Promise<PeriodRow[]> {
  return db
    .select({ period: protectionPeriods })
    .from(protectionPeriods)
    .innerJoin(protectionPeriodOrgs, eq(protectionPeriodOrgs.periodId, protectionPeriods.id))
    .where(
      and(
        eq(protectionPeriodOrgs.orgId, orgId),
        eq(protectionPeriods.leaderRequired, true),
        lte(protectionPeriods.startDate, toDate),
        gte(protectionPeriods.endDate, fromDate),
      ),
    )
    .orderBy(asc(protectionPeriods.startDate))
    .then((rows) => rows.map((row) => row.period));
}

export async function insertPeriod(db: Db, values: typeof protectionPeriods.$inferInsert): Promise<PeriodRow> {
  const [row] = await db.insert(protectionPeriods).values(values).returning();
  return row!;
}

/** Updates a period only at the version the client saw; undefined means someone else changed it first. */
export async function updatePeriodAt(db: Db, id: string, version: number, changes: Partial<typeof protectionPeriods.$inferInsert>) {
  const [row] = await db
    .update(protectionPeriods)
    .set({ ...changes, version: sql`${protectionPeriods.version} + 1` })
    .where(and(eq(protectionPeriods.id, id), eq(protectionPeriods.version, version)))
    .returning();
  return row;
}

export async function replaceCoveredOrgs(db: Db, periodId: string, orgIds: readonly string[]) {
  await db.delete(protectionPeriodOrgs).where(eq(protectionPeriodOrgs.periodId, periodId));
  if (orgIds.length > 0) await db.insert(protectionPeriodOrgs).values(orgIds.map((orgId) => ({ periodId, orgId })));
}

/** Among `ids`, the active orgs inside the subtree at `path`. */
export async function findActiveOrgsWithin(db: Db, ids: readonly string[], path: string): Promise<OrgRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(orgs)
    .where(and(inArray(orgs.id, [...ids]), eq(orgs.active, true), like(orgs.path, subtreePathPattern(path))));
}

/** Every active org below the given ones. */
export async function findActiveDescendants(db: Db, paths: readonly string[]): Promise<OrgRow[]> {
  if (paths.length === 0) return [];
  return db
    .select()
    .from(orgs)
    .where(and(eq(orgs.active, true), or(...paths.map((path) => like(orgs.path, subtreePathPattern(path))))));
}

/** Reports that would fall outside the period if it covered only these orgs and dates. */
export async function countReportsOutside(db: Db, periodId: string, orgIds: readonly string[], startDate: string, endDate: string) {
  const [row] = await db
    .select({ n: count() })
    .from(statusReports)
    .where(
      and(
        eq(statusReports.periodId, periodId),
        or(notInArray(statusReports.orgId, [...orgIds]), sql`${statusReports.reportDate} < ${startDate}`, sql`${statusReports.reportDate} > ${endDate}`),
      ),
    );
  return row?.n ?? 0;
}

export interface ReportWithNames {
  report: ReportRow;
  orgName: string;
  filedByName: string;
}

export async function findReports(db: Db, periodId: string, date: string): Promise<ReportWithNames[]> {
  return db
    .select({ report: statusReports, orgName: orgs.name, filedByName: accounts.displayName })
    .from(statusReports)
    .innerJoin(orgs, eq(orgs.id, statusReports.orgId))
    .innerJoin(accounts, eq(accounts.id, statusReports.filedBy))
    .where(and(eq(statusReports.periodId, periodId), eq(statusReports.reportDate, date)));
}

/** Files a report unless the org already has one for the date; undefined means it has. */
export async function insertReport(db: Db, values: typeof statusReports.$inferInsert): Promise<ReportRow | undefined> {
  const [row] = await db.insert(statusReports).values(values).onConflictDoNothing().returning();
  return row;
}
