import { type SQL, and, arrayContains, arrayOverlaps, asc, desc, eq, getTableColumns, ilike, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { drills, orgs, planVersions, plans } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter } from "../../policy/jurisdiction.ts";
import { drillPolicy, planPolicy } from "./policy.ts";

export type PlanRow = typeof plans.$inferSelect;
export type PlanVersionRow = typeof planVersions.$inferSelect;
export type PlanVersionSummaryRow = Omit<PlanVersionRow, "content">;
type OrgRow = typeof orgs.$inferSelect;

export interface PlanWithOrg {
  plan: PlanRow;
  org: OrgRow;
}

/** Publications of one org are serialised, so "one active plan per category" holds across nodes. */
const PUBLISH_LOCK_KEY = 727_002;

export async function findPlan(db: Db, id: string): Promise<PlanWithOrg | undefined> {
  const [row] = await db.select({ plan: plans, org: orgs }).from(plans).innerJoin(orgs, eq(orgs.id, plans.orgId)).where(eq(plans.id, id));
  return row;
}

/** Every version of a plan with its content, newest first. */
export async function findVersions(db: Db, planId: string): Promise<PlanVersionRow[]> {
  return db.select().from(planVersions).where(eq(planVersions.planId, planId)).orderBy(desc(planVersions.versionNo));
}

const { content: _content, ...summaryColumns } = getTableColumns(planVersions);

/** The versions of several plans without their content, for lists: newest first. */
export async function findVersionSummaries(db: Db, planIds: readonly string[]): Promise<PlanVersionSummaryRow[]> {
  if (planIds.length === 0) return [];
  return db.select(summaryColumns).from(planVersions).where(inArray(planVersions.planId, [...planIds])).orderBy(desc(planVersions.versionNo));
}

export async function findVersion(db: Db, id: string) {
  const [row] = await db
    .select({ version: planVersions, plan: plans, org: orgs })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .innerJoin(orgs, eq(orgs.id, plans.orgId))
    .where(eq(planVersions.id, id));
  return row;
}

export interface PlanFilter {
  q?: string;
  orgId?: string;
  category?: string;
  status?: string;
  offset: number;
  limit: number;
}

const versionExists = (condition: SQL) =>
  sql`EXISTS (SELECT 1 FROM ${planVersions} WHERE ${planVersions.planId} = ${plans.id} AND ${condition})`;

/** The plan's status as lists show it: active if a version is in force, else draft if one is being written, else retired. */
const STATUS_FILTERS: Record<string, SQL> = {
  active: versionExists(sql`${planVersions.status} = 'active'`),
  draft: sql`NOT ${versionExists(sql`${planVersions.status} = 'active'`)} AND ${versionExists(sql`${planVersions.status} = 'draft'`)}`,
  retired: sql`NOT ${versionExists(sql`${planVersions.status} <> 'retired'`)}`,
};

export async function listPlans(db: Db, actor: Actor, filter: PlanFilter) {
  const where = and(
    jurisdictionFilter(actor, planPolicy, "read", { orgId: plans.orgId }),
    filter.orgId ? eq(plans.orgId, filter.orgId) : undefined,
    filter.status ? STATUS_FILTERS[filter.status] : undefined,
    filter.category ? versionExists(sql`${planVersions.status} <> 'retired' AND ${arrayContains(planVersions.categories, [filter.category])}`) : undefined,
    filter.q ? versionExists(ilike(planVersions.title, `%${filter.q.replace(/[\\%_]/g, "\\$&")}%`)) : undefined,
  );
  const query = db.select({ plan: plans, org: orgs }).from(plans).innerJoin(orgs, eq(orgs.id, plans.orgId)).where(where).orderBy(asc(orgs.path), asc(plans.createdAt)).$dynamic();
  return pageWithTotal(db, query, plans, where, filter);
}

export async function insertPlan(db: Db, values: typeof plans.$inferInsert) {
  const [row] = await db.insert(plans).values(values).returning();
  return row!;
}

/** Bumps the plan's version only at the version the client saw; undefined means someone else changed it first. */
export async function touchPlanAt(db: Db, id: string, version: number, at: Date) {
  const [row] = await db
    .update(plans)
    .set({ updatedAt: at, version: sql`${plans.version} + 1` })
    .where(and(eq(plans.id, id), eq(plans.version, version)))
    .returning();
  return row;
}

export async function insertVersion(db: Db, values: typeof planVersions.$inferInsert) {
  const [row] = await db.insert(planVersions).values(values).returning();
  return row!;
}

export async function updateVersion(db: Db, id: string, changes: Partial<typeof planVersions.$inferInsert>) {
  const [row] = await db.update(planVersions).set(changes).where(eq(planVersions.id, id)).returning();
  return row!;
}

export async function lockPublicationsOf(db: Db, orgId: string) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK_KEY}, hashtext(${orgId}))`);
}

/** Active versions of other plans of the org that cover any of the categories. */
export async function findActiveOverlaps(db: Db, orgId: string, planId: string, categories: readonly string[]) {
  return db
    .select({ planId: plans.id, title: planVersions.title, categories: planVersions.categories })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .where(and(eq(plans.orgId, orgId), ne(plans.id, planId), eq(planVersions.status, "active"), arrayOverlaps(planVersions.categories, [...categories])));
}

// ---------------------------------------------------------------------------------------
// Drills
// ---------------------------------------------------------------------------------------
export type DrillRow = typeof drills.$inferSelect;
const drillWithPlan = { drill: drills, org: orgs, planTitle: planVersions.title, planVersionNo: planVersions.versionNo };
export interface DrillWithPlan {
  drill: DrillRow;
  org: OrgRow;
  planTitle: string;
  planVersionNo: number;
}

export async function findDrill(db: Db, id: string): Promise<DrillWithPlan | undefined> {
  const [row] = await db
    .select(drillWithPlan)
    .from(drills)
    .innerJoin(orgs, eq(orgs.id, drills.orgId))
    .innerJoin(planVersions, eq(planVersions.id, drills.planVersionId))
    .where(eq(drills.id, id));
  return row;
}

export async function listDrills(db: Db, actor: Actor, filter: { orgId?: string; planId?: string; offset: number; limit: number }) {
  const where = and(
    jurisdictionFilter(actor, drillPolicy, "read", { orgId: drills.orgId }),
    filter.orgId ? eq(drills.orgId, filter.orgId) : undefined,
    filter.planId ? eq(drills.planId, filter.planId) : undefined,
  );
  const query = db
    .select(drillWithPlan)
    .from(drills)
    .innerJoin(orgs, eq(orgs.id, drills.orgId))
    .innerJoin(planVersions, eq(planVersions.id, drills.planVersionId))
    .where(where)
    .orderBy(desc(drills.heldOn), desc(drills.createdAt))
    .$dynamic();
  return pageWithTotal(db, query, drills, where, filter);
}

export async function insertDrill(db: Db, values: typeof drills.$inferInsert) {
  const [row] = await db.insert(drills).values(values).returning();
  return row!;
}

