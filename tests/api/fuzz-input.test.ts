// Generated bad input for every route (fast-check over the OpenAPI schemas): wrong types, missing
// fields, huge strings, deep JSON, bytes that are not UTF-8, wrong content types, bad paths and
// query strings, extra properties. Each request answers 4xx problem+json in time, never 500, and
// the database is exactly as it was. FUZZ_SEED and FUZZ_RUNS (per route) replay or widen a run.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { type BadRequest, badRequests } from "../../server/testing/bad-requests.ts";
import { databaseChecksum } from "../../server/testing/database-checksum.ts";
import { startRouteWideApp } from "../../server/testing/route-wide-app.ts";
import type { TestClient, TestResponse } from "../../server/testing/test-app.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const REQUEST_TIMEOUT_MS = 10_000;

/** Each route draws from its own seed, so adding a route does not change what the others are sent. */
const routeSeed = (key: string) => SEED ^ createHash("sha256").update(key).digest().readInt32BE(0);

async function sendInTime(client: TestClient, request: BadRequest): Promise<TestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
  });
  try {
    return await Promise.race([client.request(request.method, request.url, request.payload, request.headers), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const describeRequest = (r: BadRequest) =>
  `${r.method} ${r.url.slice(0, 200)} [${r.flaws.join("; ")}] ${JSON.stringify(r.headers)} ${r.payload === undefined ? "" : `body ${r.payload.length} bytes: ${r.payload.toString().slice(0, 200)}`}`;

describe("generated bad input on every route", () => {
  let app: Awaited<ReturnType<typeof startRouteWideApp>>;
  before(async () => {
    app = await startRouteWideApp();
  });
  after(() => app.t.close());

  it("answers every one 4xx problem+json in time and changes nothing", async (ctx) => {
    const { t, client, routes, urls } = app;
    ctx.diagnostic(`seed ${SEED}, ${RUNS} runs per route (FUZZ_SEED, FUZZ_RUNS to change)`);
    const started = Date.now();
    const initial = await databaseChecksum(t.db.orm);
    const statuses = new Map<number, number>();
    const flaws = new Map<string, number>();
    const fixed: string[] = [];
    let tried = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const requests = badRequests(route, urls.get(route)!);
      if (!requests) {
        fixed.push(key);
        continue;
      }
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const res = await sendInTime(client, request);
          tried += 1;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          for (const flaw of request.flaws) {
            const kind = flaw.replace(/^.*: /, "").replace(/^\S+ missing$/, "missing field").replace(/^sent as .*/, "wrong content type");
            flaws.set(kind, (flaws.get(kind) ?? 0) + 1);
          }
          const where = describeRequest(request);
          assert.ok(res.status >= 400 && res.status < 500, `${where}\n→ ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          assert.match(String(res.headers["content-type"]), /^application\/problem\+json/, `${where}\n→ ${res.status} ${String(res.headers["content-type"])}`);
          assert.ok(typeof res.body.title === "string" && res.body.title.length > 0, `${where}: no title`);
        }),
        // Each request runs against the real database: shrinking after a failure would work on a changed one.
        { seed: routeSeed(key), numRuns: RUNS, endOnFailure: true },
      );
    }
    // Once, not per route: on a busy PGlite a checksum costs as much as a hundred requests.
    assert.equal(await databaseChecksum(t.db.orm), initial, "bad input changed the database");
    const tally = (m: Map<string | number, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(", ");
    ctx.diagnostic(`${tried} bad requests over ${routes.length - fixed.length} routes in ${Math.round((Date.now() - started) / 1000)} s; statuses ${tally(statuses)}`);
    ctx.diagnostic(`flaws ${tally(flaws as Map<string | number, number>)}`);
    ctx.diagnostic(`nothing to get wrong (no parameter, query or body): ${fixed.join(", ")}`);
    assert.ok(tried >= RUNS * 100, `only ${tried} requests`);
  });
});
