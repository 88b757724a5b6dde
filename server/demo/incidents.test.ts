import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { IncidentReportSummary, IncidentReview } from "@shared/incidents/report-schemas.ts";
import type { Incident, IncidentEvent, IncidentSummary } from "@shared/incidents/schemas.ts";
import type { LiveBoard } from "@shared/live/schemas.ts";
import { verifyAuditChain } from "../audit/verify.ts";
import { type TestApp, type TestClient, startTestApp } from "../testing/test-app.ts";
import { OPEN_INCIDENT_MINUTES_AGO, OPEN_INCIDENT_TITLE } from "./incidents.ts";
import { DEMO_PASSWORD, loadDemoTownship } from "./township.ts";

const LOADED_AT = "2026-03-11T14:00:00+08:00";
const CLOSED = ["工业园区华达物流仓库火灾", "竹林村后山组山体滑坡", "青山镇中心小学学生疑似食物中毒"];

describe("the demonstration township's incidents", () => {
  let t: TestApp;
  let officer: TestClient;
  let incidents: IncidentSummary[];
  before(async () => {
    t = await startTestApp();
    t.clock.set(LOADED_AT);
    await loadDemoTownship(t.db.orm, t.clock);
    officer = await t.signIn("officer", DEMO_PASSWORD);
    incidents = (await officer.get("/api/incidents?limit=50")).body.items;
  });
  after(() => t.close());

  const named = (title: string) => incidents.find((incident) => incident.title === title)!;
  const timelineOf = async (title: string) => (await officer.get(`/api/incidents/${named(title).id}/timeline`)).body.items as IncidentEvent[];

  it("shows the open flood on the duty officer's live board, with deadlines met, overdue and still counting down", async () => {
    const duty = await t.signIn("duty", DEMO_PASSWORD);
    const board = (await duty.get("/api/live-board")).body as LiveBoard;
    assert.deepEqual(
      board.incidents.map((incident) => incident.title),
      [OPEN_INCIDENT_TITLE],
    );
    const flood = board.incidents[0]!;
    assert.equal(flood.status, "open");
    assert.equal(flood.level, "III");
    assert.equal(new Date(LOADED_AT).getTime() - new Date(flood.reportedAt).getTime(), OPEN_INCIDENT_MINUTES_AGO * 60_000);
    const states = (status: string) => flood.deadlines.filter((deadline) => deadline.status === status);
    assert.ok(states("met").some((deadline) => deadline.kind === "acknowledgement"), "step 1 acknowledged");
    assert.ok(states("met").some((deadline) => deadline.kind === "report"), "the initial report went up in time");
    assert.ok(states("met").some((deadline) => deadline.kind === "on_site"), "the leader on duty is on site");
    assert.deepEqual(states("fired").map((deadline) => deadline.label), ["组织先期处置，设置现场警戒"]);
    const counting = states("pending");
    assert.ok(counting.length >= 3, `${counting.length} deadlines counting down`);
    // Far enough ahead that a browser test on the served demo never sees one of them fire.
    for (const deadline of counting) assert.ok(new Date(deadline.dueAt).getTime() - new Date(LOADED_AT).getTime() >= 20 * 60_000, deadline.label);
    assert.equal(flood.overdueTasks, 1);
    assert.ok(flood.unacknowledgedNotifications >= 2, "the county's receipt of the report and the overdue task's reminder wait");
    assert.equal(board.unacknowledgedNotifications, 0, "the duty officer has answered everything of theirs");
    assert.ok(board.onDuty.shifts.length > 0);
  });

  it("closes the fire, the landslide and the food poisoning with reviews whose timings the server computed", async () => {
    for (const title of CLOSED) {
      const incident = named(title);
      assert.equal(incident.status, "closed", title);
      const reviews = (await officer.get(`/api/incidents/${incident.id}/reviews`)).body.items as IncidentReview[];
      assert.equal(reviews.length, 1, title);
      const { timings, followUpActions } = reviews[0]!;
      assert.ok(timings.some((timing) => timing.kind === "acknowledgement" && timing.result !== "cancelled"), title);
      assert.ok(timings.some((timing) => timing.kind === "report" && timing.result === "on_time"), title);
      assert.ok(timings.some((timing) => timing.kind === "on_site" && timing.result === "on_time"), title);
      assert.ok(followUpActions.length >= 2, title);
    }
    const fire = (await officer.get(`/api/incidents/${named(CLOSED[0]!).id}/reviews`)).body.items[0] as IncidentReview;
    assert.deepEqual(
      fire.timings.filter((timing) => timing.kind === "acknowledgement").map((timing) => [timing.step, timing.result]),
      [
        [1, "late"],
        [2, "on_time"],
        [3, "cancelled"],
      ],
    );
    assert.ok(fire.timings.some((timing) => timing.kind === "task" && timing.result === "late"), "the cordon was late");
  });

  it("writes real timelines: the fire escalated because step 1 went unacknowledged, then was acknowledged", async () => {
    const fire = (await timelineOf(CLOSED[0]!)).map((event) => event.detail);
    const overdue = fire.findIndex((detail) => detail.kind === "deadline_overdue" && detail.deadlineKind === "acknowledgement");
    const escalated = fire.findIndex((detail) => detail.kind === "escalated" && detail.step === 2);
    const answered = fire.findIndex((detail) => detail.kind === "acknowledged" && detail.step === 2 && !detail.late);
    assert.ok(overdue >= 0 && overdue < escalated && escalated < answered, "overdue, escalated, acknowledged, in that order");
    for (const title of CLOSED) {
      const events = await timelineOf(title);
      const kinds = new Set<string>(events.map((event) => event.detail.kind));
      for (const kind of ["reported", "plan_activated", "notified", "acknowledged", "task_changed", "on_site", "report_sent", "closed"]) assert.ok(kinds.has(kind), `${title}: ${kind}`);
      const times = events.map((event) => new Date(event.at).getTime());
      assert.deepEqual(times, [...times].sort((a, b) => a - b), `${title}: in time order`);
      assert.ok(times.every((time) => time < new Date(LOADED_AT).getTime() - 24 * 3600_000 && time > new Date(LOADED_AT).getTime() - 62 * 24 * 3600_000), title);
    }
    const poisoning = (await officer.get(`/api/incidents/${named(CLOSED[2]!).id}`)).body as Incident;
    assert.ok(
      poisoning.tasks.some((task) => task.followUp && task.status === "in_progress" && !task.overdue),
      "a follow-up action is still being carried out",
    );
  });

  it("sends the initial, follow-up and final reports up to the county's inbox, where its duty officer acknowledged them", async () => {
    const county = await t.signIn("county-duty", DEMO_PASSWORD);
    const inbox = (await county.get("/api/incident-reports/inbox?limit=50")).body as { items: IncidentReportSummary[]; total: number };
    assert.equal(inbox.total, 11);
    assert.ok(inbox.items.every((report) => report.fromOrg.name === "青山镇" && report.toOrg?.name === "临江县" && report.status === "sent"));
    for (const title of CLOSED) {
      const kinds = inbox.items.filter((report) => report.incidentTitle === title).map((report) => report.kind);
      assert.ok(kinds.includes("initial") && kinds.includes("final") && kinds.includes("follow_up"), title);
    }
    assert.deepEqual(
      inbox.items.filter((report) => report.incidentTitle === OPEN_INCIDENT_TITLE).map((report) => report.kind),
      ["initial"],
    );
    const board = (await county.get("/api/live-board")).body as LiveBoard;
    assert.equal(board.unacknowledgedNotifications, 1, "only the open flood's initial report waits for the county");

    const final = inbox.items.find((report) => report.kind === "final")!;
    const opened = await county.get(`/api/incidents/${final.incidentId}/reports/${final.id}`);
    assert.equal(opened.status, 200);
    assert.ok(opened.body.content.signer, "signed by the approving leader");
    assert.ok(opened.body.review, "a final report carries the review");
    assert.equal((await county.get(`/api/incidents/${final.incidentId}/reports/${final.id}/export.docx`)).status, 200);
  });

  it("keeps the audit chain whole", async () => {
    assert.equal((await verifyAuditChain(t.db.orm)).ok, true);
  });
});
