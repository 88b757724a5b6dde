// The dispute statistics through the API on a known township: ten cases in township A (its two
// villages and the township itself) in known states at known times, one in township B, and one
// of township A's reporter registered the year before. Every figure below is counted by hand
// from the table of cases.
import assert from "node:assert/strict";
import { before, after, describe, it } from "node:test";
import type { DisputeStats } from "@shared/disputes/stats-schemas.ts";
import { sampleDispute, addAgreement, addFollowUp, addReferral, makeDispute, setCaseState } from "../../testing/dispute-factories.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";
import type { OrgRow } from "../orgs/queries.ts";
import { bucketOf, bucketsBetween } from "./stats-buckets.ts";

const FIRST_QUARTER = `from=${encodeURIComponent("2026-01-01T00:00:00+08:00")}&to=${encodeURIComponent("2026-03-31T23:59:59+08:00")}`;

describe("disputes: statistics", () => {
  let t: TestApp;
  let world: World;
  let villageA2: OrgRow;
  let officer: TestClient;

  before(async () => {
    t = await startTestApp();
    t.clock.set(new Date("2026-03-25T10:00:00+08:00"));
    world = await makeWorld(t.db.orm);
    villageA2 = await makeOrg(t.db.orm, { parent: world.townshipA, name: "甲二村", kind: "village" });
    await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], username: "v-mediator" });
    const db = t.db.orm;
    const make = (org: OrgRow, type: string, level: "village" | "township" = "village") => makeDispute(db, org, { clock: t.clock, overrides: { type, level } });

    // 甲一村: six cases.
    const d1 = await make(world.villageA, "neighbours");
    await setCaseState(db, d1, { status: "closed", registeredAt: "2026-01-10T09:00:00+08:00", acceptedAt: "2026-01-11T09:00:00+08:00", mediationDueAt: "2026-02-10T09:00:00+08:00", concludedAt: "2026-02-01T01:00:00+08:00" });
    const a1 = await addAgreement(db, d1, "2026-02-01T01:00:00+08:00");
    await addFollowUp(db, d1, a1.id, "2026-03-01T09:00:00+08:00", { at: "2026-03-02T09:00:00+08:00", performance: "fully" });
    const d2 = await make(world.villageA, "neighbours");
    await setCaseState(db, d2, { status: "agreed", registeredAt: "2026-01-20T09:00:00+08:00", acceptedAt: "2026-01-21T09:00:00+08:00", mediationDueAt: "2026-02-20T09:00:00+08:00", concludedAt: "2026-02-25T09:00:00+08:00" });
    const a2 = await addAgreement(db, d2, "2026-02-25T09:00:00+08:00");
    await addFollowUp(db, d2, a2.id, "2026-04-10T09:00:00+08:00");
    const d3 = await make(world.villageA, "marriage_family");
    await setCaseState(db, d3, { status: "not_agreed", registeredAt: "2026-02-05T09:00:00+08:00", acceptedAt: "2026-02-06T09:00:00+08:00", mediationDueAt: "2026-03-07T09:00:00+08:00", concludedAt: "2026-02-28T09:00:00+08:00" });
    // Registered at 04:00 on 1 February in China, still 31 January in UTC: a February case.
    const d4 = await make(world.villageA, "labour_wages");
    await setCaseState(db, d4, { status: "refused", registeredAt: "2026-02-01T04:00:00+08:00", refusedAt: "2026-02-02T09:00:00+08:00" });
    const d5 = await make(world.villageA, "neighbours");
    await setCaseState(db, d5, { status: "in_mediation", registeredAt: "2026-02-15T09:00:00+08:00", acceptedAt: "2026-02-16T09:00:00+08:00", mediationDueAt: "2026-03-18T09:00:00+08:00" });
    const d6 = await make(world.villageA, "marriage_family");
    await setCaseState(db, d6, { status: "registered", registeredAt: "2026-03-01T09:00:00+08:00" });

    // 甲二村: three cases.
    const d7 = await make(villageA2, "labour_wages");
    await setCaseState(db, d7, { status: "agreed", registeredAt: "2026-01-15T09:00:00+08:00", acceptedAt: "2026-01-16T09:00:00+08:00", mediationDueAt: "2026-02-14T09:00:00+08:00", concludedAt: "2026-02-10T09:00:00+08:00" });
    const a7 = await addAgreement(db, d7, "2026-02-10T09:00:00+08:00");
    await addFollowUp(db, d7, a7.id, "2026-03-05T09:00:00+08:00", { at: "2026-03-06T09:00:00+08:00", performance: "partly" });
    await addFollowUp(db, d7, a7.id, "2026-03-20T09:00:00+08:00");
    const d8 = await make(villageA2, "neighbours");
    await setCaseState(db, d8, { status: "withdrawn", registeredAt: "2026-02-20T09:00:00+08:00", acceptedAt: "2026-02-21T09:00:00+08:00", mediationDueAt: "2026-03-22T09:00:00+08:00", concludedAt: "2026-03-01T09:00:00+08:00" });
    const d9 = await make(villageA2, "contracts");
    await setCaseState(db, d9, { status: "referred", registeredAt: "2026-03-03T09:00:00+08:00", acceptedAt: "2026-03-03T10:00:00+08:00", mediationDueAt: "2026-04-02T10:00:00+08:00" });
    await addReferral(db, d9, "2026-03-10T09:00:00+08:00");

    // 甲镇 itself: a referral the court handled, so closed without an agreement.
    const d10 = await make(world.townshipA, "labour_wages", "township");
    await setCaseState(db, d10, { status: "closed", registeredAt: "2026-03-05T09:00:00+08:00", acceptedAt: "2026-03-05T10:00:00+08:00", mediationDueAt: "2026-04-04T10:00:00+08:00", concludedAt: "2026-03-20T09:00:00+08:00" });
    await addReferral(db, d10, "2026-03-06T09:00:00+08:00", { result: "handled", at: "2026-03-20T09:00:00+08:00" });

    // 乙镇: one case, out of township A's figures.
    const d11 = await make(world.villageB, "neighbours");
    await setCaseState(db, d11, { status: "registered", registeredAt: "2026-02-02T09:00:00+08:00" });

    officer = await t.signIn("a-officer");
    // The reporter's own case, registered through the API and dated the year before, outside the quarter.
    const reporter = await t.signIn("a-reporter");
    const res = await reporter.post("/api/disputes", sampleDispute(world.townshipA, { occurredAt: "2025-06-01T09:00:00+08:00", type: "consumer" }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await setCaseState(db, { id: res.body.id, registeredBy: world.reporter.id }, { status: "registered", registeredAt: "2025-06-01T10:00:00+08:00" });
  });
  after(() => t.close());

  const statsOf = async (client: TestClient, params = FIRST_QUARTER) => {
    const res = await client.get(`/api/disputes/stats?${params}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as DisputeStats;
  };

  it("counts the township's quarter: totals, the four rates and the measures behind them", async () => {
    const stats = await statsOf(officer);
    assert.equal(stats.orgId, world.townshipA.id, "the caller's own org by default");
    assert.deepEqual(stats.totals, { registered: 10, accepted: 8, refused: 1, ongoing: 1, agreed: 3, notAgreed: 1, withdrawn: 1, referred: 2, closed: 2 });
    assert.equal(stats.successRate, 0.75, "3 agreed (one of them closed after its follow-up) of 4 mediated to an end");
    assert.deepEqual(stats.measures, { concluded: 6, concludedOnTime: 5, followUpsDue: 3, followUpsVisited: 2, fullyPerformed: 1 });
    assert.equal(stats.onTimeRate, 5 / 6, "one agreement came five days late");
    assert.equal(stats.followUpRate, 2 / 3, "the visit due on 10 April is not yet due");
    assert.equal(stats.performanceRate, 0.5);
  });

  it("counts by type, status, level and org below", async () => {
    const stats = await statsOf(officer);
    assert.deepEqual(stats.byType, [
      { type: "neighbours", count: 4 },
      { type: "labour_wages", count: 3 },
      { type: "marriage_family", count: 2 },
      { type: "contracts", count: 1 },
    ]);
    assert.deepEqual(stats.byStatus, [
      { status: "registered", count: 1 },
      { status: "refused", count: 1 },
      { status: "in_mediation", count: 1 },
      { status: "agreed", count: 2 },
      { status: "not_agreed", count: 1 },
      { status: "withdrawn", count: 1 },
      { status: "referred", count: 1 },
      { status: "closed", count: 2 },
    ]);
    assert.deepEqual(stats.byLevel, [
      { level: "village", count: 9 },
      { level: "township", count: 1 },
    ]);
    assert.deepEqual(stats.byOrg[0], { orgId: world.townshipA.id, name: "甲镇", own: true, count: 1 });
    assert.deepEqual(
      stats.byOrg.slice(1).map((row) => [row.name, row.count, row.own]).sort(),
      [
        ["甲一村", 6, false],
        ["甲二村", 3, false],
      ],
    );
  });

  it("lays the cases out by month in China time, registered against concluded", async () => {
    const stats = await statsOf(officer);
    assert.deepEqual(stats.overTime, [
      { start: "2026-01-01", registered: 3, concluded: 0 },
      { start: "2026-02-01", registered: 4, concluded: 4 },
      { start: "2026-03-01", registered: 3, concluded: 2 },
    ]);
  });

  it("lays them out by week from Monday, quiet weeks as zero, a case's conclusion after the range included", async () => {
    const stats = await statsOf(officer, `bucket=week&from=${encodeURIComponent("2026-03-01T00:00:00+08:00")}&to=${encodeURIComponent("2026-03-15T23:59:59+08:00")}`);
    assert.equal(stats.totals.registered, 3);
    assert.deepEqual(stats.overTime, [
      { start: "2026-02-23", registered: 1, concluded: 0 },
      { start: "2026-03-02", registered: 2, concluded: 0 },
      { start: "2026-03-09", registered: 0, concluded: 0 },
      { start: "2026-03-16", registered: 0, concluded: 1 },
    ]);
  });

  it("narrows by org, type and level", async () => {
    const village = await statsOf(officer, `${FIRST_QUARTER}&orgId=${villageA2.id}`);
    assert.equal(village.totals.registered, 3);
    assert.deepEqual(village.byOrg, [{ orgId: villageA2.id, name: "甲二村", own: true, count: 3 }]);
    const wages = await statsOf(officer, `${FIRST_QUARTER}&type=labour_wages`);
    assert.deepEqual([wages.totals.registered, wages.totals.agreed, wages.totals.refused, wages.totals.closed], [3, 1, 1, 1]);
    const township = await statsOf(officer, `${FIRST_QUARTER}&level=township`);
    assert.deepEqual(township.byType, [{ type: "labour_wages", count: 1 }]);
    assert.equal(township.successRate, null, "nothing mediated to an end: no rate rather than zero");
  });

  it("a village mediator's figures cover the village; another township's officer sees none of A's and may not name it", async () => {
    const mediator = await t.signIn("v-mediator");
    const village = await statsOf(mediator);
    assert.equal(village.orgId, world.villageA.id);
    assert.deepEqual([village.totals.registered, village.totals.agreed, village.totals.notAgreed, village.successRate], [6, 2, 1, 2 / 3]);
    assert.deepEqual(village.byOrg, [{ orgId: world.villageA.id, name: "甲一村", own: true, count: 6 }]);
    assert.equal((await mediator.get(`/api/disputes/stats?orgId=${world.townshipA.id}`)).status, 404);

    const officerB = await t.signIn("b-officer");
    const b = await statsOf(officerB);
    assert.equal(b.totals.registered, 1, "township B's own case only");
    assert.equal(b.byType[0]?.type, "neighbours");
    assert.equal((await officerB.get(`/api/disputes/stats?orgId=${world.townshipA.id}`)).status, 404);
  });

  it("a reporter's figures are of what they registered", async () => {
    const reporter = await t.signIn("a-reporter");
    const stats = await statsOf(reporter, "");
    assert.deepEqual([stats.totals.registered, stats.byType], [1, [{ type: "consumer", count: 1 }]]);
    assert.deepEqual(stats.overTime, [{ start: "2025-06-01", registered: 1, concluded: 0 }]);
  });

  it("is not taken for a dispute id, and refuses a bad range or bucket with 400", async () => {
    const reversed = await officer.get(`/api/disputes/stats?from=${encodeURIComponent("2026-03-01T00:00:00+08:00")}&to=${encodeURIComponent("2026-02-01T00:00:00+08:00")}`);
    assert.equal(reversed.status, 400);
    assert.deepEqual(
      reversed.body.errors.map((e: { field: string }) => e.field),
      ["to"],
    );
    assert.equal((await officer.get(`/api/disputes/stats?from=${encodeURIComponent("2010-01-01T00:00:00Z")}&to=${encodeURIComponent("2026-01-01T00:00:00Z")}`)).status, 400);
    assert.equal((await officer.get("/api/disputes/stats?bucket=year")).status, 400);
    assert.equal((await officer.get("/api/disputes/not-a-uuid")).status, 400, "an id that is not a uuid is still refused");
  });

  it("buckets: China's date decides, weeks start on Monday, months roll over the year", () => {
    assert.equal(bucketOf(new Date("2026-01-31T20:00:00Z"), "month"), "2026-02-01");
    assert.equal(bucketOf(new Date("2026-03-01T15:59:00Z"), "week"), "2026-02-23");
    assert.equal(bucketOf(new Date("2026-03-01T16:00:00Z"), "week"), "2026-03-02");
    assert.deepEqual(bucketsBetween("2025-11-01", "2026-02-01", "month"), ["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"]);
  });
});
