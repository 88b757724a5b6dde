// The response a level sets going: deadlines from the plan at the right minutes, fired by the
// scheduler when they pass (once, also after a restart), met by arrival, statement or task.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SEVERITY_LEVELS, type SeverityLevel } from "@shared/plans/schemas.ts";
import { deadlineHandlers } from "../../deadlines/handlers.ts";
import { runDue, startScheduler } from "../../deadlines/scheduler.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { type World, makeOrg, makeWorld } from "../../testing/factories.ts";
import { FIGURES_AT_LEVEL, RESPONSE_MINUTES, makeResponsePlan, sampleReport } from "../../testing/incident-factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";

interface Deadline {
  id: string;
  kind: string;
  level: string;
  dueAt: string;
  state: string;
  step: number | null;
  role: string | null;
  to: string | null;
  taskId: string | null;
  firedAt: string | null;
  metAt: string | null;
}

describe("incidents: the response of a level", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  let leader: TestClient;
  let duty: TestClient;
  before(async () => {
    // The clock jumps hours ahead between requests: sessions must outlast that.
    t = await startTestApp({ idleTimeoutMinutes: 24 * 60 });
    world = await makeWorld(t.db.orm);
    [officer, leader, duty] = await Promise.all([t.signIn("a-officer"), t.signIn("a-leader"), t.signIn("a-duty")]);
  });
  after(() => t.close());

  const fire = () => runDue(t.db, deadlineHandlers, t.clock.now());
  const minutesFromNow = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();
  /** A village of its own with its own plan, so each test's incidents and deadlines are its own. */
  const freshVillage = async () => {
    const village = await makeOrg(t.db.orm, { parent: world.townshipA, kind: "village" });
    return { village, ...(await makeResponsePlan(t.db.orm, village)) };
  };
  const open = async (level: SeverityLevel, village: Awaited<ReturnType<typeof freshVillage>>["village"]) => {
    const reported = await officer.post("/api/incidents", sampleReport(village, FIGURES_AT_LEVEL[level]));
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    assert.equal(reported.body.suggestedLevel, level);
    const opened = await officer.post(`/api/incidents/${reported.body.id}/level`, { version: reported.body.version, level });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    return opened.body;
  };
  const get = async (id: string) => (await officer.get(`/api/incidents/${id}`)).body;
  const timelineKinds = async (id: string) => (await officer.get(`/api/incidents/${id}/timeline`)).body.items.map((e: { detail: { kind: string } }) => e.detail.kind);
  const overdueEntries = async (id: string) =>
    (await officer.get(`/api/incidents/${id}/timeline`)).body.items.filter((e: { detail: { kind: string } }) => e.detail.kind === "deadline_overdue");

  for (const level of SEVERITY_LEVELS) {
    it(`level ${level}: confirming opens the plan's response with its deadlines at the plan's minutes; the scheduler fires each once at its minute`, async () => {
      const fresh = await freshVillage();
      const openedAt = t.clock.now();
      const incident = await open(level, fresh.village);
      const m = RESPONSE_MINUTES[level];
      assert.equal(incident.plan.versionId, fresh.version.id);
      const due = (minutes: number) => new Date(openedAt.getTime() + minutes * 60_000).toISOString();
      const shape = incident.deadlines.map((d: Deadline) => [d.kind, d.step ?? d.role ?? d.to ?? "task", d.dueAt, d.state, d.level]);
      const expected = [
        ["acknowledgement", 1, due(m.ack[0]), "pending", level],
        ["acknowledgement", 2, due(m.ack[0] + m.ack[1]), "pending", level],
        ["report", "县应急管理局", due(m.report), "pending", level],
        ["on_site", "leader", due(m.onSite), "pending", level],
        ["task", "task", due(m.task), "pending", level],
      ].sort((a, b) => String(a[2]).localeCompare(String(b[2])));
      assert.deepEqual(shape, expected);
      assert.deepEqual(
        incident.tasks.map((task: { title: string; groupName: string; dueAt: string; status: string }) => [task.title, task.groupName, task.dueAt, task.status]),
        [["现场处置", "应急处置组", due(m.task), "open"]],
      );
      const kinds = await timelineKinds(incident.id);
      assert.deepEqual(kinds.slice(0, 5), ["reported", "notified", "received", "level_set", "plan_activated"]);
      assert.equal(kinds.filter((k: string) => k === "deadline_created").length, 5);
      assert.equal(kinds.filter((k: string) => k === "task_created").length, 1);

      // A minute before the first acknowledgement is due: nothing of this incident fires.
      t.clock.set(due(m.ack[0] - 1));
      await fire();
      assert.equal((await get(incident.id)).overdueDeadlines, 0);
      // At the minute itself: the first step is overdue, once, however often the scheduler runs.
      t.clock.set(due(m.ack[0]));
      await fire();
      assert.deepEqual(await fire(), { fired: 0, failed: 0 }, "a second run fires nothing more");
      const after = await get(incident.id);
      const first = after.deadlines.find((d: Deadline) => d.step === 1);
      assert.deepEqual([first.state, first.firedAt], ["overdue", due(m.ack[0])]);
      assert.equal(after.overdueDeadlines, 1);
      assert.deepEqual((await overdueEntries(incident.id)).map((e: { actor: unknown; detail: { deadlineId: string } }) => [e.detail.deadlineId, e.actor]), [[first.id, null]]);
      const listed = (await officer.get(`/api/incidents?orgId=${fresh.village.id}`)).body.items[0];
      assert.equal(listed.overdueDeadlines, 1, "lists show the overdue count too");

      // Past everything: each deadline fired exactly once.
      t.clock.set(due(m.task + 1));
      await fire();
      await fire();
      const end = await get(incident.id);
      assert.ok(end.deadlines.every((d: Deadline) => d.state === "overdue"));
      assert.equal((await overdueEntries(incident.id)).length, 5);
      assert.equal(end.tasks[0].overdue, true);
    });
  }

  it("a leader on site in time meets the on-site deadline; one late still counts as met, late", async () => {
    const fresh = await freshVillage();
    const incident = await open("III", fresh.village);
    t.clock.advanceMinutes(20);
    const res = await leader.post(`/api/incidents/${incident.id}/on-site`, { note: "已到达现场" });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const onSite = res.body.deadlines.find((d: Deadline) => d.kind === "on_site");
    assert.deepEqual([onSite.state, onSite.metAt], ["met", t.clock.now().toISOString()]);
    assert.deepEqual((await timelineKinds(incident.id)).slice(-2), ["on_site", "deadline_met"]);

    const late = await open("IV", (await freshVillage()).village);
    t.clock.advanceMinutes(RESPONSE_MINUTES.IV.onSite + 5);
    await fire();
    const arrived = await leader.post(`/api/incidents/${late.id}/on-site`, { arrivedAt: minutesFromNow(-2) });
    const lateOnSite = arrived.body.deadlines.find((d: Deadline) => d.kind === "on_site");
    assert.equal(lateOnSite.state, "met_late");
    assert.ok(lateOnSite.firedAt, "it fired, and stays recorded as having fired");
  });

  it("an arrival no deadline asked for is recorded without meeting anything; a future or pre-event arrival is refused", async () => {
    const incident = await open("IV", (await freshVillage()).village);
    const res = await duty.post(`/api/incidents/${incident.id}/on-site`, {});
    assert.equal(res.status, 200);
    assert.equal(res.body.deadlines.find((d: Deadline) => d.kind === "on_site").state, "pending", "the plan asks for a leader, not the duty officer");
    const before = await databaseChecksum(t.db.orm);
    const future = await leader.post(`/api/incidents/${incident.id}/on-site`, { arrivedAt: minutesFromNow(30) });
    assert.deepEqual([future.status, future.body.errors?.[0]?.field], [400, "arrivedAt"]);
    const early = await leader.post(`/api/incidents/${incident.id}/on-site`, { arrivedAt: "2026-03-01T00:00:00+08:00" });
    assert.deepEqual([early.status, early.body.errors?.[0]?.field], [400, "arrivedAt"]);
    assert.equal(await databaseChecksum(t.db.orm), before);
  });

  it("the duty officer marks an on-site deadline met on someone's word; other kinds and met ones are refused", async () => {
    const incident = await open("II", (await freshVillage()).village);
    const onSite = incident.deadlines.find((d: Deadline) => d.kind === "on_site");
    const report = incident.deadlines.find((d: Deadline) => d.kind === "report");
    const other = await open("IV", (await freshVillage()).village);
    const reporter = await t.signIn("a-reporter");
    const before = await databaseChecksum(t.db.orm);
    const wrongKind = await duty.post(`/api/incidents/${incident.id}/deadlines/${report.id}/meet`, {});
    assert.deepEqual([wrongKind.status, wrongKind.body.code], [409, "deadline.notMetByStatement"]);
    assert.equal((await duty.post(`/api/incidents/${other.id}/deadlines/${onSite.id}/meet`, {})).status, 404, "a deadline of another incident");
    assert.equal((await reporter.post(`/api/incidents/${incident.id}/deadlines/${onSite.id}/meet`, {})).status, 404);
    assert.equal(await databaseChecksum(t.db.orm), before);

    const met = await duty.post(`/api/incidents/${incident.id}/deadlines/${onSite.id}/meet`, { note: "张卫东电话确认已到场" });
    assert.equal(met.status, 200, JSON.stringify(met.body));
    assert.equal(met.body.deadlines.find((d: Deadline) => d.id === onSite.id).state, "met");
    const again = await duty.post(`/api/incidents/${incident.id}/deadlines/${onSite.id}/meet`, {});
    assert.deepEqual([again.status, again.body.code], [409, "deadline.notOutstanding"]);
  });

  it("raising the level starts the new level's response from that moment; lowering starts nothing", async () => {
    const incident = await open("IV", (await freshVillage()).village);
    t.clock.advanceMinutes(10);
    const raisedAt = t.clock.now();
    const raised = await officer.post(`/api/incidents/${incident.id}/level`, { version: incident.version, level: "II", reason: "伤亡人数上升" });
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
    const byLevel = (level: string) => raised.body.deadlines.filter((d: Deadline) => d.level === level);
    assert.equal(byLevel("IV").length, 5, "what level IV set going keeps running");
    assert.equal(byLevel("II").length, 5);
    const ack = byLevel("II").find((d: Deadline) => d.step === 1);
    assert.equal(ack.dueAt, new Date(raisedAt.getTime() + RESPONSE_MINUTES.II.ack[0] * 60_000).toISOString());
    assert.equal(raised.body.tasks.length, 2);

    const lowered = await officer.post(`/api/incidents/${incident.id}/level`, { version: raised.body.version, level: "III", reason: "经核实伤情较轻" });
    assert.equal(lowered.status, 200);
    assert.equal(lowered.body.deadlines.length, 10);
    const levels = (await officer.get(`/api/incidents/${incident.id}/timeline`)).body.items
      .filter((e: { detail: { kind: string } }) => e.detail.kind === "level_set")
      .map((e: { detail: { level: string; previousLevel: string | null } }) => [e.detail.previousLevel, e.detail.level]);
    assert.deepEqual(levels, [[null, "IV"], ["IV", "II"], ["II", "III"]]);
  });

  it("a task moves on with its version: done meets its deadline, cancelled cancels it, and a closed task stays closed", async () => {
    const incident = await open("I", (await freshVillage()).village);
    const task = incident.tasks[0];
    const url = `/api/incidents/${incident.id}/tasks/${task.id}`;
    const started = await officer.patch(url, { version: task.version, status: "in_progress", notes: "两台消防车已出动" });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.deepEqual([started.body.tasks[0].status, started.body.tasks[0].notes], ["in_progress", "两台消防车已出动"]);
    assert.equal((await officer.patch(url, { version: task.version, status: "done" })).status, 409, "stale version");
    const nothing = await officer.patch(url, { version: task.version + 1 });
    assert.deepEqual([nothing.status, nothing.body.errors?.[0]?.field], [400, "status"]);
    const done = await officer.patch(url, { version: task.version + 1, status: "done" });
    assert.equal(done.body.deadlines.find((d: Deadline) => d.taskId === task.id).state, "met");
    assert.equal((await officer.patch(url, { version: task.version + 2, status: "open" })).body.code, "task.closed");
    const changes = (await officer.get(`/api/incidents/${incident.id}/timeline`)).body.items.filter((e: { detail: { kind: string } }) => e.detail.kind === "task_changed");
    assert.deepEqual(
      changes.map((e: { detail: { from: string; to: string } }) => [e.detail.from, e.detail.to]),
      [
        ["open", "in_progress"],
        ["in_progress", "done"],
      ],
    );

    const other = await open("I", (await freshVillage()).village);
    const cancelled = await officer.patch(`/api/incidents/${other.id}/tasks/${other.tasks[0].id}`, { version: 1, status: "cancelled", notes: "并入消防部门处置" });
    assert.equal(cancelled.body.deadlines.find((d: Deadline) => d.kind === "task").state, "cancelled");
    assert.equal((await officer.patch(`/api/incidents/${incident.id}/tasks/${other.tasks[0].id}`, { version: 2, status: "done" })).status, 404, "a task of another incident");
  });

  it("the response's actions wait for the incident to be opened", async () => {
    const reported = await officer.post("/api/incidents", sampleReport((await freshVillage()).village));
    const res = await leader.post(`/api/incidents/${reported.body.id}/on-site`, {});
    assert.deepEqual([res.status, res.body.code], [409, "incident.notOpen"]);
    assert.deepEqual(reported.body.actions, ["update", "setLevel", "addNote", "attach", "draftReport"], "a report may go up before the level is confirmed");
  });

  it("deadlines that fall due while the server is down fire exactly once when it starts again", async () => {
    const incident = await open("IV", (await freshVillage()).village);
    // The server is down while the whole response's time passes; no scheduler runs meanwhile.
    t.clock.advanceMinutes(RESPONSE_MINUTES.IV.task + 10);
    await t.restart();
    const errors: unknown[] = [];
    const node = await startScheduler({ db: t.db, clock: t.clock, handlers: deadlineHandlers, onError: (e) => errors.push(e) });
    const second = await startScheduler({ db: t.db, clock: t.clock, handlers: deadlineHandlers, onError: (e) => errors.push(e) });
    await Promise.all([node.stop(), second.stop()]);
    assert.deepEqual(errors, []);
    const client = await t.signIn("a-officer");
    const after = (await client.get(`/api/incidents/${incident.id}`)).body;
    assert.ok(after.deadlines.every((d: Deadline) => d.state === "overdue" && d.firedAt === t.clock.now().toISOString()));
    const overdue = (await client.get(`/api/incidents/${incident.id}/timeline`)).body.items.filter((e: { detail: { kind: string } }) => e.detail.kind === "deadline_overdue");
    assert.equal(overdue.length, 5, "each fired once, though two nodes started");
  });
});
