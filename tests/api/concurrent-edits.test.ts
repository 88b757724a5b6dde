// Parallel edits of one record, for every route whose body carries the `version` the client saw:
// five requests at the same version, each with a different change, race; exactly one wins and
// the others answer 409 staleVersion, and the record shows the winner's change alone. On
// PostgreSQL the requests run on several pooled connections at once.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../server/db/client.ts";
import { findTasks } from "../../server/modules/incidents/queries.ts";
import type { OrgRow } from "../../server/modules/orgs/queries.ts";
import { makeAccount, makeOrg, makeWorld } from "../../server/testing/factories.ts";
import { type DocumentedRoute, type JsonSchema, documentedRoutes, validSample } from "../../server/testing/openapi-routes.ts";
import { recordMakerFor, recordUrl } from "../../server/testing/route-records.ts";
import { type TestApp, type TestClient, startTestApp } from "../../server/testing/test-app.ts";

const RACERS = 5;
const ALL_ROLES = ["admin", "leader", "officer", "duty", "mediator", "inspector", "reporter", "auditor"] as const;

interface Race {
  client: TestClient;
  /** The URL of the route under test, ids filled in. */
  url: string;
  /** The URL that reads the record and its version. */
  readUrl: string;
  accountId: string;
  townshipId: string;
  /** The org the record was made in. */
  org: OrgRow;
  db: Db;
}

/** A step through the API that puts the record in the state the raced action needs, at its current version. */
async function step(race: Race, action: string, body: Record<string, unknown> = {}) {
  const version = (await race.client.get(race.readUrl)).body.version;
  const res = await race.client.post(`${race.readUrl}/${action}`, { ...body, version });
  assert.ok(res.status < 300, `preparing with ${action}: ${res.status} ${JSON.stringify(res.body)}`);
}

const mediators = (race: Race) => [{ accountId: race.accountId, lead: true }];
const accepted = (race: Race) => step(race, "accept", { mediators: mediators(race), reason: "同意受理" });

/**
 * What a raced action needs that a generic body from its schema does not give: a state reached
 * first (a reactivation needs a deactivated record), or ids of other records. Keyed by route.
 */
const PREPARED: Record<
  string,
  { before?: (race: Race) => Promise<unknown>; body?: (race: Race, made: unknown) => Record<string, unknown>; version?: (race: Race) => Promise<number> }
> = {
  // A task is read within its incident, which has a version of its own.
  "PATCH /api/incidents/{id}/tasks/{taskId}": {
    version: async (race) => {
      const [incidentId, taskId] = race.url.match(/[0-9a-f-]{36}/g)!;
      return (await findTasks(race.db, incidentId!)).find(({ task }) => task.id === taskId)!.task.version;
    },
  },
  "POST /api/orgs/{id}/move": { body: (race) => ({ parentId: race.townshipId }) },
  "POST /api/orgs/{id}/reactivate": { before: (race) => step(race, "deactivate") },
  "POST /api/accounts/{id}/reactivate": { before: (race) => step(race, "deactivate") },
  "POST /api/groups/{id}/members": { before: (race) => makeAccount(race.db, { org: race.org }), body: (_, made) => ({ accountId: (made as { id: string }).id }) },
  "POST /api/plans/{id}/publish": {
    before: async (race) => {
      const plan = (await race.client.get(race.readUrl)).body;
      const res = await race.client.patch(race.readUrl, { version: plan.version, title: `${plan.title}（修订）` });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    },
  },
  "POST /api/incidents/{id}/reports/{reportId}/send": { before: (race) => step(race, "approve") },
  "POST /api/incidents/{id}/reopen": { before: (race) => step(race, "close", validSample(closeBody) as Record<string, unknown>) },
  "POST /api/disputes/{id}/accept": { body: (race) => ({ mediators: mediators(race) }) },
  "POST /api/disputes/{id}/extend": { before: accepted, body: () => ({ days: 15, partiesAgreed: true }) },
  "PUT /api/disputes/{id}/mediators": { before: accepted, body: (race) => ({ mediators: mediators(race) }) },
  "POST /api/disputes/{id}/sessions": { before: accepted },
  "POST /api/disputes/{id}/outcome": { before: accepted },
  "POST /api/disputes/{id}/referral/result": { before: (race) => step(race, "referral", validSample(referralBody) as Record<string, unknown>) },
};
let closeBody: JsonSchema = {};
let referralBody: JsonSchema = {};

/**
 * Versioned routes this test does not race, each with why: the record cannot reach the
 * action's state through the generic makers. Keep this list short; a route missing from both
 * lists fails the test.
 */
const NOT_RACED: Record<string, string> = {
  "POST /api/groups/{id}/members/remove": "needs a member added first; its id is only in the group's history",
  "POST /api/disputes/{id}/follow-ups": "a follow-up visit is due only after an agreement",
  "POST /api/disputes/{id}/move-up": "the maker's dispute is at the county, with no level above it",
};

/** The free-text fields a racer may change, so the record can show whose change it kept (not a password, which has rules). */
const PREFERRED = ["name", "title", "displayName", "summary", "reason", "note", "notes", "content", "place"];
function plainText(schema: JsonSchema): boolean {
  const sole = schema.anyOf?.find((s) => s.type !== "null") ?? schema;
  return sole.type === "string" && !sole.enum && !sole.format && !sole.pattern;
}
function variedField(body: JsonSchema): string | null {
  const texts = Object.entries(body.properties ?? {}).filter(([key, schema]) => key !== "version" && plainText(schema)).map(([key]) => key);
  return PREFERRED.find((key) => texts.includes(key)) ?? null;
}

