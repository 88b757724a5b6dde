import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type TestApp, type TestClient, startTestApp } from "../testing/test-app.ts";
import { DEMO_PASSWORD, loadDemoTownship } from "./township.ts";

interface Listed {
  id: string;
  startsAt: string;
  endsAt: string;
  officers: { displayName: string }[];
  leader: { displayName: string } | null;
}

describe("the demonstration township's duty", () => {
  let t: TestApp;
  let leader: TestClient;
  const orgId: Record<string, string> = {};
  before(async () => {
    t = await startTestApp();
    // Loaded on a Wednesday afternoon: the roster runs 14 days back and 16 ahead of it.
    t.clock.set("2026-03-11T14:00:00+08:00");
    await loadDemoTownship(t.db.orm, t.clock);
    leader = await t.signIn("leader", DEMO_PASSWORD);
    for (const org of (await leader.get("/api/orgs?limit=200")).body.items as { id: string; name: string }[]) orgId[org.name] = org.id;
  });
  after(() => t.close());

  const roster = (org: string, from = "2026-02-25", to = "2026-03-27") => leader.get(`/api/shifts?orgId=${orgId[org]}&from=${from}&to=${to}`);

  it("rosters the township a month of 24-hour shifts from 08:30, each with a leader on duty, with no gap or overlap between them", async () => {
    const res = await roster("青山镇");
    assert.equal(res.status, 200);
    const items = res.body.items as Listed[];
    assert.equal(items.length, 31);
    assert.equal(items[0]!.startsAt, "2026-02-25T00:30:00.000Z");
    assert.equal(items.at(-1)!.startsAt, "2026-03-27T00:30:00.000Z");
    assert.ok(items.every((s) => new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime() === 24 * 3600_000 && s.leader), "24 hours, led");
    assert.deepEqual(new Set(items.map((s) => s.leader!.displayName)), new Set(["张卫东", "黄秀英"]));
    assert.deepEqual(new Set(items.map((s) => s.officers[0]!.displayName)), new Set(["马超", "许婷", "李明", "何静"]));
    assert.deepEqual(res.body.warnings, [{ kind: "gap", from: "2026-02-24T16:00:00.000Z", to: "2026-02-25T00:30:00.000Z" }], "only the first night before 08:30");
  });

  it("rosters the school on school days and the construction project every day, both in daytime", async () => {
    const school = (await roster("青山镇中心小学", "2026-03-09", "2026-03-15")).body.items as Listed[];
    assert.equal(school.length, 5, "Monday to Friday");
    assert.deepEqual([school[0]!.startsAt, school[0]!.endsAt], ["2026-03-08T23:30:00.000Z", "2026-03-09T09:30:00.000Z"], "07:30 to 17:30");
    const project = (await roster("青山镇安置房建设项目", "2026-03-09", "2026-03-15")).body.items as Listed[];
    assert.equal(project.length, 7);
    assert.ok(project.every((s) => s.leader?.displayName === "潘国栋"));
  });

  it("answers who is on duty: the school in the daytime, the township's duty room for it at night", async () => {
    const day = (await leader.get(`/api/orgs/${orgId["青山镇中心小学"]}/on-duty`)).body;
    assert.equal(day.resolvedFrom.name, "青山镇中心小学");
    const night = (await leader.get(`/api/orgs/${orgId["青山镇中心小学"]}/on-duty?at=${encodeURIComponent("2026-03-11T22:00:00+08:00")}`)).body;
    assert.deepEqual([night.resolvedFrom.name, night.inherited], ["青山镇", true]);
    assert.equal(night.shifts[0].phone, "0571-86100110");
    assert.ok(night.shifts[0].leader.displayName);
  });

  it("has a protection period in force over the township and its villages, with a leader required and reports due by 10:00", async () => {
    const periods = (await leader.get("/api/protection-periods?activeOn=2026-03-11")).body.items;
    assert.equal(periods.length, 1);
    const [period] = periods;
    assert.deepEqual([period.name, period.startDate, period.endDate, period.leaderRequired, period.reportDueTime], ["全县重大活动安全保障特护期", "2026-03-08", "2026-03-15", true, "10:00"]);
    assert.equal(period.coveredOrgs.length, 9, "the township and its 8 villages and communities");
    const yesterday = (await leader.get(`/api/protection-periods/${period.id}/report-status?date=2026-03-10`)).body;
    assert.deepEqual(yesterday.counts, { reported_on_time: 8, reported_late: 0, missing: 1, pending: 0 });
    assert.equal(yesterday.items.find((item: { status: string }) => item.status === "missing").orgName, "东岗村");
    const before = (await leader.get(`/api/protection-periods/${period.id}/report-status?date=2026-03-09`)).body;
    assert.equal(before.counts.reported_late, 1);
    const hekou = before.items.find((item: { orgName: string }) => item.orgName === "河口村").report;
    assert.equal(hekou.nothingToReport, false);
    assert.equal(hekou.links[0].kind, "hazard");
    const cadre = await t.signIn("cadre-hekou", DEMO_PASSWORD);
    const own = (await cadre.get(`/api/protection-periods/${period.id}/report-status?date=2026-03-11`)).body;
    assert.deepEqual(own.items.map((item: { orgName: string; status: string }) => `${item.orgName}:${item.status}`), ["河口村:reported_on_time"], "a village cadre sees the village's own line");
  });

  it("keeps the logbooks and acknowledged hand-overs of the last shifts", async () => {
    const handovers = (await leader.get(`/api/handovers?orgId=${orgId["青山镇"]}`)).body;
    assert.equal(handovers.total, 3);
    assert.ok(handovers.items.every((h: { acknowledgedBy: unknown }) => h.acknowledgedBy), "each acknowledged by the next shift");
    const shiftId = handovers.items[0].shiftId;
    const log = (await leader.get(`/api/shifts/${shiftId}/log`)).body.items;
    assert.ok(log.length >= 2);
    assert.ok(log.every((entry: { at: string }) => entry.at < "2026-03-11T06:00:00.000Z"));
  });
});
