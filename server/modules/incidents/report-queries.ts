// SQL of the reports upward and of the reviews of closing: the incidents module's queries
// for these two tables.
import { and, asc, desc, eq, inArray, max, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { accounts, incidentReports, incidentReviews, incidents, orgs } from "../../db/schema.ts";

export type IncidentReportRow = typeof incidentReports.$inferSelect;
export type IncidentReviewRow = typeof incidentReviews.$inferSelect;

/**
 * Locks the incident's row for the rest of the transaction: drafting a report numbers it
 * and closing decides on the deadlines, and two of these at once must run one after the other.
 */
export async function lockIncident(tx: Db, id: string) {
  await tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id)).for("update");
}

export async function insertReport(db: Db, values: typeof incidentReports.$inferInsert) {
  const [row] = await db.insert(incidentReports).values(values).returning();
  return row!;
}

export async function updateReportAt(db: Db, id: string, version: number, changes: Partial<typeof incidentReports.$inferInsert>) {
  const [row] = await db
    .update(incidentReports)
    .set({ ...changes, version: sql`${incidentReports.version} + 1` })
    .where(and(eq(incidentReports.id, id), eq(incidentReports.version, version)))
    .returning();
  return row;
}

export async function findReport(db: Db, incidentId: string, reportId: string) {
  const [row] = await db.select().from(incidentReports).where(and(eq(incidentReports.id, reportId), eq(incidentReports.incidentId, incidentId)));
  return row;
}

export async function findReportsOf(db: Db, incidentId: string) {
  return db.select().from(incidentReports).where(eq(incidentReports.incidentId, incidentId)).orderBy(asc(incidentReports.createdAt), asc(incidentReports.id));
}

/** What an incident's reports have used so far: whether an initial one exists, and the highest follow-up number. */
export async function reportNumbering(db: Db, incidentId: string) {
  const [row] = await db
    .select({
      initial: sql<number>`count(*) FILTER (WHERE ${incidentReports.kind} = 'initial')::int`,
      initialSent: sql<number>`count(*) FILTER (WHERE ${incidentReports.kind} = 'initial' AND ${incidentReports.status} = 'sent')::int`,
      lastFollowUp: max(incidentReports.sequence),
    })
    .from(incidentReports)
    .where(eq(incidentReports.incidentId, incidentId));
  return { initial: (row?.initial ?? 0) > 0, initialSent: (row?.initialSent ?? 0) > 0, lastFollowUp: row?.lastFollowUp ?? 0 };
}

export async function findFinalReportOf(db: Db, reviewId: string) {
  const [row] = await db.select({ id: incidentReports.id }).from(incidentReports).where(and(eq(incidentReports.reviewId, reviewId), eq(incidentReports.kind, "final")));
  return row;
}

/** Reports sent to `orgId`, newest first, with the incident and the sending org. */
export async function listInbox(db: Db, orgId: string, page: { offset: number; limit: number }) {
  const where = and(eq(incidentReports.toOrgId, orgId), eq(incidentReports.status, "sent"));
  const query = db
    .select({ report: incidentReports, incident: incidents, fromOrg: orgs })
    .from(incidentReports)
    .innerJoin(incidents, eq(incidents.id, incidentReports.incidentId))
    .innerJoin(orgs, eq(orgs.id, incidentReports.fromOrgId))
    .where(where)
    .orderBy(desc(incidentReports.sentAt), desc(incidentReports.id))
    .$dynamic();
  return pageWithTotal(db, query, incidentReports, where, page);
}

export async function findOrgNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function findAccountPhone(db: Db, id: string) {
  const [row] = await db.select({ phone: accounts.phone }).from(accounts).where(eq(accounts.id, id));
  return row?.phone ?? null;
}

export async function insertReview(db: Db, values: typeof incidentReviews.$inferInsert) {
  const [row] = await db.insert(incidentReviews).values(values).returning();
  return row!;
}

/** The reviews of an incident's closings, the latest first. */
export async function findReviewsOf(db: Db, incidentId: string) {
  return db.select().from(incidentReviews).where(eq(incidentReviews.incidentId, incidentId)).orderBy(desc(incidentReviews.closedAt), desc(incidentReviews.id));
}

export async function findAccountWithOrg(db: Db, id: string) {
  const [row] = await db
    .select({ id: accounts.id, displayName: accounts.displayName, active: accounts.active, orgPath: orgs.path })
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(eq(accounts.id, id));
  return row;
}