const key = (route: DocumentedRoute) => `${route.method} ${route.path}`;

describe("parallel edits of one record", () => {
  let t: TestApp;
  let client: TestClient;
  let race: Omit<Race, "url" | "readUrl" | "org" | "db">;
  let county: Awaited<ReturnType<typeof makeWorld>>["county"];
  before(async () => {
    t = await startTestApp();
    const world = await makeWorld(t.db.orm);
    county = world.county;
    const account = await makeAccount(t.db.orm, { org: world.county, username: "county-all", roles: [...ALL_ROLES] });
    client = await t.signIn("county-all");
    race = { client, accountId: account.id, townshipId: world.townshipA.id };
  });
  after(() => t.close());

  it("lets exactly one of five racers win on every versioned route; the others get 409", async (ctx) => {
    const all = documentedRoutes(t.app);
    closeBody = all.find((r) => r.path === "/api/incidents/{id}/close")!.body!;
    referralBody = all.find((r) => r.path === "/api/disputes/{id}/referral")!.body!;
    const reads = new Set(all.filter((r) => r.method === "GET").map((r) => r.url));
    const versioned = all.filter((r) => r.method !== "GET" && (r.body?.properties?.version || r.body?.oneOf?.every((v) => v.properties?.version)));
    assert.ok(versioned.length >= 30, `found only ${versioned.length} versioned routes`);
    let raced = 0;
    const codes = new Set<string>();
    let shownWinners = 0;
    for (const route of versioned) {
      if (key(route) in NOT_RACED) continue;
      const make = recordMakerFor(route.path);
      assert.ok(make, `${key(route)} has no record maker in server/testing/route-records.ts`);
      // A township of its own per route: one route's records (a published plan of a category) do not stand in another's way.
      const org = await makeOrg(t.db.orm, { parent: county, kind: "township" });
      const url = await recordUrl(route, t.db.orm, await make(t.db.orm, org));
      // The record is read at the longest prefix of the route that is a GET route: /api/orgs/:id for /api/orgs/:id/move.
      const segments = route.url.split("/");
      const length = [...segments.keys()].reverse().find((n) => reads.has(segments.slice(0, n + 1).join("/")));
      assert.ok(length !== undefined, `${key(route)}: no route reads its record`);
      const readUrl = url.split("/").slice(0, length + 1).join("/");
      const prepared = PREPARED[key(route)];
      const current = { ...race, url, readUrl, org, db: t.db.orm };
      const made = await prepared?.before?.(current);

      const version = prepared?.version ? await prepared.version(current) : (await client.get(readUrl)).body.version;
      assert.equal(typeof version, "number", `${key(route)}: ${readUrl} shows no version`);
      const schema = route.body!.oneOf?.[0] ?? route.body!;
      const field = variedField(schema);
      const bodies = Array.from({ length: RACERS }, (_, i): Record<string, unknown> => ({
        ...(validSample(schema) as Record<string, unknown>),
        ...prepared?.body?.(current, made),
        version,
        ...(field ? { [field]: `并发修改第${i + 1}份` } : {}),
      }));
      const answers = await Promise.all(bodies.map((body) => client.request(route.method, url, body)));

      const where = `${key(route)}: ${answers.map((a) => `${a.status} ${a.body?.code ?? ""}`).join(", ")}`;
      const winners = answers.flatMap((answer, i) => (answer.status >= 200 && answer.status < 300 ? [i] : []));
      assert.equal(winners.length, 1, `${where}\n${JSON.stringify(answers.find((a) => a.status >= 400 && a.status !== 409)?.body ?? "")}`);
      for (const [i, answer] of answers.entries()) {
        if (i === winners[0]) continue;
        // Mostly staleVersion; an action whose state check comes first says why instead (org.alreadyInactive).
        assert.equal(answer.status, 409, where);
        codes.add(answer.body.code);
        assert.match(String(answer.headers["content-type"]), /^application\/problem\+json/, where);
      }
      const after = (await client.get(readUrl)).body;
      const moved = prepared?.version ? await prepared.version(current) : after.version;
      assert.ok(moved > version, `${where}: the version did not move`);
      if (field) {
        // Some changes land beside the record (a plan's draft, a level's reason on the timeline): a loser's text must show nowhere in it.
        const shown = JSON.stringify(after);
        for (const [i, body] of bodies.entries()) {
          if (i !== winners[0]) assert.ok(!shown.includes(String(body[field])), `${key(route)}: the record shows a loser's ${field}`);
        }
        if (shown.includes(String(bodies[winners[0]!]![field]))) shownWinners += 1;
      }
      raced += 1;
    }
    ctx.diagnostic(`${raced} versioned routes raced by ${RACERS} requests each on ${t.db.kind} (the winner's text shown on ${shownWinners}); not raced: ${Object.keys(NOT_RACED).join(", ")}; the losers' codes: ${[...codes].join(", ")}`);
    if (t.db.kind === "postgres") {
      // The pool opens a connection only when every open one is busy: more than one means the racers overlapped.
      const [{ n }] = (await queryRows<{ n: number }>(
        t.db.orm,
        sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND query NOT LIKE 'LISTEN%'`,
      )) as [{ n: number }];
      ctx.diagnostic(`${n} pooled connections to the test database`);
      assert.ok(n >= 2, `only ${n} connection: the racers never ran at the same time`);
    }
  });
});
