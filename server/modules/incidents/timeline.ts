import type { IncidentEventDetail } from "@shared/incidents/schemas.ts";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../policy/actor.ts";
import { timelineRows } from "../../timeline.ts";
import { insertEvents } from "./queries.ts";

/**
 * Appends entries to an incident's timeline, in the order given. A null actor is the system.
 * The table refuses updates and deletes: what was written stays as written.
 */
export async function appendToTimeline(tx: Db, incidentId: string, actor: Actor | null, at: Date, details: IncidentEventDetail[]) {
  await insertEvents(
    tx,
    timelineRows(actor, at, details).map((row) => ({ ...row, incidentId })),
  );
}
