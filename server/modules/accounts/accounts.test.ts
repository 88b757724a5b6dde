import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { accounts, auditLog } from "../../db/schema.ts";
import { TEST_PASSWORD, type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

const INITIAL_PASSWORD = "Initial-pass-2026";

describe("accounts", () => {
  let t: TestApp;
  let world: World;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
  });
  after(() => t.close());

  const usernames = (res: TestResponse): string[] => res.body.items.map((account: { username: string }) => account.username);
  const listOf = async (client: TestClient, query = "") => {
    const res = await client.get(`/api/accounts?limit=200${query}`);
    assert.equal(res.status, 200);
    return res;
  };
  const stored = async (username: string) => (await t.db.orm.select().from(accounts).where(eq(accounts.username, username)))[0];
  const auditOf = (action: string, recordId: string) =>
    t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.recordId, recordId)));
  /** 200 while the client's session lives, 401 once it has been ended. */
  const sessionStatus = async (client: TestClient) => (await client.get("/api/auth/session")).status;
  const login = (username: string, password: string) => t.request("POST", "/api/auth/login", { username, password });

  describe("creating", () => {
    const newAccount = (overrides: Record<string, unknown> = {}) => ({
      orgId: world.villageA.id,
      username: "New.Reporter",
      displayName: "新信息员",
      phone: "13912345678",
      email: "new.reporter@example.cn",
      roles: ["reporter"],
      password: INITIAL_PASSWORD,
      ...overrides,
    });

    it("creates an account that must change its password at first sign-in", async () => {
      const admin = await t.signIn("a-admin");
      const res = await admin.post("/api/accounts", newAccount());
      assert.equal(res.status, 201);
      assert.equal(res.body.username, "new.reporter", "usernames are stored in lower case");
      assert.equal(res.body.orgId, world.villageA.id);
      assert.equal(res.body.orgName, "甲一村");
      assert.deepEqual(res.body.roles, ["reporter"]);
      assert.equal(res.body.mustChangePassword, true);
      assert.equal(res.body.phone, "13912345678", "the admin who manages it sees the contact data");
      assert.deepEqual(res.body.actions, ["update", "resetPassword", "deactivate"]);
      assert.equal("passwordHash" in res.body, false);
      assert.equal((await auditOf("account.create", res.body.id)).length, 1);

      const newcomer = await t.signIn("new.reporter", INITIAL_PASSWORD);
      const blocked = await newcomer.get("/api/orgs");
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.code, "password.mustChange");
    });

    it("refuses a username that is taken, in any letter case, pointing at the username field", async () => {
      const admin = await t.signIn("a-admin");
      for (const username of ["a-officer", "A-Officer"]) {
        const res = await admin.post("/api/accounts", newAccount({ username, displayName: "重名者" }));
        assert.equal(res.status, 409, username);
        assert.equal(res.body.code, "username.taken");
        assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ["username"]);
      }
      assert.equal((await t.db.orm.select().from(accounts).where(eq(accounts.displayName, "重名者"))).length, 0);
    });

    it("lets exactly one of two simultaneous creates of the same username through; the other is told the name is taken", async () => {
      const [admin, countyAdmin] = await Promise.all([t.signIn("a-admin"), t.signIn("county-admin")]);
      const results = await Promise.all([
        admin.post("/api/accounts", newAccount({ username: "twin", displayName: "同名甲" })),
        countyAdmin.post("/api/accounts", newAccount({ username: "twin", displayName: "同名乙" })),
      ]);
      assert.deepEqual(results.map((res) => res.status).sort(), [201, 409]);
      const loser = results.find((res) => res.status === 409)!;
      assert.equal(loser.body.code, "username.taken");
      assert.deepEqual(loser.body.errors.map((e: { field: string }) => e.field), ["username"]);
      assert.equal((await t.db.orm.select().from(accounts).where(eq(accounts.username, "twin"))).length, 1);
    });

    it("refuses a weak initial password with 400 on the password field and creates nothing", async () => {
      const admin = await t.signIn("a-admin");
      for (const password of ["abcdefghij", "short-1A", "alllowercase-letters"]) {
        const res = await admin.post("/api/accounts", newAccount({ username: "weak.one", password }));
        assert.equal(res.status, 400, password);
        assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ["password"]);
      }
      assert.equal(await stored("weak.one"), undefined);
    });

    it("answers 404 for an org outside the admin's jurisdiction, or no org at all, and creates nothing", async () => {
      const admin = await t.signIn("a-admin");
      for (const orgId of [world.townshipB.id, world.county.id, world.other.id, crypto.randomUUID()]) {
        const res = await admin.post("/api/accounts", newAccount({ orgId, username: "outsider" }));
        assert.equal(res.status, 404, orgId);
        assert.equal(res.body.code, "notFound");
      }
      assert.equal(await stored("outsider"), undefined);
    });

    it("refuses an account in a deactivated org", async () => {
      const closed = await makeOrg(t.db.orm, { parent: world.townshipA, name: "已撤并村", active: false });
      const admin = await t.signIn("a-admin");
      const res = await admin.post("/api/accounts", newAccount({ orgId: closed.id, username: "closed.org" }));
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ["orgId"]);
      assert.equal(await stored("closed.org"), undefined);
    });
  });

  describe("listing and reading", () => {
    it("lists the accounts of the caller's subtree only", async () => {
      for (const username of ["a-admin", "a-leader", "a-officer", "a-auditor"]) {
        const shown = usernames(await listOf(await t.signIn(username)));
        for (const inside of ["a-admin", "a-leader", "a-reporter", "v-admin", "v-reporter"]) assert.ok(shown.includes(inside), `${username} sees ${inside}`);
        for (const outside of ["county-admin", "b-admin", "b-officer"]) assert.ok(!shown.includes(outside), `${username} does not see ${outside}`);
      }
      const villageAdmin = usernames(await listOf(await t.signIn("v-admin")));
      assert.ok(villageAdmin.includes("v-reporter"));
      assert.ok(!villageAdmin.includes("a-admin"), "a village admin does not see the township's accounts");
    });

    it("lists only themselves to reporters, duty officers, mediators and inspectors, and hides colleagues' records (404)", async () => {
      for (const username of ["a-reporter", "a-duty", "a-mediator", "a-inspector", "v-reporter"]) {
        const client = await t.signIn(username);
        const res = await listOf(client);
        assert.deepEqual(usernames(res), [username]);
        assert.equal(res.body.total, 1);
        assert.equal((await client.get(`/api/accounts/${world.leader.id}`)).status, 404, `${username} reads a colleague`);
      }
    });

    it("masks phone and e-mail for leaders, officers and auditors, and shows them to admins and to the account's owner", async () => {
      const person = await makeAccount(t.db.orm, { org: world.villageA, username: "contact.person", phone: "13912345678", roles: ["reporter"] });
      const landline = await makeAccount(t.db.orm, { org: world.villageA, username: "landline.person", phone: "0571-88886666", roles: ["duty"] });
      for (const username of ["a-leader", "a-officer", "a-auditor"]) {
        const client = await t.signIn(username);
        const one = await client.get(`/api/accounts/${person.id}`);
        assert.equal(one.status, 200);
        assert.equal(one.body.phone, "139****5678", username);
        assert.equal(one.body.email, `${person.email![0]}***@example.cn`);
        const listed = (await listOf(client, "&q=person")).body.items as { username: string; phone: string }[];
        assert.equal(listed.find((a) => a.username === "contact.person")?.phone, "139****5678", `${username} in a list`);
        assert.equal(listed.find((a) => a.username === "landline.person")?.phone, "0571-****6666");
        assert.ok(!listed.some((a) => a.phone === person.phone || a.phone === landline.phone), "no unmasked number in the list");
      }
      const admin = await t.signIn("a-admin");
      const forAdmin = await admin.get(`/api/accounts/${person.id}`);
      assert.equal(forAdmin.body.phone, "13912345678");
      assert.equal(forAdmin.body.email, person.email);

      const self = await t.signIn("contact.person");
      assert.equal((await self.get(`/api/accounts/${person.id}`)).body.phone, "13912345678");
      assert.deepEqual((await listOf(self)).body.items.map((a: { phone: string }) => a.phone), ["13912345678"]);
      const officer = await t.signIn("a-officer");
      assert.equal((await officer.get(`/api/accounts/${world.officer.id}`)).body.phone, world.officer.phone, "an officer sees its own number");
    });

    it("audits a read of another person's account, but not of one's own", async () => {
      const person = await makeAccount(t.db.orm, { org: world.villageA, username: "read.me", roles: ["reporter"] });
      const leader = await t.signIn("a-leader");
      assert.equal((await leader.get(`/api/accounts/${person.id}`)).status, 200);
      const reads = await auditOf("account.read", person.id);
      assert.equal(reads.length, 1);
      assert.equal(reads[0]!.actorId, world.leader.id);
      assert.equal(reads[0]!.orgId, world.villageA.id);

      const self = await t.signIn("read.me");
      assert.equal((await self.get(`/api/accounts/${person.id}`)).status, 200);
      assert.equal((await auditOf("account.read", person.id)).length, 1, "reading one's own account adds no row");
    });
  });

  describe("editing", () => {
    it("ends the account's open sessions when its roles change, but not for an edit of its name", async () => {
      const target = await makeAccount(t.db.orm, { org: world.villageA, username: "role.change", roles: ["officer"] });
      const admin = await t.signIn("a-admin");
      const client = await t.signIn("role.change");

      const renamed = await admin.patch(`/api/accounts/${target.id}`, { version: 1, displayName: "改名后" });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.version, 2);
      assert.equal(await sessionStatus(client), 200, "a new name changes nothing the account may reach");

      const res = await admin.patch(`/api/accounts/${target.id}`, { version: 2, roles: ["officer", "mediator"] });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.roles, ["officer", "mediator"]);
      assert.equal(await sessionStatus(client), 401);
      const again = await t.signIn("role.change");
      assert.deepEqual((await again.get("/api/auth/session")).body.account.roles, ["officer", "mediator"]);
      const [audit] = await auditOf("account.update", target.id).then((rows) => rows.filter((row) => "roles" in row.detail));
      assert.deepEqual(audit?.detail.roles, ["officer", "mediator"]);
    });

    it("moves an account to another org of the jurisdiction and ends its sessions; an org outside answers 404", async () => {
      const target = await makeAccount(t.db.orm, { org: world.villageA, username: "org.change", roles: ["officer"] });
      const admin = await t.signIn("a-admin");
      const client = await t.signIn("org.change");
      const outside = await admin.patch(`/api/accounts/${target.id}`, { version: 1, orgId: world.townshipB.id });
      assert.equal(outside.status, 404);
      assert.equal((await stored("org.change"))?.orgId, world.villageA.id);
      assert.equal(await sessionStatus(client), 200);

      const moved = await admin.patch(`/api/accounts/${target.id}`, { version: 1, orgId: world.townshipA.id });
      assert.equal(moved.status, 200);
      assert.equal(moved.body.orgName, "甲镇");
      assert.equal(await sessionStatus(client), 401);
    });

    it("refuses an edit at a stale version with 409 and keeps the account as it was", async () => {
      const target = await makeAccount(t.db.orm, { org: world.villageA, username: "stale.edit", displayName: "原名", roles: ["officer"] });
      const admin = await t.signIn("a-admin");
      assert.equal((await admin.patch(`/api/accounts/${target.id}`, { version: 1, phone: "13700001111" })).status, 200);
      const stale = await admin.patch(`/api/accounts/${target.id}`, { version: 1, displayName: "覆盖", roles: ["admin"] });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, "staleVersion");
      const row = await stored("stale.edit");
      assert.equal(row?.displayName, "原名");
      assert.deepEqual(row?.roles, ["officer"]);
      assert.equal(row?.phone, "13700001111");
      assert.equal(row?.version, 2);
    });

    it("does not let an admin take its own admin role away", async () => {
      const admin = await t.signIn("v-admin");
      const own = (await admin.get(`/api/accounts/${world.villageAdmin.id}`)).body;
      const res = await admin.patch(`/api/accounts/${world.villageAdmin.id}`, { version: own.version, roles: ["officer"] });
      assert.equal(res.status, 409);
      assert.equal(res.body.code, "account.self");
      assert.deepEqual((await stored("v-admin"))?.roles, ["admin"]);
    });
  });

  describe("passwords, deactivation and reactivation", () => {
    it("resets a password: the account must change it, its sessions end, the old password stops working and the new one works", async () => {
      const target = await makeAccount(t.db.orm, { org: world.villageA, username: "forgot.password", roles: ["reporter"] });
      const admin = await t.signIn("a-admin");
      const client = await t.signIn("forgot.password");

      const stale = await admin.post(`/api/accounts/${target.id}/reset-password`, { version: 7, password: "Reset-pass-2026!" });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, "staleVersion");
      assert.equal(await sessionStatus(client), 200, "a refused reset ends nothing");

      const res = await admin.post(`/api/accounts/${target.id}/reset-password`, { version: 1, password: "Reset-pass-2026!" });
      assert.equal(res.status, 200);
      assert.equal(res.body.mustChangePassword, true);
      assert.equal(res.body.version, 2);
      assert.equal(await sessionStatus(client), 401);
      assert.equal((await login("forgot.password", TEST_PASSWORD)).status, 401);
      const fresh = await t.signIn("forgot.password", "Reset-pass-2026!");
      assert.equal((await fresh.get("/api/orgs")).body.code, "password.mustChange");
      assert.equal((await auditOf("account.password.reset", target.id)).length, 1);
    });

    it("deactivates an account: its sessions end, it cannot sign in, and lists hide it unless asked", async () => {
      const target = await makeAccount(t.db.orm, { org: world.villageA, username: "leaving.officer", roles: ["officer"] });
      const admin = await t.signIn("a-admin");
      const client = await t.signIn("leaving.officer");

      const res = await admin.post(`/api/accounts/${target.id}/deactivate`, { version: 1 });
      assert.equal(res.status, 200);
      assert.equal(res.body.active, false);
      assert.deepEqual(res.body.actions, ["update", "resetPassword", "reactivate"]);
      assert.equal(await sessionStatus(client), 401);
      const refused = await login("leaving.officer", TEST_PASSWORD);
      assert.equal(refused.status, 401);
      assert.equal(refused.body.code, "login.failed");

      assert.ok(!usernames(await listOf(admin)).includes("leaving.officer"));
      assert.ok(usernames(await listOf(admin, "&includeInactive=true")).includes("leaving.officer"));
      const twice = await admin.post(`/api/accounts/${target.id}/deactivate`, { version: 2 });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, "account.alreadyInactive");
    });

    it("does not let an admin deactivate itself, nor offers it the button", async () => {
      const admin = await t.signIn("a-admin");
      const own = await admin.get(`/api/accounts/${world.admin.id}`);
      assert.deepEqual(own.body.actions, ["update", "resetPassword"]);
      const res = await admin.post(`/api/accounts/${world.admin.id}/deactivate`, { version: own.body.version });
      assert.equal(res.status, 409);
      assert.equal(res.body.code, "account.self");
      assert.equal((await stored("a-admin"))?.active, true);
      assert.equal(await sessionStatus(admin), 200);
    });

    it("reactivates an account, which can then sign in again; not while its org is deactivated", async () => {
      const target = await makeAccount(t.db.orm, { org: world.villageA, username: "returning", roles: ["officer"], active: false });
      const admin = await t.signIn("a-admin");
      const res = await admin.post(`/api/accounts/${target.id}/reactivate`, { version: 1 });
      assert.equal(res.status, 200);
      assert.equal(res.body.active, true);
      assert.deepEqual(res.body.actions, ["update", "resetPassword", "deactivate"]);
      await t.signIn("returning");
      const twice = await admin.post(`/api/accounts/${target.id}/reactivate`, { version: 2 });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, "account.alreadyActive");

      const closed = await makeOrg(t.db.orm, { parent: world.townshipA, name: "撤并后的村", active: false });
      const stranded = await makeAccount(t.db.orm, { org: closed, username: "stranded", active: false });
      const blocked = await admin.post(`/api/accounts/${stranded.id}/reactivate`, { version: 1 });
      assert.equal(blocked.status, 409);
      assert.equal(blocked.body.code, "org.inactive");
      assert.equal((await stored("stranded"))?.active, false);
    });
  });

  describe("what non-admins may do", () => {
    it("leaders, officers and auditors read colleagues' accounts but are refused every change (403) and offered no buttons", async () => {
      const colleague = await makeAccount(t.db.orm, { org: world.villageA, username: "colleague", roles: ["reporter"] });
      for (const username of ["a-leader", "a-officer", "a-auditor"]) {
        const client = await t.signIn(username);
        const read = await client.get(`/api/accounts/${colleague.id}`);
        assert.equal(read.status, 200, username);
        assert.deepEqual(read.body.actions, []);
        const attempts = [
          await client.patch(`/api/accounts/${colleague.id}`, { version: 1, displayName: "被改" }),
          await client.post(`/api/accounts/${colleague.id}/reset-password`, { version: 1, password: "Taken-over-2026" }),
          await client.post(`/api/accounts/${colleague.id}/deactivate`, { version: 1 }),
          await client.post("/api/accounts", { orgId: world.villageA.id, username: `made.by.${username}`, displayName: "x", roles: ["admin"], password: INITIAL_PASSWORD }),
        ];
        assert.deepEqual(attempts.map((res) => res.status), [403, 403, 403, 403], username);
      }
      const row = await stored("colleague");
      assert.equal(row?.version, 1);
      assert.equal(row?.active, true);
      assert.equal((await login("colleague", TEST_PASSWORD)).status, 200, "the password is unchanged");
    });

    it("reporters, duty officers, mediators and inspectors get 404 for colleagues' accounts and 403 for changes to their own or creating in their org", async () => {
      for (const username of ["a-reporter", "a-duty", "a-mediator", "a-inspector"]) {
        const client = await t.signIn(username);
        const self = (await client.get(`/api/auth/session`)).body.account as { id: string };
        const own = await client.get(`/api/accounts/${self.id}`);
        assert.equal(own.status, 200);
        assert.deepEqual(own.body.actions, []);
        assert.equal((await client.patch(`/api/accounts/${self.id}`, { version: own.body.version, roles: ["admin"] })).status, 403, `${username} promotes itself`);
        assert.equal((await client.patch(`/api/accounts/${world.officer.id}`, { version: 1, displayName: "被改" })).status, 404, `${username} edits a colleague`);
        assert.equal((await client.post(`/api/accounts/${world.officer.id}/deactivate`, { version: 1 })).status, 404);
        const create = await client.post("/api/accounts", { orgId: world.townshipA.id, username: `made.by.${username}`, displayName: "x", roles: ["admin"], password: INITIAL_PASSWORD });
        assert.equal(create.status, 403, `${username} creates in its own township, which it can see`);
        assert.deepEqual((await stored(username))?.roles, [username.slice(2)]);
      }
      assert.equal((await t.db.orm.select().from(accounts).where(eq(accounts.displayName, "x"))).length, 0);
    });

    it("a village admin manages its village's accounts but not the township's (404)", async () => {
      const villageAdmin = await t.signIn("v-admin");
      assert.equal((await villageAdmin.get(`/api/accounts/${world.villageReporter.id}`)).body.actions.includes("resetPassword"), true);
      assert.equal((await villageAdmin.get(`/api/accounts/${world.leader.id}`)).status, 404);
      assert.equal((await villageAdmin.post(`/api/accounts/${world.leader.id}/deactivate`, { version: 1 })).status, 404);
      assert.equal((await stored("a-leader"))?.active, true);
    });
  });
});
