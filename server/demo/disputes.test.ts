import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CREDIT_CODE_PATTERN, DISPUTE_STATUSES, type Dispute, type DisputeEvent, type DisputeSummary, isResidentIdNumber } from "@shared/disputes/schemas.ts";
import { periodStartAt, previousPeriodStart } from "@shared/disputes/screening-periods.ts";
import type { ScreeningReportBoard } from "@shared/disputes/screening-schemas.ts";
import { verifyAuditChain } from "../audit/verify.ts";
import { type TestApp, type TestClient, startTestApp } from "../testing/test-app.ts";
import { DEMO_PASSWORD, loadDemoTownship } from "./township.ts";

const LOADED_AT = "2026-03-11T14:00:00+08:00";
const DAY_MS = 24 * 60 * 60_000;

describe("the demonstration township's disputes", () => {
  let t: TestApp;
  let officer: TestClient;
  let list: DisputeSummary[];
  let records: Dispute[];
  let timelines: Map<string, DisputeEvent[]>;
  before(async () => {
    t = await startTestApp();
    t.clock.set(LOADED_AT);
    await loadDemoTownship(t.db.orm, t.clock);
    officer = await t.signIn("officer", DEMO_PASSWORD);
    list = (await officer.get("/api/disputes?limit=200")).body.items;
    records = await Promise.all(list.map(async ({ id }) => (await officer.get(`/api/disputes/${id}`)).body as Dispute));
    timelines = new Map(await Promise.all(list.map(async ({ id }) => [id, (await officer.get(`/api/disputes/${id}/timeline`)).body.items as DisputeEvent[]] as const)));
  });
  after(() => t.close());

  const withStatus = (status: string) => records.filter((d) => d.status === status);
  const entries = (kind: string) => [...timelines.values()].flat().filter((event) => event.detail.kind === kind);

  it("registers about sixty disputes over the last half year, of every status, type, source and the villages and township", async () => {
    assert.ok(list.length >= 55 && list.length <= 70, `${list.length} disputes`);
    for (const status of DISPUTE_STATUSES) assert.ok(withStatus(status).length > 0, `no ${status} dispute`);
    const loaded = new Date(LOADED_AT).getTime();
    for (const d of list) {
      const age = loaded - new Date(d.registeredAt).getTime();
      assert.ok(age > 0 && age <= 185 * DAY_MS, `${d.caseNumber} registered ${d.registeredAt}`);
    }
    for (const type of ["neighbours", "marriage_family", "land_forest", "labour_wages", "damage_compensation"]) assert.ok(list.filter((d) => d.type === type).length >= 4, type);
    const typeCount = ((await officer.get("/api/dispute-types")).body.items as unknown[]).length;
    assert.ok(new Set(list.map((d) => d.type)).size >= typeCount - 1, "nearly every type");
    for (const source of ["screening", "walk_in", "phone", "referral", "self_reported"]) assert.ok(list.some((d) => d.source === source), source);
    assert.ok(new Set(list.map((d) => d.orgName)).size >= 9, "every village and community, and the township itself");
    const high = list.filter((d) => d.risk === "high");
    assert.ok(high.length >= 2 && high.length <= 3, `${high.length} at high risk`);
    assert.ok(list.filter((d) => d.risk === "low").length > list.length / 2, "mostly low risk");
    for (const d of records.filter((r) => r.risk !== "low")) assert.ok(d.riskReason, `${d.caseNumber} says why its risk is ${d.risk}`);
  });

  it("names parties with valid resident ID numbers, and companies with credit codes", () => {
    const parties = records.flatMap((d) => d.parties);
    assert.ok(parties.some((p) => p.kind === "organisation"), "a company is a party");
    for (const party of parties) {
      assert.ok(party.idNumber, party.name);
      if (party.kind === "person") assert.ok(isResidentIdNumber(party.idNumber), `${party.name} ${party.idNumber}`);
      else assert.match(party.idNumber, CREDIT_CODE_PATTERN, party.name);
      assert.match(party.contactPhone ?? "", /^1\d{10}$/, party.name);
    }
  });

  it("mediates most cases to an agreement, followed up and mostly performed, and reopens one that was not", () => {
    const concluded = records.filter((d) => ["agreed", "not_agreed", "withdrawn", "closed"].includes(d.status));
    const agreed = concluded.filter((d) => d.agreements.length > 0);
    assert.ok(agreed.length / concluded.length >= 0.6, `${agreed.length} of ${concluded.length} concluded with an agreement`);
    assert.ok(agreed.some((d) => d.agreements.some((a) => a.form === "oral")), "some agreements are oral");
    for (const d of records.filter((r) => r.mediators.length > 0)) assert.equal(d.mediators.filter((m) => m.lead).length, 1, d.caseNumber);
    for (const d of records.filter((r) => r.agreements.length > 0)) assert.ok(d.sessions.length >= 1, d.caseNumber);
    const visited = records.flatMap((d) => d.followUps).filter((f) => f.performance !== null);
    assert.ok(visited.filter((f) => f.performance === "fully").length >= 20, "most visits found the agreement performed");
    const reopened = entries("reopened");
    assert.ok(reopened.length >= 2, "a failed follow-up or a returned referral reopened mediation");
    assert.ok(records.some((d) => d.agreements.length === 2), "one reopened case agreed again");
    assert.ok(records.some((d) => d.status === "in_mediation" && d.followUps.some((f) => f.performance === "not")), "one is being mediated again");
  });

  it("lets the deadlines fire as in life: reminders, overdue cases, follow-up visits due, and extensions with the parties' agreement", () => {
    assert.ok(entries("mediation_overdue").length >= 3, "some cases ran past their mediation deadline");
    assert.ok(entries("follow_up_due").length >= 2, "some visits were due before they were made");
    assert.ok(entries("notified").some((e) => e.detail.kind === "notified" && e.detail.notificationKind === "dispute_reminder"), "mediators were reminded");
    assert.ok(records.filter((d) => d.extensions.length > 0).length >= 2, "extended");
    const loaded = new Date(LOADED_AT).getTime();
    const overdueOpen = records.filter((d) => ["accepted", "in_mediation"].includes(d.status) && new Date(d.mediationDueAt!).getTime() < loaded);
    assert.ok(overdueOpen.length >= 1, "one case is overdue now");
  });

  it("refers, moves up and refuses a few cases", () => {
    const referrals = records.flatMap((d) => d.referrals);
    for (const result of ["handled", "returned", null]) assert.ok(referrals.some((r) => r.result === result), `a referral ${result ?? "still out"}`);
    assert.ok(new Set(referrals.map((r) => r.receiverKind)).size >= 3, "to several kinds of receiver");
    assert.ok(entries("moved_up").length >= 1, "a village moved a case up to the township");
    for (const d of withStatus("refused")) assert.ok(d.refusal?.redirectDetail, d.caseNumber);
  });

  it("has each committee's screening reports: most on time, some late, one or two missing", async () => {
    const township = list.find((d) => d.level === "township")!.orgId;
    const board = async (period: string) => (await officer.get(`/api/disputes/screening-reports?orgId=${township}&period=${period}`)).body as ScreeningReportBoard;
    const statuses: string[] = [];
    const current = periodStartAt(new Date(LOADED_AT));
    let period = previousPeriodStart(current);
    for (let i = 0; i < 10; i += 1, period = previousPeriodStart(period)) {
      // The committees: the villages, the communities and the township's own; a school or a company files none.
      statuses.push(...(await board(period)).items.filter((item) => item.orgName.endsWith("村") || item.orgName.endsWith("社区") || item.own).map((item) => item.status));
    }
    const count = (status: string) => statuses.filter((s) => s === status).length;
    assert.ok(count("on_time") > statuses.length * 0.8, `${count("on_time")} of ${statuses.length} on time`);
    assert.ok(count("late") >= 1, "late ones");
    assert.ok(count("missing") >= 1 && count("missing") <= 3, `${count("missing")} missing`);
    assert.ok((await board(current)).items.every((item) => item.status === "pending"), "the current half-month is not due yet");
    const filed = await board(previousPeriodStart(current));
    assert.ok(filed.items.some((item) => (item.report?.figures.totals.found ?? 0) > 0), "the reports count the register's cases");
  });

  it("leaves the audit chain whole", async () => {
    assert.equal((await verifyAuditChain(t.db.orm)).ok, true);
  });
});
