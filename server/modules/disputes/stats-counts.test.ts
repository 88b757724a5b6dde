// The counts kept per org and period (dispute_counts) against a count of every case, after each
// step of a varied series of cases worked through the API: registered across several days and
// around China's midnight, accepted, refused, mediated, agreed, not agreed, withdrawn, reopened
// by a follow-up visit, closed, referred, returned, handled, moved up to the township and
// retyped. The statistics read from the summary must then give exactly the figures counted
// case by case, for ranges that cut days, weeks and months in the middle, by month and by
// week, and narrowed by type.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import type { DisputeStatsQuery } from "@shared/disputes/stats-schemas.ts";
import { queryRows } from "../../db/client.ts";
import { sampleDispute } from "../../testing/dispute-factories.ts";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { actorOfAccount } from "../../testing/incident-factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";
import type { OrgRow } from "../orgs/queries.ts";
import { countShares, sharesOf } from "./stats-queries.ts";

interface Seen {
  id: string;
  version: number;
  status: string;
}

const COUNT_COLUMNS = [
  "cases", "status_registered", "status_accepted", "status_refused", "status_in_mediation", "status_agreed", "status_not_agreed",
  "status_withdrawn", "status_referred", "status_closed", "ever_accepted", "closed_with_agreement", "ever_referred", "concluded", "concluded_on_time",
];
const KEY = "period, org_id, registered_on::text, type, level, concluded_on::text";
const sums = COUNT_COLUMNS.map((column) => `sum(${column})::int AS ${column}`).join(", ");
const inPeriod = (column: string) => `date_trunc(p.period, ${column}::timestamp)::date::text`;

