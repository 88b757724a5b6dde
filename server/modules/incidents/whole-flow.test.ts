// The whole flow at every level, on the manual clock with the real scheduler and no waiting:
// a village reporter's report rings the duty room, which receives it; opening reaches the
// plan's people; nobody acknowledges, so step 2 is reached at its exact minute; that
// acknowledgement stops the escalation; the task is done, the initial report goes up to the
// township above the village, and the incident is closed with the review's timings computed
// from all of it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SEVERITY_LEVELS } from "@shared/plans/schemas.ts";
import { deadlineHandlers } from "../../deadlines/handlers.ts";
import { runDue } from "../../deadlines/scheduler.ts";
import { makeShift } from "../../testing/duty-factories.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { FIGURES_AT_LEVEL, RESPONSE_MINUTES, makeResponsePlan, sampleReport } from "../../testing/incident-factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";

interface Item {
  id: string;
  kind: string;
  incidentId: string | null;
  acknowledgedBy: { id: string } | null;
}

describe("incidents: the whole flow at every level", () => {
  let t: TestApp;
  let world: World;
  let serial = 0;
  before(async () => {
    t = await startTestApp({ idleTimeoutMinutes: 7 * 24 * 60 });
    world = await makeWorld(t.db.orm);
  });
  after(() => t.close());

  const fire = () => runDue(t.db, deadlineHandlers, t.clock.now());
  const at = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);

  /** A township of its own with its plan, a village below it, its people and a shift under way. */
  const township = async () => {
    const n = ++serial;
    const org = await makeOrg(t.db.orm, { parent: world.county, kind: "township", name: `流程镇${n}` });
    const village = await makeOrg(t.db.orm, { parent: org, kind: "village", name: `流程村${n}` });
    const { group } = await makeResponsePlan(t.db.orm, org);
    const person = async (roles: ("duty" | "leader" | "officer" | "reporter")[], name: string, inOrg = org) => {
      const account = await makeAccount(t.db.orm, { org: inOrg, roles, username: `${name}${n}`, displayName: `${name}${n}` });
      return { account, client: await t.signIn(account.username) };
    };
    const onShift = await person(["officer"], "shift");
    const duty = await person(["duty"], "duty");
    const leader = await person(["leader"], "leader");
    const reporter = await person(["reporter"], "reporter", village);
    const now = t.clock.now().getTime();
    await makeShift(t.db.orm, org, { startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 24 * 3_600_000).toISOString(), officerIds: [onShift.account.id] });
    return { org, village, group, onShift, duty, leader, reporter };
  };

  const waiting = async (client: TestClient, incidentId: string) =>
    ((await client.get("/api/notifications?unacknowledged=true")).body.items as Item[]).filter((item) => item.incidentId === incidentId);
  const deadlines = async (client: TestClient, id: string) =>
    ((await client.get(`/api/incidents/${id}`)).body.deadlines as { kind: string; step: number | null; state: string }[]).filter((d) => d.kind === "acknowledgement");

  for (const level of SEVERITY_LEVELS) {
    it(`level ${level}: report → the duty room receives it → opening notifies the plan's people → unanswered, step 2 at its minute → its acknowledgement stops the escalation → task → report up → close`, async () => {
      const town = await township();
      const m = RESPONSE_MINUTES[level];

      // The reporter's report rings whoever is on shift; the duty officer off shift hears of it at the opening.
      const reported = await town.reporter.client.post("/api/incidents", sampleReport(town.village, { ...FIGURES_AT_LEVEL[level], occurredAt: at(t.clock.now(), -15).toISOString() }));
      assert.equal(reported.status, 201, JSON.stringify(reported.body));
      const id: string = reported.body.id;
      assert.equal(reported.body.suggestedLevel, level, "the plan's thresholds suggest the level");
      const [rung] = await waiting(town.onShift.client, id);
      assert.equal(rung?.kind, "incident_reported");
      t.clock.advanceMinutes(2);
      assert.equal((await town.onShift.client.post(`/api/notifications/${rung!.id}/ack`)).status, 200);
      assert.equal((await town.reporter.client.get(`/api/incidents/${id}`)).body.receivedBy.id, town.onShift.account.id, "the reporter sees who received it");

      // Opening at the suggested level: the people on duty and step 1's role are reached.
      t.clock.advanceMinutes(1);
      const openedAt = t.clock.now();
      const opened = await town.onShift.client.post(`/api/incidents/${id}/level`, { version: reported.body.version, level });
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      for (const person of [town.onShift, town.duty]) {
        assert.deepEqual((await waiting(person.client, id)).map((item) => item.kind), ["incident_response"], `${person.account.username} is reached`);
      }
      assert.equal((await waiting(town.leader.client, id)).length, 0, "step 2's leader is not reached yet");

      // Nobody acknowledges: a minute early nothing happens; at the minute, step 2 is reached, once.
      t.clock.set(at(openedAt, m.ack[0] - 1));
      await fire();
      assert.equal((await waiting(town.leader.client, id)).length, 0);
      t.clock.set(at(openedAt, m.ack[0]));
      await fire();
      assert.deepEqual(await fire(), { fired: 0, failed: 0 }, "fired once");
      const [escalation] = await waiting(town.leader.client, id);
      assert.equal(escalation?.kind, "escalation");
      assert.deepEqual((await deadlines(town.duty.client, id)).map((d) => [d.step, d.state]), [[1, "overdue"], [2, "pending"]]);

      // The leader acknowledges: step 2 is met and nothing escalates any more.
      t.clock.advanceMinutes(1);
      assert.equal((await town.leader.client.post(`/api/notifications/${escalation!.id}/ack`)).status, 200);
      assert.deepEqual((await deadlines(town.duty.client, id)).map((d) => [d.step, d.state]), [[1, "overdue"], [2, "met"]]);

      // The working group's task is done in time; the initial report goes up in time.
      const current = (await town.duty.client.get(`/api/incidents/${id}`)).body;
      const [task] = current.tasks as { id: string; version: number }[];
      const done = await town.onShift.client.patch(`/api/incidents/${id}/tasks/${task!.id}`, { version: task!.version, status: "done", notes: "现场已处置完毕" });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      const drafted = await town.onShift.client.post(`/api/incidents/${id}/reports`, { kind: "initial" });
      assert.equal(drafted.status, 201, JSON.stringify(drafted.body));
      const approved = await town.leader.client.post(`/api/incidents/${id}/reports/${drafted.body.id}/approve`, { version: drafted.body.version });
      const sent = await town.duty.client.post(`/api/incidents/${id}/reports/${drafted.body.id}/send`, { version: approved.body.version });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.toOrg.id, town.org.id, "the village's parent receives it in its inbox");

      // Closed two hours later: the leader never went on site, so the review says so, by the clock.
      t.clock.set(at(openedAt, m.task + 60));
      const before = (await town.duty.client.get(`/api/incidents/${id}`)).body;
      const closed = await town.leader.client.post(`/api/incidents/${id}/close`, {
        version: before.version,
        outcome: "险情已排除，现场已清理。",
        finalFigures: { peopleInvolved: FIGURES_AT_LEVEL[level].peopleInvolved, onlookers: 30, deaths: FIGURES_AT_LEVEL[level].deaths ?? 0, injuries: 1, missing: 0, economicLoss: 20 },
        review: { summary: "事件经过及处置情况。", lessons: "加强值班签收。", followUpActions: [] },
      });
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      const [review] = (await town.duty.client.get(`/api/incidents/${id}/reviews`)).body.items as { timings: { kind: string; step: number | null; result: string; minutesLate: number | null }[] }[];
      const timing = (kind: string, step: number | null = null) => review!.timings.find((row) => row.kind === kind && row.step === step);
      assert.deepEqual([timing("acknowledgement", 1)?.result, timing("acknowledgement", 2)?.result], ["never_met", "on_time"]);
      assert.equal(timing("report")?.result, "on_time");
      assert.equal(timing("task")?.result, "on_time");
      assert.equal(timing("on_site")?.result, "never_met", "nobody said they were on site");
      assert.equal((await waiting(town.leader.client, id)).length, 0, "nothing rings after closing");
    });
  }
});
