import { and, asc, desc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { accounts, deadlines, groups, incidentEvents, incidentTasks, incidents, orgs, planVersions, plans } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter, jurisdictionFilterWithin } from "../../policy/jurisdiction.ts";
import { findSubtree } from "../orgs/queries.ts";
import { incidentPolicy } from "./policy.ts";

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentTaskRow = typeof incidentTasks.$inferSelect;
export type IncidentEventRow = typeof incidentEvents.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;
type PlanVersionRow = typeof planVersions.$inferSelect;

export interface IncidentWithOrg {
  incident: IncidentRow;
  org: OrgRow;
}

/** The incidents' deadline rows carry this subject type. */
export const INCIDENT_SUBJECT = "incident";

export async function findIncident(db: Db, id: string): Promise<IncidentWithOrg | undefined> {
  const [row] = await db.select({ incident: incidents, org: orgs }).from(incidents).innerJoin(orgs, eq(orgs.id, incidents.orgId)).where(eq(incidents.id, id));
  return row;
}

/** Holds the incident's row until the transaction ends: what is decided once (its receipt) is decided by one caller at a time. */
export async function lockIncident(db: Db, id: string): Promise<void> {
  await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id)).for("update");
}

/** The receipt does not take the version: a reporter's later report in hand is not made stale by the duty room reading the first. */
export async function markReceived(db: Db, id: string, by: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(incidents)
    .set({ receivedAt: at, receivedBy: by })
    .where(and(eq(incidents.id, id), isNull(incidents.receivedAt)))
    .returning({ id: incidents.id });
  return rows.length > 0;
}

const CLIENT_REPORT_LOCK_KEY = 727_004;

/**
 * The incident a device's report already made, if any. The lock on the id holds a repeat
 * arriving at the same moment until the first has committed, so it finds that one.
 */
