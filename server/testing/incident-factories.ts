// Factories for incidents: a plan whose every level has a full response (escalation, report
// upward, someone on site, a task), and incidents reported and opened through the service,
// so a made incident has the deadlines and timeline a real one has.
import type { ReportIncidentInput } from "@shared/incidents/schemas.ts";
import type { PlanContentInput, SeverityLevel } from "@shared/plans/schemas.ts";
import type { Role } from "@shared/roles.ts";
import { type Clock, systemClock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { reportIncident, setIncidentLevel } from "../modules/incidents/service.ts";
import type { OrgRow } from "../modules/orgs/queries.ts";
import type { Actor } from "../policy/actor.ts";
import { makeAccount } from "./factories.ts";
import { makeGroup, makePlan } from "./plan-factories.ts";

/**
 * Minutes of each level's response: the more severe, the shorter. Tests read the expected
 * due times from here.
 */
export const RESPONSE_MINUTES: Record<SeverityLevel, { ack: [number, number]; report: number; onSite: number; task: number }> = {
  I: { ack: [5, 5], report: 30, onSite: 15, task: 60 },
  II: { ack: [10, 10], report: 60, onSite: 30, task: 90 },
  III: { ack: [15, 20], report: 90, onSite: 45, task: 120 },
  IV: { ack: [20, 30], report: 120, onSite: 60, task: 180 },
};

/** Figures the thresholds of `responsePlanContent` put at each level. */
export const FIGURES_AT_LEVEL: Record<SeverityLevel, { peopleInvolved: number; deaths?: number }> = {
  I: { peopleInvolved: 120 },
  II: { peopleInvolved: 5, deaths: 3 },
  III: { peopleInvolved: 25 },
  IV: { peopleInvolved: 12 },
};

/**
 * A plan document with township thresholds (general 10, large 20, major 50 people or 3
 * deaths, especially major 100 people or 10 deaths) and, at every level, two escalation
 * steps, an initial report to the county, the leader on duty on site and a task for `groupId`.
 */
export function responsePlanContent(groupId: string, overrides: Partial<PlanContentInput> = {}): PlanContentInput {
  const level = (thresholds: PlanContentInput["levels"]["I"]["thresholds"], m: (typeof RESPONSE_MINUTES)[SeverityLevel]) => ({
    thresholds,
    response: {
      notify: { roles: ["duty" as Role] },
      escalation: [
        { notify: { roles: ["duty" as Role] }, ackWithinMinutes: m.ack[0] },
        { notify: { roles: ["leader" as Role] }, ackWithinMinutes: m.ack[1] },
      ],
      reports: [{ to: "县应急管理局", initialWithinMinutes: m.report }],
      onSite: [{ role: "leader" as Role, who: "带班领导", withinMinutes: m.onSite }],
      tasks: [{ groupId, title: "现场处置", dueWithinMinutes: m.task }],
    },
  });
  return {
    purpose: "规范突发事件应对工作。",
    categories: [{ category: "accident_disaster", subtypes: ["火灾事故", "道路交通事故"] }],
    levels: {
      I: level({ minPeopleInvolved: 100, minDeaths: 10 }, RESPONSE_MINUTES.I),
      II: level({ minPeopleInvolved: 50, minDeaths: 3 }, RESPONSE_MINUTES.II),
      III: level({ minPeopleInvolved: 20 }, RESPONSE_MINUTES.III),
      IV: level({ minPeopleInvolved: 10 }, RESPONSE_MINUTES.IV),
    },
    ...overrides,
  };
}

/** An active plan of `org` with the full response above, and the working group its tasks go to. */
export async function makeResponsePlan(db: Db, org: OrgRow) {
  const group = await makeGroup(db, org, { name: "应急处置组" });
  const { plan, version } = await makePlan(db, org, { content: responsePlanContent(group.id) });
  return { plan, version, group };
}

export const actorOfAccount = (account: { id: string; username: string; displayName: string; orgId: string; roles: string[] }, org: OrgRow): Actor => ({
  accountId: account.id,
  username: account.username,
  displayName: account.displayName,
  orgId: account.orgId,
  orgPath: org.path,
  roles: account.roles as Role[],
  ip: null,
});

export function sampleReport(org: OrgRow, overrides: Partial<ReportIncidentInput> = {}): ReportIncidentInput {
  return {
    orgId: org.id,
    category: "accident_disaster",
    subtype: "火灾事故",
    title: "仓库火灾",
    description: "镇东工业区一仓库起火，明火已蔓延至相邻厂房。",
    place: "镇东工业区3号仓库",
    latitude: null,
    longitude: null,
    occurredAt: "2026-03-02T07:40:00+08:00",
    source: "值班电话",
    peopleInvolved: 12,
    onlookers: 30,
    deaths: 0,
    injuries: 1,
    missing: 0,
    economicLoss: 20,
    cause: null,
    trend: "火势仍在蔓延",
    measuresTaken: "已拨打119，疏散周边人员。",
    helpNeeded: null,
    reporterName: "王建国",
    reporterContact: "13800001234",
    clientReportId: null,
    ...overrides,
  };
}

/**
 * An incident of `org` under an active response plan of `org` (so `org` should have no other
 * active plan for accidents), reported by an officer of `org`; opened at `level` (the
 * suggested IV by default) unless `open` is false.
 */
export async function makeIncident(db: Db, org: OrgRow, options: { clock?: Clock; open?: boolean; level?: SeverityLevel } = {}) {
  const clock = options.clock ?? systemClock;
  await makeResponsePlan(db, org);
  const officer = await makeAccount(db, { org, roles: ["officer"] });
  const actor = actorOfAccount(officer, org);
  return db.transaction(async (tx) => {
    const occurredAt = new Date(clock.now().getTime() - 20 * 60_000).toISOString();
    const reported = await reportIncident({ actor, tx, clock, input: sampleReport(org, { occurredAt }) });
    if (options.open === false) return reported.incident;
    const level = options.level ?? "IV";
    const reason = level === reported.incident.suggestedLevel ? null : "按现场情况研判";
    const opened = await setIncidentLevel({ actor, tx, clock, input: { id: reported.incident.id, version: reported.incident.version, level, reason } });
    return opened.incident;
  });
}
