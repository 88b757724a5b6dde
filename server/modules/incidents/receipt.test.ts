// A new report rings the duty room before anyone has decided its level, and the duty room
// receives it (签收): the reporter in the field sees by whom and when.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeShift } from "../../testing/duty-factories.ts";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { makeResponsePlan, sampleReport } from "../../testing/incident-factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";

interface Item {
  id: string;
  kind: string;
  title: string;
  incidentId: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string } | null;
}

describe("incidents: a new report reaches the duty room, which receives it", () => {
  let t: TestApp;
  let world: World;
  let reporter: TestClient;
  let officer: TestClient;
  /** On the township's shift from 08:00 to 20:00: two duty officers and the leader on duty. */
  let onDuty: { id: string; client: TestClient }[];
  let countyDuty: TestClient;
  before(async () => {
    t = await startTestApp({ idleTimeoutMinutes: 24 * 60 });
    world = await makeWorld(t.db.orm);
    await makeResponsePlan(t.db.orm, world.townshipA);
    const duty2 = await makeAccount(t.db.orm, { org: world.townshipA, roles: ["duty"], username: "a-duty2" });
    await makeAccount(t.db.orm, { org: world.county, roles: ["duty"], username: "county-duty" });
    await makeShift(t.db.orm, world.townshipA, {
      startsAt: "2026-03-02T08:00:00+08:00",
      endsAt: "2026-03-02T20:00:00+08:00",
      officerIds: [world.duty.id, duty2.id],
      leaderId: world.leader.id,
    });
    const clients = await Promise.all(["v-reporter", "a-officer", "a-duty", "a-duty2", "a-leader", "county-duty"].map((name) => t.signIn(name)));
    [reporter, officer] = clients as [TestClient, TestClient];
    onDuty = [world.duty.id, duty2.id, world.leader.id].map((id, i) => ({ id, client: clients[i + 2]! }));
    countyDuty = clients[5]!;
  });
  after(() => t.close());

  const reported = async (client: TestClient, title: string) => {
    const res = await client.post("/api/incidents", sampleReport(world.villageA, { title }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; version: number; receivedAt: string | null; receivedBy: unknown };
  };
  const waiting = async (client: TestClient, incidentId: string) =>
    ((await client.get("/api/notifications?unacknowledged=true")).body.items as Item[]).filter((item) => item.incidentId === incidentId);
  const all = async (client: TestClient, incidentId: string) => ((await client.get("/api/notifications")).body.items as Item[]).filter((item) => item.incidentId === incidentId);
  const kinds = async (client: TestClient, id: string) => (await client.get(`/api/incidents/${id}/timeline`)).body.items.map((e: { detail: { kind: string } }) => e.detail.kind);

  it("rings whoever is on duty, never the filer; the first acknowledgement receives it for the room, and the filer sees by whom and when", async () => {
    const incident = await reported(reporter, "河口村仓库起火");
    assert.deepEqual([incident.receivedAt, incident.receivedBy], [null, null]);
    for (const person of onDuty) {
      const items = await waiting(person.client, incident.id);
      assert.deepEqual(items.map((item) => item.kind), ["incident_reported"], "each on the shift is rung once");
      assert.match(items[0]!.title, /^【新报告】甲一村河口村仓库起火$/);
    }
    assert.equal((await reporter.get("/api/notifications")).body.total, 0, "the filer is not rung by their own report");
    assert.equal((await waiting(countyDuty, incident.id)).length, 0, "the county hears of it when a report is sent up, not before");

    t.clock.advanceMinutes(2);
    const [first] = await waiting(onDuty[1]!.client, incident.id);
    const ack = await onDuty[1]!.client.post(`/api/notifications/${first!.id}/ack`);
    assert.equal(ack.status, 200, JSON.stringify(ack.body));
    for (const person of onDuty) {
      const [item] = await all(person.client, incident.id);
      assert.deepEqual([item!.acknowledgedAt, item!.acknowledgedBy?.id], [t.clock.now().toISOString(), onDuty[1]!.id], "answered for the whole duty room");
    }
    const seen = (await reporter.get(`/api/incidents/${incident.id}`)).body;
    assert.deepEqual([seen.receivedAt, seen.receivedBy], [t.clock.now().toISOString(), ack.body.acknowledgedBy]);
    assert.equal(seen.version, incident.version, "the reporter's next report is not made stale by the receipt");
    assert.deepEqual(await kinds(reporter, incident.id), ["reported", "notified", "acknowledged", "received"]);
    const listed = (await reporter.get("/api/incidents")).body.items.find((item: { id: string }) => item.id === incident.id);
    assert.equal(listed.receivedAt, t.clock.now().toISOString());

    t.clock.advanceMinutes(1);
    const opened = await officer.post(`/api/incidents/${incident.id}/level`, { version: incident.version, level: "IV" });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.equal(opened.body.receivedBy.id, onDuty[1]!.id, "opening does not receive it again");
    assert.equal((await kinds(officer, incident.id)).filter((kind: string) => kind === "received").length, 1);
  });

  it("two of the room receiving at the same moment record one receipt", async () => {
    const incident = await reported(reporter, "杨柳村电线起火");
    const [a] = await waiting(onDuty[0]!.client, incident.id);
    const [b] = await waiting(onDuty[2]!.client, incident.id);
    const results = await Promise.all([onDuty[0]!.client.post(`/api/notifications/${a!.id}/ack`), onDuty[2]!.client.post(`/api/notifications/${b!.id}/ack`)]);
    assert.deepEqual(results.map((r) => r.status), [200, 200]);
    assert.equal(new Set(results.map((r) => r.body.acknowledgedBy.id)).size, 1, "both answers name the one who was first");
    const entries: string[] = await kinds(reporter, incident.id);
    assert.deepEqual(entries, ["reported", "notified", "acknowledged", "received"]);
    const receiver = (await reporter.get(`/api/incidents/${incident.id}`)).body.receivedBy.id;
    assert.equal(receiver, results[0]!.body.acknowledgedBy.id);
  });

  it("with no shift under way, rings the duty officers from the org up to the plan's org; deciding the level receives it", async () => {
    t.clock.set("2026-03-02T21:00:00+08:00");
    const incident = await reported(reporter, "石桥村夜间山体滑坡");
    assert.deepEqual(await kinds(reporter, incident.id), ["reported", "notified"]);
    const [dutyItem] = await waiting(onDuty[0]!.client, incident.id);
    assert.equal(dutyItem?.kind, "incident_reported", "the township's duty officer, off shift, is still reached");
    assert.equal((await waiting(onDuty[2]!.client, incident.id)).length, 0, "the leader is reached by the shift, not by role");
    assert.equal((await waiting(countyDuty, incident.id)).length, 0, "never above the plan's org");

    const opened = await officer.post(`/api/incidents/${incident.id}/level`, { version: incident.version, level: "IV" });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.equal(opened.body.receivedBy.id, world.officer.id);
    const answered = (await all(onDuty[0]!.client, incident.id)).filter((item) => item.kind === "incident_reported");
    assert.deepEqual(answered.map((item) => item.acknowledgedBy?.id), [world.officer.id], "the room's screens stop ringing");
  });
});
