// A list's total is right whether the page is full, the last one (whose total the page itself
// tells), or past the end (where it cannot be told from the page).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { asc } from "drizzle-orm";
import { makeWorld } from "../testing/factories.ts";
import { openTestDatabase } from "../testing/test-database.ts";
import type { Database } from "./client.ts";
import { pageWithTotal } from "./page.ts";
import { orgs } from "./schema.ts";

describe("a page and its total", () => {
  let db: Database;
  let all: string[];
  before(async () => {
    db = await openTestDatabase();
    await makeWorld(db.orm);
    all = (await db.orm.select({ id: orgs.id }).from(orgs).orderBy(asc(orgs.path))).map((org) => org.id);
  });
  after(() => db.close());

  const pageOf = async (offset: number, limit: number) => {
    const { items, total } = await pageWithTotal(db.orm, db.orm.select({ id: orgs.id }).from(orgs).orderBy(asc(orgs.path)).$dynamic(), orgs, undefined, { offset, limit });
    return { ids: items.map((item) => item.id), total };
  };

  it("gives every page of the list its rows and the same total", async () => {
    assert.ok(all.length >= 5, `the world has ${all.length} orgs`);
    assert.deepEqual(await pageOf(0, 2), { ids: all.slice(0, 2), total: all.length }, "a full first page");
    assert.deepEqual(await pageOf(2, all.length), { ids: all.slice(2), total: all.length }, "the last page, not full");
    assert.deepEqual(await pageOf(0, all.length + 10), { ids: all, total: all.length }, "the whole list in one page");
    assert.deepEqual(await pageOf(all.length - 1, 1), { ids: all.slice(-1), total: all.length }, "a full last page");
    assert.deepEqual(await pageOf(all.length + 5, 3), { ids: [], total: all.length }, "past the end: counted, not guessed from the offset");
  });
});
