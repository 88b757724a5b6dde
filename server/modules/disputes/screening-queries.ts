// The SQL of the screening report: the period's figures from the register, the filed reports,
// and the orgs a parent's board lists.
import { type SQLWrapper, and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { ScreeningCounts, ScreeningFigures } from "@shared/disputes/screening-schemas.ts";
import type { Db } from "../../db/client.ts";
import { accounts, disputeAgreements, disputeReferrals, disputeScreeningReports, disputes, orgs } from "../../db/schema.ts";

export type ScreeningReportRow = typeof disputeScreeningReports.$inferSelect;

const int = (expression: ReturnType<typeof sql>) => sql<number>`${expression}`.mapWith(Number);

/**
 * The figures of an org's own disputes for the period [from, to), one aggregate over the
 * disputes registered before its end, grouped by type with a ROLLUP row for the totals:
 * - found: registered in the period; foundByScreening: of them, found by screening (排查);
 * - handled: accepted (受理) in the period;
 * - agreed: an agreement made in the period (the agreement's date, not the status, which moves
 *   on to closing); notAgreed, withdrawn: concluded in the period with that outcome;
 * - ongoing: open at the period's end — registered by then, neither refused nor concluded by then;
 * - referred: referred (移交) to a court, the police or a department in the period.
 * A case moved up to the township counts where it is handled now.
 */
export async function computeFigures(db: Db, orgId: string, from: Date, to: Date): Promise<ScreeningFigures> {
  const start = sql`${from.toISOString()}::timestamptz`;
  const end = sql`${to.toISOString()}::timestamptz`;
  const within = (column: SQLWrapper) => sql`${column} >= ${start} AND ${column} < ${end}`;
  const concluded = (status: string) => int(sql`count(*) FILTER (WHERE ${disputes.status} = ${status} AND ${within(disputes.concludedAt)})`);
  const rows = await db
    .select({
      type: disputes.type,
      total: sql<number>`grouping(${disputes.type})`.mapWith(Number),
      found: int(sql`count(*) FILTER (WHERE ${within(disputes.registeredAt)})`),
      foundByScreening: int(sql`count(*) FILTER (WHERE ${within(disputes.registeredAt)} AND ${disputes.source} = 'screening')`),
      handled: int(sql`count(*) FILTER (WHERE ${within(disputes.acceptedAt)})`),
      agreed: int(sql`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${disputeAgreements} WHERE ${disputeAgreements.disputeId} = ${disputes.id} AND ${within(disputeAgreements.madeAt)}))`),
      notAgreed: concluded("not_agreed"),
      withdrawn: concluded("withdrawn"),
      ongoing: int(sql`count(*) FILTER (WHERE (${disputes.refusedAt} IS NULL OR ${disputes.refusedAt} >= ${end}) AND (${disputes.concludedAt} IS NULL OR ${disputes.concludedAt} >= ${end}))`),
      referred: int(sql`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${disputeReferrals} WHERE ${disputeReferrals.disputeId} = ${disputes.id} AND ${within(disputeReferrals.referredAt)}))`),
    })
    .from(disputes)
    .where(and(eq(disputes.orgId, orgId), lt(disputes.registeredAt, to)))
    .groupBy(sql`ROLLUP (${disputes.type})`)
    .orderBy(asc(disputes.type));
  const countsOf = ({ type: _type, total: _total, ...counts }: (typeof rows)[number]): ScreeningCounts => counts;
  const zero: ScreeningCounts = { found: 0, foundByScreening: 0, handled: 0, agreed: 0, notAgreed: 0, withdrawn: 0, ongoing: 0, referred: 0 };
  const totals = rows.find((row) => row.total === 1);
  return {
    totals: totals ? countsOf(totals) : zero,
    byType: rows
      .filter((row) => row.total === 0 && Object.values(countsOf(row)).some((n) => n > 0))
      .map((row) => ({ type: row.type, ...countsOf(row) })),
  };
}

export async function findReport(db: Db, orgId: string, periodStart: string): Promise<ScreeningReportRow | undefined> {
  const [row] = await db
    .select()
    .from(disputeScreeningReports)
    .where(and(eq(disputeScreeningReports.orgId, orgId), eq(disputeScreeningReports.periodStart, periodStart)));
  return row;
}

export async function findReports(db: Db, orgIds: readonly string[], periodStart: string): Promise<ScreeningReportRow[]> {
  if (orgIds.length === 0) return [];
  return db
    .select()
    .from(disputeScreeningReports)
    .where(and(inArray(disputeScreeningReports.orgId, [...orgIds]), eq(disputeScreeningReports.periodStart, periodStart)));
}

/**
 * Files the report, or replaces the one filed before, but only while `replaceable` holds (the
 * due time has not passed): the condition sits in the upsert itself, so two filings racing past
 * the due time cannot both win. Undefined: a report was there and may no longer change.
 */
export async function upsertReport(db: Db, values: typeof disputeScreeningReports.$inferInsert, replaceable: boolean): Promise<ScreeningReportRow | undefined> {
  const [row] = await db
    .insert(disputeScreeningReports)
    .values(values)
    .onConflictDoUpdate({
      target: [disputeScreeningReports.orgId, disputeScreeningReports.periodStart],
      set: { screenings: values.screenings, note: values.note, figures: values.figures, submittedBy: values.submittedBy, submittedAt: values.submittedAt },
      setWhere: replaceable ? sql`TRUE` : sql`FALSE`,
    })
    .returning();
  return row;
}

/** The active direct children of an org, by name: the committees a parent's board lists. */
/**
 * The committees directly below the org, which file their own reports. Villages, communities,
 * townships and streets have a people's mediation committee by law (人民调解法 Art. 8); a
 * school or an enterprise has one where it chose to set it up, which shows as a mediator among
 * its staff.
 */
export async function findChildCommittees(db: Db, orgId: string) {
  return db
    .select()
    .from(orgs)
    .where(
      and(
        eq(orgs.parentId, orgId),
        eq(orgs.active, true),
        or(
          inArray(orgs.kind, ["village", "community", "township", "street"]),
          sql`EXISTS (SELECT 1 FROM ${accounts} a WHERE a.org_id = ${orgs.id} AND a.active AND 'mediator' = ANY (a.roles))`,
        ),
      ),
    )
    .orderBy(asc(orgs.name));
}
