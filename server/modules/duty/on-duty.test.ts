import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeShift } from "../../testing/duty-factories.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";
import { resolveOnDuty } from "./on-duty.ts";

describe("who is on duty", () => {
  let t: TestApp;
  let world: World;
  let reporter: TestClient;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    reporter = await t.signIn("v-reporter");
    // Township A: a 24-hour shift from 08:30 on 2 March, with the leader on duty.
    await makeShift(t.db.orm, world.townshipA, {
      startsAt: "2026-03-02T08:30:00+08:00",
      endsAt: "2026-03-03T08:30:00+08:00",
      officerIds: [world.duty.id],
      leaderId: world.leader.id,
      phone: "0571-86100110",
    });
  });
  after(() => t.close());

  it("answers with the village's own shift when it has one under way", async () => {
    const villageDuty = await makeAccount(t.db.orm, { org: world.villageA, roles: ["duty"], displayName: "村值班员", phone: "13905710099" });
    const shift = await makeShift(t.db.orm, world.villageA, { startsAt: "2026-03-02T08:00:00+08:00", endsAt: "2026-03-02T18:00:00+08:00", officerIds: [villageDuty.id], phone: "13905710099" });
    const res = await reporter.get(`/api/orgs/${world.villageA.id}/on-duty?at=${encodeURIComponent("2026-03-02T12:00:00+08:00")}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.resolvedFrom, { id: world.villageA.id, name: "甲一村" });
    assert.equal(res.body.inherited, false);
    assert.deepEqual(res.body.shifts.map((s: { id: string }) => s.id), [shift.id]);
    assert.deepEqual(res.body.shifts[0].officers, [{ id: villageDuty.id, displayName: "村值班员", phone: "13905710099" }]);
    assert.equal(res.body.shifts[0].leader, null);
  });

  it("for a village with nobody on duty, answers with the township's officer and leader, marked inherited", async () => {
    const res = await reporter.get(`/api/orgs/${world.villageA.id}/on-duty?at=${encodeURIComponent("2026-03-02T20:00:00+08:00")}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.resolvedFrom, { id: world.townshipA.id, name: "甲镇" });
    assert.equal(res.body.inherited, true);
    assert.equal(res.body.at, "2026-03-02T12:00:00.000Z");
    const [shift] = res.body.shifts;
    assert.deepEqual(shift.officers, [{ id: world.duty.id, displayName: world.duty.displayName, phone: world.duty.phone }]);
    assert.deepEqual(shift.leader, { id: world.leader.id, displayName: world.leader.displayName, phone: world.leader.phone });
    assert.equal(shift.phone, "0571-86100110");
  });

  it("reads the app clock when no time is given: before 08:00 nobody is on duty anywhere up the tree, a clear empty answer", async () => {
    t.clock.set("2026-03-02T07:59:00+08:00");
    const hamlet = await makeOrg(t.db.orm, { parent: world.villageA, kind: "unit", name: "甲一村卫生室" });
    const res = await reporter.get(`/api/orgs/${hamlet.id}/on-duty`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { orgId: hamlet.id, at: "2026-03-01T23:59:00.000Z", resolvedFrom: null, inherited: false, shifts: [] });
    t.clock.set("2026-03-02T08:30:00+08:00");
    const atStart = await reporter.get(`/api/orgs/${hamlet.id}/on-duty`);
    assert.equal(atStart.body.resolvedFrom.id, world.villageA.id, "the village shift from 08:00 is nearer than the township's");
  });

  it("is the same rule the incident module calls, without a session", async () => {
    const answer = await resolveOnDuty(t.db.orm, world.villageA, new Date("2026-03-03T08:00:00+08:00"));
    assert.equal(answer.resolvedFrom?.id, world.townshipA.id);
    assert.equal(answer.inherited, true);
    const later = await resolveOnDuty(t.db.orm, world.townshipA, new Date("2026-03-03T08:30:00+08:00"));
    assert.deepEqual(later.shifts, [], "a shift ends at its end time");
  });

  it("answers only for orgs of the caller's jurisdiction (404 otherwise), even though the answer may come from above", async () => {
    assert.equal((await reporter.get(`/api/orgs/${world.townshipA.id}/on-duty`)).status, 404, "a village reporter does not ask about the township");
    assert.equal((await (await t.signIn("b-officer")).get(`/api/orgs/${world.villageA.id}/on-duty`)).status, 404);
    const bad = await reporter.get(`/api/orgs/${world.villageA.id}/on-duty?at=yesterday`);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field), ["at"]);
  });
});
