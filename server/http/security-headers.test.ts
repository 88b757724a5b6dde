// The security headers on what the server answers: the web page, an API answer, a download.
// The policy forbids inline and foreign scripts and any framing; HSTS is sent exactly when the
// deployment is served over HTTPS (secure cookies), never on plain HTTP.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type World, makeWorld } from "../testing/factories.ts";
import { makePlan } from "../testing/plan-factories.ts";
import { type TestApp, type TestResponse, startTestApp } from "../testing/test-app.ts";

/** The CSP as a map of directive → sources. */
function cspOf(res: TestResponse): Map<string, string[]> {
  const header = String(res.headers["content-security-policy"] ?? "");
  assert.ok(header, "a Content-Security-Policy header is sent");
  return new Map(header.split(";").map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...sources]) => [name!, sources]));
}

function assertLockedDown(res: TestResponse, what: string) {
  const csp = cspOf(res);
  assert.deepEqual(csp.get("script-src"), ["'self'"], `${what}: scripts only from the app's own origin, never inline`);
  assert.deepEqual(csp.get("script-src-attr"), ["'none'"], `${what}: no inline event handlers`);
  assert.deepEqual(csp.get("default-src"), ["'self'"], what);
  assert.deepEqual(csp.get("frame-ancestors"), ["'none'"], `${what}: never framed`);
  assert.deepEqual(csp.get("object-src"), ["'none'"], what);
  assert.equal(res.headers["x-frame-options"], "DENY", what);
  assert.equal(res.headers["x-content-type-options"], "nosniff", `${what}: a download is never run as another type`);
  assert.equal(res.headers["referrer-policy"], "no-referrer", what);
}

describe("security headers", () => {
  let plain: TestApp;
  let tls: TestApp;
  let world: World;
  before(async () => {
    [plain, tls] = await Promise.all([startTestApp(), startTestApp({ cookieSecure: true })]);
    world = await makeWorld(plain.db.orm);
    await makeWorld(tls.db.orm);
  });
  after(async () => {
    await plain?.close();
    await tls?.close();
  });

  it("sends the locked-down policy on the web page, an API answer, a problem and a download, without HSTS over plain HTTP", async () => {
    const admin = await plain.signIn("a-admin");
    const { plan } = await makePlan(plain.db.orm, world.townshipA);
    const answers: [string, TestResponse][] = [
      ["the web page", await plain.request("GET", "/")],
      ["a page of the web client", await plain.request("GET", "/incidents/new")],
      ["an API answer", await plain.request("GET", "/api/health")],
      ["a signed-in API answer", await admin.get("/api/auth/session")],
      ["a problem", await plain.request("GET", "/api/incidents")],
      ["a download", await admin.get(`/api/plans/${plan.id}/export.docx`)],
    ];
    assert.match(String(answers[0]![1].headers["content-type"]), /^text\/html/, "the built web client's index.html (run `npx vite build` first)");
    assert.equal(answers[2]![1].status, 200);
    assert.equal(answers[4]![1].status, 401);
    assert.equal(answers[5]![1].status, 200, "the plan downloads");
    assert.match(String(answers[5]![1].headers["content-disposition"]), /^attachment;/, "a download is saved, never shown in the app's origin");
    for (const [what, res] of answers) {
      assertLockedDown(res, what);
      assert.equal(res.headers["strict-transport-security"], undefined, `${what}: no HSTS when the deployment runs without TLS`);
    }
  });

  it("adds HSTS for a year when the deployment runs behind TLS (secure cookies)", async () => {
    for (const url of ["/", "/api/health", "/api/incidents"]) {
      const res = await tls.request("GET", url);
      assertLockedDown(res, url);
      assert.equal(res.headers["strict-transport-security"], "max-age=31536000", url);
    }
  });
});
