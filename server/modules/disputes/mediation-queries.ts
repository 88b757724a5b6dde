// The SQL of mediating a dispute: sessions, agreements, follow-up visits and referrals.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { disputeAgreements, disputeFollowUps, disputeReferrals, disputeSessions } from "../../db/schema.ts";

export type SessionRow = typeof disputeSessions.$inferSelect;
export type AgreementRow = typeof disputeAgreements.$inferSelect;
export type FollowUpRow = typeof disputeFollowUps.$inferSelect;
export type ReferralRow = typeof disputeReferrals.$inferSelect;

export async function insertSession(db: Db, values: typeof disputeSessions.$inferInsert) {
  const [row] = await db.insert(disputeSessions).values(values).returning();
  return row!;
}

export async function insertAgreement(db: Db, values: typeof disputeAgreements.$inferInsert) {
  const [row] = await db.insert(disputeAgreements).values(values).returning();
  return row!;
}

export async function insertFollowUp(db: Db, values: typeof disputeFollowUps.$inferInsert) {
  const [row] = await db.insert(disputeFollowUps).values(values).returning();
  return row!;
}

/** The visit still to be made, if any: there is at most one at a time. */
export async function findPendingFollowUp(db: Db, disputeId: string) {
  const [row] = await db
    .select()
    .from(disputeFollowUps)
    .where(and(eq(disputeFollowUps.disputeId, disputeId), isNull(disputeFollowUps.visitedAt)));
  return row;
}

export async function recordFollowUpVisit(db: Db, id: string, values: Pick<typeof disputeFollowUps.$inferInsert, "visitedAt" | "performance" | "notes" | "recordedBy" | "recordedAt">) {
  await db.update(disputeFollowUps).set(values).where(eq(disputeFollowUps.id, id));
}

export async function insertReferral(db: Db, values: typeof disputeReferrals.$inferInsert) {
  await db.insert(disputeReferrals).values(values);
}

/** The referral awaiting its receiver's result, if any: there is at most one at a time. */
export async function findOpenReferral(db: Db, disputeId: string) {
  const [row] = await db
    .select()
    .from(disputeReferrals)
    .where(and(eq(disputeReferrals.disputeId, disputeId), isNull(disputeReferrals.result)));
  return row;
}

export async function recordReferralResult(db: Db, id: string, values: Pick<typeof disputeReferrals.$inferInsert, "result" | "resultNote" | "resultAt" | "resultBy">) {
  await db.update(disputeReferrals).set(values).where(eq(disputeReferrals.id, id));
}

/** Everything of the mediation of one dispute, each in the order it happened. */
export async function findMediationRecord(db: Db, disputeId: string) {
  const sessions = await db.select().from(disputeSessions).where(eq(disputeSessions.disputeId, disputeId)).orderBy(asc(disputeSessions.heldAt), asc(disputeSessions.recordedAt));
  const agreements = await db.select().from(disputeAgreements).where(eq(disputeAgreements.disputeId, disputeId)).orderBy(asc(disputeAgreements.madeAt));
  const followUps = await db.select().from(disputeFollowUps).where(eq(disputeFollowUps.disputeId, disputeId)).orderBy(asc(disputeFollowUps.dueAt));
  const referrals = await db.select().from(disputeReferrals).where(eq(disputeReferrals.disputeId, disputeId)).orderBy(asc(disputeReferrals.referredAt));
  return { sessions, agreements, followUps, referrals };
}
export type MediationRecord = Awaited<ReturnType<typeof findMediationRecord>>;
