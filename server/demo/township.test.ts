import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count, eq, sql } from "drizzle-orm";
import { ROLES } from "@shared/roles.ts";
import { manualClock } from "../clock.ts";
import type { Database } from "../db/client.ts";
import { accounts, orgs } from "../db/schema.ts";
import { openTestDatabase } from "../testing/test-database.ts";
import { loadDemoTownship } from "./township.ts";

describe("demonstration township", () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase();
  });
  after(() => db.close());

  it("loads a township with 8 villages and communities, a school, an enterprise and a project, and ~30 staff of every role", async () => {
    const message = await loadDemoTownship(db.orm, manualClock());
    assert.match(message, /admin \/ huajie-demo/);
    const [township] = await db.orm.select().from(orgs).where(eq(orgs.kind, "township"));
    const children = await db.orm.select().from(orgs).where(eq(orgs.parentId, township!.id));
    const kinds = children.map((c) => c.kind);
    assert.equal(kinds.filter((k) => k === "village" || k === "community").length, 8);
    for (const kind of ["school", "enterprise", "project"]) assert.ok(kinds.includes(kind), kind);

    const all = await db.orm.select({ username: accounts.username, roles: accounts.roles, mustChange: accounts.mustChangePassword }).from(accounts);
    assert.ok(all.length >= 25 && all.length <= 40, `${all.length} accounts`);
    for (const role of ROLES) assert.ok(all.some((a) => a.roles.includes(role)), `no ${role}`);
    const usernames = new Set(all.map((a) => a.username));
    for (const name of ["admin", "leader", "officer", "duty", "mediator", "inspector", "reporter", "auditor", "reporter-hekou"]) assert.ok(usernames.has(name), name);
    assert.equal(all.filter((a) => a.username.startsWith("reporter-")).length, 8, "one reporter per village");
    assert.ok(all.every((a) => !a.mustChange), "demo accounts sign in straight away");
  });

  it("does nothing on a second run, keeping what visitors changed", async () => {
    const before = await db.orm.select({ n: count() }).from(accounts);
    await db.orm.execute(sql`UPDATE orgs SET name = '青山镇（已改名）' WHERE kind = 'township'`);
    await loadDemoTownship(db.orm, manualClock());
    assert.deepEqual(await db.orm.select({ n: count() }).from(accounts), before);
    const [township] = await db.orm.select().from(orgs).where(eq(orgs.kind, "township"));
    assert.equal(township!.name, "青山镇（已改名）");
  });
});
