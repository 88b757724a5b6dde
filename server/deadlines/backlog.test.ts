// A node that has a backlog of due deadlines to fire (a burst in one minute, or all that fell
// due while it was down) keeps answering requests meanwhile, on the embedded database too,
// where the scheduler and the requests share one connection.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { deadlines } from "../db/schema.ts";
import { makeWorld } from "../testing/factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../testing/test-app.ts";
import { scheduleDeadlines } from "./deadlines.ts";
import { type Batch, type DeadlineHandlers, runDue } from "./scheduler.ts";

/** Batches small enough that the backlog takes many, whatever the machine's speed. */
const BATCH: Batch = { size: 20, ms: 60_000 };
const BACKLOG = 400;

describe("a backlog of deadlines", () => {
  let t: TestApp;
  let officer: TestClient;
  let orgId: string;
  before(async () => {
    t = await startTestApp();
    orgId = (await makeWorld(t.db.orm)).townshipA.id;
    officer = await t.signIn("a-officer");
  });
  after(() => t.close());

  it("does not hold up requests: one is answered between two batches of the backlog, and every deadline fires once", async () => {
    const now = t.clock.now();
    await scheduleDeadlines(
      t.db.orm,
      Array.from({ length: BACKLOG }, () => ({ kind: "test.remind", subjectType: "test", subjectId: randomUUID(), orgId, dueAt: now })),
      now,
    );
    const fired = new Map<string, number>();
    const handlers: DeadlineHandlers = {
      "test.remind": async ({ deadline }) => {
        fired.set(deadline.id, (fired.get(deadline.id) ?? 0) + 1);
      },
    };
    const run = runDue(t.db, handlers, now, () => {}, BATCH);
    const res = await officer.get("/api/incidents");
    const firedWhenAnswered = fired.size;
    assert.equal(res.status, 200);
    assert.deepEqual(await run, { fired: BACKLOG, failed: 0 });
    assert.ok(firedWhenAnswered < BACKLOG, `the request was answered while the backlog was still being fired (${firedWhenAnswered} of ${BACKLOG} had fired)`);
    assert.equal(fired.size, BACKLOG);
    assert.ok([...fired.values()].every((times) => times === 1), "no deadline fired twice");
    assert.equal((await t.db.orm.select().from(deadlines).where(eq(deadlines.status, "fired"))).length, BACKLOG);
  });
});
