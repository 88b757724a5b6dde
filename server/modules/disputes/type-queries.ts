// The SQL of the deployment's list of dispute types.
import { asc, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { disputeTypes } from "../../db/schema.ts";

export type DisputeTypeRow = typeof disputeTypes.$inferSelect;

export async function findDisputeTypes(db: Db): Promise<DisputeTypeRow[]> {
  return db.select().from(disputeTypes).orderBy(asc(disputeTypes.position), asc(disputeTypes.key));
}

/** Writes the list as given, in its order; a key not given keeps its row (the service refuses to drop one). */
export async function saveDisputeTypes(db: Db, rows: readonly DisputeTypeRow[]) {
  await db
    .insert(disputeTypes)
    .values([...rows])
    .onConflictDoUpdate({
      target: disputeTypes.key,
      set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, position: sql`excluded.position`, active: sql`excluded.active` },
    });
}
