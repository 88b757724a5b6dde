// The access matrix: every route with an id, called by every role from every org relation to
// the record's org (same org, ancestor, descendant, sibling, unrelated), answers exactly as the
// policy layer says: not readable → 404, readable but not allowed → 403, allowed → neither.
// The expectations come from `authorize` over each route's (policy, action) in
// server/testing/route-policies.ts; a documented id route missing there fails the test.
//
// How it stays fast and honest: each role at each relation is one account with a session
// written straight to the database (no password hashing), made once per org; a record is made
// once per kind and reused by all its routes, made again only after an allowed request moved
// or deleted it. Requests carry a valid sample body, since Fastify validates the body before
// the handler reaches the policy check. The refused requests of a route run first and must
// leave the database unchanged (checksum); then the allowed ones, whose answer may depend on
// the record's state by then (409, 400), but never 403 or 404.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { ROLES, type Role } from "@shared/roles.ts";
import { queryRows } from "../../server/db/client.ts";
import { insertSession } from "../../server/modules/auth/queries.ts";
import { newToken, SESSION_COOKIE, tokenHash } from "../../server/modules/auth/tokens.ts";
import { type OrgRow, findOrg } from "../../server/modules/orgs/queries.ts";
import type { Actor } from "../../server/policy/actor.ts";
import { authorize } from "../../server/policy/authorize.ts";
import { multipartBody, samplePng } from "../../server/testing/attachment-factories.ts";
import { databaseChecksum } from "../../server/testing/database-checksum.ts";
import { makeAccount, makeOrg } from "../../server/testing/factories.ts";
import { type DocumentedRoute, documentedRoutes, validSample } from "../../server/testing/openapi-routes.ts";
import { RECORD_TABLES, ROUTE_POLICIES } from "../../server/testing/route-policies.ts";
import { recordMakerFor, recordUrl } from "../../server/testing/route-records.ts";
import { type TestApp, startTestApp } from "../../server/testing/test-app.ts";

const RELATIONS = ["same", "ancestor", "descendant", "sibling", "unrelated"] as const;
type Relation = (typeof RELATIONS)[number];

interface Caller {
  actor: Actor;
  headers: Record<string, string>;
}

