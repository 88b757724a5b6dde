// Reports upward through the API on a real database: drafted from the incident, edited,
// approved by a leader, sent to the parent org's inbox, meeting the plan's report deadline
// on time or late by the clock, and keeping the plan's follow-up rhythm.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import type { PlanContentInput } from "@shared/plans/schemas.ts";
import { auditLog } from "../../db/schema.ts";
import { deadlineHandlers } from "../../deadlines/handlers.ts";
import { runDue } from "../../deadlines/scheduler.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { RESPONSE_MINUTES, responsePlanContent, sampleReport } from "../../testing/incident-factories.ts";
import { makeGroup, makePlan } from "../../testing/plan-factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";

const FOLLOW_UP_EVERY = 60;

interface Deadline {
  id: string;
  kind: string;
  dueAt: string;
  state: string;
  metAt: string | null;
}

describe("incidents: reports upward", () => {
  let t: TestApp;
  let world: World;
  let countyDuty: TestClient;
  let serial = 0;
  before(async () => {
    t = await startTestApp({ idleTimeoutMinutes: 24 * 60 });
    world = await makeWorld(t.db.orm);
    await makeAccount(t.db.orm, { org: world.county, roles: ["duty"], username: "c-duty", displayName: "县值班员" });
    countyDuty = await t.signIn("c-duty");
  });
  after(() => t.close());

  /** A township of its own under the county, with its staff and a plan asking for follow-ups every hour. */
  const township = async () => {
    const n = ++serial;
    const org = await makeOrg(t.db.orm, { parent: world.county, kind: "township", name: `青山镇${n}` });
    const group = await makeGroup(t.db.orm, org, { name: "应急处置组" });
    const content: PlanContentInput = responsePlanContent(group.id);
    content.levels.IV.response.reports = [{ to: "县应急管理局", initialWithinMinutes: RESPONSE_MINUTES.IV.report, followUpEveryMinutes: FOLLOW_UP_EVERY }];
    await makePlan(t.db.orm, org, { content });
    const make = (role: "officer" | "leader" | "duty" | "reporter") =>
      makeAccount(t.db.orm, { org, roles: [role], username: `t${n}-${role}`, displayName: `${role}${n}`, phone: role === "officer" ? "13900001111" : null });
    await Promise.all([make("officer"), make("leader"), make("duty"), make("reporter")]);
    const [officer, leader, duty, reporter] = await Promise.all(["officer", "leader", "duty", "reporter"].map((role) => t.signIn(`t${n}-${role}`)));
    return { org, n, officer: officer!, leader: leader!, duty: duty!, reporter: reporter! };
  };
  type Township = Awaited<ReturnType<typeof township>>;

  const openIncident = async (town: Township) => {
    const reported = await town.officer.post("/api/incidents", sampleReport(town.org, { occurredAt: new Date(t.clock.now().getTime() - 10 * 60_000).toISOString() }));
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    const opened = await town.officer.post(`/api/incidents/${reported.body.id}/level`, { version: reported.body.version, level: "IV" });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    return opened.body;
  };
  const draft = async (town: Township, incidentId: string, kind = "initial") => {
    const res = await town.officer.post(`/api/incidents/${incidentId}/reports`, { kind });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const approveAndSend = async (town: Township, incidentId: string, report: { id: string; version: number }) => {
    const approved = await town.leader.post(`/api/incidents/${incidentId}/reports/${report.id}/approve`, { version: report.version });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const sent = await town.duty.post(`/api/incidents/${incidentId}/reports/${report.id}/send`, { version: approved.body.version });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    return sent.body;
  };
  const reportDeadlines = async (town: Township, id: string): Promise<Deadline[]> =>
    (await town.officer.get(`/api/incidents/${id}`)).body.deadlines.filter((d: Deadline) => d.kind === "report");
  const timeline = async (town: Township, id: string) => (await town.officer.get(`/api/incidents/${id}/timeline`)).body.items;
  const at = (minutes: number, from: Date) => new Date(from.getTime() + minutes * 60_000).toISOString();

  it("drafts the initial report from the incident, edits, approves and sends it to the parent's inbox, meeting the report deadline on time", async () => {
    const town = await township();
    const openedAt = t.clock.now();
    const incident = await openIncident(town);
    t.clock.advanceMinutes(10);

    const drafted = await draft(town, incident.id);
    assert.equal(drafted.title, `青山镇${town.n}关于仓库火灾的首报`);
    assert.deepEqual([drafted.kind, drafted.sequence, drafted.status, drafted.toOrg], ["initial", null, "draft", null]);
    assert.deepEqual(drafted.fromOrg, { id: town.org.id, name: `青山镇${town.n}` });
    assert.deepEqual(drafted.content, {
      occurredAt: incident.occurredAt,
      place: "镇东工业区3号仓库",
      summary: "镇东工业区一仓库起火，明火已蔓延至相邻厂房。",
      figures: { peopleInvolved: 12, onlookers: 30, deaths: 0, injuries: 1, missing: 0, economicLoss: 20 },
      cause: null,
      trend: "火势仍在蔓延",
      measuresTaken: "已拨打119，疏散周边人员。",
      helpNeeded: null,
      reportingOrg: `青山镇${town.n}`,
      contactName: `officer${town.n}`,
      contactPhone: "13900001111",
      signer: null,
      attachments: [],
    });
    assert.deepEqual(drafted.actions, ["update"], "an officer edits; only a leader approves");

    const url = `/api/incidents/${incident.id}/reports/${drafted.id}`;
    const edited = await town.officer.patch(url, { version: drafted.version, content: { cause: "初步判断为电气线路老化", helpNeeded: "请求县消防救援大队增援", attachments: ["现场照片"] } });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual([edited.body.content.cause, edited.body.content.helpNeeded, edited.body.content.attachments, edited.body.version], ["初步判断为电气线路老化", "请求县消防救援大队增援", ["现场照片"], 2]);

    // Each session has been seen at this minute, so its last-seen time stays put while refused.
    await Promise.all([town.duty.get(url), town.leader.get(url)]);
    const before = await databaseChecksum(t.db.orm);
    const stale = await town.officer.patch(url, { version: drafted.version, content: { trend: "已控制" } });
    assert.deepEqual([stale.status, stale.body.code], [409, "staleVersion"]);
    const unapproved = await town.duty.post(`${url}/send`, { version: 2 });
    assert.deepEqual([unapproved.status, unapproved.body.code], [409, "report.notApproved"]);
    assert.equal((await town.officer.post(`${url}/approve`, { version: 2 })).status, 403, "an officer does not approve");
    assert.equal(await databaseChecksum(t.db.orm), before, "refused steps change nothing");

    const approved = await town.leader.post(`${url}/approve`, { version: 2 });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.deepEqual([approved.body.status, approved.body.content.signer, approved.body.approvedBy.displayName], ["approved", `leader${town.n}`, `leader${town.n}`]);
    const again = await town.leader.post(`${url}/approve`, { version: approved.body.version });
    assert.deepEqual([again.status, again.body.code], [409, "report.notDraft"]);
    assert.equal((await town.officer.patch(url, { version: approved.body.version, title: "改" })).body.code, "report.notDraft");

    t.clock.advanceMinutes(5);
    const sentAt = t.clock.now().toISOString();
    const sent = await town.duty.post(`${url}/send`, { version: approved.body.version });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.deepEqual([sent.body.status, sent.body.sentAt, sent.body.toOrg], ["sent", sentAt, { id: world.county.id, name: "测试县" }]);
    assert.deepEqual(sent.body.actions, []);
    assert.equal((await town.duty.post(`${url}/send`, { version: sent.body.version })).body.code, "report.alreadySent");

    const inbox = await countyDuty.get("/api/incident-reports/inbox");
    assert.equal(inbox.status, 200);
    const received = inbox.body.items.find((item: { id: string }) => item.id === drafted.id);
    assert.deepEqual([received.title, received.fromOrg.name, received.toOrg.name, received.incidentId, received.level], [drafted.title, `青山镇${town.n}`, "测试县", incident.id, "IV"]);
    assert.equal((await countyDuty.get(url)).status, 200, "the parent reads what it received");
    assert.deepEqual((await town.officer.get("/api/incident-reports/inbox")).body.items, [], "the township received nothing");
    assert.equal((await town.reporter.get("/api/incident-reports/inbox")).status, 403);

    // Listed by due time: the follow-up, an hour after sending, falls before the initial deadline.
    const [followUp, initial, ...rest] = await reportDeadlines(town, incident.id);
    assert.deepEqual(rest, []);
    assert.deepEqual([initial!.state, initial!.dueAt, initial!.metAt], ["met", at(RESPONSE_MINUTES.IV.report, openedAt), sentAt]);
    assert.deepEqual([followUp!.state, followUp!.dueAt], ["pending", at(FOLLOW_UP_EVERY, new Date(sentAt))], "the next follow-up is due an hour after");
    const kinds = (await timeline(town, incident.id)).map((e: { detail: { kind: string } }) => e.detail.kind);
    assert.deepEqual(kinds.slice(-7), ["report_drafted", "report_edited", "report_approved", "report_sent", "notified", "deadline_met", "deadline_created"]);
    const notifiedEntry = (await timeline(town, incident.id)).findLast((e: { detail: { kind: string } }) => e.detail.kind === "notified");
    assert.deepEqual([notifiedEntry.detail.notificationKind, notifiedEntry.detail.recipients.map((r: { name: string }) => r.name)], ["report_received", ["县值班员"]]);
    const notifications = (await countyDuty.get("/api/notifications")).body.items.filter((n: { incidentId: string }) => n.incidentId === incident.id);
    assert.deepEqual(notifications.map((n: { kind: string; title: string }) => [n.kind, n.title]), [["report_received", drafted.title]], "the county's duty officer is told");
    const sentEntry = (await timeline(town, incident.id)).find((e: { detail: { kind: string } }) => e.detail.kind === "report_sent");
    assert.deepEqual([sentEntry.detail.toOrgName, sentEntry.actor.name], ["测试县", `duty${town.n}`]);
    const audits = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.recordId, incident.id), eq(auditLog.action, "incident.report.send")));
    assert.equal(audits.length, 1);
  });

  it("a report sent after the deadline meets it late; the follow-up then meets the follow-up deadline and schedules the next", async () => {
    const town = await township();
    const openedAt = t.clock.now();
    const incident = await openIncident(town);
    t.clock.advanceMinutes(RESPONSE_MINUTES.IV.report + 15);
    await runDue(t.db, deadlineHandlers, t.clock.now());
    assert.equal((await reportDeadlines(town, incident.id))[0]!.state, "overdue");
    const initial = await approveAndSend(town, incident.id, await draft(town, incident.id));
    const [late] = await reportDeadlines(town, incident.id);
    assert.deepEqual([late!.state, late!.dueAt, late!.metAt], ["met_late", at(RESPONSE_MINUTES.IV.report, openedAt), initial.sentAt]);
    const met = (await timeline(town, incident.id)).filter((e: { detail: { kind: string } }) => e.detail.kind === "deadline_met");
    assert.deepEqual(met.map((e: { detail: { late: boolean } }) => e.detail.late), [true]);

    t.clock.advanceMinutes(FOLLOW_UP_EVERY - 10);
    const followUp = await draft(town, incident.id, "follow_up");
    assert.deepEqual([followUp.kind, followUp.sequence, followUp.title], ["follow_up", 1, `青山镇${town.n}关于仓库火灾的第1次续报`]);
    const sentFollowUp = await approveAndSend(town, incident.id, followUp);
    const deadlines = await reportDeadlines(town, incident.id);
    assert.deepEqual(
      deadlines.map((d) => [d.state, d.dueAt]),
      [
        ["met_late", at(RESPONSE_MINUTES.IV.report, openedAt)],
        ["met", at(FOLLOW_UP_EVERY, new Date(initial.sentAt))],
        ["pending", at(FOLLOW_UP_EVERY, new Date(sentFollowUp.sentAt))],
      ],
    );
    assert.equal((await draft(town, incident.id, "follow_up")).sequence, 2, "follow-ups are numbered in order");
  });

  it("refuses a second initial report, a follow-up before the initial one went up, and a final one before closing; nothing changes", async () => {
    const town = await township();
    const incident = await openIncident(town);
    const before = await databaseChecksum(t.db.orm);
    const followUp = await town.officer.post(`/api/incidents/${incident.id}/reports`, { kind: "follow_up" });
    assert.deepEqual([followUp.status, followUp.body.code], [409, "report.initialNotSent"]);
    const final = await town.officer.post(`/api/incidents/${incident.id}/reports`, { kind: "final" });
    assert.deepEqual([final.status, final.body.code], [409, "report.finalNeedsClosure"]);
    const unknown = await town.officer.post(`/api/incidents/${incident.id}/reports`, { kind: "weekly" });
    assert.deepEqual([unknown.status, unknown.body.errors?.[0]?.field], [400, "kind"]);
    assert.equal(await databaseChecksum(t.db.orm), before);
    await draft(town, incident.id);
    const second = await town.officer.post(`/api/incidents/${incident.id}/reports`, { kind: "initial" });
    assert.deepEqual([second.status, second.body.code], [409, "report.initialExists"]);
    const bad = await town.officer.patch(`/api/incidents/${incident.id}/reports/${(await town.officer.get(`/api/incidents/${incident.id}/reports`)).body.items[0].id}`, {
      version: 1,
      content: { figures: { peopleInvolved: -1, onlookers: 0, deaths: 0, injuries: 0, missing: 0, economicLoss: 0 } },
    });
    assert.deepEqual([bad.status, bad.body.errors?.[0]?.field], [400, "content.figures.peopleInvolved"]);
  });

  it("keeps reports to the incident's jurisdiction and its staff: another township and the filing reporter get 404", async () => {
    const town = await township();
    const incident = await openIncident(town);
    const report = await draft(town, incident.id);
    const other = await t.signIn("b-officer");
    for (const url of [`/api/incidents/${incident.id}/reports`, `/api/incidents/${incident.id}/reports/${report.id}`, `/api/incidents/${incident.id}/reports/${report.id}/export.docx`, `/api/incidents/${incident.id}/cap.xml`]) {
      assert.equal((await other.get(url)).status, 404, url);
    }
    assert.equal((await other.post(`/api/incidents/${incident.id}/reports`, { kind: "initial" })).status, 404);
    const filed = await town.reporter.post("/api/incidents", sampleReport(town.org));
    assert.equal((await town.reporter.get(`/api/incidents/${filed.body.id}`)).status, 200);
    assert.equal((await town.reporter.get(`/api/incidents/${filed.body.id}/reports`)).status, 404, "the filer reads the incident, not the staff's reports");
    const listed = await town.officer.get(`/api/incidents/${incident.id}/reports`);
    assert.deepEqual(listed.body.items.map((item: { id: string }) => item.id), [report.id]);
  });
});
