// Factories for incident reports: a draft made through the service, by an officer of the incident's org.
import type { IncidentReportKind } from "@shared/incidents/schemas.ts";
import { type Clock, systemClock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { findIncident } from "../modules/incidents/queries.ts";
import { createReport } from "../modules/incidents/report-service.ts";
import { makeAccount } from "./factories.ts";
import { actorOfAccount } from "./incident-factories.ts";

export async function makeIncidentReport(db: Db, incidentId: string, options: { kind?: IncidentReportKind; clock?: Clock } = {}) {
  const found = (await findIncident(db, incidentId))!;
  const officer = await makeAccount(db, { org: found.org, roles: ["officer"] });
  const actor = actorOfAccount(officer, found.org);
  const view = await db.transaction((tx) => createReport({ actor, tx, clock: options.clock ?? systemClock, input: { id: incidentId, kind: options.kind ?? "initial" } }));
  return view.report;
}