export async function findByClientReportId(db: Db, reportedBy: string, clientReportId: string) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${CLIENT_REPORT_LOCK_KEY}, hashtext(${clientReportId}))`);
  const [row] = await db.select().from(incidents).where(and(eq(incidents.reportedBy, reportedBy), eq(incidents.clientReportId, clientReportId)));
  return row;
}

export async function insertIncident(db: Db, values: typeof incidents.$inferInsert) {
  const [row] = await db.insert(incidents).values(values).returning();
  return row!;
}

/** Changes the incident only at the version the client saw; undefined means someone else changed it first. */
export async function updateIncidentAt(db: Db, id: string, version: number, changes: Partial<typeof incidents.$inferInsert>) {
  const [row] = await db
    .update(incidents)
    .set({ ...changes, version: sql`${incidents.version} + 1` })
    .where(and(eq(incidents.id, id), eq(incidents.version, version)))
    .returning();
  return row;
}

export interface GoverningPlan {
  planId: string;
  orgName: string;
  /** The plan's own org: its response reaches no one above it. */
  orgPath: string;
  version: PlanVersionRow;
}

/**
 * The plan that governs an event of `category` at the org with `orgPath`: the active plan
 * for that category of the org itself, else of its nearest ancestor that has one (a village
 * without its own plan works under the township's). Null when no org up the tree has one.
 */
export async function findGoverningPlan(db: Db, orgPath: string, category: string): Promise<GoverningPlan | null> {
  const [row] = await db
    .select({ planId: plans.id, orgName: orgs.name, orgPath: orgs.path, version: planVersions })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .innerJoin(orgs, eq(orgs.id, plans.orgId))
    .where(and(eq(planVersions.status, "active"), sql`${category} = ANY (${planVersions.categories})`, sql`${orgPath} LIKE ${orgs.path} || '%'`))
    .orderBy(desc(sql`length(${orgs.path})`))
    .limit(1);
  return row ?? null;
}

export async function findPlanVersion(db: Db, versionId: string): Promise<GoverningPlan | null> {
  const [row] = await db
    .select({ planId: plans.id, orgName: orgs.name, orgPath: orgs.path, version: planVersions })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .innerJoin(orgs, eq(orgs.id, plans.orgId))
    .where(eq(planVersions.id, versionId));
  return row ?? null;
}

export interface IncidentFilter {
  orgId?: string | undefined;
  status?: string | undefined;
  level?: string | undefined;
  category?: string | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
}

/** The SQL twin of `isOverdue` (deadlines.ts): fired, or due by `now` and not yet reached by the scheduler. */
const overdueAt = (now: Date) =>
  sql<number>`(SELECT count(*)::int FROM ${deadlines} WHERE ${deadlines.subjectType} = ${INCIDENT_SUBJECT} AND ${deadlines.subjectId} = ${incidents.id} AND (${deadlines.status} = 'fired' OR (${deadlines.status} = 'pending' AND ${deadlines.dueAt} <= ${now.toISOString()})))`;

/** What a list row shows (`presentIncidentSummary`) and no more: a page reads, sorts and maps 50 of them. */
const summaryColumns = {
  incident: {
    id: incidents.id,
    status: incidents.status,
    category: incidents.category,
    subtype: incidents.subtype,
    title: incidents.title,
    place: incidents.place,
    occurredAt: incidents.occurredAt,
    reportedAt: incidents.reportedAt,
    level: incidents.level,
    suggestedLevel: incidents.suggestedLevel,
    deaths: incidents.deaths,
    injuries: incidents.injuries,
    missing: incidents.missing,
    receivedAt: incidents.receivedAt,
    version: incidents.version,
  },
  org: { id: orgs.id, name: orgs.name },
};
export interface IncidentSummaryRow {
  incident: Pick<IncidentRow, keyof typeof summaryColumns.incident>;
  org: Pick<OrgRow, keyof typeof summaryColumns.org>;
}

/** Incidents in the caller's reach, newest report first, with how many deadlines of each are overdue. */
export async function listIncidents(db: Db, actor: Actor, filter: IncidentFilter, now: Date) {
  const like = filter.q ? `%${filter.q.replace(/[\\%_]/g, "\\$&")}%` : null;
  const columns = { orgId: incidents.orgId, ownerId: incidents.reportedBy };
  const where = and(
    filter.orgId
      ? jurisdictionFilterWithin(actor, incidentPolicy, "read", columns, await findSubtree(db, filter.orgId))
      : jurisdictionFilter(actor, incidentPolicy, "read", columns),
    filter.status ? eq(incidents.status, filter.status) : undefined,
    filter.level ? eq(incidents.level, filter.level) : undefined,
    filter.category ? eq(incidents.category, filter.category) : undefined,
    like ? or(ilike(incidents.title, like), ilike(incidents.place, like), ilike(incidents.description, like)) : undefined,
  );
  const query = db
    .select({ ...summaryColumns, overdue: overdueAt(now) })
    .from(incidents)
    .innerJoin(orgs, eq(orgs.id, incidents.orgId))
    .where(where)
    .orderBy(desc(incidents.reportedAt), desc(incidents.id))
    .$dynamic();
  return pageWithTotal(db, query, incidents, where, filter);
}

export async function findTasks(db: Db, incidentId: string) {
  return db
    .select({ task: incidentTasks, groupName: groups.name, assigneeName: accounts.displayName })
    .from(incidentTasks)
    .leftJoin(groups, eq(groups.id, incidentTasks.groupId))
    .leftJoin(accounts, eq(accounts.id, incidentTasks.assigneeId))
    .where(eq(incidentTasks.incidentId, incidentId))
    .orderBy(asc(incidentTasks.dueAt), asc(incidentTasks.createdAt));
}

/** The tasks of many incidents in one query (the live board), each incident's in due order. */
export async function findTasksOfEach(db: Db, incidentIds: string[]) {
  const rows = incidentIds.length === 0
    ? []
    : await db
        .select({ task: incidentTasks })
        .from(incidentTasks)
        .where(inArray(incidentTasks.incidentId, incidentIds))
        .orderBy(asc(incidentTasks.dueAt), asc(incidentTasks.createdAt));
  const byIncident = new Map<string, (typeof rows)[number][]>(incidentIds.map((id) => [id, []]));
  for (const row of rows) byIncident.get(row.task.incidentId)?.push(row);
  return byIncident;
}

export async function findTask(db: Db, incidentId: string, taskId: string) {
  const [row] = await db.select().from(incidentTasks).where(and(eq(incidentTasks.id, taskId), eq(incidentTasks.incidentId, incidentId)));
  return row;
}

export async function insertTask(db: Db, values: typeof incidentTasks.$inferInsert) {
  const [row] = await db.insert(incidentTasks).values(values).returning();
  return row!;
}

export async function updateTaskAt(db: Db, id: string, version: number, changes: Partial<typeof incidentTasks.$inferInsert>) {
  const [row] = await db
    .update(incidentTasks)
    .set({ ...changes, version: sql`${incidentTasks.version} + 1` })
    .where(and(eq(incidentTasks.id, id), eq(incidentTasks.version, version)))
    .returning();
  return row;
}

export async function insertEvents(db: Db, values: (typeof incidentEvents.$inferInsert)[]) {
  if (values.length > 0) await db.insert(incidentEvents).values(values);
}

export async function findEvents(db: Db, incidentId: string): Promise<IncidentEventRow[]> {
  return db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, incidentId)).orderBy(asc(incidentEvents.seq));
}


/** The path of the org whose plan this is: a plan's response reaches no one above it. */
export async function findPlanOrgPath(db: Db, planId: string): Promise<string | undefined> {
  const [row] = await db.select({ path: orgs.path }).from(plans).innerJoin(orgs, eq(orgs.id, plans.orgId)).where(eq(plans.id, planId));
  return row?.path;
}
