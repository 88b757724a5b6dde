import type { Db } from "../db/client.ts";
import { findDeadlinesOf } from "../deadlines/deadlines.ts";
import { DEADLINE_KIND } from "../modules/incidents/incident-deadlines.ts";
import { INCIDENT_SUBJECT, findTasks } from "../modules/incidents/queries.ts";
import type { OrgRow } from "../modules/orgs/queries.ts";
import { makeAttachment, makeDisputeAttachment } from "./attachment-factories.ts";
import { makeDispute } from "./dispute-factories.ts";
import { makeCalendarFeed, makeHandover, makeProtectionPeriod, makeShift } from "./duty-factories.ts";
import { makeAccount, makeOrg } from "./factories.ts";
import { makeIncident } from "./incident-factories.ts";
import { makeNotification } from "./notification-factories.ts";
import { makeIncidentReport } from "./report-factories.ts";
import { makeDrill, makeGroup, makePlan } from "./plan-factories.ts";

/**
 * For every API path that takes a record id, how to make such a record inside a given org.
 * The route-wide tests fail for a path missing here, so a new module's routes cannot escape
 * the jurisdiction and bad-input checks: add its maker when adding its routes.
 */
const RECORD_MAKERS: Record<string, (db: Db, org: OrgRow) => Promise<string>> = {
  "/api/orgs/{id}": async (db, org) => (await makeOrg(db, { parent: org, kind: "unit" })).id,
  "/api/accounts/{id}": async (db, org) => (await makeAccount(db, { org, roles: ["reporter"] })).id,
  "/api/groups/{id}": async (db, org) => (await makeGroup(db, org)).id,
  "/api/plans/{id}": async (db, org) => (await makePlan(db, org)).plan.id,
  "/api/drills/{id}": async (db, org) => (await makeDrill(db, org)).id,
  "/api/shifts/{id}": async (db, org) => (await makeShift(db, org)).id,
  "/api/handovers/{id}": async (db, org) => (await makeHandover(db, org)).handover.id,
  "/api/protection-periods/{id}": async (db, org) => (await makeProtectionPeriod(db, org)).id,
  "/api/calendar-feeds/{id}": async (db, org) => (await makeCalendarFeed(db, org)).id,
  // In a village of its own, so that its plan is the one governing it, not another maker's plan of the org.
  "/api/incidents/{id}": async (db, org) => (await makeIncident(db, await makeOrg(db, { parent: org, kind: "village" }))).id,
  // A notification is its recipient's alone: this one goes to the org's admin.
  "/api/notifications/{id}": async (db, org) => (await makeNotification(db, org)).id,
  "/api/disputes/{id}": async (db, org) => (await makeDispute(db, org)).id,
};

/**
 * For paths with a second id under the first (a task of an incident): the parameter's name
 * and how to find such a record of the record the maker above made.
 */
const NESTED_RECORD_MAKERS: Record<string, { param: string; find: (db: Db, id: string) => Promise<string> }> = {
  "/api/incidents/{id}/tasks/{taskId}": { param: "taskId", find: async (db, id) => (await findTasks(db, id))[0]!.task.id },
  "/api/incidents/{id}/deadlines/{deadlineId}/meet": {
    param: "deadlineId",
    find: async (db, id) => (await findDeadlinesOf(db, INCIDENT_SUBJECT, id)).find((row) => row.kind === DEADLINE_KIND.on_site)!.id,
  },
  // A photo, so that its thumbnail exists too.
  ...Object.fromEntries(
    ["", "/thumbnail"].map((suffix) => [
      `/api/incidents/{id}/attachments/{attachmentId}${suffix}`,
      { param: "attachmentId", find: async (db: Db, id: string) => (await makeAttachment(db, id)).id },
    ]),
  ),
  ...Object.fromEntries(
    ["", "/thumbnail"].map((suffix) => [
      `/api/disputes/{id}/attachments/{attachmentId}${suffix}`,
      { param: "attachmentId", find: async (db: Db, id: string) => (await makeDisputeAttachment(db, id)).id },
    ]),
  ),
  // The made incident has no report yet: each of these routes gets a fresh draft of it.
  ...Object.fromEntries(
    ["", "/approve", "/send", "/export.docx"].map((suffix) => [
      `/api/incidents/{id}/reports/{reportId}${suffix}`,
      { param: "reportId", find: async (db: Db, id: string) => (await makeIncidentReport(db, id)).id },
    ]),
  ),
};

export function recordMakerFor(path: string) {
  const base = path.slice(0, path.indexOf("{id}") + "{id}".length);
  return RECORD_MAKERS[base];
}

/** The route's URL for the record `id`, with any id nested under it filled in too. */
export async function recordUrl(route: { url: string; path: string }, db: Db, id: string): Promise<string> {
  const nested = NESTED_RECORD_MAKERS[route.path];
  const url = route.url.replace(":id", id);
  const filled = nested ? url.replace(`:${nested.param}`, await nested.find(db, id)) : url;
  if (filled.includes("/:")) throw new Error(`${route.path} takes a nested id but server/testing/route-records.ts has no nested maker for it`);
  return filled;
}

/** Each route's URL with a real record's ids filled in (made inside `org`), or its bare URL when it takes none. */
export async function recordUrls<Route extends { url: string; path: string }>(routes: Route[], db: Db, org: OrgRow): Promise<Map<Route, string>> {
  const urls = new Map<Route, string>();
  for (const route of routes) {
    const make = recordMakerFor(route.path);
    urls.set(route, make ? await recordUrl(route, db, await make(db, org)) : route.url);
  }
  return urls;
}
