// Live events over a real WebSocket: each client receives what its jurisdiction may read
// and its own notifications only; a reconnect with `since` catches up on exactly what it
// missed; on PostgreSQL an event published on one node reaches a client of another.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import WebSocket from "ws";
import { buildApp } from "../app.ts";
import { manualClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { type World, makeOrg, makeWorld } from "../testing/factories.ts";
import { makeResponsePlan, sampleReport } from "../testing/incident-factories.ts";
import { TEST_PASSWORD } from "../testing/factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../testing/test-app.ts";
import { createServerCopy } from "../testing/test-database.ts";
import { LiveConnection } from "../testing/live-connection.ts";
import type { FastifyInstance } from "fastify";

async function cookieOf(app: FastifyInstance, username: string) {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password: TEST_PASSWORD } });
  assert.equal(res.statusCode, 200, res.body);
  return `huajie_sid=${res.cookies.find((c) => c.name === "huajie_sid")!.value}`;
}

const listen = async (app: FastifyInstance) => {
  await app.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
};

describe("live events over WebSocket", () => {
  let t: TestApp;
  let world: World;
  let base: string;
  let officer: TestClient;
  let officerB: TestClient;
  const open: LiveConnection[] = [];
  before(async () => {
    t = await startTestApp({ idleTimeoutMinutes: 24 * 60 });
    world = await makeWorld(t.db.orm);
    // The township's plan: its duty officer (a-duty) is reached by role for any incident of its villages.
    await makeResponsePlan(t.db.orm, world.townshipA);
    await makeResponsePlan(t.db.orm, world.townshipB);
    base = await listen(t.app);
    [officer, officerB] = await Promise.all([t.signIn("a-officer"), t.signIn("b-officer")]);
  });
  after(async () => {
    await Promise.all(open.map((c) => c.close()));
    await t.close();
  });
  const connect = async (username: string, options: { since?: number; origin?: string } = {}) => {
    const connection = await LiveConnection.open(base, await cookieOf(t.app, username), options);
    open.push(connection);
    return connection;
  };
  const report = async (client: TestClient, village: { id: string }) => {
    const res = await client.post("/api/incidents", sampleReport(village as never));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };

  it("sends incident events to the jurisdiction, notifications to their recipient only, and nothing of another township", async () => {
    const [duty, officerA, dutyB] = [await connect("a-duty"), await connect("a-officer"), await connect("b-officer")];
    const villageA = await makeOrg(t.db.orm, { parent: world.townshipA, kind: "village" });
    const villageB = await makeOrg(t.db.orm, { parent: world.townshipB, kind: "village" });
    const incident = await report(officer, villageA);
    const other = await report(officerB, villageB);
    const opened = await officer.post(`/api/incidents/${incident.id}/level`, { version: incident.version, level: "IV" });
    assert.equal(opened.status, 200);

    await duty.until((events) => events.filter((e) => e.type === "notification.created").length === 2, "a-duty's notifications: the report, then the response");
    await officerA.until((events) => events.some((e) => e.type === "incident.opened"), "the opening");
    await dutyB.until((events) => events.some((e) => e.type === "incident.reported"), "township B's own report");

    assert.deepEqual(duty.events.map((e) => [e.type, e.incidentId]), [
      ["incident.reported", incident.id],
      ["notification.created", incident.id],
      ["notification.acknowledged", incident.id],
      ["notification.created", incident.id],
      ["incident.opened", incident.id],
    ], "the report rings the duty room; opening receives it and rings the response");
    const created = duty.events.filter((e) => e.type === "notification.created").map((e) => e.notificationId);
    const listed = (await (await t.signIn("a-duty")).get("/api/notifications")).body.items;
    assert.deepEqual(listed.map((n: { id: string }) => n.id).sort(), [...created].sort(), "the events name the caller's own notifications");
    assert.ok(!officerA.events.some((e) => e.type.startsWith("notification.")), "a-officer is not a recipient and sees no notification events");
    assert.deepEqual(dutyB.events.map((e) => e.incidentId), [other.id], "township B sees only its own incident");
    assert.ok(!duty.events.some((e) => e.incidentId === other.id));
    const seqs = duty.events.map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), "in order");
  });

  it("a reconnect with since= receives exactly the events missed, in order, then live ones; the browser's confirmation sets deliveredAt", async () => {
    const steady = await connect("a-officer");
    let dropping = await connect("a-officer");
    const village = await makeOrg(t.db.orm, { parent: world.townshipA, kind: "village" });
    const incident = await report(officer, village);
    await dropping.until((events) => events.some((e) => e.incidentId === incident.id), "the first report");
    const lastSeen = dropping.events.at(-1)!.seq;
    await dropping.close();

    // Missed while away: a later report, a note, and the opening of another incident.
    const updated = await officer.patch(`/api/incidents/${incident.id}`, { version: incident.version, injuries: 3 });
    assert.equal(updated.status, 200);
    await officer.post(`/api/incidents/${incident.id}/notes`, { text: "消防车已到达" });
    await steady.until((events) => events.filter((e) => e.incidentId === incident.id).length >= 3, "the missed events");
    const missed = steady.events.filter((e) => e.seq > lastSeen);

    dropping = await connect("a-officer", { since: lastSeen });
    await dropping.until((events) => events.length >= missed.length, "the catch-up");
    assert.deepEqual(dropping.events, missed, "exactly what it missed, in order");
    const more = await officer.post(`/api/incidents/${incident.id}/notes`, { text: "火势已控制" });
    assert.equal(more.status, 200);
    await dropping.until((events) => events.length === missed.length + 1, "the live event after the catch-up");
    assert.deepEqual(dropping.events.at(-1)!.type, "incident.updated");

    const duty = await connect("a-duty");
    const opened = await officer.post(`/api/incidents/${incident.id}/level`, { version: updated.body.version, level: "IV" });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    await duty.until((events) => events.some((e) => e.type === "notification.created"), "the notification");
    const id = duty.events.find((e) => e.type === "notification.created")!.notificationId!;
    const dutyClient = await t.signIn("a-duty");
    const listed = async () => (await dutyClient.get("/api/notifications")).body.items.find((n: { id: string }) => n.id === id);
    // The node records the push right after sending it, so the record may trail the message by a moment.
    let shown = await listed();
    for (let tries = 0; !shown.sentAt && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      shown = await listed();
    }
    assert.ok(shown.sentAt, "pushed to an open screen: sent");
    assert.equal(shown.channels[0].channel, "realtime");
    assert.equal(shown.deliveredAt, null);
    assert.equal((await dutyClient.post(`/api/notifications/${id}/delivered`)).status, 204);
    shown = await listed();
    assert.equal(shown.deliveredAt, t.clock.now().toISOString());
  });

  it("refuses a foreign Origin and a caller without a session; a since from before what is kept asks for a reload", async () => {
    await assert.rejects(connect("a-officer", { origin: "https://evil.example" }), /refused: 403/);
    await assert.rejects(LiveConnection.open(base, "huajie_sid=nothing"), /refused: 401/);
    const own = await connect("a-officer", { origin: base });
    assert.equal(own.socket.readyState, WebSocket.OPEN, "its own pages connect");
    const ahead = await connect("a-officer", { since: 1_000_000_000 });
    const code = await new Promise<number>((resolve) => ahead.socket.once("close", (c) => resolve(c)));
    assert.equal(code, 4000);
    const bad = await officer.get("/api/live?since=minus");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, "since");
  });

  it("the live board lists the subtree's open incidents by level with their deadlines and counts", async () => {
    const duty = await t.signIn("a-duty");
    const board = await duty.get(`/api/live-board?orgId=${world.townshipA.id}`);
    assert.equal(board.status, 200, JSON.stringify(board.body));
    assert.equal(board.body.org.id, world.townshipA.id);
    assert.ok(board.body.incidents.length >= 2);
    const levels = board.body.incidents.map((i: { level: string | null }) => i.level ?? "Z");
    assert.deepEqual(levels, [...levels].sort());
    const opened = board.body.incidents.find((i: { status: string }) => i.status === "open");
    assert.deepEqual(
      opened.deadlines.map((d: { kind: string; label: string }) => d.kind).sort(),
      ["acknowledgement", "acknowledgement", "on_site", "report", "task"],
    );
    assert.ok(opened.deadlines.some((d: { label: string }) => d.label.startsWith("第1步签收：值班员")));
    assert.ok(opened.unacknowledgedNotifications >= 1);
    assert.ok(board.body.unacknowledgedNotifications >= 1);
    assert.ok(!board.body.incidents.some((i: { orgName: string }) => i.orgName.startsWith("乙")), "nothing of township B");
    const foreign = await duty.get(`/api/live-board?orgId=${world.townshipB.id}`);
    assert.equal(foreign.status, 404);
  });
});

