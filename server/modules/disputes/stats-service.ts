// 矛盾纠纷统计: the figures of the cases in the caller's reach, for the office's own dashboard and
// for its reports upward. Read-only and about cases in aggregate, so nothing is audited.
import { DISPUTE_LEVELS, DISPUTE_STATUSES, type DisputeLevel, type DisputeStatus } from "@shared/disputes/schemas.ts";
import type { DisputeStats, DisputeStatsQuery } from "@shared/disputes/stats-schemas.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { notFound } from "../../http/errors.ts";
import { authorize } from "../../policy/authorize.ts";
import { orgPolicy } from "../orgs/policy.ts";
import { findOrg } from "../orgs/queries.ts";
import { bucketOf, bucketsBetween } from "./stats-buckets.ts";
import * as q from "./stats-queries.ts";

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The statistics of the org's subtree (default the caller's org). An org the caller cannot see
 * is 404, as everywhere; within it, only the cases the caller may read are counted, so a
 * reporter's figures are of what they registered.
 */
export async function disputeStats({ actor, input, tx, clock }: Action<DisputeStatsQuery>): Promise<DisputeStats> {
  const org = await findOrg(tx, input.orgId ?? actor.orgId);
  if (!org || !authorize(actor, orgPolicy, "read", { orgPath: org.path })) throw notFound();
  const counts = await q.countShares(tx, q.sharesOf(actor, org, input, input.bucket), org, input.bucket);
  const followUps = await q.countFollowUps(tx, q.statsScope(actor, org, input), clock.now());
  const children = await q.findChildOrgs(tx, org.id);

  const all = counts.find((row) => row.set === "all");
  const inSet = (set: q.CountRow["set"]) => counts.filter((row) => row.set === set && row.key !== null).map((row) => ({ key: row.key!, count: row.cases }));
  const byChild = new Map(inSet("child").map((row) => [row.key, row.count]));
  const statusCounts: Record<DisputeStatus, number> = {
    registered: all?.registered ?? 0,
    accepted: all?.accepted ?? 0,
    refused: all?.refused ?? 0,
    in_mediation: all?.inMediation ?? 0,
    agreed: all?.agreed ?? 0,
    not_agreed: all?.notAgreed ?? 0,
    withdrawn: all?.withdrawn ?? 0,
    referred: all?.referred ?? 0,
    closed: all?.closed ?? 0,
  };
  const concluded = all?.concluded ?? 0;
  const concludedOnTime = all?.concludedOnTime ?? 0;
  const totals = {
    registered: all?.cases ?? 0,
    accepted: all?.everAccepted ?? 0,
    refused: statusCounts.refused,
    ongoing: statusCounts.accepted + statusCounts.in_mediation,
    // A closed case with an agreement was agreed and then performed; one without was a referral handled elsewhere.
    agreed: statusCounts.agreed + (all?.closedWithAgreement ?? 0),
    notAgreed: statusCounts.not_agreed,
    withdrawn: statusCounts.withdrawn,
    referred: all?.everReferred ?? 0,
    closed: statusCounts.closed,
  };
  const largestFirst = (a: { key: string; count: number }, b: { key: string; count: number }) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

  return {
    orgId: org.id,
    orgName: org.name,
    bucket: input.bucket,
    totals,
    successRate: rate(totals.agreed, totals.agreed + totals.notAgreed),
    onTimeRate: rate(concludedOnTime, concluded),
    followUpRate: rate(followUps.visited, followUps.due),
    performanceRate: rate(followUps.fullyPerformed, followUps.visited),
    measures: { concluded, concludedOnTime, followUpsDue: followUps.due, followUpsVisited: followUps.visited, fullyPerformed: followUps.fullyPerformed },
    byType: inSet("type").sort(largestFirst).map((row) => ({ type: row.key, count: row.count })),
    byStatus: DISPUTE_STATUSES.filter((status) => statusCounts[status] > 0).map((status) => ({ status, count: statusCounts[status] })),
    byLevel: DISPUTE_LEVELS.flatMap((level: DisputeLevel) => inSet("level").filter((row) => row.key === level).map((row) => ({ level, count: row.count }))),
    byOrg: [
      { orgId: org.id, name: org.name, own: true, count: byChild.get("") ?? 0 },
      // An inactive org below still shows when it has cases: they happened.
      ...children.filter((child) => child.active || byChild.has(child.id)).map((child) => ({ orgId: child.id, name: child.name, own: false, count: byChild.get(child.id) ?? 0 })),
    ],
    overTime: fillBuckets({ registered: startsOf(inSet("registered")), concluded: startsOf(inSet("concluded")) }, input),
  };
}

const startsOf = (rows: { key: string; count: number }[]) => rows.map((row) => ({ start: row.key, count: row.count }));

/**
 * Every bucket from the first to the last with cases, widened to the requested range when both
 * ends are given (the schema bounds it); with an open end the cases alone bound the series.
 */
function fillBuckets({ registered, concluded }: Record<"registered" | "concluded", { start: string; count: number }[]>, input: DisputeStatsQuery) {
  const starts = [...registered, ...concluded].map((row) => row.start);
  if (input.from && input.to) starts.push(bucketOf(new Date(input.from), input.bucket), bucketOf(new Date(input.to), input.bucket));
  if (starts.length === 0) return [];
  starts.sort();
  const countAt = (rows: { start: string; count: number }[]) => new Map(rows.map((row) => [row.start, row.count]));
  const [registeredAt, concludedAt] = [countAt(registered), countAt(concluded)];
  return bucketsBetween(starts[0]!, starts.at(-1)!, input.bucket).map((start) => ({ start, registered: registeredAt.get(start) ?? 0, concluded: concludedAt.get(start) ?? 0 }));
}
