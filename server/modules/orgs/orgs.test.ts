import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { auditLog, orgs } from "../../db/schema.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

describe("orgs", () => {
  let t: TestApp;
  let world: World;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
  });
  after(() => t.close());

  const names = (res: TestResponse): string[] => res.body.items.map((org: { name: string }) => org.name);
  const listOf = async (client: TestClient, query = "") => {
    const res = await client.get(`/api/orgs?limit=200${query}`);
    assert.equal(res.status, 200);
    return res;
  };
  const stored = async (id: string) => (await t.db.orm.select().from(orgs).where(eq(orgs.id, id)))[0];
  const auditOf = (id: string) => t.db.orm.select().from(auditLog).where(eq(auditLog.recordId, id));

  describe("listing and search", () => {
    it("shows a township admin its own subtree only: not the county above, the sibling township or another county", async () => {
      const admin = await t.signIn("a-admin");
      const res = await listOf(admin);
      const shown = names(res);
      assert.ok(shown.includes("甲镇") && shown.includes("甲一村"), `own township and its village are listed: ${shown.join(", ")}`);
      for (const hidden of ["测试县", "乙镇", "乙一村", "外县"]) assert.ok(!shown.includes(hidden), `${hidden} is outside township A`);
      assert.equal(res.body.total, res.body.items.length);
      assert.equal(shown[0], "甲镇", "tree order: the township comes before its villages");

      const reporter = await t.signIn("a-reporter");
      assert.deepEqual(names(await listOf(reporter)).sort(), [...shown].sort(), "every role of township A sees the same tree");
    });

    it("shows a county admin both townships, but not another county", async () => {
      const countyAdmin = await t.signIn("county-admin");
      const shown = names(await listOf(countyAdmin));
      for (const name of ["测试县", "甲镇", "乙镇", "甲一村", "乙一村"]) assert.ok(shown.includes(name), name);
      assert.ok(!shown.includes("外县"));
    });

    it("finds orgs by a part of their Chinese name, within the caller's jurisdiction", async () => {
      const countyAdmin = await t.signIn("county-admin");
      assert.deepEqual(names(await listOf(countyAdmin, `&q=${encodeURIComponent("一村")}`)).sort(), ["乙一村", "甲一村"].sort());
      const admin = await t.signIn("a-admin");
      const found = await listOf(admin, `&q=${encodeURIComponent("一村")}`);
      assert.deepEqual(names(found), ["甲一村"]);
      assert.equal(found.body.total, 1);
      assert.deepEqual(names(await listOf(admin, `&q=${encodeURIComponent("乙")}`)), [], "a match in the sibling township is not shown");
    });

    it("treats % and _ in a search as plain characters, not wildcards", async () => {
      const countyAdmin = await t.signIn("county-admin");
      assert.deepEqual(names(await listOf(countyAdmin, `&q=${encodeURIComponent("%")}`)), []);
      assert.deepEqual(names(await listOf(countyAdmin, `&q=${encodeURIComponent("_")}`)), []);
    });
  });

  describe("creating", () => {
    it("creates an org under a parent in the admin's jurisdiction, one level deeper, and audits it", async () => {
      const admin = await t.signIn("a-admin");
      const parent = (await admin.get(`/api/orgs/${world.villageA.id}`)).body;
      const res = await admin.post("/api/orgs", { parentId: world.villageA.id, name: "第三村民小组", kind: "unit", divisionCode: "330102001003" });
      assert.equal(res.status, 201);
      assert.equal(res.body.parentId, world.villageA.id);
      assert.equal(res.body.name, "第三村民小组");
      assert.equal(res.body.depth, parent.depth + 1);
      assert.equal(res.body.version, 1);
      assert.equal(res.body.active, true);
      assert.deepEqual(res.body.actions, ["update", "move", "deactivate", "createChild"]);
      assert.ok(names(await listOf(admin)).includes("第三村民小组"));

      const audit = await auditOf(res.body.id);
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.action, "org.create");
      assert.equal(audit[0]!.actorId, world.admin.id);
      assert.deepEqual(audit[0]!.detail, { name: "第三村民小组", kind: "unit" });
    });

    it("answers 404 for a parent outside the jurisdiction (a sibling township, the county above, or none at all) and creates nothing", async () => {
      const admin = await t.signIn("a-admin");
      for (const parentId of [world.townshipB.id, world.county.id, world.other.id, crypto.randomUUID()]) {
        const res = await admin.post("/api/orgs", { parentId, name: "越权村", kind: "village" });
        assert.equal(res.status, 404, parentId);
        assert.equal(res.body.code, "notFound");
      }
      assert.equal((await t.db.orm.select().from(orgs).where(eq(orgs.name, "越权村"))).length, 0);
    });

    it("refuses to create under a deactivated parent", async () => {
      const parent = await makeOrg(t.db.orm, { parent: world.townshipA, name: "已停用村", active: false });
      const admin = await t.signIn("a-admin");
      const res = await admin.post("/api/orgs", { parentId: parent.id, name: "停用村下的组", kind: "unit" });
      assert.equal(res.status, 409);
      assert.equal(res.body.code, "org.parentInactive");
    });
  });

  describe("editing", () => {
    it("saves an edit made at the current version and bumps the version", async () => {
      const org = await makeOrg(t.db.orm, { parent: world.townshipA, name: "编辑村" });
      const admin = await t.signIn("a-admin");
      const res = await admin.patch(`/api/orgs/${org.id}`, { version: 1, name: "编辑村（新）", phone: "0571-88886666" });
      assert.equal(res.status, 200);
      assert.equal(res.body.version, 2);
      assert.equal(res.body.name, "编辑村（新）");
      const reread = (await admin.get(`/api/orgs/${org.id}`)).body;
      assert.equal(reread.name, "编辑村（新）");
      assert.equal(reread.phone, "0571-88886666");
      assert.equal(reread.version, 2);
      const [update] = (await auditOf(org.id)).filter((row) => row.action === "org.update");
      assert.deepEqual(update?.detail, { name: "编辑村（新）", phone: "0571-88886666" });
    });

    it("refuses an edit made at a stale version with 409 staleVersion and keeps the row as it was", async () => {
      const org = await makeOrg(t.db.orm, { parent: world.townshipA, name: "旧版本村" });
      const admin = await t.signIn("a-admin");
      assert.equal((await admin.patch(`/api/orgs/${org.id}`, { version: 1, address: "新地址" })).status, 200);
      const stale = await admin.patch(`/api/orgs/${org.id}`, { version: 1, name: "覆盖别人的修改" });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, "staleVersion");
      const row = await stored(org.id);
      assert.equal(row?.name, "旧版本村");
      assert.equal(row?.address, "新地址");
      assert.equal(row?.version, 2);
    });

    it("lets exactly one of two simultaneous edits at the same version through", async () => {
      const org = await makeOrg(t.db.orm, { parent: world.townshipA, name: "并发村" });
      const [first, second] = await Promise.all([t.signIn("a-admin"), t.signIn("county-admin")]);
      const results = await Promise.all([
        first!.patch(`/api/orgs/${org.id}`, { version: 1, name: "并发村（甲）" }),
        second!.patch(`/api/orgs/${org.id}`, { version: 1, name: "并发村（县）" }),
      ]);
      assert.deepEqual(results.map((res) => res.status).sort(), [200, 409]);
      const winner = results.find((res) => res.status === 200)!;
      assert.equal(results.find((res) => res.status === 409)!.body.code, "staleVersion");
      const row = await stored(org.id);
      assert.equal(row?.name, winner.body.name);
      assert.equal(row?.version, 2);
      assert.equal((await auditOf(org.id)).filter((r) => r.action === "org.update").length, 1, "only the saved edit is audited");
    });

    it("refuses create and update to every role but admin, on orgs those roles can read (403), and hides orgs they cannot (404)", async () => {
      for (const username of ["a-leader", "a-officer", "a-duty", "a-mediator", "a-inspector", "a-reporter", "a-auditor"]) {
        const client = await t.signIn(username);
        const own = await client.get(`/api/orgs/${world.townshipA.id}`);
        assert.equal(own.status, 200, username);
        assert.deepEqual(own.body.actions, [], `${username} is offered no buttons`);
        const create = await client.post("/api/orgs", { parentId: world.townshipA.id, name: `${username}建的村`, kind: "village" });
        assert.equal(create.status, 403, `${username} create`);
        assert.equal(create.body.code, "forbidden");
        const village = (await client.get(`/api/orgs/${world.villageA.id}`)).body;
        const update = await client.patch(`/api/orgs/${world.villageA.id}`, { version: village.version, name: "改名" });
        assert.equal(update.status, 403, `${username} update`);
        assert.equal((await client.patch(`/api/orgs/${world.townshipB.id}`, { version: 1, name: "改名" })).status, 404, `${username} update sibling`);
      }
      assert.equal((await stored(world.villageA.id))?.name, "甲一村");
      assert.equal((await t.db.orm.select().from(orgs).where(eq(orgs.parentId, world.townshipA.id))).some((org) => org.name.endsWith("建的村")), false);
    });
  });

  describe("moving", () => {
    it("moves a village with its unit to another township: the whole subtree follows, in lists and in paths", async () => {
      const village = await makeOrg(t.db.orm, { parent: world.townshipA, name: "搬迁村", kind: "village" });
      const unit = await makeOrg(t.db.orm, { parent: village, name: "搬迁村卫生室", kind: "unit" });
      const [admin, adminB, countyAdmin] = await Promise.all([t.signIn("a-admin"), t.signIn("b-admin"), t.signIn("county-admin")]);
      assert.ok(names(await listOf(admin)).includes("搬迁村卫生室"));
      assert.ok(!names(await listOf(adminB)).includes("搬迁村卫生室"));

      const moved = await countyAdmin.post(`/api/orgs/${village.id}/move`, { version: 1, parentId: world.townshipB.id });
      assert.equal(moved.status, 200);
      assert.equal(moved.body.parentId, world.townshipB.id);
      assert.equal(moved.body.version, 2);

      const shownToB = names(await listOf(adminB));
      assert.ok(shownToB.includes("搬迁村") && shownToB.includes("搬迁村卫生室"), "township B's admin now sees the village and its unit");
      const shownToA = names(await listOf(admin));
      assert.ok(!shownToA.includes("搬迁村") && !shownToA.includes("搬迁村卫生室"), "township A's admin no longer does");
      assert.equal((await admin.get(`/api/orgs/${unit.id}`)).status, 404);
      const unitForB = await adminB.get(`/api/orgs/${unit.id}`);
      assert.equal(unitForB.status, 200);
      assert.deepEqual(unitForB.body.actions, ["update", "move", "deactivate", "createChild"]);
      assert.equal((await stored(unit.id))?.path, `${world.townshipB.path}${village.id}/${unit.id}/`);

      const [audit] = (await auditOf(village.id)).filter((row) => row.action === "org.move");
      assert.deepEqual(audit?.detail, { fromParentId: world.townshipA.id, toParentId: world.townshipB.id });
    });

    it("answers 404 when a township admin tries to move an org to a township outside its reach, and moves nothing", async () => {
      const village = await makeOrg(t.db.orm, { parent: world.townshipA, name: "不可迁村" });
      const admin = await t.signIn("a-admin");
      const res = await admin.post(`/api/orgs/${village.id}/move`, { version: 1, parentId: world.townshipB.id });
      assert.equal(res.status, 404);
      const row = await stored(village.id);
      assert.equal(row?.parentId, world.townshipA.id);
      assert.equal(row?.path, `${world.townshipA.path}${village.id}/`);
    });

    it("refuses to move an org under itself or one of its own descendants", async () => {
      const village = await makeOrg(t.db.orm, { parent: world.townshipA, name: "循环村" });
      const unit = await makeOrg(t.db.orm, { parent: village, name: "循环村小组", kind: "unit" });
      const countyAdmin = await t.signIn("county-admin");
      for (const parentId of [unit.id, village.id]) {
        const res = await countyAdmin.post(`/api/orgs/${village.id}/move`, { version: 1, parentId });
        assert.equal(res.status, 409);
        assert.equal(res.body.code, "org.parentIsDescendant");
      }
      assert.equal((await stored(village.id))?.path, village.path);
      assert.equal((await stored(unit.id))?.path, unit.path);
    });

    it("lets no admin move or deactivate its own org (403), while it may still edit it", async () => {
      for (const [username, org] of [["a-admin", world.townshipA], ["v-admin", world.villageA]] as const) {
        const client = await t.signIn(username);
        const own = (await client.get(`/api/orgs/${org.id}`)).body;
        assert.deepEqual(own.actions, ["update", "createChild"], `${username} is not offered move or deactivate`);
        const move = await client.post(`/api/orgs/${org.id}/move`, { version: own.version, parentId: org.parentId });
        assert.equal(move.status, 403, `${username} move`);
        assert.equal(move.body.code, "forbidden");
        const deactivate = await client.post(`/api/orgs/${org.id}/deactivate`, { version: own.version });
        assert.equal(deactivate.status, 403, `${username} deactivate`);
        const row = await stored(org.id);
        assert.equal(row?.active, true);
        assert.equal(row?.path, org.path);
        const edit = await client.patch(`/api/orgs/${org.id}`, { version: own.version, phone: "0571-87654321" });
        assert.equal(edit.status, 200, `${username} edits its own org`);
      }
    });
  });

  describe("deactivating and reactivating", () => {
    it("refuses to deactivate an org with active sub-orgs or accounts, saying how many, and allows it once they are gone", async () => {
      const village = await makeOrg(t.db.orm, { parent: world.townshipA, name: "待撤并村" });
      const units = await Promise.all([1, 2].map((n) => makeOrg(t.db.orm, { parent: village, name: `待撤并村${n}组`, kind: "unit" })));
      const member = await makeAccount(t.db.orm, { org: village, roles: ["reporter"] });
      const admin = await t.signIn("a-admin");

      const withChildren = await admin.post(`/api/orgs/${village.id}/deactivate`, { version: 1 });
      assert.equal(withChildren.status, 409);
      assert.equal(withChildren.body.code, "org.hasActiveChildren");
      assert.match(withChildren.body.title, /还有 2 个在用的下级组织/);

      for (const unit of units) assert.equal((await admin.post(`/api/orgs/${unit.id}/deactivate`, { version: 1 })).status, 200);
      const withAccounts = await admin.post(`/api/orgs/${village.id}/deactivate`, { version: 1 });
      assert.equal(withAccounts.status, 409);
      assert.equal(withAccounts.body.code, "org.hasActiveAccounts");
      assert.match(withAccounts.body.title, /还有 1 个在用的账号/);
      assert.equal((await stored(village.id))?.active, true);

      assert.equal((await admin.post(`/api/accounts/${member.id}/deactivate`, { version: 1 })).status, 200);
      const done = await admin.post(`/api/orgs/${village.id}/deactivate`, { version: 1 });
      assert.equal(done.status, 200);
      assert.equal(done.body.active, false);
      assert.deepEqual(done.body.actions, ["reactivate"], "a deactivated org offers only reactivation");
      assert.equal((await auditOf(village.id)).filter((row) => row.action === "org.deactivate").length, 1);
    });

    it("hides deactivated orgs from lists unless includeInactive=true", async () => {
      const village = await makeOrg(t.db.orm, { parent: world.townshipA, name: "隐藏村", active: false });
      const admin = await t.signIn("a-admin");
      assert.ok(!names(await listOf(admin)).includes("隐藏村"));
      assert.ok(!names(await listOf(admin, "&includeInactive=false")).includes("隐藏村"));
      const all = await listOf(admin, "&includeInactive=true");
      const shown = all.body.items.find((org: { id: string }) => org.id === village.id);
      assert.equal(shown?.active, false);
      assert.deepEqual(shown?.actions, ["reactivate"]);
      assert.equal((await admin.get(`/api/orgs/${village.id}`)).status, 200, "its record stays readable");
    });

    it("reactivates an org, but not one whose parent is still deactivated", async () => {
      const village = await makeOrg(t.db.orm, { parent: world.townshipA, name: "恢复村", active: false });
      const unit = await makeOrg(t.db.orm, { parent: village, name: "恢复村一组", kind: "unit", active: false });
      const admin = await t.signIn("a-admin");

      const early = await admin.post(`/api/orgs/${unit.id}/reactivate`, { version: 1 });
      assert.equal(early.status, 409);
      assert.equal(early.body.code, "org.parentInactive");

      const res = await admin.post(`/api/orgs/${village.id}/reactivate`, { version: 1 });
      assert.equal(res.status, 200);
      assert.equal(res.body.active, true);
      assert.equal(res.body.version, 2);
      assert.deepEqual(res.body.actions, ["update", "move", "deactivate", "createChild"]);
      assert.equal((await admin.post(`/api/orgs/${unit.id}/reactivate`, { version: 1 })).status, 200);
      assert.ok(names(await listOf(admin)).includes("恢复村一组"));

      const again = await admin.post(`/api/orgs/${village.id}/reactivate`, { version: 2 });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, "org.alreadyActive");
    });
  });

  describe("the actions sent with each org", () => {
    it("match what the server then allows: none for an officer, update/createChild on an admin's own org, all but reactivate below it", async () => {
      const officer = await t.signIn("a-officer");
      const forOfficer = await listOf(officer);
      assert.ok(forOfficer.body.items.length > 0);
      for (const org of forOfficer.body.items) assert.deepEqual(org.actions, [], `officer on ${org.name}`);

      const admin = await t.signIn("a-admin");
      const byName = new Map((await listOf(admin)).body.items.map((org: { name: string }) => [org.name, org]));
      assert.deepEqual((byName.get("甲镇") as { actions: string[] }).actions, ["update", "createChild"]);
      assert.deepEqual((byName.get("甲一村") as { actions: string[] }).actions, ["update", "move", "deactivate", "createChild"]);

      const countyAdmin = await t.signIn("county-admin");
      assert.deepEqual((await countyAdmin.get(`/api/orgs/${world.townshipA.id}`)).body.actions, ["update", "move", "deactivate", "createChild"]);

      // An offered button works; a withheld one is refused.
      const child = await makeOrg(t.db.orm, { parent: world.townshipA, name: "按钮村" });
      const offered = (await admin.get(`/api/orgs/${child.id}`)).body.actions as string[];
      assert.ok(offered.includes("deactivate"));
      assert.equal((await admin.post(`/api/orgs/${child.id}/deactivate`, { version: 1 })).status, 200);
      assert.equal((await officer.post(`/api/orgs/${child.id}/reactivate`, { version: 2 })).status, 403);
    });
  });
});
