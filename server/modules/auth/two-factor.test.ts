import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { ConfigError, loadConfig } from "../../config.ts";
import { accounts, auditLog, twoFactorSecrets } from "../../db/schema.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { TEST_PASSWORD, makeAccount, makeOrg } from "../../testing/factories.ts";
import { type TestApp, startTestApp } from "../../testing/test-app.ts";

/** A person's authenticator app: the code it shows for the secret at the app's clock. */
const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

/** A client carrying the session cookie and CSRF token of a completed sign-in. */
function clientOf(t: TestApp, res: { headers: Record<string, unknown>; body: { csrfToken: string } }) {
  const cookie = String(res.headers["set-cookie"]).match(/huajie_sid=[^;]+/)![0];
  const headers = { cookie, "x-csrf-token": res.body.csrfToken };
  return {
    get: (url: string) => t.request("GET", url, undefined, headers),
    post: (url: string, body: unknown = {}) => t.request("POST", url, body, headers),
  };
}

/** The password step: the challenge cookie when the account has two-factor. */
async function passwordStep(t: TestApp, username: string, password = TEST_PASSWORD) {
  const res = await t.request("POST", "/api/auth/login", { username, password });
  const challenge = String(res.headers["set-cookie"] ?? "").match(/huajie_2fa=[^;]+/)?.[0];
  return { res, challenge };
}

const secondStep = (t: TestApp, challenge: string | undefined, code: string, lang = "zh-CN") =>
  t.request("POST", "/api/auth/login/two-factor", { code }, { ...(challenge ? { cookie: challenge } : {}), "accept-language": lang });