describe("live events across two nodes on PostgreSQL", { skip: !process.env.TEST_DATABASE_URL && "needs TEST_DATABASE_URL" }, () => {
  let copy: Awaited<ReturnType<typeof createServerCopy>>;
  const dbs: Database[] = [];
  const apps: FastifyInstance[] = [];
  before(async () => {
    copy = await createServerCopy(process.env.TEST_DATABASE_URL!);
    const clock = manualClock();
    const config = loadConfig({ NODE_ENV: "test" });
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase({ kind: "postgres", url: copy.url, poolSize: 4 });
      dbs.push(db);
      apps.push(await buildApp({ db, clock, config }, { logger: false }));
    }
  });
  after(async () => {
    for (const app of apps) await app.close();
    for (const db of dbs) await db.close();
    await copy.drop();
  });

  it("a client of node B receives, through LISTEN/NOTIFY, an incident reported on node A", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const world = await makeWorld(dbs[0]!.orm);
    const village = await makeOrg(dbs[0]!.orm, { parent: world.townshipA, kind: "village" });
    const baseB = await listen(b);
    const client = await LiveConnection.open(baseB, await cookieOf(b, "a-officer"));
    try {
      const cookie = await cookieOf(a, "a-officer");
      const session = await a.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
      const csrf = (JSON.parse(session.body) as { csrfToken: string }).csrfToken;
      const started = Date.now();
      const res = await a.inject({ method: "POST", url: "/api/incidents", headers: { cookie, "x-csrf-token": csrf }, payload: sampleReport(village) });
      assert.equal(res.statusCode, 201, res.body);
      const id = (JSON.parse(res.body) as { id: string }).id;
      await client.until((events) => events.some((e) => e.incidentId === id && e.type === "incident.reported"), "the event from node A");
      // The poll would take up to two seconds; NOTIFY is what makes it this quick.
      assert.ok(Date.now() - started < 1500, `arrived after ${Date.now() - started} ms`);
    } finally {
      await client.close();
    }
  });
});
