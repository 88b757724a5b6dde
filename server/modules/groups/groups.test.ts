import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditLog, groupMembers, groups } from "../../db/schema.ts";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { makeGroup, makePlan } from "../../testing/plan-factories.ts";
import { type TestApp, type TestResponse, startTestApp } from "../../testing/test-app.ts";

describe("groups", () => {
  let t: TestApp;
  let world: World;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
  });
  after(() => t.close());

  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const memberNames = (res: TestResponse): string[] => res.body.members.map((m: { displayName: string; position: string }) => `${m.position}:${m.displayName}`);
  const auditOf = (action: string, recordId: string) => t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.recordId, recordId)));
  const groupsNamed = (name: string) => t.db.orm.select().from(groups).where(eq(groups.name, name));

  describe("setting up a group", () => {
    it("creates a leadership group with members of the township and its villages, shown leader first, and audits it", async () => {
      const officer = await t.signIn("a-officer");
      const res = await officer.post("/api/groups", {
        orgId: world.townshipA.id,
        kind: "leadership",
        name: "甲镇应急工作领导小组",
        duties: "统一领导全镇突发事件应对工作。",
        members: [
          { accountId: world.villageReporter.id, position: "member" },
          { accountId: world.officer.id, position: "deputy" },
          { accountId: world.leader.id, position: "leader" },
        ],
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.orgName, "甲镇");
      assert.equal(res.body.version, 1);
      assert.deepEqual(res.body.actions, ["update"]);
      assert.deepEqual(memberNames(res), [`leader:${world.leader.displayName}`, `deputy:${world.officer.displayName}`, `member:${world.villageReporter.displayName}`]);
      assert.equal(res.body.members.find((m: { accountId: string }) => m.accountId === world.villageReporter.id).orgName, "甲一村");
      assert.ok(res.body.members.every((m: { leftAt: string | null }) => m.leftAt === null));
      const [audit] = await auditOf("group.create", res.body.id);
      assert.equal(audit?.actorId, world.officer.id);
      assert.equal((audit?.detail as { members: unknown[] }).members.length, 3);
    });

    it("shows a group to every role of its township, not to a village below or a sibling township (404), nor in their lists", async () => {
      const group = await makeGroup(t.db.orm, world.townshipA, { name: "甲镇综合组" });
      for (const username of ["a-reporter", "a-duty", "a-auditor", "a-mediator"]) {
        const client = await t.signIn(username);
        const res = await client.get(`/api/groups/${group.id}`);
        assert.equal(res.status, 200, username);
        assert.deepEqual(res.body.actions, [], `${username} is offered no buttons`);
        assert.ok((await client.get("/api/groups?limit=200")).body.items.some((g: { id: string }) => g.id === group.id), `${username} lists it`);
      }
      for (const username of ["b-officer", "v-admin"]) {
        const outsider = await t.signIn(username);
        assert.equal((await outsider.get(`/api/groups/${group.id}`)).status, 404, username);
        const listed = await outsider.get("/api/groups?limit=200");
        assert.ok(!listed.body.items.some((g: { id: string }) => g.id === group.id), username);
        assert.equal((await outsider.get(`/api/groups/${group.id}/history`)).status, 404, username);
      }
    });

    it("filters the list by org and kind, leadership groups first", async () => {
      const village = await makeGroup(t.db.orm, world.villageA, { kind: "leadership", name: "甲一村应急小组" });
      const countyAdmin = await t.signIn("county-admin");
      const ofVillage = await countyAdmin.get(`/api/groups?orgId=${world.villageA.id}`);
      assert.deepEqual(ofVillage.body.items.map((g: { id: string }) => g.id), [village.id]);
      assert.equal(ofVillage.body.total, 1);
      const working = await countyAdmin.get(`/api/groups?orgId=${world.townshipA.id}&kind=working&limit=200`);
      assert.ok(working.body.items.length > 0 && working.body.items.every((g: { kind: string }) => g.kind === "working"));
      const all = (await countyAdmin.get(`/api/groups?orgId=${world.townshipA.id}&limit=200`)).body.items.map((g: { kind: string }) => g.kind);
      assert.deepEqual(all, [...all].sort(), "leadership before working");
    });

    it("refuses members who are not active accounts of the group's org or below it, naming each one, and creates nothing", async () => {
      const retired = await makeAccount(t.db.orm, { org: world.villageA, roles: ["reporter"], active: false });
      const officer = await t.signIn("a-officer");
      const res = await officer.post("/api/groups", {
        orgId: world.villageA.id,
        kind: "leadership",
        name: "越界成员小组",
        members: [
          { accountId: world.villageReporter.id, position: "leader" },
          { accountId: world.leader.id, position: "deputy" },
          { accountId: world.officerB.id, position: "member" },
          { accountId: crypto.randomUUID(), position: "member" },
          { accountId: retired.id, position: "member" },
        ],
      });
      assert.equal(res.status, 400);
      assert.deepEqual(fields(res), ["members.1.accountId", "members.2.accountId", "members.3.accountId", "members.4.accountId"]);
      assert.match(res.body.errors[0].message, /辖区|下级组织/);
      assert.equal((await groupsNamed("越界成员小组")).length, 0);
    });

    it("hangs a working group under a leadership group of the same org, and refuses any other parent", async () => {
      const lead = await makeGroup(t.db.orm, world.townshipA, { kind: "leadership", name: "上级领导小组" });
      const workingGroup = await makeGroup(t.db.orm, world.townshipA, { kind: "working" });
      const elsewhere = await makeGroup(t.db.orm, world.villageA, { kind: "leadership" });
      const officer = await t.signIn("a-officer");
      const ok = await officer.post("/api/groups", { orgId: world.townshipA.id, kind: "working", name: "宣传报道组", parentId: lead.id });
      assert.equal(ok.status, 201);
      assert.equal(ok.body.parentId, lead.id);
      for (const [kind, parentId] of [["working", workingGroup.id], ["working", elsewhere.id], ["working", crypto.randomUUID()], ["leadership", lead.id]] as const) {
        const res = await officer.post("/api/groups", { orgId: world.townshipA.id, kind, name: "错挂小组", parentId });
        assert.equal(res.status, 400, `${kind} under ${parentId}`);
        assert.deepEqual(fields(res), ["parentId"]);
      }
      assert.equal((await groupsNamed("错挂小组")).length, 0);
    });

    it("links a group to a plan of its own org only", async () => {
      const { plan } = await makePlan(t.db.orm, world.townshipA);
      const { plan: otherPlan } = await makePlan(t.db.orm, world.villageA);
      const officer = await t.signIn("a-officer");
      const ok = await officer.post("/api/groups", { orgId: world.townshipA.id, kind: "working", name: "预案工作组", planId: plan.id });
      assert.equal(ok.status, 201);
      assert.equal(ok.body.planId, plan.id);
      assert.equal((await officer.get(`/api/groups?planId=${plan.id}`)).body.total, 1);
      const wrong = await officer.patch(`/api/groups/${ok.body.id}`, { version: 1, planId: otherPlan.id });
      assert.equal(wrong.status, 400);
      assert.deepEqual(fields(wrong), ["planId"]);
    });

    it("lets admins, leaders and officers set groups up; other roles may read (403), a sibling township's org is out of reach (404)", async () => {
      for (const username of ["a-admin", "a-leader"]) {
        const res = await (await t.signIn(username)).post("/api/groups", { orgId: world.townshipA.id, kind: "working", name: `${username}的工作组` });
        assert.equal(res.status, 201, username);
      }
      for (const username of ["a-duty", "a-mediator", "a-inspector", "a-reporter", "a-auditor"]) {
        const client = await t.signIn(username);
        const res = await client.post("/api/groups", { orgId: world.townshipA.id, kind: "working", name: `${username}的工作组` });
        assert.equal(res.status, 403, username);
      }
      const officer = await t.signIn("a-officer");
      const sibling = await officer.post("/api/groups", { orgId: world.townshipB.id, kind: "working", name: "乙镇的工作组" });
      assert.equal(sibling.status, 404);
      assert.equal((await groupsNamed("乙镇的工作组")).length, 0);
      assert.equal((await groupsNamed("a-duty的工作组")).length, 0);
    });
  });

  describe("members over time", () => {
    it("adds and removes members; the group shows who is on it now, its history everyone who ever was", async () => {
      const group = await makeGroup(t.db.orm, world.townshipA, { name: "应急处置组", members: [{ accountId: world.leader.id, position: "leader" }] });
      // Sessions end when idle, so each step signs in again at its own time.
      const officerAt = async (time: string) => {
        t.clock.set(time);
        return t.signIn("a-officer");
      };
      const added = await (await officerAt("2026-03-05T09:00:00+08:00")).post(`/api/groups/${group.id}/members`, { version: 1, accountId: world.duty.id, position: "member" });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      assert.equal(added.body.version, 2);
      assert.deepEqual(memberNames(added), [`leader:${world.leader.displayName}`, `member:${world.duty.displayName}`]);
      const dutyMembership = added.body.members.find((m: { accountId: string }) => m.accountId === world.duty.id);
      assert.equal(dutyMembership.joinedAt, "2026-03-05T01:00:00.000Z");

      const removed = await (await officerAt("2026-04-01T09:00:00+08:00")).post(`/api/groups/${group.id}/members/remove`, { version: 2, memberId: dutyMembership.id });
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.deepEqual(memberNames(removed), [`leader:${world.leader.displayName}`]);

      const back = await (await officerAt("2026-05-01T09:00:00+08:00")).post(`/api/groups/${group.id}/members`, { version: 3, accountId: world.duty.id, position: "deputy" });
      assert.deepEqual(memberNames(back), [`leader:${world.leader.displayName}`, `deputy:${world.duty.displayName}`]);

      const history = await (await t.signIn("a-reporter")).get(`/api/groups/${group.id}/history`);
      assert.equal(history.status, 200);
      const dutyRows = history.body.items.filter((m: { accountId: string }) => m.accountId === world.duty.id);
      assert.deepEqual(
        dutyRows.map((m: { position: string; joinedAt: string; leftAt: string | null }) => [m.position, m.joinedAt, m.leftAt]),
        [
          ["member", "2026-03-05T01:00:00.000Z", "2026-04-01T01:00:00.000Z"],
          ["deputy", "2026-05-01T01:00:00.000Z", null],
        ],
      );
      assert.equal(history.body.items.length, 3);
      assert.equal((await auditOf("group.addMember", group.id)).length, 2);
      const [removal] = await auditOf("group.removeMember", group.id);
      assert.equal((removal?.detail as { accountId: string }).accountId, world.duty.id);
    });

    it("refuses to add someone out of reach (400 accountId) or already on the group (409), and to remove a non-member (400 memberId)", async () => {
      const group = await makeGroup(t.db.orm, world.villageA, { members: [{ accountId: world.villageReporter.id, position: "leader" }] });
      const officer = await t.signIn("a-officer");
      const above = await officer.post(`/api/groups/${group.id}/members`, { version: 1, accountId: world.officer.id, position: "member" });
      assert.equal(above.status, 400, "a township officer is above the village group's org");
      assert.deepEqual(fields(above), ["accountId"]);
      const twice = await officer.post(`/api/groups/${group.id}/members`, { version: 1, accountId: world.villageReporter.id, position: "member" });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, "group.alreadyMember");
      const stranger = await officer.post(`/api/groups/${group.id}/members/remove`, { version: 1, memberId: crypto.randomUUID() });
      assert.equal(stranger.status, 400);
      assert.deepEqual(fields(stranger), ["memberId"]);
      const rows = await t.db.orm.select().from(groupMembers).where(eq(groupMembers.groupId, group.id));
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.leftAt, null);
    });

    it("refuses an edit or a membership change made at a stale version (409) and changes nothing", async () => {
      const group = await makeGroup(t.db.orm, world.townshipA, { name: "版本组" });
      const officer = await t.signIn("a-officer");
      assert.equal((await officer.patch(`/api/groups/${group.id}`, { version: 1, duties: "新的职责" })).status, 200);
      const staleEdit = await officer.patch(`/api/groups/${group.id}`, { version: 1, name: "覆盖" });
      assert.equal(staleEdit.status, 409);
      assert.equal(staleEdit.body.code, "staleVersion");
      const staleAdd = await officer.post(`/api/groups/${group.id}/members`, { version: 1, accountId: world.duty.id, position: "member" });
      assert.equal(staleAdd.status, 409);
      const [row] = await groupsNamed("版本组");
      assert.equal(row?.duties, "新的职责");
      assert.equal(row?.version, 2);
      assert.equal((await t.db.orm.select().from(groupMembers).where(eq(groupMembers.groupId, group.id))).length, 0);
    });

    it("lets readers see members but not change them (403); outsiders get 404 and change nothing", async () => {
      const group = await makeGroup(t.db.orm, world.townshipA, { members: [{ accountId: world.duty.id, position: "member" }] });
      const reporter = await t.signIn("a-reporter");
      const add = await reporter.post(`/api/groups/${group.id}/members`, { version: 1, accountId: world.mediator.id, position: "member" });
      assert.equal(add.status, 403);
      const adminB = await t.signIn("b-admin");
      const [membership] = await t.db.orm.select().from(groupMembers).where(eq(groupMembers.groupId, group.id));
      const remove = await adminB.post(`/api/groups/${group.id}/members/remove`, { version: 1, memberId: membership!.id });
      assert.equal(remove.status, 404);
      assert.equal((await t.db.orm.select().from(groupMembers).where(eq(groupMembers.groupId, group.id)))[0]?.leftAt, null);
    });
  });
});
