import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import type { PlanContentInput } from "@shared/plans/schemas.ts";
import { auditLog, planVersions } from "../../db/schema.ts";
import { type World, makeOrg, makeWorld } from "../../testing/factories.ts";
import { makeGroup, makePlan, sampleLevel, samplePlanContent } from "../../testing/plan-factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

describe("emergency plans", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  let leader: TestClient;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    [officer, leader] = await Promise.all([t.signIn("a-officer"), t.signIn("a-leader")]);
  });
  after(() => t.close());

  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const statuses = (res: TestResponse) => res.body.versions.map((v: { versionNo: number; status: string }) => `v${v.versionNo} ${v.status}`);
  const auditOf = (action: string, recordId: string) => t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.recordId, recordId)));
  const write = async (client: TestClient, title: string, content: PlanContentInput = samplePlanContent(), orgId = world.townshipA.id) => {
    const res = await client.post("/api/plans", { orgId, title, content });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; version: number };
  };
  const only = (category: string) => samplePlanContent({ categories: [{ category: category as "natural_disaster" }] });
  /** An org of its own below township A, so that "one active plan per category" of one test does not meet another's. */
  const freshOrg = async () => (await makeOrg(t.db.orm, { parent: world.townshipA, kind: "village" })).id;

  describe("writing a plan", () => {
    it("keeps an officer's new plan as a draft version 1, with the document as sent and its defaults filled in", async () => {
      const lead = await makeGroup(t.db.orm, world.townshipA, { kind: "leadership", name: "防汛领导小组" });
      const general = await makeGroup(t.db.orm, world.townshipA, { name: "防汛综合组", parentId: lead.id });
      const content = samplePlanContent({
        categories: [{ category: "natural_disaster", subtypes: ["防汛防台", "地质灾害"] }],
        groupIds: [lead.id, general.id],
      });
      content.levels.III.response.tasks = [{ groupId: general.id, title: "转移危险区群众", dueWithinMinutes: 60 }];
      const res = await officer.post("/api/plans", { orgId: world.townshipA.id, title: "甲镇防汛防台应急预案", content });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.status, "draft");
      assert.equal(res.body.title, "甲镇防汛防台应急预案");
      assert.deepEqual(res.body.categories, ["natural_disaster"]);
      assert.equal(res.body.activeVersion, null);
      assert.equal(res.body.draftVersion.versionNo, 1);
      assert.deepEqual(statuses(res), ["v1 draft"]);
      assert.deepEqual(res.body.actions, ["update"], "an officer drafts but does not publish");
      const stored = res.body.versions[0].content;
      assert.deepEqual(stored.groupIds, [lead.id, general.id]);
      assert.equal(stored.levels.III.response.tasks[0].title, "转移危险区群众");
      assert.equal(stored.levels.IV.thresholds.minDeaths, null);
      assert.deepEqual(stored.levels.IV.response.reports, []);

      assert.deepEqual((await leader.get(`/api/plans/${res.body.id}`)).body.actions, ["update", "publish"]);
      assert.deepEqual((await (await t.signIn("a-reporter")).get(`/api/plans/${res.body.id}`)).body.actions, []);
      const [audit] = await auditOf("plan.create", res.body.id);
      assert.deepEqual(audit?.detail, { title: "甲镇防汛防台应急预案", versionNo: 1 });
    });

    it("refuses a document naming groups that are not the plan org's, pointing at each place", async () => {
      const ofVillage = await makeGroup(t.db.orm, world.villageA);
      const ofSibling = await makeGroup(t.db.orm, world.townshipB);
      const content = samplePlanContent({ groupIds: [ofVillage.id] });
      content.levels.II.response.tasks = [{ groupId: ofSibling.id, title: "处置", dueWithinMinutes: 30 }];
      content.levels.I.response.escalation = [{ notify: { groupIds: [crypto.randomUUID()] }, ackWithinMinutes: 5 }];
      const res = await officer.post("/api/plans", { orgId: world.townshipA.id, title: "引用错误的预案", content });
      assert.equal(res.status, 400);
      assert.deepEqual(fields(res).sort(), ["content.groupIds.0", "content.levels.I.response.escalation.0.notify.groupIds.0", "content.levels.II.response.tasks.0.groupId"].sort());
      assert.match(res.body.errors[0].message, /领导小组或工作组/);
      assert.equal((await t.db.orm.select().from(planVersions).where(eq(planVersions.title, "引用错误的预案"))).length, 0);
    });

    it("refuses thresholds that fall as severity rises, a level without escalation steps and minutes that are not positive, naming the field path", async () => {
      const falling = samplePlanContent();
      falling.levels.II = sampleLevel({ minPeopleInvolved: 15, minDeaths: 3 });
      const res = await officer.post("/api/plans", { orgId: world.townshipA.id, title: "门槛倒挂的预案", content: falling });
      assert.equal(res.status, 400);
      assert.deepEqual(fields(res), ["content.levels.II.thresholds.minPeopleInvolved"]);
      assert.match(res.body.errors[0].message, /较轻级别/);

      const noSteps = samplePlanContent();
      noSteps.levels.III.response.escalation = [];
      noSteps.levels.IV.response.escalation[0]!.ackWithinMinutes = 0;
      const res2 = await officer.post("/api/plans", { orgId: world.townshipA.id, title: "没有升级步骤的预案", content: noSteps });
      assert.equal(res2.status, 400);
      assert.deepEqual(fields(res2), ["content.levels.III.response.escalation", "content.levels.IV.response.escalation.0.ackWithinMinutes"]);
    });

    it("shows a plan to every role of its township but not to a village below or a sibling township, by id or in lists", async () => {
      const { plan } = await makePlan(t.db.orm, world.townshipA, { title: "只给甲镇看的预案" });
      const reporter = await t.signIn("a-reporter");
      assert.equal((await reporter.get(`/api/plans/${plan.id}`)).status, 200);
      assert.ok((await reporter.get("/api/plans?limit=200")).body.items.some((p: { id: string }) => p.id === plan.id));
      for (const username of ["v-admin", "b-admin"]) {
        const outsider = await t.signIn(username);
        assert.equal((await outsider.get(`/api/plans/${plan.id}`)).status, 404, username);
        assert.equal((await outsider.get(`/api/plans/${plan.id}/suggest-level?people=30`)).status, 404, username);
        assert.ok(!(await outsider.get("/api/plans?limit=200")).body.items.some((p: { id: string }) => p.id === plan.id), username);
      }
      const found = await reporter.get(`/api/plans?q=${encodeURIComponent("只给甲镇")}`);
      assert.deepEqual(found.body.items.map((p: { id: string }) => p.id), [plan.id]);
    });
  });

  describe("versions: draft → active → retired", () => {
    it("lets a leader publish a draft, but not an officer (403); the published version is in force", async () => {
      const plan = await write(officer, "森林火灾应急预案", only("natural_disaster"), await freshOrg());
      const refused = await officer.post(`/api/plans/${plan.id}/publish`, { version: plan.version });
      assert.equal(refused.status, 403);
      const res = await leader.post(`/api/plans/${plan.id}/publish`, { version: plan.version });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, "active");
      assert.deepEqual(statuses(res), ["v1 active"]);
      assert.equal(res.body.draftVersion, null);
      assert.ok(res.body.activeVersion.publishedAt);
      assert.deepEqual(res.body.actions, ["update", "retire"]);
      assert.equal((await auditOf("plan.publish", plan.id)).length, 1);
    });

    it("edits an active plan by starting a new draft; the old version stays in force until the new one is published, then retires", async () => {
      const plan = await write(officer, "甲镇安全生产事故应急预案", only("accident_disaster"), await freshOrg());
      const published = await leader.post(`/api/plans/${plan.id}/publish`, { version: plan.version });
      const v1 = published.body.activeVersion.id;

      const tighter = only("accident_disaster");
      tighter.levels.III = sampleLevel({ minPeopleInvolved: 15 });
      const edited = await officer.patch(`/api/plans/${plan.id}`, { version: published.body.version, title: "甲镇安全生产事故应急预案（修订）", content: tighter });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual(statuses(edited), ["v2 draft", "v1 active"]);
      assert.equal(edited.body.versions[1].title, "甲镇安全生产事故应急预案", "the version in force is untouched");
      assert.equal(edited.body.title, "甲镇安全生产事故应急预案", "the plan is listed under the title in force");
      const inForce = await officer.get(`/api/plans/${plan.id}/suggest-level?people=16`);
      assert.deepEqual([inForce.body.level, inForce.body.planVersionId], ["IV", v1], "16 people are still 'general' under version 1");

      const again = await officer.patch(`/api/plans/${plan.id}`, { version: edited.body.version, title: "甲镇安全生产事故应急预案（2026年修订）" });
      assert.deepEqual(statuses(again), ["v2 draft", "v1 active"], "a second edit changes the draft in place");
      assert.equal(again.body.draftVersion.title, "甲镇安全生产事故应急预案（2026年修订）");

      const republished = await leader.post(`/api/plans/${plan.id}/publish`, { version: again.body.version });
      assert.equal(republished.status, 200, JSON.stringify(republished.body));
      assert.deepEqual(statuses(republished), ["v2 active", "v1 retired"]);
      assert.ok(republished.body.versions[1].retiredAt);
      const now = await officer.get(`/api/plans/${plan.id}/suggest-level?people=16`);
      assert.deepEqual([now.body.level, now.body.versionNo], ["III", 2]);
      const updates = await auditOf("plan.update", plan.id);
      assert.deepEqual(updates.map((row) => (row.detail as { newDraft: boolean }).newDraft).sort(), [false, true]);
      assert.deepEqual((await auditOf("plan.publish", plan.id)).map((row) => row.detail).at(-1), { versionNo: 2, retiredVersionNo: 1 });
    });

    it("keeps one active plan per org and category: publishing an overlapping plan is refused with 409 naming the category", async () => {
      const org = await freshOrg();
      const first = await write(officer, "甲镇突发公共卫生事件应急预案", only("public_health"), org);
      await leader.post(`/api/plans/${first.id}/publish`, { version: first.version });
      const overlapping = await write(
        officer,
        "甲镇传染病疫情应急预案",
        samplePlanContent({ categories: [{ category: "social_security" }, { category: "public_health" }] }),
        org,
      );
      const res = await leader.post(`/api/plans/${overlapping.id}/publish`, { version: overlapping.version });
      assert.equal(res.status, 409);
      assert.equal(res.body.code, "plan.categoryTaken");
      assert.match(res.body.title, /公共卫生事件.*甲镇突发公共卫生事件应急预案/);
      assert.deepEqual(fields(res), ["content.categories.1.category"]);
      const english = await leader.request("POST", `/api/plans/${overlapping.id}/publish`, { version: overlapping.version }, { "accept-language": "en" });
      assert.match(english.body.title, /Public health event/);
      assert.deepEqual(statuses(await leader.get(`/api/plans/${overlapping.id}`)), ["v1 draft"], "nothing changed");

      const elsewhere = await write(officer, "另一个村的公共卫生应急预案", only("public_health"), await freshOrg());
      assert.equal((await leader.post(`/api/plans/${elsewhere.id}/publish`, { version: elsewhere.version })).status, 200, "another org may have its own");

      const retired = await leader.post(`/api/plans/${first.id}/retire`, { version: first.version + 1 });
      assert.equal(retired.status, 200, JSON.stringify(retired.body));
      assert.equal((await leader.post(`/api/plans/${overlapping.id}/publish`, { version: overlapping.version })).status, 200, "once the first is retired");
    });

    it("lets exactly one of two simultaneous publications of plans covering the same category through", async () => {
      const org = await freshOrg();
      const a = await write(officer, "并发预案甲", only("natural_disaster"), org);
      const b = await write(officer, "并发预案乙", only("natural_disaster"), org);
      const countyAdmin = await t.signIn("county-admin");
      const results = await Promise.all([leader.post(`/api/plans/${a.id}/publish`, { version: a.version }), countyAdmin.post(`/api/plans/${b.id}/publish`, { version: b.version })]);
      assert.deepEqual(results.map((res) => res.status).sort(), [200, 409]);
      assert.equal(results.find((res) => res.status === 409)!.body.code, "plan.categoryTaken");
    });

    it("refuses changes made at a stale version (409 staleVersion) and changes nothing", async () => {
      const plan = await write(officer, "版本冲突预案", only("social_security"));
      assert.equal((await officer.patch(`/api/plans/${plan.id}`, { version: plan.version, title: "版本冲突预案（一）" })).status, 200);
      for (const res of [
        await officer.patch(`/api/plans/${plan.id}`, { version: plan.version, title: "覆盖别人的修改" }),
        await leader.post(`/api/plans/${plan.id}/publish`, { version: plan.version }),
      ]) {
        assert.equal(res.status, 409);
        assert.equal(res.body.code, "staleVersion");
      }
      const now = (await officer.get(`/api/plans/${plan.id}`)).body;
      assert.deepEqual(statuses({ body: now } as TestResponse), ["v1 draft"]);
      assert.equal(now.title, "版本冲突预案（一）");
    });

    it("retires the version in force: the level is then suggested by nobody, and a second retirement is refused", async () => {
      const { plan } = await makePlan(t.db.orm, world.townshipA, { categories: ["accident_disaster"] });
      const res = await leader.post(`/api/plans/${plan.id}/retire`, { version: 1 });
      assert.equal(res.status, 200);
      assert.equal(res.body.status, "retired");
      assert.deepEqual(res.body.actions, ["update"]);
      const suggestion = await officer.get(`/api/plans/${plan.id}/suggest-level?people=30`);
      assert.equal(suggestion.status, 409);
      assert.equal(suggestion.body.code, "plan.noActiveVersion");
      const again = await leader.post(`/api/plans/${plan.id}/retire`, { version: 2 });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, "plan.notActive");
      const listed = async (status: string) => (await officer.get(`/api/plans?status=${status}&limit=200`)).body.items.some((p: { id: string }) => p.id === plan.id);
      assert.deepEqual([await listed("active"), await listed("draft"), await listed("retired")], [false, false, true]);
      const revived = await officer.patch(`/api/plans/${plan.id}`, { version: 2 });
      assert.deepEqual(statuses(revived), ["v2 draft", "v1 retired"], "a retired plan can be taken up again as a new draft");
      assert.equal(revived.body.status, "draft");
      assert.deepEqual([await listed("active"), await listed("draft"), await listed("retired")], [false, true, false]);
    });
  });

  describe("level suggestion", () => {
    it("answers the level of the version in force for the figures given, with the thresholds met and the version id", async () => {
      const { plan, version } = await makePlan(t.db.orm, world.townshipA);
      const cases: [string, string | null][] = [
        ["people=5", null],
        ["people=12", "IV"],
        ["people=25", "III"],
        ["people=12&deaths=3", "II"],
        ["people=100", "I"],
        ["deaths=10&injuries=2&loss=3.5", "I"],
      ];
      for (const [query, level] of cases) {
        const res = await officer.get(`/api/plans/${plan.id}/suggest-level?${query}`);
        assert.equal(res.status, 200, query);
        assert.equal(res.body.level, level, query);
        assert.equal(res.body.planVersionId, version.id);
      }
      const bad = await officer.get(`/api/plans/${plan.id}/suggest-level?people=-1`);
      assert.equal(bad.status, 400);
      assert.deepEqual(fields(bad), ["people"]);
    });
  });

  describe("drills", () => {
    it("records a drill of a plan version with its participants and timings; everyone in the township reads it", async () => {
      const { plan, version } = await makePlan(t.db.orm, world.townshipA, { title: "演练用预案" });
      const res = await officer.post("/api/drills", {
        planVersionId: version.id,
        heldOn: "2026-06-15",
        scenario: "暴雨致河口村山体滑坡，3户群众需紧急转移。",
        participants: "镇应急办、河口村两委、镇卫生院，共32人",
        participantIds: [world.duty.id, world.villageReporter.id],
        timings: [
          { step: "值班员接报并通知带班领导", plannedMinutes: 10, actualMinutes: 7 },
          { step: "带班领导到达现场", plannedMinutes: 30, actualMinutes: 41 },
        ],
        findings: "带班领导到场超时 11 分钟，需提前明确车辆保障。",
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.planId, plan.id);
      assert.equal(res.body.planVersionNo, 1);
      assert.equal(res.body.planTitle, "演练用预案");
      assert.deepEqual(res.body.participantAccounts.map((p: { id: string }) => p.id), [world.duty.id, world.villageReporter.id]);
      assert.equal(res.body.timings[1].actualMinutes, 41);
      assert.equal((await auditOf("drill.create", res.body.id)).length, 1);

      const reporter = await t.signIn("a-reporter");
      assert.equal((await reporter.get(`/api/drills/${res.body.id}`)).body.scenario, "暴雨致河口村山体滑坡，3户群众需紧急转移。");
      assert.deepEqual((await reporter.get(`/api/drills?planId=${plan.id}`)).body.items.map((d: { id: string }) => d.id), [res.body.id]);
      const outsider = await t.signIn("b-officer");
      assert.equal((await outsider.get(`/api/drills/${res.body.id}`)).status, 404);
      assert.equal((await outsider.get(`/api/drills?planId=${plan.id}`)).body.total, 0);
    });

    it("refuses participants outside the plan org's jurisdiction (400 naming each), and drills by roles that only read (403)", async () => {
      const { version } = await makePlan(t.db.orm, world.villageA);
      const res = await officer.post("/api/drills", {
        planVersionId: version.id,
        heldOn: "2026-06-20",
        scenario: "村级演练",
        participantIds: [world.villageReporter.id, world.officer.id, world.officerB.id],
      });
      assert.equal(res.status, 400);
      assert.deepEqual(fields(res), ["participantIds.1", "participantIds.2"]);
      const reporter = await t.signIn("a-reporter");
      assert.equal((await reporter.post("/api/drills", { planVersionId: version.id, heldOn: "2026-06-20", scenario: "村级演练" })).status, 403);
      assert.equal((await (await t.signIn("b-admin")).post("/api/drills", { planVersionId: version.id, heldOn: "2026-06-20", scenario: "村级演练" })).status, 404);
    });
  });
});
