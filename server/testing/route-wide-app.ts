// The app the route-wide bad-input tests send to: an admin and auditor at the county, who
// reaches most routes, so most requests meet validation rather than a refusal; and for every
// documented route (but health) its URL, with a record made for routes that take an id.
import { makeAccount, makeWorld } from "./factories.ts";
import { documentedRoutes } from "./openapi-routes.ts";
import { recordUrls } from "./route-records.ts";
import { startTestApp } from "./test-app.ts";

export async function startRouteWideApp() {
  const t = await startTestApp();
  const world = await makeWorld(t.db.orm);
  await makeAccount(t.db.orm, { org: world.county, username: "county-root", roles: ["admin", "auditor"] });
  const client = await t.signIn("county-root");
  const routes = documentedRoutes(t.app).filter((route) => route.path !== "/api/health");
  const urls = await recordUrls(routes, t.db.orm, world.county);
  return { t, client, routes, urls };
}
