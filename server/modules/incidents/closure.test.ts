// Closing an incident with its review through the API: timings computed from the deadlines by
// the clock, follow-up actions as tasks, the response's deadlines cancelled; reopening; and the
// final report carrying the review.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { RESPONSE_MINUTES, makeResponsePlan, sampleReport } from "../../testing/incident-factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";

const M = RESPONSE_MINUTES.IV;

describe("incidents: closure with an after-action review", () => {
  let t: TestApp;
  let world: World;
  let serial = 0;
  before(async () => {
    t = await startTestApp({ idleTimeoutMinutes: 24 * 60 });
    world = await makeWorld(t.db.orm);
  });
  after(() => t.close());

  const township = async () => {
    const n = ++serial;
    const org = await makeOrg(t.db.orm, { parent: world.county, kind: "township", name: `青山镇${n}` });
    const { group } = await makeResponsePlan(t.db.orm, org);
    const accounts = Object.fromEntries(
      await Promise.all((["officer", "leader", "duty"] as const).map(async (role) => [role, await makeAccount(t.db.orm, { org, roles: [role], username: `z${n}-${role}`, displayName: `${role}${n}` })])),
    );
    const [officer, leader, duty] = await Promise.all(["officer", "leader", "duty"].map((role) => t.signIn(`z${n}-${role}`)));
    return { org, group, accounts, officer: officer!, leader: leader!, duty: duty! };
  };
  type Township = Awaited<ReturnType<typeof township>>;
  const minutes = (from: Date, m: number) => new Date(from.getTime() + m * 60_000).toISOString();

  const openIncident = async (town: Township) => {
    const reported = await town.officer.post("/api/incidents", sampleReport(town.org, { occurredAt: minutes(t.clock.now(), -10) }));
    const opened = await town.officer.post(`/api/incidents/${reported.body.id}/level`, { version: reported.body.version, level: "IV" });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    return opened.body;
  };
  const sendInitial = async (town: Township, id: string) => {
    const drafted = await town.officer.post(`/api/incidents/${id}/reports`, { kind: "initial" });
    const approved = await town.leader.post(`/api/incidents/${id}/reports/${drafted.body.id}/approve`, { version: drafted.body.version });
    const sent = await town.duty.post(`/api/incidents/${id}/reports/${drafted.body.id}/send`, { version: approved.body.version });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
  };
  const closeBody = (town: Township, version: number, overrides: Record<string, unknown> = {}) => ({
    version,
    outcome: "明火已扑灭，现场已清理，受伤人员已送医。",
    finalFigures: { peopleInvolved: 15, onlookers: 40, deaths: 0, injuries: 2, missing: 0, economicLoss: 35 },
    review: {
      summary: "3月2日7时40分仓库起火，8时30分明火扑灭。",
      lessons: "仓库电气线路老化，日常巡查不到位。",
      followUpActions: [
        { title: "全镇仓库电气线路排查", groupId: town.group.id, dueAt: minutes(t.clock.now(), 7 * 24 * 60) },
        { title: "修订仓库消防巡查制度", assigneeId: town.accounts.leader!.id, dueAt: minutes(t.clock.now(), 14 * 24 * 60) },
      ],
    },
    ...overrides,
  });

  it("computes the timings against the plan's deadlines by the clock, turns follow-up actions into tasks and ends the response", async () => {
    const town = await township();
    const openedAt = t.clock.now();
    const incident = await openIncident(town);
    t.clock.set(minutes(openedAt, 25));
    assert.equal((await town.leader.post(`/api/incidents/${incident.id}/on-site`, {})).status, 200);
    t.clock.set(minutes(openedAt, M.report + 10));
    await sendInitial(town, incident.id);
    t.clock.set(minutes(openedAt, 200));
    const closedAt = t.clock.now().toISOString();

    const current = (await town.officer.get(`/api/incidents/${incident.id}`)).body;
    const closed = await town.officer.post(`/api/incidents/${incident.id}/close`, closeBody(town, current.version));
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.deepEqual([closed.body.status, closed.body.closedAt, closed.body.outcome], ["closed", closedAt, "明火已扑灭，现场已清理，受伤人员已送医。"]);
    assert.deepEqual([closed.body.peopleInvolved, closed.body.injuries, closed.body.economicLoss], [15, 2, 35], "the final figures are the incident's");
    assert.deepEqual(closed.body.actions, ["addNote", "attach", "updateTask", "draftReport", "reopen"], "follow-up tasks are still worked on, and later evidence is still attached");

    const planTask = closed.body.tasks.find((task: { followUp: boolean }) => !task.followUp);
    assert.equal(planTask.status, "cancelled", "the plan's unfinished task ends with the response");
    const followUps = closed.body.tasks.filter((task: { followUp: boolean }) => task.followUp);
    assert.deepEqual(
      followUps.map((task: { title: string; groupName: string | null; assignee: { displayName: string } | null; status: string }) => [task.title, task.groupName, task.assignee?.displayName ?? null, task.status]),
      [
        ["全镇仓库电气线路排查", "应急处置组", null, "open"],
        ["修订仓库消防巡查制度", null, `leader${serial}`, "open"],
      ],
    );
    const byTask = new Map(closed.body.deadlines.map((d: { taskId: string | null; state: string }) => [d.taskId, d.state]));
    assert.deepEqual(followUps.map((task: { id: string }) => byTask.get(task.id)), ["pending", "pending"], "follow-up tasks keep their deadlines");
    const responseDeadlines = closed.body.deadlines.filter((d: { taskId: string | null }) => !followUps.some((task: { id: string }) => task.id === d.taskId));
    assert.ok(responseDeadlines.every((d: { state: string }) => d.state === "met" || d.state === "met_late" || d.state === "cancelled"), "nothing of the response is left pending");

    const done = await town.officer.patch(`/api/incidents/${incident.id}/tasks/${followUps[0].id}`, { version: followUps[0].version, status: "done", notes: "已排查23处" });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.deadlines.find((d: { taskId: string | null }) => d.taskId === followUps[0].id).state, "met");
    const ended = await town.officer.patch(`/api/incidents/${incident.id}/tasks/${planTask.id}`, { version: planTask.version, status: "done" });
    assert.deepEqual([ended.status, ended.body.code], [409, "incident.notOpen"], "the plan's tasks ended with the response");

    const [review] = (await town.officer.get(`/api/incidents/${incident.id}/reviews`)).body.items;
    assert.equal(review.closedAt, closedAt);
    assert.deepEqual(review.closedBy.displayName, `officer${serial}`);
    const timings = review.timings.map((timing: { kind: string; step: number | null; result: string; minutesLate: number | null; dueAt: string; metAt: string | null }) => [timing.kind, timing.step, timing.dueAt, timing.metAt, timing.result, timing.minutesLate]);
    const ackSteps = closed.body.deadlines.filter((d: { kind: string }) => d.kind === "acknowledgement").length;
    assert.ok(ackSteps >= 2);
    assert.deepEqual(timings.filter(([kind]: [string]) => kind !== "acknowledgement"), [
      ["on_site", null, minutes(openedAt, M.onSite), minutes(openedAt, 25), "on_time", null],
      ["report", null, minutes(openedAt, M.report), minutes(openedAt, M.report + 10), "late", 10],
      ["task", null, minutes(openedAt, M.task), null, "never_met", 200 - M.task],
    ]);
    // Nobody acknowledged: the first step was due at 20 minutes, the second 30 minutes later.
    const firstAck = timings.find(([kind, step]: [string, number]) => kind === "acknowledgement" && step === 1);
    assert.deepEqual(firstAck, ["acknowledgement", 1, minutes(openedAt, M.ack[0]), null, "never_met", 200 - M.ack[0]]);
    assert.equal(review.followUpActions.length, 2);

    const kinds = (await town.officer.get(`/api/incidents/${incident.id}/timeline`)).body.items.map((e: { detail: { kind: string } }) => e.detail.kind);
    assert.ok(kinds.includes("closed"));
    const closedEntry = (await town.officer.get(`/api/incidents/${incident.id}/timeline`)).body.items.find((e: { detail: { kind: string } }) => e.detail.kind === "closed");
    assert.deepEqual(closedEntry.detail.figures.map((f: { field: string; to: number }) => [f.field, f.to]), [["peopleInvolved", 15], ["onlookers", 40], ["injuries", 2], ["economicLoss", 35]]);
    assert.equal(closedEntry.detail.followUpTasks, 2);
  });

  it("refuses closing twice, a stale version, the duty officer, a follow-up group elsewhere or due in the past; nothing changes", async () => {
    const town = await township();
    const incident = await openIncident(town);
    const other = await township();
    await Promise.all([town.officer.get(`/api/incidents/${incident.id}`), town.duty.get(`/api/incidents/${incident.id}`)]);
    const before = await databaseChecksum(t.db.orm);
    const url = `/api/incidents/${incident.id}/close`;
    const stale = await town.officer.post(url, closeBody(town, incident.version - 1));
    assert.deepEqual([stale.status, stale.body.code], [409, "staleVersion"]);
    assert.equal((await town.duty.post(url, closeBody(town, incident.version))).status, 403);
    const foreignGroup = await town.officer.post(url, closeBody(town, incident.version, { review: { summary: "经过", lessons: "教训", followUpActions: [{ title: "整改", groupId: other.group.id, dueAt: minutes(t.clock.now(), 60) }] } }));
    assert.deepEqual([foreignGroup.status, foreignGroup.body.errors?.[0]?.field], [400, "review.followUpActions.0.groupId"]);
    const past = await town.officer.post(url, closeBody(town, incident.version, { review: { summary: "经过", lessons: "教训", followUpActions: [{ title: "整改", groupId: town.group.id, dueAt: minutes(t.clock.now(), -60) }] } }));
    assert.deepEqual([past.status, past.body.errors?.[0]?.field], [400, "review.followUpActions.0.dueAt"]);
    const nobody = await town.officer.post(url, closeBody(town, incident.version, { review: { summary: "经过", lessons: "教训", followUpActions: [{ title: "整改", dueAt: minutes(t.clock.now(), 60) }] } }));
    assert.deepEqual([nobody.status, nobody.body.errors?.[0]?.field], [400, "review.followUpActions.0.groupId"]);
    assert.equal(await databaseChecksum(t.db.orm), before);

    const closed = await town.leader.post(url, closeBody(town, incident.version));
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const twice = await town.leader.post(url, closeBody(town, closed.body.version));
    assert.deepEqual([twice.status, twice.body.code], [409, "incident.alreadyClosed"]);
    const changed = await town.officer.patch(`/api/incidents/${incident.id}`, { version: closed.body.version, deaths: 1 });
    assert.deepEqual([changed.status, changed.body.code], [409, "incident.closed"]);
    const followUp = await town.officer.post(`/api/incidents/${incident.id}/reports`, { kind: "follow_up" });
    assert.equal(followUp.status, 409);
  });

  it("reopens with a reason; the final report waits for the closing and carries its review", async () => {
    const town = await township();
    const incident = await openIncident(town);
    await sendInitial(town, incident.id);
    t.clock.advanceMinutes(90);
    const closed = await town.officer.post(`/api/incidents/${incident.id}/close`, closeBody(town, (await town.officer.get(`/api/incidents/${incident.id}`)).body.version));
    assert.equal(closed.status, 200, JSON.stringify(closed.body));

    const final = await town.officer.post(`/api/incidents/${incident.id}/reports`, { kind: "final" });
    assert.equal(final.status, 201, JSON.stringify(final.body));
    assert.equal(final.body.title, `青山镇${serial}关于仓库火灾的终报`);
    assert.deepEqual([final.body.review.lessons, final.body.review.outcome, final.body.content.figures.injuries], ["仓库电气线路老化，日常巡查不到位。", "明火已扑灭，现场已清理，受伤人员已送医。", 2]);
    assert.equal((await town.officer.post(`/api/incidents/${incident.id}/reports`, { kind: "final" })).body.code, "report.finalExists");
    const approved = await town.leader.post(`/api/incidents/${incident.id}/reports/${final.body.id}/approve`, { version: final.body.version });

    const noReason = await town.leader.post(`/api/incidents/${incident.id}/reopen`, { version: closed.body.version });
    assert.deepEqual([noReason.status, noReason.body.errors?.[0]?.field], [400, "reason"]);
    const reopened = await town.leader.post(`/api/incidents/${incident.id}/reopen`, { version: closed.body.version, reason: "发现复燃迹象" });
    assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
    assert.deepEqual([reopened.body.status, reopened.body.closedAt, reopened.body.outcome], ["open", null, null]);
    const entry = (await town.officer.get(`/api/incidents/${incident.id}/timeline`)).body.items.at(-1);
    assert.deepEqual([entry.detail.kind, entry.detail.reason, entry.actor.name], ["reopened", "发现复燃迹象", `leader${serial}`]);
    const early = await town.duty.post(`/api/incidents/${incident.id}/reports/${final.body.id}/send`, { version: approved.body.version });
    assert.deepEqual([early.status, early.body.code], [409, "report.finalNeedsClosure"], "a reopened incident is not finished");
    assert.equal((await town.leader.post(`/api/incidents/${incident.id}/reopen`, { version: reopened.body.version, reason: "再开" })).body.code, "incident.notClosed");

    t.clock.advanceMinutes(30);
    const again = await town.officer.post(`/api/incidents/${incident.id}/close`, closeBody(town, reopened.body.version, { review: { summary: "复燃已扑灭。", lessons: "加强看护。", followUpActions: [] } }));
    assert.equal(again.status, 200);
    assert.equal((await town.officer.get(`/api/incidents/${incident.id}/reviews`)).body.items.length, 2, "each closing keeps its review");
    const outdated = await town.duty.post(`/api/incidents/${incident.id}/reports/${final.body.id}/send`, { version: approved.body.version });
    assert.deepEqual([outdated.status, outdated.body.code], [409, "report.finalOutdated"]);
    const secondFinal = await town.officer.post(`/api/incidents/${incident.id}/reports`, { kind: "final" });
    assert.equal(secondFinal.status, 201, "the second closing has a final report of its own");
    assert.equal(secondFinal.body.review.summary, "复燃已扑灭。");
    const approvedSecond = await town.leader.post(`/api/incidents/${incident.id}/reports/${secondFinal.body.id}/approve`, { version: secondFinal.body.version });
    const sent = await town.duty.post(`/api/incidents/${incident.id}/reports/${secondFinal.body.id}/send`, { version: approvedSecond.body.version });
    assert.deepEqual([sent.status, sent.body.toOrg.name], [200, "测试县"]);
  });

  it("keeps closing to the incident's jurisdiction", async () => {
    const town = await township();
    const incident = await openIncident(town);
    const outsider: TestClient = await t.signIn("b-officer");
    assert.equal((await outsider.post(`/api/incidents/${incident.id}/close`, closeBody(town, incident.version))).status, 404);
    assert.equal((await outsider.get(`/api/incidents/${incident.id}/reviews`)).status, 404);
  });
});