describe("the access matrix of every route with an id", () => {
  let t: TestApp;
  let township: OrgRow;
  let unrelated: OrgRow;
  const callers = new Map<string, Caller>();
  const childOf = new Map<string, OrgRow>();

  before(async () => {
    t = await startTestApp();
    const county = await makeOrg(t.db.orm, { name: "矩阵县", kind: "county" });
    township = await makeOrg(t.db.orm, { parent: county, name: "矩阵镇", kind: "township" });
    unrelated = await makeOrg(t.db.orm, { name: "邻县", kind: "county" });
  });
  after(() => t.close());

  /** An account of one role at an org, signed in by a session row (the sign-in route is tested on its own). */
  async function callerAt(org: OrgRow, role: Role): Promise<Caller> {
    const key = `${org.id}:${role}`;
    const known = callers.get(key);
    if (known) return known;
    const account = await makeAccount(t.db.orm, { org, roles: [role] });
    const token = newToken();
    const csrfToken = newToken();
    const now = t.clock.now();
    await insertSession(t.db.orm, { tokenHash: tokenHash(t.config.sessionSecret, token), accountId: account.id, csrfToken, createdAt: now, lastSeenAt: now, ip: null, userAgent: null });
    const caller = {
      actor: { accountId: account.id, username: account.username, displayName: account.displayName, orgId: org.id, orgPath: org.path, roles: [role], ip: null },
      headers: { cookie: `${SESSION_COOKIE}=${token}`, "x-csrf-token": csrfToken },
    };
    callers.set(key, caller);
    return caller;
  }

  /** An org of the kind `kind` directly under `parent`, one per parent. */
  async function child(parent: OrgRow, tag: string): Promise<OrgRow> {
    const key = `${parent.id}:${tag}`;
    const known = childOf.get(key) ?? (await makeOrg(t.db.orm, { parent, kind: "unit", name: `矩阵${tag}单位` }));
    childOf.set(key, known);
    return known;
  }

  async function relationOrg(recordOrg: OrgRow, relation: Relation): Promise<OrgRow> {
    const parent = (await findOrg(t.db.orm, recordOrg.parentId!))!;
    switch (relation) {
      case "same":
        return recordOrg;
      case "ancestor":
        return parent;
      case "descendant":
        return child(recordOrg, "下级");
      case "sibling":
        return child(parent, "同级");
      case "unrelated":
        return unrelated;
    }
  }

  async function recordOf(base: string, id: string): Promise<Made> {
    const where = RECORD_TABLES[base];
    assert.ok(where !== undefined, `${base}: server/testing/route-policies.ts names no table for its records`);
    if (where === null) return { id, org: (await findOrg(t.db.orm, id))!, ownerId: null };
    const [row] = await queryRows<{ org_id: string; owner: string | null }>(
      t.db.orm,
      sql.raw(`SELECT org_id, ${where.owner ?? "NULL"} AS owner FROM ${where.table} WHERE id = '${id}'`),
    );
    return { id, org: (await findOrg(t.db.orm, row!.org_id))!, ownerId: row!.owner };
  }

  interface Made {
    id: string;
    org: OrgRow;
    ownerId: string | null;
  }
  const records = new Map<string, Made>();
  async function makeRecord(route: DocumentedRoute, base: string): Promise<Made> {
    const make = recordMakerFor(route.path);
    assert.ok(make, `${route.method} ${route.path} takes an id but server/testing/route-records.ts has no maker for it`);
    const id = await make(t.db.orm, township);
    const made = await recordOf(base, id);
    records.set(base, made);
    return made;
  }

  async function send(route: DocumentedRoute, url: string, caller: Caller, body: unknown) {
    if (route.multipart) {
      const form = multipartBody([{ fileName: "矩阵.png", bytes: await samplePng(8, 8) }]);
      return t.app.inject({ method: route.method as "POST", url, headers: { ...caller.headers, "content-type": form.contentType }, payload: form.body });
    }
    return t.app.inject({
      method: route.method as "GET",
      url,
      headers: { ...caller.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  it("answers every role at every relation as the route's policy says, and a refusal changes nothing", async () => {
    const idRoutes = documentedRoutes(t.app).filter((route) => route.pathParams.includes("id"));
    const missing = idRoutes.map((route) => `${route.method} ${route.path}`).filter((key) => !ROUTE_POLICIES[key]);
    assert.deepEqual(missing, [], "id routes without their (policy, action) in server/testing/route-policies.ts");
    const tally = { allowed: 0, forbidden: 0, notFound: 0 };
    const failures: string[] = [];

    for (const route of idRoutes) {
      const access = ROUTE_POLICIES[`${route.method} ${route.path}`]!;
      const base = route.path.slice(0, route.path.indexOf("{id}") + "{id}".length);
      let record = records.get(base) ?? (await makeRecord(route, base));
      const expectFor = (caller: Caller, made: Made) => {
        const guard = { orgPath: made.org.path, ownerId: made.ownerId };
        if (authorize(caller.actor, access.policy, access.action, guard)) return "allowed" as const;
        return authorize(caller.actor, access.policy, "read", guard) ? 403 : 404;
      };
      const plan = async () => {
        // A nested record may need its parent in a given state (one initial report per incident): then a fresh parent.
        const url = await recordUrl(route, t.db.orm, record.id).catch(async () => {
          record = await makeRecord(route, base);
          return recordUrl(route, t.db.orm, record.id);
        });
        const made = record;
        const parent = made.org.parentId ?? made.org.id;
        const body = route.body ? validSample(route.body, { orgId: made.org.id, parentId: parent }) : undefined;
        const calls: { who: string; caller: Caller; expected: "allowed" | 403 | 404 }[] = [];
        for (const relation of RELATIONS) {
          const org = await relationOrg(made.org, relation);
          for (const role of ROLES) {
            const caller = await callerAt(org, role);
            calls.push({ who: `${role}@${relation}`, caller, expected: expectFor(caller, made) });
          }
        }
        return { url, body, calls };
      };

      let { url, body, calls } = await plan();
      const before = await databaseChecksum(t.db.orm);
      for (const call of calls.filter((c) => c.expected !== "allowed")) {
        const res = await send(route, url, call.caller, body);
        if (res.statusCode !== call.expected) failures.push(`${route.method} ${route.path} ${call.who}: expected ${call.expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        tally[call.expected === 403 ? "forbidden" : "notFound"] += 1;
      }
      const afterRefusals = await databaseChecksum(t.db.orm);
      if (afterRefusals !== before) failures.push(`${route.method} ${route.path}: a refused request changed the database`);

      for (const who of calls.filter((c) => c.expected === "allowed").map((c) => c.who)) {
        const call = calls.find((c) => c.who === who)!;
        const res = await send(route, url, call.caller, body);
        if ([403, 404].includes(res.statusCode) || res.statusCode >= 500) {
          failures.push(`${route.method} ${route.path} ${who}: allowed by the policy, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
        tally.allowed += 1;
        if (access.remake && res.statusCode < 300 && route.method !== "GET") {
          record = await makeRecord(route, base);
          ({ url, body, calls } = await plan());
        }
      }
    }
    assert.deepEqual(failures, []);
    // Every route refuses someone and every route but a notification's admits someone.
    assert.ok(tally.allowed > 200 && tally.forbidden > 200 && tally.notFound > 1000, JSON.stringify(tally));
    console.log(`access matrix: ${idRoutes.length} routes × ${ROLES.length} roles × ${RELATIONS.length} relations: ${JSON.stringify(tally)}`);
  });
});
