// The one deadline store: every module that has something due by a time (an acknowledgement,
// a report upward, a reply to a complaint) writes a row here and names a handler kind; the
// scheduler fires what passes unmet. Only this file and the scheduler touch the table.
import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.ts";
import { deadlines } from "../db/schema.ts";

export type DeadlineRow = typeof deadlines.$inferSelect;
export type DeadlineStatus = "pending" | "met" | "fired" | "cancelled";

/** What is still outstanding: not yet due, or due and unmet (fired). */
const OUTSTANDING: DeadlineStatus[] = ["pending", "fired"];
export const isOutstanding = (row: Pick<DeadlineRow, "status">) => (OUTSTANDING as string[]).includes(row.status);

export interface NewDeadline {
  kind: string;
  subjectType: string;
  subjectId: string;
  orgId: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

/** Writes deadlines inside the caller's transaction: they exist exactly when the change that set them commits. */
export async function scheduleDeadlines(tx: Db, rows: NewDeadline[], now: Date): Promise<DeadlineRow[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(deadlines)
    .values(rows.map((row) => ({ ...row, payload: row.payload ?? {}, status: "pending", createdAt: now })))
    .returning();
}

export async function findDeadlinesOf(db: Db, subjectType: string, subjectId: string): Promise<DeadlineRow[]> {
  return db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.subjectType, subjectType), eq(deadlines.subjectId, subjectId)))
    .orderBy(asc(deadlines.dueAt), asc(deadlines.createdAt));
}

/** The deadlines of many subjects in one query (a board of many cases), each subject's in due order. */
export async function findDeadlinesOfEach(db: Db, subjectType: string, subjectIds: string[]): Promise<Map<string, DeadlineRow[]>> {
  const rows = subjectIds.length === 0
    ? []
    : await db
        .select()
        .from(deadlines)
        .where(and(eq(deadlines.subjectType, subjectType), inArray(deadlines.subjectId, subjectIds)))
        .orderBy(asc(deadlines.dueAt), asc(deadlines.createdAt));
  const bySubject = new Map<string, DeadlineRow[]>(subjectIds.map((id) => [id, []]));
  for (const row of rows) bySubject.get(row.subjectId)?.push(row);
  return bySubject;
}

/**
 * When the earliest pending deadline of a subject type falls due, at or before `by`: what the
 * demo loader, replaying the past, moves its clock to next, without asking case by case.
 */
export async function nextPendingDue(db: Db, subjectType: string, by: Date): Promise<Date | undefined> {
  const [row] = await db
    .select({ dueAt: deadlines.dueAt })
    .from(deadlines)
    .where(and(eq(deadlines.subjectType, subjectType), eq(deadlines.status, "pending"), lte(deadlines.dueAt, by)))
    .orderBy(asc(deadlines.dueAt))
    .limit(1);
  return row?.dueAt;
}

/** Locks the row, so a meeting and a firing of the same deadline happen one after the other. */
export async function lockDeadline(tx: Db, id: string): Promise<DeadlineRow | undefined> {
  const [row] = await tx.select().from(deadlines).where(eq(deadlines.id, id)).for("update");
  return row;
}

/**
 * Marks an outstanding deadline met at `at`. One that already fired keeps its `fired_at`, so
 * it reads as met late. Answers undefined when it was no longer outstanding.
 */
export async function meetDeadline(tx: Db, id: string, at: Date): Promise<DeadlineRow | undefined> {
  const [row] = await tx
    .update(deadlines)
    .set({ status: "met", metAt: at })
    .where(and(eq(deadlines.id, id), inArray(deadlines.status, OUTSTANDING)))
    .returning();
  return row;
}

/** Cancels a deadline that is no longer owed (its task was cancelled); met or cancelled ones stay as they are. */
export async function cancelDeadline(tx: Db, id: string, at: Date): Promise<DeadlineRow | undefined> {
  const [row] = await tx
    .update(deadlines)
    .set({ status: "cancelled", cancelledAt: at })
    .where(and(eq(deadlines.id, id), inArray(deadlines.status, OUTSTANDING)))
    .returning();
  return row;
}

/** Overdue as of `now`: fired, or due and not yet reached by the scheduler. */
export function isOverdue(row: Pick<DeadlineRow, "status" | "dueAt">, now: Date): boolean {
  return row.status === "fired" || (row.status === "pending" && row.dueAt.getTime() <= now.getTime());
}

/**
 * Claims up to `limit` of the earliest due pending deadlines that no other transaction holds.
 * SKIP LOCKED is what lets several nodes (and a node's several workers) fire from one
 * database: each takes different rows, and a row whose claimer dies is unlocked by the
 * rollback and taken by the next one. A deadline waits while an earlier one of its subject is
 * due and not yet fired (held by another claimer, or later in the queue), so one case's
 * deadlines fire in due order however many claim at once: a step of an escalation sees the
 * step after it still pending. An earlier one waiting for its retry time does not hold it up.
 */
export async function claimDue(tx: Db, now: Date, limit: number): Promise<DeadlineRow[]> {
  const earlier = alias(deadlines, "earlier");
  const claimable = (table: Record<"status" | "dueAt" | "retryAt", AnyPgColumn>) =>
    and(eq(table.status, "pending"), lte(table.dueAt, now), or(isNull(table.retryAt), lte(table.retryAt, now)));
  return tx
    .select()
    .from(deadlines)
    .where(
      and(
        claimable(deadlines),
        notExists(
          tx
            .select({ id: earlier.id })
            .from(earlier)
            .where(and(eq(earlier.subjectType, deadlines.subjectType), eq(earlier.subjectId, deadlines.subjectId), lt(earlier.dueAt, deadlines.dueAt), claimable(earlier))),
        ),
      ),
    )
    .orderBy(asc(deadlines.dueAt))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export async function markFired(tx: Db, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await tx
    .update(deadlines)
    .set({ status: "fired", firedAt: now, attempts: sql`${deadlines.attempts} + 1`, retryAt: null, lastError: null })
    .where(inArray(deadlines.id, ids));
}

export async function markFailed(tx: Db, id: string, retryAt: Date, error: string) {
  await tx
    .update(deadlines)
    .set({ attempts: sql`${deadlines.attempts} + 1`, retryAt, lastError: error })
    .where(eq(deadlines.id, id));
}
