// Rate limits on the doors that need no session: sign-in per client address and per username,
// and the public routes (health, calendar feeds). A refusal is a 429 problem+json in the
// caller's language with Retry-After, writes nothing, and the door opens again after the window.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { databaseChecksum } from "../testing/database-checksum.ts";
import { TEST_PASSWORD, makeAccount, makeOrg } from "../testing/factories.ts";
import { type TestApp, startTestApp } from "../testing/test-app.ts";

// Long enough for the attempts before the limit to land in one window on a busy machine
// (each checks a password hash); the first test waits one window out.
const WINDOW_SECONDS = 8;

/** One after the other: the limiter's in-memory count is read a tick after it is taken, so requests of the same tick all read the last count. */
async function inTurn<T>(sends: (() => Promise<T>)[]): Promise<T[]> {
  const answers: T[] = [];
  for (const send of sends) answers.push(await send());
  return answers;
}

describe("rate limits", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ rateLimitWindowSeconds: WINDOW_SECONDS, signInRateLimitPerAddress: 4, signInRateLimitPerUsername: 3, publicRateLimitPerAddress: 3 });
    const org = await makeOrg(t.db.orm, { name: "青山镇", kind: "township" });
    await makeAccount(t.db.orm, { org, username: "officer", roles: ["officer"] });
    await makeAccount(t.db.orm, { org, username: "mediator", roles: ["mediator"] });
  });
  after(() => t.close());

  const signIn = (from: string, username: string, password = "wrong-password", lang = "zh-CN") =>
    t.app.inject({ method: "POST", url: "/api/auth/login", remoteAddress: from, headers: { "accept-language": lang }, payload: { username, password } });

  it("refuses the attempt after the limit from one address, for any username, then lets it in again after the window", async () => {
    // Attempts without a password count too (the address is counted before the body is read), and keep the test quick.
    const attempts = await inTurn(["ghost-1", "ghost-2", "ghost-3", "ghost-4", "officer"].map((username) => () => signIn("203.0.113.7", username, username === "officer" ? TEST_PASSWORD : "")));
    assert.deepEqual(attempts.map((res) => res.statusCode), [400, 400, 400, 400, 429], "the fifth attempt is refused, the right password too");
    const refused = attempts[4]!;
    assert.match(String(refused.headers["content-type"]), /^application\/problem\+json/);
    const problem = refused.json();
    assert.equal(problem.code, "tooManyRequests");
    assert.equal(problem.title, "请求过于频繁，请稍后再试");
    const retryAfter = Number(refused.headers["retry-after"]);
    assert.ok(retryAfter >= 1 && retryAfter <= WINDOW_SECONDS, `Retry-After in seconds: ${refused.headers["retry-after"]}`);
    assert.ok(Date.parse(problem.retryAt) > Date.now() - 1000, "the body says when to retry");

    const before = await databaseChecksum(t.db.orm);
    const english = await signIn("203.0.113.7", "officer", TEST_PASSWORD, "en");
    assert.equal(english.statusCode, 429, "even the right password waits: nothing is checked");
    assert.equal(english.json().title, "Too many requests; try again later");
    assert.ok(english.headers["retry-after"]);
    assert.equal(await databaseChecksum(t.db.orm), before, "a refused attempt records nothing: no failure, no audit row, no session");
    assert.equal((await signIn("198.51.100.20", "officer", TEST_PASSWORD)).statusCode, 200, "another address is not held back");

    await sleep(Number(english.headers["retry-after"]) * 1000 + 100);
    assert.equal((await signIn("203.0.113.7", "officer", TEST_PASSWORD)).statusCode, 200, "after the window the address may sign in again");
  });

  it("refuses attempts on one username beyond its limit, from whatever address, and not others' sign-ins", async () => {
    const attempts = await inTurn(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"].map((from) => () => signIn(from, "Mediator")));
    assert.deepEqual(attempts.map((res) => res.statusCode), [401, 401, 401, 429], "the username's fourth attempt in the window is refused, whatever the address");
    assert.ok(attempts[3]!.headers["retry-after"]);
    assert.equal(attempts[3]!.json().code, "tooManyRequests");
    assert.equal((await signIn("192.0.2.5", "mediator", TEST_PASSWORD)).statusCode, 429, "the right password too: the username waits");
    assert.equal((await signIn("192.0.2.5", "ghost-9")).statusCode, 401, "another username from the same address is still answered");
  });

  it("limits the health check and the calendar feeds per address, not the signed-in API", async () => {
    const from = "203.0.113.50";
    const get = (url: string) => t.app.inject({ method: "GET", url, remoteAddress: from });
    for (const url of ["/api/health", `/api/calendar/${"x".repeat(43)}.ics`]) {
      const answers = await inTurn([1, 2, 3, 4].map(() => () => get(url)));
      const refused = answers.filter((res) => res.statusCode === 429);
      assert.deepEqual(answers.map((res) => res.statusCode === 429), [false, false, false, true], `${url}: ${answers.map((res) => res.statusCode)}`);
      assert.match(String(refused[0]!.headers["content-type"]), /^application\/problem\+json/);
      assert.ok(Number(refused[0]!.headers["retry-after"]) >= 1);
    }
    const officer = await t.signIn("officer");
    const session = await Promise.all(Array.from({ length: 10 }, () => officer.get("/api/auth/session")));
    assert.deepEqual([...new Set(session.map((res) => res.status))], [200], "routes behind the session are not rate limited");
  });
});
