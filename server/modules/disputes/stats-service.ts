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
  const scope = q.statsScope(actor, org, input);

  const totals = await q.countTotals(tx, scope);
  const followUps = await q.countFollowUps(tx, scope, clock.now());
  const byType = await q.countBy(tx, scope, "type");
  const byStatus = await q.countBy(tx, scope, "status");
  const byLevel = await q.countBy(tx, scope, "level");
  const byChild = new Map((await q.countByChildOrg(tx, scope, org)).map((row) => [row.childId, row.count]));
  const children = await q.findChildOrgs(tx, org.id);
  const overTime = await q.countOverTime(tx, scope, input.bucket);

  const { concluded, concludedOnTime, ...counts } = totals;
  return {
    orgId: org.id,
    orgName: org.name,
    bucket: input.bucket,
    totals: counts,
    successRate: rate(counts.agreed, counts.agreed + counts.notAgreed),
    onTimeRate: rate(concludedOnTime, concluded),
    followUpRate: rate(followUps.visited, followUps.due),
    performanceRate: rate(followUps.fullyPerformed, followUps.visited),
    measures: { concluded, concludedOnTime, followUpsDue: followUps.due, followUpsVisited: followUps.visited, fullyPerformed: followUps.fullyPerformed },
    byType: byType.map((row) => ({ type: row.key, count: row.count })),
    byStatus: DISPUTE_STATUSES.flatMap((status: DisputeStatus) => byStatus.filter((row) => row.key === status).map((row) => ({ status, count: row.count }))),
    byLevel: DISPUTE_LEVELS.flatMap((level: DisputeLevel) => byLevel.filter((row) => row.key === level).map((row) => ({ level, count: row.count }))),
    byOrg: [
      { orgId: org.id, name: org.name, own: true, count: byChild.get("") ?? 0 },
      // An inactive org below still shows when it has cases: they happened.
      ...children.filter((child) => child.active || byChild.has(child.id)).map((child) => ({ orgId: child.id, name: child.name, own: false, count: byChild.get(child.id) ?? 0 })),
    ],
    overTime: fillBuckets(overTime, input),
  };
}

/**
 * Every bucket from the first to the last with cases, widened to the requested range when both
 * ends are given (the schema bounds it); with an open end the cases alone bound the series.
 */
function fillBuckets({ registered, concluded }: Awaited<ReturnType<typeof q.countOverTime>>, input: DisputeStatsQuery) {
  const starts = [...registered, ...concluded].map((row) => row.start);
  if (input.from && input.to) starts.push(bucketOf(new Date(input.from), input.bucket), bucketOf(new Date(input.to), input.bucket));
  if (starts.length === 0) return [];
  starts.sort();
  const countAt = (rows: { start: string; count: number }[]) => new Map(rows.map((row) => [row.start, row.count]));
  const [registeredAt, concludedAt] = [countAt(registered), countAt(concluded)];
  return bucketsBetween(starts[0]!, starts.at(-1)!, input.bucket).map((start) => ({ start, registered: registeredAt.get(start) ?? 0, concluded: concludedAt.get(start) ?? 0 }));
}
