import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EMERGENCY_CATEGORIES } from "@shared/plans/schemas.ts";
import { type TestApp, type TestClient, startTestApp } from "../testing/test-app.ts";
import { DEMO_PASSWORD, loadDemoTownship } from "./township.ts";

interface ListedGroup {
  id: string;
  name: string;
  kind: string;
  orgName: string;
  parentId: string | null;
  members: { displayName: string; position: string }[];
}

describe("the demonstration township's groups and plans", () => {
  let t: TestApp;
  let leader: TestClient;
  before(async () => {
    t = await startTestApp();
    await loadDemoTownship(t.db.orm, t.clock);
    leader = await t.signIn("leader", DEMO_PASSWORD);
  });
  after(() => t.close());

  it("sets up the township's leadership group with its leader and deputy, and five working groups under it", async () => {
    const items = (await leader.get("/api/groups?limit=200")).body.items as ListedGroup[];
    const township = items.filter((group) => group.orgName === "青山镇");
    const lead = township.find((group) => group.kind === "leadership")!;
    assert.equal(lead.name, "青山镇突发事件应急工作领导小组");
    assert.deepEqual(lead.members.slice(0, 2).map((m) => `${m.position}:${m.displayName}`), ["leader:张卫东", "deputy:黄秀英"]);
    const working = township.filter((group) => group.kind === "working");
    assert.deepEqual(working.map((group) => group.name).sort(), ["医疗保障组", "后勤保障组", "宣传报道组", "应急处置组", "综合组"].sort());
    assert.ok(working.every((group) => group.parentId === lead.id && group.members.some((m) => m.position === "leader")), "each has a leader and hangs under the leadership group");
  });

  it("gives the school and the construction project groups of their own, visible to their own staff", async () => {
    for (const [username, org] of [["school-safety", "青山镇中心小学"], ["project-safety", "青山镇安置房建设项目"]]) {
      const staff = await t.signIn(username!, DEMO_PASSWORD);
      const items = (await staff.get("/api/groups")).body.items as ListedGroup[];
      assert.ok(items.length >= 2, username);
      assert.ok(items.every((group) => group.orgName === org), `${username} sees its own org's groups only`);
      assert.ok(items.some((group) => group.kind === "leadership"));
    }
  });

  it("has one plan in force per national category for the township, each naming its groups", async () => {
    const items = (await leader.get("/api/plans?status=active")).body.items as { id: string; categories: string[]; orgName: string }[];
    assert.deepEqual(items.flatMap((plan) => plan.categories).sort(), [...EMERGENCY_CATEGORIES].sort());
    assert.ok(items.every((plan) => plan.orgName === "青山镇"));
    const plan = (await leader.get(`/api/plans/${items[0]!.id}`)).body;
    assert.equal(plan.versions[0].content.groupIds.length, 6);
  });

  it("suggests levels as township plans read: 10 people general, 20 large, 50 or 3 deaths major, 100 or 10 deaths especially major", async () => {
    const [plan] = (await leader.get("/api/plans?category=accident_disaster")).body.items;
    const cases: [string, string | null][] = [
      ["people=9", null],
      ["people=10", "IV"],
      ["people=25", "III"],
      ["people=50", "II"],
      ["people=5&deaths=3", "II"],
      ["people=100", "I"],
      ["deaths=10", "I"],
    ];
    for (const [query, level] of cases) {
      assert.equal((await leader.get(`/api/plans/${plan.id}/suggest-level?${query}`)).body.level, level, query);
    }
  });

  it("sets the deadlines of such plans: township office within 20 minutes, a leader on site within 30, the county within 2 hours at level III", async () => {
    const [listed] = (await leader.get("/api/plans?category=natural_disaster")).body.items;
    const { content } = (await leader.get(`/api/plans/${listed.id}`)).body.versions[0];
    const large = content.levels.III.response;
    assert.deepEqual(large.reports.map((r: { to: string; initialWithinMinutes: number }) => [r.to, r.initialWithinMinutes]), [
      ["镇党委、镇政府（镇应急办）", 20],
      ["县应急管理局", 120],
    ]);
    assert.ok(large.onSite.some((d: { role: string; withinMinutes: number }) => d.role === "leader" && d.withinMinutes === 30));
    for (const level of ["I", "II", "III", "IV"]) assert.ok(content.levels[level].response.escalation.length >= 1, level);
  });
});
