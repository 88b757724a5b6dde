// An action's live events and audit rows wait for its end, so the two global locks are held
// from those writes to the commit only; what is written, and in which order, does not change.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { asc, sql } from "drizzle-orm";
import { writeAudit } from "../audit/writer.ts";
import { verifyAuditChain } from "../audit/verify.ts";
import { systemClock } from "../clock.ts";
import { publishEvent } from "../realtime/publish.ts";
import { type World, makeWorld } from "../testing/factories.ts";
import { openTestDatabase } from "../testing/test-database.ts";
import { type Database, type Db, queryRows } from "./client.ts";
import { withLateWrites } from "./late-writes.ts";
import { auditLog, liveEvents } from "./schema.ts";

const event = (world: World, at = new Date()) => ({ type: "incident.updated" as const, orgId: world.townshipA.id, at });
const audit = (tx: Db, action: string) => writeAudit(tx, { actor: null, clock: systemClock }, { action });
const counts = async (db: Db) =>
  (await queryRows<{ events: number; audits: number }>(db, sql`SELECT (SELECT count(*)::int FROM live_events) AS events, (SELECT count(*)::int FROM audit_log) AS audits`))[0]!;

describe("late writes: live events and audit rows at the end of an action", () => {
  let db: Database;
  let world: World;
  before(async () => {
    db = await openTestDatabase();
    world = await makeWorld(db.orm);
  });
  after(() => db.close());

  it("writes them when the action ends, in the order they were made, the chain intact", async () => {
    const before = await counts(db.orm);
    await db.orm.transaction((tx) =>
      withLateWrites(tx, async () => {
        await publishEvent(tx, event(world));
        await audit(tx, "test.first");
        await publishEvent(tx, { ...event(world), type: "incident.opened" });
        await audit(tx, "test.second");
        assert.deepEqual(await counts(tx), before, "nothing is written before the action's end");
      }),
    );
    const events = await db.orm.select({ type: liveEvents.type }).from(liveEvents).orderBy(asc(liveEvents.seq));
    assert.deepEqual(events.slice(-2).map((e) => e.type), ["incident.updated", "incident.opened"]);
    const audits = await db.orm.select({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.seq));
    assert.deepEqual(audits.slice(-2).map((a) => a.action), ["test.first", "test.second"]);
    assert.equal((await verifyAuditChain(db.orm)).ok, true);
  });

  it("writes nothing of an action that fails", async () => {
    const before = await counts(db.orm);
    await assert.rejects(
      db.orm.transaction((tx) =>
        withLateWrites(tx, async () => {
          await publishEvent(tx, event(world));
          await audit(tx, "test.failed");
          throw new Error("refused");
        }),
      ),
      /refused/,
    );
    assert.deepEqual(await counts(db.orm), before);
  });

  it("refuses an event for an org that does not exist, with the action", async () => {
    const before = await counts(db.orm);
    await assert.rejects(
      db.orm.transaction((tx) => withLateWrites(tx, () => publishEvent(tx, { ...event(world), orgId: "00000000-0000-4000-8000-000000000000" }))),
      /unknown org/,
    );
    assert.deepEqual(await counts(db.orm), before);
  });

  it("holds a savepoint's writes for the end of the transaction around it, and drops those of a savepoint that fails", async () => {
    const before = await counts(db.orm);
    await db.orm.transaction((tx) =>
      withLateWrites(tx, async () => {
        await tx.transaction((inner) =>
          withLateWrites(
            inner,
            async () => {
              await publishEvent(inner, event(world));
              await audit(inner, "test.kept");
            },
            tx,
          ),
        );
        await assert.rejects(
          tx.transaction((inner) =>
            withLateWrites(
              inner,
              async () => {
                await publishEvent(inner, { ...event(world), type: "incident.opened" });
                await audit(inner, "test.dropped");
                throw new Error("refused");
              },
              tx,
            ),
          ),
          /refused/,
        );
        await audit(tx, "test.after");
        assert.deepEqual(await counts(tx), before, "nothing is written before the transaction's end");
      }),
    );
    const after = await counts(db.orm);
    assert.deepEqual(after, { events: before.events + 1, audits: before.audits + 2 });
    const audits = await db.orm.select({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.seq));
    assert.deepEqual(audits.slice(-2).map((a) => a.action), ["test.kept", "test.after"]);
    assert.equal((await verifyAuditChain(db.orm)).ok, true);
  });

  const onServer = { skip: !process.env.TEST_DATABASE_URL && "needs TEST_DATABASE_URL (a second connection)" };
  it("lets a second transaction publish and audit while the first is still working, and keeps seq order the commit order", onServer, async () => {
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let reached!: () => void;
    const midway = new Promise<void>((resolve) => (reached = resolve));
    const first = db.orm.transaction((tx) =>
      withLateWrites(tx, async () => {
        await publishEvent(tx, event(world));
        await audit(tx, "test.slow");
        reached();
        await paused;
      }),
    );
    await midway;
    try {
      // Were the first action holding either lock, this would wait for it and fail after a second.
      await db.orm.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL lock_timeout = '1s'`);
        await publishEvent(tx, { ...event(world), type: "incident.opened" });
        await audit(tx, "test.quick");
      });
    } finally {
      resume();
      await first;
    }
    const events = await db.orm.select({ type: liveEvents.type }).from(liveEvents).orderBy(asc(liveEvents.seq));
    assert.deepEqual(events.slice(-2).map((e) => e.type), ["incident.opened", "incident.updated"], "the one that committed first comes first");
    const audits = await db.orm.select({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.seq));
    assert.deepEqual(audits.slice(-2).map((a) => a.action), ["test.quick", "test.slow"]);
    assert.equal((await verifyAuditChain(db.orm)).ok, true);
  });
});
