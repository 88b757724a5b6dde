import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TEST_PASSWORD, makeAccount, makeOrg } from "../../testing/factories.ts";
import { type TestApp, startTestApp } from "../../testing/test-app.ts";

describe("sign-in, sessions and CSRF", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    const org = await makeOrg(t.db.orm, { name: "青山镇", kind: "township" });
    await makeAccount(t.db.orm, { org, username: "officer", roles: ["officer"] });
    await makeAccount(t.db.orm, { org, username: "locked", roles: ["officer"] });
    await makeAccount(t.db.orm, { org, username: "newbie", roles: ["officer"], mustChangePassword: true });
    await makeAccount(t.db.orm, { org, username: "gone", roles: ["officer"], active: false });
  });
  after(() => t.close());

  it("signs in with the right password and returns the session, the CSRF token and an httpOnly SameSite cookie", async () => {
    const res = await t.request("POST", "/api/auth/login", { username: "Officer", password: TEST_PASSWORD });
    assert.equal(res.status, 200);
    assert.equal(res.body.account.username, "officer");
    assert.equal(res.body.org.name, "青山镇");
    assert.ok(res.body.csrfToken.length >= 32);
    const cookie = String(res.headers["set-cookie"]);
    assert.match(cookie, /huajie_sid=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
  });

  it("refuses a wrong password, an unknown user and a deactivated account with the same message", async () => {
    for (const [username, password] of [["officer", "wrong-password"], ["nobody", TEST_PASSWORD], ["gone", TEST_PASSWORD]]) {
      const res = await t.request("POST", "/api/auth/login", { username, password });
      assert.equal(res.status, 401);
      assert.equal(res.headers["content-type"], "application/problem+json; charset=utf-8");
      assert.equal(res.body.title, "用户名或密码错误");
    }
  });

  it("locks a username after 5 failures in 15 minutes, says until when, and lets it in once the window passes", async () => {
    for (let i = 0; i < 5; i++) {
      t.clock.advanceMinutes(1);
      assert.equal((await t.request("POST", "/api/auth/login", { username: "locked", password: "nope" })).status, 401);
    }
    const firstFailure = new Date(t.clock.now().getTime() - 4 * 60_000);
    const locked = await t.request("POST", "/api/auth/login", { username: "locked", password: TEST_PASSWORD }, { "accept-language": "en" });
    assert.equal(locked.status, 429);
    assert.equal(locked.body.code, "login.locked");
    assert.equal(locked.body.retryAt, new Date(firstFailure.getTime() + 15 * 60_000).toISOString());
    assert.match(locked.body.title, /locked until/);
    assert.ok(Number(locked.headers["retry-after"]) > 0);

    t.clock.advanceMinutes(11); // the first failure has left the window
    assert.equal((await t.request("POST", "/api/auth/login", { username: "locked", password: TEST_PASSWORD })).status, 200);
  });

  it("refuses a state-changing request without the CSRF header or with a wrong one, and changes nothing", async () => {
    const client = await t.signIn("officer");
    const missing = await client.request("POST", "/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "Another-pass-2026" }, { "x-csrf-token": "" });
    assert.equal(missing.status, 403);
    assert.equal(missing.body.code, "csrf.invalid");
    const wrong = await client.request("POST", "/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "Another-pass-2026" }, { "x-csrf-token": "x".repeat(43) });
    assert.equal(wrong.status, 403);
    // The password is unchanged: the old one still signs in.
    await t.signIn("officer");
  });

  it("ends a session idle for longer than the timeout and keeps one in use alive", async () => {
    const client = await t.signIn("officer");
    t.clock.advanceMinutes(29);
    assert.equal((await client.get("/api/auth/session")).status, 200);
    t.clock.advanceMinutes(29); // 29 minutes since the last request: still alive
    assert.equal((await client.get("/api/auth/session")).status, 200);
    t.clock.advanceMinutes(31);
    const expired = await client.get("/api/auth/session");
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, "session.expired");
    assert.equal((await client.get("/api/auth/session")).status, 401);
  });

  it("signs out: the cookie no longer works", async () => {
    const client = await t.signIn("officer");
    assert.equal((await client.post("/api/auth/logout")).status, 200);
    assert.equal((await client.get("/api/orgs")).status, 401);
  });

  it("holds an account with an initial password to changing it, enforcing the strength rules", async () => {
    const client = await t.signIn("newbie");
    const blocked = await client.get("/api/orgs");
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.code, "password.mustChange");

    const weak = await client.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "abcdefghij" });
    assert.equal(weak.status, 400);
    assert.deepEqual(weak.body.errors.map((e: { field: string }) => e.field), ["newPassword"]);
    const wrongCurrent = await client.post("/api/auth/password", { currentPassword: "not-it", newPassword: "Strong-pass-2026!" });
    assert.equal(wrongCurrent.status, 400);
    assert.equal(wrongCurrent.body.errors[0].field, "currentPassword");

    const other = await t.signIn("newbie");
    const changed = await client.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "Strong-pass-2026!" });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.account.mustChangePassword, false);
    assert.equal((await client.get("/api/orgs")).status, 200);
    assert.equal((await other.get("/api/auth/session")).status, 401, "the account's other sessions end");
    await t.signIn("newbie", "Strong-pass-2026!");
  });

  it("answers requests without a session with 401 problem+json in the language asked for", async () => {
    const zh = await t.request("GET", "/api/orgs");
    assert.equal(zh.status, 401);
    assert.equal(zh.body.title, "请先登录");
    const en = await t.request("GET", "/api/orgs", undefined, { "accept-language": "en-US,en;q=0.9" });
    assert.equal(en.body.title, "Please sign in");
  });
});
