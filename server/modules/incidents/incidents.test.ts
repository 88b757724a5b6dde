// Intake, level and later reports of incidents, through the API on a real database.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, incidentEvents, incidents } from "../../db/schema.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { type World, makeOrg, makeWorld } from "../../testing/factories.ts";
import { makeResponsePlan, sampleReport } from "../../testing/incident-factories.ts";
import { makePlan } from "../../testing/plan-factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

describe("incidents: intake and level", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  let reporter: TestClient;
  let villageReporter: TestClient;
  let townshipPlan: Awaited<ReturnType<typeof makeResponsePlan>>;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    townshipPlan = await makeResponsePlan(t.db.orm, world.townshipA);
    [officer, reporter, villageReporter] = await Promise.all([t.signIn("a-officer"), t.signIn("a-reporter"), t.signIn("v-reporter")]);
  });
  after(() => t.close());

  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const report = async (client: TestClient, overrides: Parameters<typeof sampleReport>[1] = {}, org = world.townshipA) => {
    const res = await client.post("/api/incidents", sampleReport(org, overrides));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const kinds = async (client: TestClient, id: string) => (await client.get(`/api/incidents/${id}/timeline`)).body.items.map((e: { detail: { kind: string } }) => e.detail.kind);

  it("takes a village reporter's report for its own village, suggesting the level from the township's plan", async () => {
    const res = await villageReporter.post("/api/incidents", sampleReport(world.villageA, { latitude: 30.25, longitude: 120.17 }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const incident = res.body;
    assert.equal(incident.status, "reported");
    assert.equal(incident.orgName, "甲一村");
    assert.equal(incident.suggestedLevel, "IV", "12 people involved meets the general level's 10");
    assert.equal(incident.level, null);
    assert.deepEqual(incident.plan, { id: townshipPlan.plan.id, versionId: townshipPlan.version.id, versionNo: 1, title: townshipPlan.version.title, orgName: "甲镇" });
    assert.deepEqual([incident.latitude, incident.longitude], [30.25, 120.17]);
    assert.equal(incident.economicLoss, 20);
    assert.equal(incident.reporterContact, "13800001234", "the filer sees the contact it gave");
    assert.deepEqual(incident.deadlines, []);
    assert.deepEqual(incident.actions, ["update", "addNote", "attach"]);
    assert.deepEqual(await kinds(villageReporter, incident.id), ["reported", "notified"]);
    // The answer to the report is built without reading it back: it must be what reading it shows.
    assert.deepEqual(incident, (await villageReporter.get(`/api/incidents/${incident.id}`)).body);
    const [audit] = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "incident.report"), eq(auditLog.recordId, incident.id)));
    assert.deepEqual(audit?.detail, { category: "accident_disaster", suggestedLevel: "IV" });
  });

  it("tells whoever may report for an org the subtypes its plan lists, and nobody outside it", async () => {
    const res = await villageReporter.get(`/api/incidents/subtypes?orgId=${world.villageA.id}&category=accident_disaster`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { items: townshipPlan.version.content.categories.find((c) => c.category === "accident_disaster")!.subtypes, planTitle: townshipPlan.version.title });
    assert.ok(res.body.items.includes("火灾事故"));
    const none = await villageReporter.get(`/api/incidents/subtypes?orgId=${world.villageA.id}&category=public_health`);
    assert.deepEqual(none.body, { items: [], planTitle: null }, "no plan for the category: the field is free text");
    assert.equal((await villageReporter.get(`/api/incidents/subtypes?orgId=${world.townshipB.id}&category=accident_disaster`)).status, 404);
    assert.equal((await reporter.get(`/api/incidents/subtypes?orgId=${world.villageA.id}&category=accident_disaster`)).status, 403, "a reporter reports for its own org only");
    const bad = await villageReporter.get(`/api/incidents/subtypes?orgId=${world.villageA.id}&category=war`);
    assert.equal(bad.status, 400);
    assert.deepEqual(fields(bad), ["category"]);
  });

  it("makes one incident of a report the phone sent twice, even both at once, and a separate one of another reporter's same id", async () => {
    const clientReportId = "5b0c1f6e-2d7a-4c1e-9f3a-7d2e8c4b1a90";
    const count = async () => (await t.db.orm.select({ id: incidents.id }).from(incidents).where(eq(incidents.clientReportId, clientReportId))).length;
    const [first, second] = await Promise.all([1, 2].map(() => villageReporter.post("/api/incidents", sampleReport(world.villageA, { clientReportId }))));
    assert.deepEqual([first!.status, second!.status], [201, 201]);
    assert.equal(first!.body.id, second!.body.id, "the resend answers with the incident the first send made");
    const again = await villageReporter.post("/api/incidents", sampleReport(world.villageA, { clientReportId, title: "改了标题" }));
    assert.equal(again.body.id, first!.body.id);
    assert.equal(again.body.title, "仓库火灾", "a resend is the same report, not an edit");
    assert.deepEqual(await kinds(villageReporter, first!.body.id), ["reported", "notified"], "the duty room is rung once");
    const other = await report(officer, { clientReportId });
    assert.notEqual(other.id, first!.body.id, "ids are the reporting account's own");
    assert.equal(await count(), 2);
  });

  it("suggests the most severe level any one threshold of the plan reaches, and none below the lowest", async () => {
    const cases: [Record<string, number>, string | null][] = [
      [{ peopleInvolved: 5 }, null],
      [{ peopleInvolved: 10 }, "IV"],
      [{ peopleInvolved: 25 }, "III"],
      [{ peopleInvolved: 5, deaths: 3 }, "II"],
      [{ peopleInvolved: 150 }, "I"],
      [{ peopleInvolved: 20, deaths: 10 }, "I"],
    ];
    for (const [figures, expected] of cases) {
      const incident = await report(officer, figures);
      assert.equal(incident.suggestedLevel, expected, JSON.stringify(figures));
    }
  });

  it("takes the suggestion from the org's own plan, else the nearest org above with one, else none", async () => {
    const village = await makeOrg(t.db.orm, { parent: world.townshipA, kind: "village" });
    const own = await makePlan(t.db.orm, village, { title: "村级预案" });
    assert.equal((await report(officer, {}, village)).plan.id, own.plan.id);
    const unit = await makeOrg(t.db.orm, { parent: village, kind: "unit" });
    assert.equal((await report(officer, {}, unit)).plan.id, own.plan.id, "a unit of the village works under the village's plan");
    const planless = await report(officer, { category: "public_health", subtype: "食物中毒" });
    assert.equal(planless.plan, null, "no plan for this category up the tree");
    assert.deepEqual(planless, (await officer.get(`/api/incidents/${planless.id}`)).body);
  });

  it("lets staff report for an org below, a reporter only for its own org, nobody outside its jurisdiction", async () => {
    assert.equal((await officer.post("/api/incidents", sampleReport(world.villageA))).status, 201);
    assert.equal((await reporter.post("/api/incidents", sampleReport(world.villageA))).status, 403);
    assert.equal((await officer.post("/api/incidents", sampleReport(world.townshipB))).status, 404);
  });

  it("shows an incident to the staff of its jurisdiction and to its filer, masking the contact for those who do not handle it", async () => {
    const filed = await report(reporter);
    const byOfficer = await report(officer);
    const auditor = await t.signIn("a-auditor");
    assert.equal((await reporter.get(`/api/incidents/${filed.id}`)).body.reporterContact, "13800001234");
    assert.equal((await officer.get(`/api/incidents/${filed.id}`)).body.reporterContact, "13800001234");
    const seen = await auditor.get(`/api/incidents/${filed.id}`);
    assert.equal(seen.status, 200);
    assert.notEqual(seen.body.reporterContact, "13800001234");
    assert.match(seen.body.reporterContact, /\*/);
    assert.deepEqual(seen.body.actions, []);
    assert.equal((await reporter.get(`/api/incidents/${byOfficer.id}`)).status, 404, "a reporter sees only what it filed");
    assert.equal((await (await t.signIn("b-officer")).get(`/api/incidents/${filed.id}`)).status, 404);
    const reads = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "incident.read"), eq(auditLog.recordId, filed.id)));
    assert.equal(reads.length, 2, "staff reads of the full record are audited; the filer's own is not");

    const mine = await reporter.get("/api/incidents?limit=200");
    assert.ok(mine.body.items.length > 0);
    assert.ok(mine.body.items.every((item: { id: string }) => item.id !== byOfficer.id));
    assert.ok(!("reporterContact" in mine.body.items[0]), "lists carry no contact data");
  });

  it("lists with filters: org subtree, status, level, category, text, paging", async () => {
    const village = await makeOrg(t.db.orm, { parent: world.townshipA, kind: "village", name: "筛选村" });
    const a = await report(officer, { title: "河堤管涌险情", category: "natural_disaster", subtype: null }, village);
    t.clock.advanceMinutes(1);
    const b = await report(officer, { title: "化工厂泄漏", peopleInvolved: 60 }, village);
    await officer.post(`/api/incidents/${b.id}/level`, { version: b.version, level: "II" });
    const ids = async (query: string) => (await officer.get(`/api/incidents?${query}`)).body.items.map((i: { id: string }) => i.id);
    assert.deepEqual(await ids(`orgId=${village.id}`), [b.id, a.id]);
    assert.deepEqual(await ids(`orgId=${village.id}&status=open`), [b.id]);
    assert.deepEqual(await ids(`orgId=${village.id}&level=II`), [b.id]);
    assert.deepEqual(await ids(`orgId=${village.id}&category=natural_disaster`), [a.id]);
    assert.deepEqual(await ids(`q=${encodeURIComponent("管涌")}`), [a.id]);
    const page = await officer.get(`/api/incidents?orgId=${village.id}&limit=1&offset=1`);
    assert.deepEqual([page.body.total, page.body.items.map((i: { id: string }) => i.id)], [2, [a.id]]);
    assert.deepEqual(await ids(`orgId=${world.villageA.id}&q=${encodeURIComponent("管涌")}`), [], "another subtree");

    // The org filter narrows the caller's reach and never widens it.
    await makeResponsePlan(t.db.orm, world.townshipB);
    await report(await t.signIn("b-officer"), { title: "乙镇山体滑坡" }, world.townshipB);
    assert.deepEqual(await ids(`orgId=${world.townshipB.id}`), [], "a township outside the officer's reach");
    assert.deepEqual(await ids(`orgId=${world.county.id}&q=${encodeURIComponent("滑坡")}`), [], "the county above it: only the officer's own subtree");
    const byReporter = await report(reporter, { title: "仓库冒烟" });
    const reporterSees = (await reporter.get(`/api/incidents?orgId=${world.townshipA.id}&limit=200`)).body.items.map((i: { id: string }) => i.id);
    assert.ok(reporterSees.includes(byReporter.id), "a reporter filtering by its township sees what it filed there");
    assert.ok(!reporterSees.includes(a.id) && !reporterSees.includes(b.id), "and not the officer's reports in it");
  });

  it("refuses impossible reports with a 4xx naming the field, in the caller's language, and changes nothing", async () => {
    const before = await databaseChecksum(t.db.orm);
    const cases: [string, Record<string, unknown>, string][] = [
      ["negative deaths", { deaths: -1 }, "deaths"],
      ["fractional injuries", { injuries: 1.5 }, "injuries"],
      ["negative loss", { economicLoss: -3 }, "economicLoss"],
      ["occurred an hour ahead", { occurredAt: "2026-03-02T09:00:00+08:00" }, "occurredAt"],
      ["a subtype the plan does not list", { subtype: "外星人入侵" }, "subtype"],
      ["an unknown category", { category: "alien_invasion" }, "category"],
      ["latitude without longitude", { latitude: 30.1 }, "longitude"],
      ["latitude out of range", { latitude: 91, longitude: 120 }, "latitude"],
      ["a contact that is not a phone number", { reporterContact: "不告诉你" }, "reporterContact"],
    ];
    for (const [name, overrides, field] of cases) {
      const res = await officer.post("/api/incidents", { ...sampleReport(world.townshipA), ...overrides });
      assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(fields(res), [field], name);
    }
    const english = await officer.request("POST", "/api/incidents", { ...sampleReport(world.townshipA), occurredAt: "2026-03-02T09:00:00+08:00" }, { "accept-language": "en" });
    assert.equal(english.body.errors[0].message, "May not be later than now");
    const chinese = await officer.post("/api/incidents", { ...sampleReport(world.townshipA), subtype: "外星人入侵" });
    assert.match(chinese.body.errors[0].message, /子类/);
    assert.equal(await databaseChecksum(t.db.orm), before);
    assert.equal((await officer.post("/api/incidents", sampleReport(world.townshipA, { occurredAt: "2026-03-02T08:04:00+08:00" }))).status, 201, "a phone clock a few minutes ahead is tolerated");
  });

  it("confirms the suggested level without a reason, and opening records the plan version it runs under", async () => {
    const incident = await report(officer);
    const res = await officer.post(`/api/incidents/${incident.id}/level`, { version: incident.version, level: "IV" });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, "open");
    assert.equal(res.body.level, "IV");
    assert.equal(res.body.openedAt, t.clock.now().toISOString());
    assert.equal(res.body.plan.versionId, townshipPlan.version.id);
    assert.deepEqual((await kinds(officer, incident.id)).slice(0, 5), ["reported", "notified", "received", "level_set", "plan_activated"], "deciding the level receives the report");
  });

  it("requires a reason to override the suggestion, and refuses a stale version or the same level again", async () => {
    const incident = await report(officer);
    const before = await databaseChecksum(t.db.orm);
    const noReason = await officer.post(`/api/incidents/${incident.id}/level`, { version: incident.version, level: "III" });
    assert.equal(noReason.status, 400);
    assert.deepEqual(fields(noReason), ["reason"]);
    assert.equal((await officer.post(`/api/incidents/${incident.id}/level`, { version: incident.version + 1, level: "IV" })).status, 409);
    assert.equal((await reporter.post(`/api/incidents/${incident.id}/level`, { version: incident.version, level: "IV" })).status, 404, "a reporter does not set levels of what it did not file");
    assert.equal(await databaseChecksum(t.db.orm), before);

    const overridden = await officer.post(`/api/incidents/${incident.id}/level`, { version: incident.version, level: "III", reason: "周边有幼儿园，社会影响大" });
    assert.equal(overridden.status, 200);
    assert.equal(overridden.body.levelReason, "周边有幼儿园，社会影响大");
    const again = await officer.post(`/api/incidents/${incident.id}/level`, { version: overridden.body.version, level: "III", reason: "再确认" });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, "incident.levelUnchanged");
  });

  it("takes a later report that changes the numbers: the level is re-suggested, not changed, and the timeline keeps both", async () => {
    const incident = await report(officer);
    const opened = (await officer.post(`/api/incidents/${incident.id}/level`, { version: incident.version, level: "IV" })).body;
    const res = await officer.patch(`/api/incidents/${incident.id}`, { version: opened.version, peopleInvolved: 60, injuries: 4, trend: "火势已得到控制" });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.level, res.body.suggestedLevel], ["IV", "II"]);
    assert.equal(res.body.trend, "火势已得到控制");
    const timeline = (await officer.get(`/api/incidents/${incident.id}/timeline`)).body.items;
    const update = timeline.find((e: { detail: { kind: string } }) => e.detail.kind === "updated");
    assert.deepEqual(update.detail, {
      kind: "updated",
      figures: [
        { field: "peopleInvolved", from: 12, to: 60 },
        { field: "injuries", from: 1, to: 4 },
      ],
      fields: ["trend"],
      suggestedLevel: "II",
    });
    assert.equal(update.actor.name, world.officer.displayName);

    const before = await databaseChecksum(t.db.orm);
    assert.equal((await officer.patch(`/api/incidents/${incident.id}`, { version: opened.version, deaths: 1 })).status, 409, "stale version");
    const negative = await officer.patch(`/api/incidents/${incident.id}`, { version: res.body.version, deaths: -2 });
    assert.deepEqual([negative.status, fields(negative)], [400, ["deaths"]]);
    assert.equal(await databaseChecksum(t.db.orm), before);
  });

  it("lets the filer send a later report too, but not others of its org", async () => {
    const incident = await report(reporter);
    assert.equal((await reporter.patch(`/api/incidents/${incident.id}`, { version: incident.version, missing: 2 })).status, 200);
    const colleague = await t.signIn("a-inspector");
    assert.equal((await colleague.patch(`/api/incidents/${incident.id}`, { version: incident.version + 1, missing: 3 })).status, 404);
  });

  it("keeps notes in an append-only timeline, in order, with who wrote them", async () => {
    const incident = await report(officer);
    const noted = await officer.post(`/api/incidents/${incident.id}/notes`, { text: "已联系消防中队" });
    assert.equal(noted.status, 200);
    const last = noted.body.items.at(-1);
    assert.deepEqual(last.detail, { kind: "note", text: "已联系消防中队" });
    assert.deepEqual(last.actor, { id: world.officer.id, name: world.officer.displayName });
    assert.ok(noted.body.items.every((e: { seq: number }, i: number, all: { seq: number }[]) => i === 0 || e.seq > all[i - 1]!.seq));
    const refused = (error: Error) => /append-only/.test(String(error.cause ?? error));
    await assert.rejects(t.db.orm.update(incidentEvents).set({ kind: "note" }).where(eq(incidentEvents.incidentId, incident.id)), refused);
    await assert.rejects(t.db.orm.delete(incidentEvents).where(eq(incidentEvents.incidentId, incident.id)), refused);
    await assert.rejects(t.db.orm.execute(sql`TRUNCATE incident_events CASCADE`), refused);
  });
});
