// Whom the mediator pickers offer, through the API: exactly the accounts acceptance would take
// as mediators from this caller, so a village mediator can pick its colleagues and not only itself.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sampleDispute } from "../../testing/dispute-factories.ts";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";

describe("disputes: mediator candidates", () => {
  let t: TestApp;
  let world: World;
  let villageMediator: { id: string };
  let villageMediator2: { id: string };
  let villageLeader: { id: string };
  let disputeId: string;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    villageMediator = await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], username: "v-mediator" });
    villageMediator2 = await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"] });
    villageLeader = await makeAccount(t.db.orm, { org: world.villageA, roles: ["leader"] });
    // Neither a former mediator nor another village's mediator is offered.
    await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], active: false });
    await makeAccount(t.db.orm, { org: world.villageB, roles: ["mediator"] });
    const officer = await t.signIn("a-officer");
    const res = await officer.post("/api/disputes", sampleDispute(world.villageA, { occurredAt: new Date(t.clock.now().getTime() - 60 * 60_000).toISOString() }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    disputeId = res.body.id;
  });
  after(() => t.close());

  const candidates = async (client: TestClient) => {
    const res = await client.get(`/api/disputes/${disputeId}/mediator-candidates`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items as { id: string; displayName: string; orgName: string }[];
  };
  const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

  it("offers the township office the staff of the village and of the township, active and mediating, with their org", async () => {
    const items = await candidates(await t.signIn("a-officer"));
    assert.deepEqual(ids(items), [villageMediator.id, villageMediator2.id, villageLeader.id, world.leader.id, world.officer.id, world.mediator.id].sort());
    assert.equal(items.find((item) => item.id === world.mediator.id)?.orgName, "甲镇");
    assert.equal(items.find((item) => item.id === villageMediator.id)?.orgName, "甲一村");
  });

  it("offers a village mediator itself and its village's colleagues, never the township above its jurisdiction", async () => {
    const items = await candidates(await t.signIn("v-mediator"));
    assert.deepEqual(ids(items), [villageMediator.id, villageMediator2.id, villageLeader.id].sort());
  });

  it("answers 404 to another township's officer and 403 to an auditor who reads but does not decide", async () => {
    assert.equal((await (await t.signIn("b-officer")).get(`/api/disputes/${disputeId}/mediator-candidates`)).status, 404);
    assert.equal((await (await t.signIn("a-auditor")).get(`/api/disputes/${disputeId}/mediator-candidates`)).status, 403);
  });
});
