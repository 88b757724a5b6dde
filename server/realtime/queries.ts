import { and, asc, desc, eq, gt, inArray, like, max, min, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { groups, incidents, liveEvents, orgs } from "../db/schema.ts";
import { incidentPolicy } from "../modules/incidents/policy.ts";
import type { Actor } from "../policy/actor.ts";
import { jurisdictionFilter, subtreePathPattern } from "../policy/jurisdiction.ts";

export type LiveEventRow = typeof liveEvents.$inferSelect;

export async function findEventsAfter(db: Db, seq: number, limit: number): Promise<LiveEventRow[]> {
  return db.select().from(liveEvents).where(gt(liveEvents.seq, seq)).orderBy(asc(liveEvents.seq)).limit(limit);
}

export async function eventRange(db: Db): Promise<{ first: number | null; last: number | null }> {
  const [row] = await db.select({ first: min(liveEvents.seq), last: max(liveEvents.seq) }).from(liveEvents);
  return { first: row?.first === null || row?.first === undefined ? null : Number(row.first), last: row?.last === null || row?.last === undefined ? null : Number(row.last) };
}

/**
 * Forgets events older than `before`, keeping a contiguous tail (so a catch-up never skips a
 * hole) and always the newest event (so the table still tells how far the sequence went).
 */
export async function pruneEvents(db: Db, before: Date) {
  await db.execute(
    sql`DELETE FROM live_events WHERE seq < COALESCE((SELECT min(seq) FROM live_events WHERE at >= ${before.toISOString()}), (SELECT max(seq) FROM live_events))`,
  );
}

/**
 * The incidents a live board shows: reported and open ones of the org's subtree that the
 * caller may read, the most severe level (or suggested level, before it is confirmed)
 * first, then the newest. Bounded: a board is a screen, not a ledger.
 */
export async function findBoardIncidents(db: Db, actor: Actor, orgPath: string, limit: number) {
  return db
    .select({ incident: incidents, orgName: orgs.name })
    .from(incidents)
    .innerJoin(orgs, eq(orgs.id, incidents.orgId))
    .where(
      and(
        inArray(incidents.status, ["reported", "open"]),
        like(orgs.path, subtreePathPattern(orgPath)),
        jurisdictionFilter(actor, incidentPolicy, "read", { orgId: incidents.orgId, ownerId: incidents.reportedBy }),
      ),
    )
    // Level names sort as their severity: I < II < III < IV.
    .orderBy(sql`COALESCE(${incidents.level}, ${incidents.suggestedLevel}) ASC NULLS LAST`, desc(incidents.reportedAt), desc(incidents.id))
    .limit(limit);
}

export async function findGroupNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return new Map((await db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, [...ids]))).map((g) => [g.id, g.name]));
}