describe("disputes: the statistics' counts kept per period equal a count of every case", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;

  before(async () => {
    t = await startTestApp();
    // 22:30 in China: the cases registered over the next hours fall on two days.
    t.clock.set(new Date("2026-03-02T22:30:00+08:00"));
    world = await makeWorld(t.db.orm);
    await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], username: "v-mediator" });
  });
  after(() => t.close());

  const ok = (res: TestResponse, status = 200) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    return res.body as Seen & Record<string, unknown>;
  };
  // Signed in afresh after the clock moves, past any session's idle time.
  const later = async (minutes: number) => {
    t.clock.advanceMinutes(minutes);
    officer = await t.signIn("a-officer");
  };
  const register = async (org: OrgRow, type: string, client = officer) =>
    ok(await client.post("/api/disputes", sampleDispute(org, { type, occurredAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString() })), 201);
  const accept = async (d: Seen) => ok(await officer.post(`/api/disputes/${d.id}/accept`, { version: d.version, reason: "双方同意调解", mediators: [{ accountId: world.mediator.id, lead: true }] }));
  const session = async (d: Seen) =>
    ok(
      await officer.post(`/api/disputes/${d.id}/sessions`, {
        version: d.version, heldAt: t.clock.now().toISOString(), place: "调解室", attendees: "双方当事人", applicantStatement: "要求赔偿。",
        respondentStatement: "不同意。", proposals: "协商。", result: "继续调解",
      }),
    );
  const agreement = { form: "written", facts: "双方因围墙发生争执。", terms: ["被申请人拆除越界围墙。"], performanceManner: "自行拆除", performanceDueOn: "2026-12-10" };
  const conclude = async (d: Seen, body: Record<string, unknown>) => ok(await officer.post(`/api/disputes/${d.id}/outcome`, { version: d.version, ...body }));
  const visit = async (d: Seen, performance: string) =>
    ok(await officer.post(`/api/disputes/${d.id}/follow-ups`, { version: d.version, visitedAt: t.clock.now().toISOString(), performance, notes: "回访。" }));
  const refer = async (d: Seen) => ok(await officer.post(`/api/disputes/${d.id}/referral`, { version: d.version, receiverKind: "court", receiverName: "县人民法院", reason: "申请人已起诉" }));
  const referralResult = async (d: Seen, result: string) => ok(await officer.post(`/api/disputes/${d.id}/referral/result`, { version: d.version, result, note: "结果" }));

  /** The table as kept, without the keys whose counts fell back to zero, against a fresh count of every case in each day, week and month. */
  async function assertCountsKept(step: string) {
    const kept = await queryRows(t.db.orm, sql.raw(`SELECT ${KEY}, ${COUNT_COLUMNS.join(", ")} FROM dispute_counts WHERE ${COUNT_COLUMNS.map((c) => `${c} <> 0`).join(" OR ")} ORDER BY 1, 2, 3, 4, 5, 6`));
    const counted = await queryRows(
      t.db.orm,
      sql.raw(`SELECT p.period, org_id, ${inPeriod("registered_on")} AS registered_on, type, level, ${inPeriod("concluded_on")} AS concluded_on, ${sums} FROM (SELECT s.* FROM disputes d, LATERAL dispute_count_row(d.org_id, d.registered_at, d.type, d.level, d.concluded_at, d.status, d.accepted_at, d.mediation_due_at,
        EXISTS (SELECT 1 FROM dispute_agreements a WHERE a.dispute_id = d.id), EXISTS (SELECT 1 FROM dispute_referrals r WHERE r.dispute_id = d.id), 1) s) shares,
        (VALUES ('day'), ('week'), ('month')) p (period)
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`),
    );
    assert.deepEqual(kept, counted, step);
  }

  /** The statistics' figures from the summary and counted case by case, for the county and township A. */
  async function assertSameFigures(step: string) {
    const ranges: Omit<DisputeStatsQuery, "bucket">[] = [
      {},
      { from: "2026-03-02T23:00:00+08:00", to: "2026-03-04T01:15:00+08:00" },
      { from: "2026-03-03T00:00:00+08:00" },
      { to: "2026-03-03T00:00:00+08:00" },
      { from: "2026-03-03T05:00:00+08:00", to: "2026-03-03T05:00:00+08:00" },
      { from: "2026-02-25T12:00:00+08:00", to: "2026-04-10T00:00:00+08:00" },
      { from: "2026-03-02T00:00:00+08:00", to: "2026-03-31T00:00:00+08:00", type: "neighbours" },
    ];
    for (const [account, org] of [[world.countyAdmin, world.county], [world.officer, world.townshipA]] as const) {
      const actor = actorOfAccount(account, org);
      for (const range of ranges) {
        for (const bucket of ["month", "week"] as const) {
          const input = { ...range, bucket };
          const sorted = async (useSummary: boolean) =>
            (await countShares(t.db.orm, sharesOf(actor, org, input, bucket, useSummary), org, bucket)).sort((a, b) => `${a.set}:${a.key}`.localeCompare(`${b.set}:${b.key}`));
          assert.deepEqual(await sorted(true), await sorted(false), `${step}: ${org.name} ${JSON.stringify(input)}`);
        }
      }
    }
  }


  it("stays exact through every kind of change of a case", async () => {
    officer = await t.signIn("a-officer");
    await assertCountsKept("empty");

    const a = await register(world.villageA, "neighbours");
    await later(60);
    const b = await register(world.villageA, "labour_wages");
    await later(120);
    const c = await register(world.townshipA, "neighbours");
    const countyAdmin = await t.signIn("county-admin");
    const d = await register(world.villageB, "contracts", countyAdmin);
    await later(300);
    const e = await register(world.villageA, "marriage_family");
    const f = await register(world.villageA, "neighbours");
    await assertCountsKept("registered on two days");

    const aMediating = await session(await accept(a));
    const bAccepted = await accept(b);
    const cAccepted = await accept(c);
    ok(await officer.post(`/api/disputes/${e.id}/refuse`, { version: e.version, reason: "已由法院受理", redirectTo: "court", redirectDetail: "县人民法院" }));
    await assertCountsKept("accepted, in mediation, refused");

    await later(1200);
    const aAgreed = await conclude(aMediating, { outcome: "agreed", agreement, followUpDays: 10 });
    await conclude(bAccepted, { outcome: "not_agreed", note: "双方未达成协议" });
    await assertCountsKept("agreed and not agreed");

    await later(10 * 24 * 60);
    const aReopened = await visit(aAgreed, "not");
    await assertCountsKept("reopened by a follow-up visit");
    const aAgain = await conclude(aReopened, { outcome: "agreed", agreement, followUpDays: 5 });
    await later(5 * 24 * 60);
    const aClosed = await visit(aAgain, "fully");
    assert.equal(aClosed.status, "closed");
    await assertCountsKept("agreed again and closed with its agreement");

    const cReferred = await refer(cAccepted);
    await assertCountsKept("referred");
    const cReturned = await referralResult(cReferred, "returned");
    await conclude(cReturned, { outcome: "withdrawn", note: "申请人撤回申请" });
    await assertCountsKept("returned and withdrawn");

    const fAccepted = await accept(f);
    const fHandled = await referralResult(await refer(fAccepted), "handled");
    assert.equal(fHandled.status, "closed");
    await assertCountsKept("closed by a handled referral, without an agreement");
    await assertSameFigures("cases in every state");

    const villageClient = await t.signIn("v-mediator");
    const g = ok(await villageClient.post("/api/disputes", sampleDispute(world.villageA, { type: "neighbours", occurredAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString() })), 201);
    const moved = ok(await villageClient.post(`/api/disputes/${g.id}/move-up`, { version: g.version, toOrgId: world.townshipA.id, reason: "涉及多户" }));
    assert.equal(moved.status, "registered");
    await assertCountsKept("moved up to the township");

    ok(await (await t.signIn("county-admin")).patch(`/api/disputes/${d.id}`, { version: d.version, type: "consumer" }));
    await assertCountsKept("retyped");
    await assertSameFigures("moved and retyped");
  });
});
