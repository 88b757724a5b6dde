import type { Db } from "../db/client.ts";
import type { OrgRow } from "../modules/orgs/queries.ts";
import { makeCalendarFeed, makeHandover, makeProtectionPeriod, makeShift } from "./duty-factories.ts";
import { makeAccount, makeOrg } from "./factories.ts";
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
};

export function recordMakerFor(path: string) {
  const base = path.slice(0, path.indexOf("{id}") + "{id}".length);
  return RECORD_MAKERS[base];
}