async function enrol(t: TestApp, username: string) {
  const client = await t.signIn(username);
  const started = await client.post("/api/auth/two-factor/enrolment");
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const confirmed = await client.post("/api/auth/two-factor/enrolment/confirm", { code: codeAt(started.body.secret, t.clock.now()) });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  return { client, secret: started.body.secret as string, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

describe("two-factor sign-in (TOTP) and recovery codes", () => {
  let t: TestApp;
  before(async () => {
    // As a deployment with TWO_FACTOR_REQUIRED_ROLES=leader: the others choose for themselves.
    t = await startTestApp({ twoFactorRequiredRoles: ["leader"] });
    const org = await makeOrg(t.db.orm, { name: "青山镇", kind: "township" });
    for (const username of ["enroller", "signer", "recoverer", "guesser", "leaver", "slow", "lost-phone", "officer"]) {
      await makeAccount(t.db.orm, { org, username, roles: ["officer"] });
    }
    await makeAccount(t.db.orm, { org, username: "leader", roles: ["leader"] });
    await makeAccount(t.db.orm, { org, username: "admin", roles: ["admin"] });
  });
  after(() => t.close());

  it("enrols from a secret shown once: a wrong code changes nothing, a right one turns it on with ten recovery codes", async () => {
    const client = await t.signIn("enroller");
    assert.deepEqual((await client.get("/api/auth/two-factor")).body, { enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false });

    const started = await client.post("/api/auth/two-factor/enrolment");
    assert.equal(started.status, 200);
    assert.match(started.body.secret, /^[A-Z2-7]{32}$/, "160 bits in base32");
    const uri = new URL(started.body.uri);
    assert.equal(uri.protocol, "otpauth:");
    assert.equal(uri.searchParams.get("secret"), started.body.secret);
    assert.equal(uri.searchParams.get("algorithm"), "SHA1");
    assert.equal(uri.searchParams.get("digits"), "6");
    assert.equal(uri.searchParams.get("period"), "30");
    assert.match(decodeURIComponent(uri.pathname), /enroller/);
    const [stored] = await t.db.orm.select().from(twoFactorSecrets);
    assert.ok(stored && !stored.secretEncrypted.includes(started.body.secret), "the secret is kept encrypted");

    const unchanged = await databaseChecksum(t.db.orm);
    const wrongCode = String((Number(codeAt(started.body.secret, t.clock.now())) + 1) % 1_000_000).padStart(6, "0");
    for (const [code, status] of [[wrongCode, 400], ["12345", 400], ["abcdef", 400]] as const) {
      const res = await client.request("POST", "/api/auth/two-factor/enrolment/confirm", { code }, { "accept-language": "en" });
      assert.equal(res.status, status);
      assert.equal(res.headers["content-type"], "application/problem+json; charset=utf-8");
      assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ["code"]);
    }
    const wrong = await client.post("/api/auth/two-factor/enrolment/confirm", { code: wrongCode });
    assert.equal(wrong.body.errors[0].message, "验证码不正确");
    assert.equal(await databaseChecksum(t.db.orm), unchanged, "wrong codes leave the enrolment pending and nothing else");
    assert.equal((await client.get("/api/auth/two-factor")).body.enabled, false);

    const confirmed = await client.post("/api/auth/two-factor/enrolment/confirm", { code: codeAt(started.body.secret, t.clock.now()) });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.body.recoveryCodes.length, 10);
    assert.equal(new Set(confirmed.body.recoveryCodes).size, 10);
    const status = (await client.get("/api/auth/two-factor")).body;
    assert.equal(status.enabled, true);
    assert.equal(status.recoveryCodesLeft, 10);
    assert.equal((await client.get("/api/auth/session")).body.account.twoFactorEnabled, true);
    const again = await client.post("/api/auth/two-factor/enrolment");
    assert.equal(again.status, 409, "an enabled secret is never handed out again");
    assert.equal(again.body.code, "twoFactor.alreadyEnabled");
  });

  it("asks for the code after the password, opens a session with it, and refuses the same code twice", async () => {
    const { secret } = await enrol(t, "signer");
    t.clock.advanceMinutes(1);

    const { res, challenge } = await passwordStep(t, "signer");
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { twoFactorRequired: true });
    assert.doesNotMatch(String(res.headers["set-cookie"]), /huajie_sid=/, "no session before the code");
    assert.match(String(res.headers["set-cookie"]), /HttpOnly/);
    assert.equal((await secondStep(t, undefined, codeAt(secret, t.clock.now()))).status, 401, "the second step needs the first one's cookie");

    const code = codeAt(secret, t.clock.now());
    const signedIn = await secondStep(t, challenge, code);
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.equal(signedIn.body.account.username, "signer");
    const client = clientOf(t, signedIn);
    assert.equal((await client.get("/api/orgs")).status, 200);
    assert.equal((await secondStep(t, challenge, code)).status, 401, "a challenge opens one session only");

    const replay = await passwordStep(t, "signer");
    const reused = await secondStep(t, replay.challenge, code, "en");
    assert.equal(reused.status, 400);
    assert.equal(reused.body.errors[0].field, "code");
    assert.match(reused.body.errors[0].message, /used already/);
    t.clock.advanceMinutes(1);
    assert.equal((await secondStep(t, replay.challenge, codeAt(secret, t.clock.now()))).status, 200, "the next code is fine");
  });

  it("takes each recovery code once, in whatever case and spacing it is typed", async () => {
    const { recoveryCodes, client } = await enrol(t, "recoverer");
    const first = await passwordStep(t, "recoverer");
    const typed = ` ${recoveryCodes[0]!.toUpperCase().replace("-", " ")} `;
    assert.equal((await secondStep(t, first.challenge, typed)).status, 200);
    assert.equal((await client.get("/api/auth/two-factor")).body.recoveryCodesLeft, 9);

    const second = await passwordStep(t, "recoverer");
    const used = await secondStep(t, second.challenge, recoveryCodes[0]!);
    assert.equal(used.status, 400);
    assert.equal(used.body.errors[0].field, "code");
    assert.equal((await secondStep(t, second.challenge, recoveryCodes[1]!)).status, 200);
  });

  it("counts wrong codes toward the lockout, and a waiting sign-in expires after five minutes", async () => {
    const { secret } = await enrol(t, "guesser");
    const { challenge } = await passwordStep(t, "guesser");
    for (let i = 0; i < 5; i++) {
      assert.equal((await secondStep(t, challenge, "000000")).status, 400);
    }
    const locked = await secondStep(t, challenge, codeAt(secret, t.clock.now()));
    assert.equal(locked.status, 429);
    assert.equal(locked.body.code, "login.locked");
    assert.equal((await passwordStep(t, "guesser")).res.status, 429, "the password step is locked too");

    t.clock.advanceMinutes(16);
    const slow = await passwordStep(t, "slow");
    const { secret: slowSecret } = await enrol(t, "slow");
    const waiting = await passwordStep(t, "slow");
    assert.equal(slow.res.status, 200);
    t.clock.advanceMinutes(6);
    const late = await secondStep(t, waiting.challenge, codeAt(slowSecret, t.clock.now()), "en");
    assert.equal(late.status, 401);
    assert.equal(late.body.code, "twoFactor.challengeExpired");
  });

  it("renews recovery codes and turns two-factor off only with a current code or the password", async () => {
    const { client, secret, recoveryCodes } = await enrol(t, "leaver");
    t.clock.advanceMinutes(1);
    const renewed = await client.post("/api/auth/two-factor/recovery-codes", { code: codeAt(secret, t.clock.now()) });
    assert.equal(renewed.status, 200);
    assert.notDeepEqual(renewed.body.recoveryCodes, recoveryCodes);
    const old = await passwordStep(t, "leaver");
    assert.equal((await secondStep(t, old.challenge, recoveryCodes[2]!)).status, 400, "the old codes stop working");

    const unchanged = await databaseChecksum(t.db.orm);
    for (const [body, field] of [[{}, "code"], [{ password: "not-it" }, "password"], [{ code: "000000" }, "code"]] as const) {
      const res = await client.post("/api/auth/two-factor/disable", body);
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].field, field);
    }
    assert.equal(await databaseChecksum(t.db.orm), unchanged);

    assert.equal((await client.post("/api/auth/two-factor/disable", { password: TEST_PASSWORD })).status, 200);
    assert.equal((await client.get("/api/auth/two-factor")).body.enabled, false);
    const plain = await passwordStep(t, "leaver");
    assert.match(String(plain.res.headers["set-cookie"]), /huajie_sid=/, "the password alone signs in again");
  });

  it("lets an admin's password reset remove a lost authenticator: the person signs in with the new password and enrols again", async () => {
    await enrol(t, "lost-phone");
    const [account] = await t.db.orm.select().from(accounts).where(eq(accounts.username, "lost-phone"));
    const admin = await t.signIn("admin");
    const reset = await admin.post(`/api/accounts/${account!.id}/reset-password`, { version: account!.version, password: "Reset-pass-2026!" });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    const after = await passwordStep(t, "lost-phone", "Reset-pass-2026!");
    assert.equal(after.res.body.account.mustChangePassword, true);
    assert.equal(after.res.body.account.twoFactorEnabled, false);
    const [audit] = await t.db.orm.select().from(auditLog).where(eq(auditLog.action, "account.password.reset"));
    assert.deepEqual(audit!.detail, { twoFactorCleared: true });
  });

  it("reads the setting from the environment and refuses a role that does not exist", () => {
    assert.deepEqual(loadConfig({ TWO_FACTOR_REQUIRED_ROLES: "admin, leader" }).twoFactorRequiredRoles, ["admin", "leader"]);
    assert.deepEqual(loadConfig({}).twoFactorRequiredRoles, []);
    assert.throws(() => loadConfig({ TWO_FACTOR_REQUIRED_ROLES: "admin,boss" }), ConfigError);
  });

  it("holds a leader without two-factor to enrolling, lets the officer be, and keeps it on once enrolled", async () => {
    const leader = await t.signIn("leader");
    const session = await leader.get("/api/auth/session");
    assert.equal(session.body.account.mustEnrolTwoFactor, true);
    const held = await leader.request("GET", "/api/orgs", undefined, { "accept-language": "en" });
    assert.equal(held.status, 403);
    assert.equal(held.body.code, "twoFactor.enrolRequired");
    assert.match(held.body.title, /two-factor/);
    assert.equal((await leader.get("/api/auth/two-factor")).body.required, true);

    const officer = await t.signIn("officer");
    assert.equal((await officer.get("/api/orgs")).status, 200);
    assert.equal((await officer.get("/api/auth/session")).body.account.mustEnrolTwoFactor, false);

    const started = await leader.post("/api/auth/two-factor/enrolment");
    const confirmed = await leader.post("/api/auth/two-factor/enrolment/confirm", { code: codeAt(started.body.secret, t.clock.now()) });
    assert.equal(confirmed.status, 200);
    assert.equal((await leader.get("/api/orgs")).status, 200);
    t.clock.advanceMinutes(1);
    const off = await leader.post("/api/auth/two-factor/disable", { code: codeAt(started.body.secret, t.clock.now()) });
    assert.equal(off.status, 409);
    assert.equal(off.body.code, "twoFactor.requiredForRole");
    const [row] = await t.db.orm.select().from(twoFactorSecrets).where(eq(twoFactorSecrets.accountId, session.body.account.id));
    assert.ok(row?.enabledAt, "still on");
  });
});
