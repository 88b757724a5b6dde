import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type TestApp, startTestApp } from "../../server/testing/test-app.ts";

describe("API document and health", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it("serves an OpenAPI 3.1 document naming every route with its input and output schemas", async () => {
    const res = await t.request("GET", "/api/openapi.json");
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, "3.1.0");
    const documented = new Set(Object.entries(res.body.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    for (const route of ["POST /api/auth/login", "GET /api/orgs", "PATCH /api/orgs/{id}", "POST /api/accounts", "GET /api/audit"]) {
      assert.ok(documented.has(route), `${route} is missing from the document`);
    }
    const createOrg = res.body.paths["/api/orgs"].post;
    assert.deepEqual(createOrg.requestBody.content["application/json"].schema.required, ["parentId", "name", "kind"]);
    assert.ok(createOrg.responses["201"].content["application/json"].schema.properties.actions);
  });

  it("serves the browsable documentation page", async () => {
    const res = await t.request("GET", "/api/docs/");
    assert.equal(res.status, 200);
    assert.match(String(res.body), /swagger/i);
  });

  it("answers health without a session and names the database", async () => {
    const res = await t.request("GET", "/api/health");
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "ok");
    assert.equal(res.body.database, process.env.TEST_DATABASE_URL ? "postgres" : "pglite");
  });

  it("sends security headers: a CSP without inline scripts and no framing", async () => {
    const res = await t.request("GET", "/api/health");
    const csp = String(res.headers["content-security-policy"]);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
  });
});
