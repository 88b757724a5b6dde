// Cross-jurisdiction access for every route that takes an id, generated from the API document:
// a record in another township answers 404 (not 403), whatever the caller's role, and changes nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { databaseChecksum } from "../../server/testing/database-checksum.ts";
import { type World, makeWorld } from "../../server/testing/factories.ts";
import { documentedRoutes, validSample } from "../../server/testing/openapi-routes.ts";
import { recordMakerFor, recordUrl } from "../../server/testing/route-records.ts";
import { type TestApp, startTestApp } from "../../server/testing/test-app.ts";

describe("every route with an id keeps to the caller's jurisdiction", () => {
  let t: TestApp;
  let world: World;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
  });
  after(() => t.close());

  it("answers 404 for a record of a sibling township to every role of township A, and 'not 404' to township B's admin", async () => {
    const idRoutes = documentedRoutes(t.app).filter((route) => route.pathParams.includes("id"));
    assert.ok(idRoutes.length >= 10, `expected the org and account routes, found ${idRoutes.length}`);
    const outsiders = await Promise.all(
      ["a-admin", "a-leader", "a-officer", "a-duty", "a-mediator", "a-inspector", "a-reporter", "a-auditor", "v-admin"].map((u) => t.signIn(u)),
    );
    const insider = await t.signIn("b-admin");
    let checked = 0;
    for (const route of idRoutes) {
      const make = recordMakerFor(route.path);
      assert.ok(make, `${route.method} ${route.path} takes an id but server/testing/route-records.ts has no maker for it`);
      const id = await make(t.db.orm, world.townshipB);
      const url = await recordUrl(route, t.db.orm, id);
      const body = route.body ? validSample(route.body, { parentId: world.townshipB.id, orgId: world.townshipB.id }) : undefined;

      const before = await databaseChecksum(t.db.orm);
      for (const client of outsiders) {
        const res = await client.request(route.method, url, body);
        assert.equal(res.status, 404, `${route.method} ${route.path}: expected 404, got ${res.status} ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, "notFound");
        checked += 1;
      }
      assert.equal(await databaseChecksum(t.db.orm), before, `${route.method} ${route.path} changed the database while answering 404`);

      const own = await insider.request(route.method, url, body);
      assert.notEqual(own.status, 404, `${route.method} ${route.path} is not reachable even inside its jurisdiction: ${JSON.stringify(own.body)}`);
    }
    assert.ok(checked > 0);
  });
});
