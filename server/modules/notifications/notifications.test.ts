// Reaching people when an incident opens and escalating when nobody acknowledges, at every
// level, with the manual clock and the real scheduler; acknowledgement and delivery records.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SEVERITY_LEVELS, type SeverityLevel } from "@shared/plans/schemas.ts";
import { deadlineHandlers } from "../../deadlines/handlers.ts";
import { runDue } from "../../deadlines/scheduler.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { makeShift } from "../../testing/duty-factories.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { FIGURES_AT_LEVEL, RESPONSE_MINUTES, responsePlanContent, sampleReport } from "../../testing/incident-factories.ts";
import { makeGroup, makePlan } from "../../testing/plan-factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";

interface Item {
  id: string;
  kind: string;
  incidentId: string | null;
  level: string | null;
  title: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; displayName: string } | null;
  deliveredAt: string | null;
  actions: string[];
}

describe("notifications: reaching the plan's people and escalating", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  before(async () => {
    t = await startTestApp({ idleTimeoutMinutes: 24 * 60 });
    world = await makeWorld(t.db.orm);
    officer = await t.signIn("a-officer");
  });
  after(() => t.close());

  const fire = () => runDue(t.db, deadlineHandlers, t.clock.now());
  let serial = 0;

  /**
   * A village with its own plan and people: a duty officer and a leader (reached by role), an
   * officer on the shift under way (reached because on duty), and the leader of the working
   * group the plan's task goes to. Everyone signed in.
   */
  const village = async () => {
    const org = await makeOrg(t.db.orm, { parent: world.townshipA, kind: "village" });
    const n = ++serial;
    const person = async (role: "duty" | "leader" | "officer", name: string) => {
      const account = await makeAccount(t.db.orm, { org, roles: [role], username: `${name}${n}` });
      return { account, client: await t.signIn(account.username) };
    };
    const duty = await person("duty", "vduty");
    const leader = await person("leader", "vleader");
    const onShift = await person("officer", "vshift");
    const groupLeader = await person("officer", "vgroup");
    const group = await makeGroup(t.db.orm, org, { name: "应急处置组", members: [{ accountId: groupLeader.account.id, position: "leader" }] });
    await makePlan(t.db.orm, org, { content: responsePlanContent(group.id) });
    const now = t.clock.now().getTime();
    await makeShift(t.db.orm, org, { startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 12 * 3_600_000).toISOString(), officerIds: [onShift.account.id] });
    return { org, duty, leader, onShift, groupLeader };
  };

  const open = async (level: SeverityLevel, org: { id: string }) => {
    const reported = await officer.post("/api/incidents", sampleReport(org as never, FIGURES_AT_LEVEL[level]));
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    const opened = await officer.post(`/api/incidents/${reported.body.id}/level`, { version: reported.body.version, level });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    return opened.body;
  };
  /** The caller's notifications of the response (the new report's own are received by the opening). */
  const mine = async (client: TestClient, query = "") => {
    const res = await client.get(`/api/notifications${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const items = (res.body as { items: Item[] }).items.filter((item) => item.kind !== "incident_reported");
    return { items, total: items.length };
  };
  const timeline = async (id: string) => (await officer.get(`/api/incidents/${id}/timeline`)).body.items as { actor: { id: string } | null; detail: Record<string, unknown> & { kind: string } }[];
  const deadlines = async (id: string) => (await officer.get(`/api/incidents/${id}`)).body.deadlines as { id: string; kind: string; step: number | null; state: string }[];

  for (const level of SEVERITY_LEVELS) {
    it(`level ${level}: opening reaches the people on duty and step 1; unanswered, step 2 is reached at its minute; its acknowledgement meets it; an overdue task reaches its group's leader`, async () => {
      const v = await village();
      const openedAt = t.clock.now();
      const incident = await open(level, v.org);
      const m = RESPONSE_MINUTES[level];
      const at = (minutes: number) => new Date(openedAt.getTime() + minutes * 60_000);

      for (const person of [v.onShift, v.duty]) {
        const { items } = await mine(person.client, "?unacknowledged=true");
        assert.deepEqual(
          items.map((i) => [i.kind, i.incidentId, i.level, i.actions]),
          [["incident_response", incident.id, level, ["acknowledge"]]],
          `${person.account.username} is reached once`,
        );
        assert.match(items[0]!.title, new RegExp(`${incident.title}`));
      }
      assert.equal((await mine(v.leader.client)).total, 0, "step 2's leader is not reached yet");
      const notified = (await timeline(incident.id)).find((e) => e.detail.kind === "notified" && e.detail.notificationKind === "incident_response")!;
      assert.deepEqual(
        (notified.detail.recipients as { id: string }[]).map((r) => r.id).sort(),
        [v.onShift.account.id, v.duty.account.id].sort(),
      );

      t.clock.set(at(m.ack[0] - 1));
      await fire();
      assert.equal((await mine(v.leader.client)).total, 0, "a minute early, nothing escalates");
      t.clock.set(at(m.ack[0]));
      await fire();
      assert.deepEqual(await fire(), { fired: 0, failed: 0 });
      const escalated = (await mine(v.leader.client)).items;
      assert.deepEqual(escalated.map((i) => [i.kind, i.incidentId]), [["escalation", incident.id]]);
      const entries = await timeline(incident.id);
      const escalation = entries.find((e) => e.detail.kind === "escalated")!;
      assert.equal(escalation.actor, null, "the system escalated");
      assert.deepEqual([escalation.detail.step, (escalation.detail.recipients as { id: string }[]).map((r) => r.id)], [2, [v.leader.account.id]]);

      t.clock.advanceMinutes(1);
      const ack = await v.leader.client.post(`/api/notifications/${escalated[0]!.id}/ack`);
      assert.equal(ack.status, 200, JSON.stringify(ack.body));
      assert.deepEqual([ack.body.acknowledgedAt, ack.body.acknowledgedBy.id, ack.body.actions], [t.clock.now().toISOString(), v.leader.account.id, []]);
      const steps = (await deadlines(incident.id)).filter((d) => d.kind === "acknowledgement");
      assert.deepEqual(steps.map((d) => [d.step, d.state]), [[1, "overdue"], [2, "met"]], "step 1 stays overdue; step 2 was met in time");
      const last = (await timeline(incident.id)).slice(-2).map((e) => e.detail.kind);
      assert.deepEqual(last, ["acknowledged", "deadline_met"]);
      assert.equal((await mine(v.duty.client, "?unacknowledged=true")).total, 1, "step 1's own notifications stay unanswered");

      t.clock.set(at(m.task));
      await fire();
      const overdueTask = (await mine(v.groupLeader.client)).items;
      assert.deepEqual(overdueTask.map((i) => [i.kind, i.incidentId]), [["task_overdue", incident.id]]);
      assert.equal((await mine(v.leader.client)).total, 1, "step 2 is not reached twice");
    });
  }

  it("an acknowledgement in time stops the escalation, answers for the whole step, and records who gave it", async () => {
    const v = await village();
    const openedAt = t.clock.now();
    const incident = await open("III", v.org);
    const [dutyItem] = (await mine(v.duty.client)).items;
    t.clock.advanceMinutes(3);
    const ack = await v.duty.client.post(`/api/notifications/${dutyItem!.id}/ack`);
    assert.equal(ack.status, 200);
    const [shiftItem] = (await mine(v.onShift.client)).items;
    assert.deepEqual([shiftItem!.acknowledgedBy?.id, shiftItem!.actions], [v.duty.account.id, []], "the step is answered for everyone on it");
    const steps = (await deadlines(incident.id)).filter((d) => d.kind === "acknowledgement");
    assert.deepEqual(steps.map((d) => d.state), ["met", "cancelled"]);

    t.clock.set(new Date(openedAt.getTime() + 24 * 3_600_000));
    await fire();
    assert.equal((await mine(v.leader.client)).total, 0, "nobody was escalated to");
    assert.equal((await timeline(incident.id)).filter((e) => e.detail.kind === "escalated").length, 0);
  });

  it("acknowledgements racing, of one notification or of two people of the step, record exactly one", async () => {
    const v = await village();
    const incident = await open("II", v.org);
    const [dutyItem] = (await mine(v.duty.client)).items;
    const [shiftItem] = (await mine(v.onShift.client)).items;
    const results = await Promise.all([
      v.duty.client.post(`/api/notifications/${dutyItem!.id}/ack`),
      v.duty.client.post(`/api/notifications/${dutyItem!.id}/ack`),
      v.onShift.client.post(`/api/notifications/${shiftItem!.id}/ack`),
    ]);
    assert.deepEqual(results.map((r) => r.status), [200, 200, 200]);
    const by = new Set(results.map((r) => r.body.acknowledgedBy.id));
    assert.equal(by.size, 1, "every answer names the same first acknowledger");
    const entries = (await timeline(incident.id)).filter((e) => e.detail.kind === "acknowledged" || e.detail.kind === "deadline_met");
    assert.deepEqual(entries.map((e) => e.detail.kind), ["acknowledged", "deadline_met"]);
  });

  it("someone else's notification does not exist for the caller; the delivered confirmation is recorded once", async () => {
    const v = await village();
    await open("IV", v.org);
    const [item] = (await mine(v.duty.client)).items;
    const before = await databaseChecksum(t.db.orm);
    for (const path of ["ack", "delivered"]) {
      const res = await v.leader.client.post(`/api/notifications/${item!.id}/${path}`);
      assert.equal(res.status, 404, path);
      assert.equal(res.body.code, "notFound");
    }
    assert.equal(await databaseChecksum(t.db.orm), before);

    const first = t.clock.now().toISOString();
    assert.equal((await v.duty.client.post(`/api/notifications/${item!.id}/delivered`)).status, 204);
    t.clock.advanceMinutes(1);
    assert.equal((await v.duty.client.post(`/api/notifications/${item!.id}/delivered`)).status, 204);
    const [shown] = (await mine(v.duty.client)).items;
    assert.equal(shown!.deliveredAt, first);
    assert.equal((await mine(v.duty.client, "?unacknowledged=false")).total, 1);
    assert.equal((await mine(v.duty.client, "?unacknowledged=true&limit=1&offset=1")).items.length, 0);
  });

  it("bad input is refused naming the field, in the caller's language, and changes nothing", async () => {
    const admin = await t.signIn("a-admin");
    const before = await databaseChecksum(t.db.orm);
    const cases: [string, string, unknown, string][] = [
      ["POST", "/api/notifications/not-a-uuid/ack", {}, "id"],
      ["GET", "/api/notifications?unacknowledged=maybe", undefined, "unacknowledged"],
      ["PUT", `/api/orgs/${world.townshipA.id}/webhook`, { url: "ftp://example.cn/x", secret: "0123456789abcdef" }, "url"],
      ["PUT", `/api/orgs/${world.townshipA.id}/webhook`, { url: "https://example.cn/x", secret: "short" }, "secret"],
      ["PUT", `/api/orgs/${world.townshipA.id}/webhook`, { url: "https://example.cn/x" }, "secret"],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await admin.request(method, url, body, { "accept-language": "en" });
      assert.equal(res.status, 400, `${method} ${url}: ${JSON.stringify(res.body)}`);
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${url} names ${field}: ${JSON.stringify(res.body.errors)}`);
    }
    const missing = await admin.request("PUT", `/api/orgs/${world.townshipA.id}/webhook`, { url: "https://example.cn/x" });
    assert.match(missing.body.errors[0].message, /签名密钥/);
    assert.equal(await databaseChecksum(t.db.orm), before);
    const officerTry = await officer.request("PUT", `/api/orgs/${world.townshipA.id}/webhook`, { url: "https://example.cn/x", secret: "0123456789abcdef" });
    assert.equal(officerTry.status, 404, "only admins see an org's webhook");
  });
});
