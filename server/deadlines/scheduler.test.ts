// The deadline scheduler on a real database: each due deadline fires once, in the claiming
// transaction; failures roll back and retry later; a start fires what passed while the node
// was down; several nodes racing fire each deadline once.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { manualClock } from "../clock.ts";
import { type Database, openDatabase, queryRows } from "../db/client.ts";
import { auditLog, deadlines } from "../db/schema.ts";
import { writeAudit } from "../audit/writer.ts";
import { publishEvent } from "../realtime/publish.ts";
import { makeOrg } from "../testing/factories.ts";
import { createServerCopy, openTestDatabase } from "../testing/test-database.ts";
import { cancelDeadline, meetDeadline, scheduleDeadlines } from "./deadlines.ts";
import { type DeadlineHandlers, POLL_INTERVAL_MS, retryDelayMs, runDue, startScheduler } from "./scheduler.ts";

const START = "2026-03-02T08:00:00+08:00";
const at = (minutes: number) => new Date(new Date(START).getTime() + minutes * 60_000);

/** A handler that records each firing in the audit log, inside the claiming transaction. */
const recording = (calls: string[]): DeadlineHandlers => ({
  "test.remind": async ({ tx, deadline, now }) => {
    calls.push(deadline.id);
    await writeAudit(tx, { actor: null, clock: { now: () => now } }, { action: "test.fired", recordType: "deadline", recordId: deadline.id });
  },
});

describe("deadline scheduler", () => {
  let db: Database;
  let orgId: string;
  before(async () => {
    db = await openTestDatabase();
    orgId = (await makeOrg(db.orm)).id;
  });
  after(() => db.close());

  const schedule = (dueMinutes: number[], kind = "test.remind") =>
    scheduleDeadlines(
      db.orm,
      dueMinutes.map((m) => ({ kind, subjectType: "test", subjectId: randomUUID(), orgId, dueAt: at(m) })),
      at(0),
    );
  const rowOf = async (id: string) => (await db.orm.select().from(deadlines).where(eq(deadlines.id, id)))[0]!;
  const firedAudits = async (id: string) => (await db.orm.select().from(auditLog).where(eq(auditLog.recordId, id))).length;

  it("fires each due deadline once, earliest first, and leaves the rest; a second run fires nothing more", async () => {
    const [early, late, notYet, met, cancelled] = await schedule([10, 20, 60, 5, 5]);
    await meetDeadline(db.orm, met!.id, at(3));
    await cancelDeadline(db.orm, cancelled!.id, at(4));
    const calls: string[] = [];

    assert.deepEqual(await runDue(db, recording(calls), at(9)), { fired: 0, failed: 0 }, "nothing is due at minute 9");
    assert.deepEqual(await runDue(db, recording(calls), at(30)), { fired: 2, failed: 0 });
    assert.deepEqual(calls, [early!.id, late!.id]);
    assert.deepEqual(await runDue(db, recording(calls), at(30)), { fired: 0, failed: 0 }, "running again fires nothing more");
    assert.equal(calls.length, 2);

    const fired = await rowOf(early!.id);
    assert.equal(fired.status, "fired");
    assert.deepEqual(fired.firedAt, at(30));
    assert.equal(fired.attempts, 1);
    assert.equal(await firedAudits(early!.id), 1, "the handler's write committed with the firing");
    assert.equal((await rowOf(notYet!.id)).status, "pending");
    assert.equal((await rowOf(met!.id)).status, "met");
    assert.equal((await rowOf(cancelled!.id)).status, "cancelled");

    const metLate = await meetDeadline(db.orm, late!.id, at(35));
    assert.equal(metLate?.status, "met", "a fired deadline can still be met, late");
    assert.deepEqual(metLate?.firedAt, at(30), "and keeps the time it fired");
    assert.equal(await meetDeadline(db.orm, late!.id, at(36)), undefined, "a met deadline is not met twice");
    await cancelDeadline(db.orm, notYet!.id, at(36));
  });

  it("rolls a failing handler's work back, keeps the deadline pending with the error, and retries it later", async () => {
    const [due] = await schedule([10]);
    let fail = true;
    const errors: unknown[] = [];
    const handlers: DeadlineHandlers = {
      "test.remind": async ({ tx, deadline, now }) => {
        await writeAudit(tx, { actor: null, clock: { now: () => now } }, { action: "test.fired", recordType: "deadline", recordId: deadline.id });
        if (fail) throw new Error("mail server down");
      },
    };
    assert.deepEqual(await runDue(db, handlers, at(10), (error) => errors.push(error)), { fired: 0, failed: 1 });
    let row = await rowOf(due!.id);
    assert.equal(row.status, "pending");
    assert.equal(row.attempts, 1);
    assert.equal(row.lastError, "mail server down");
    assert.deepEqual(row.retryAt, new Date(at(10).getTime() + retryDelayMs(0)));
    assert.equal(await firedAudits(due!.id), 0, "the half-done work was rolled back");
    assert.equal(errors.length, 1);

    assert.deepEqual(await runDue(db, handlers, at(10.5), () => {}), { fired: 0, failed: 0 }, "not retried before its retry time");
    fail = false;
    assert.deepEqual(await runDue(db, handlers, at(11), () => {}), { fired: 1, failed: 0 });
    row = await rowOf(due!.id);
    assert.equal(row.status, "fired");
    assert.equal(row.attempts, 2);
    assert.equal(row.lastError, null);
    assert.equal(await firedAudits(due!.id), 1);
  });

  it("fires the rest of a batch when one handler fails, each once, and the failed one alone waits for its retry", async () => {
    const rows = await schedule([1, 2, 3, 4, 5]);
    const failing = rows[2]!.id;
    const calls: string[] = [];
    const handlers: DeadlineHandlers = {
      "test.remind": async (args) => {
        await recording(calls)["test.remind"]!(args);
        if (args.deadline.id === failing) throw new Error("mail server down");
      },
    };
    const errors: unknown[] = [];
    assert.deepEqual(await runDue(db, handlers, at(10), (error) => errors.push(error)), { fired: 4, failed: 1 });
    assert.deepEqual(await runDue(db, handlers, at(10)), { fired: 0, failed: 0 }, "running again fires none of them twice");
    assert.deepEqual(calls, rows.map((row) => row.id), "each handler ran once, in due order");
    for (const row of rows) {
      const stored = await rowOf(row.id);
      assert.equal(stored.status, row.id === failing ? "pending" : "fired");
      assert.equal(await firedAudits(row.id), row.id === failing ? 0 : 1, "what a handler wrote committed with its firing, and only then");
    }
    assert.equal((await rowOf(failing)).lastError, "mail server down");
    assert.equal(errors.length, 1);
    await cancelDeadline(db.orm, failing, at(11));
  });

  it("when a write held for the batch's end fails, fires the batch again with each handler's writes its own: the others fire once, the failing one waits for its retry", async () => {
    const rows = await schedule([1, 2, 3]);
    const failing = rows[1]!.id;
    const handlers: DeadlineHandlers = {
      "test.remind": async ({ tx, deadline, now }) => {
        await writeAudit(tx, { actor: null, clock: { now: () => now } }, { action: "test.fired", recordType: "deadline", recordId: deadline.id });
        await publishEvent(tx, { type: "incident.updated", orgId: deadline.id === failing ? randomUUID() : orgId, at: now });
      },
    };
    const errors: unknown[] = [];
    assert.deepEqual(await runDue(db, handlers, at(10), (error) => errors.push(error)), { fired: 2, failed: 1 });
    for (const row of rows) {
      assert.equal((await rowOf(row.id)).status, row.id === failing ? "pending" : "fired");
      assert.equal(await firedAudits(row.id), row.id === failing ? 0 : 1, "each firing's audit row written once");
    }
    assert.match((await rowOf(failing)).lastError ?? "", /unknown org/);
    assert.equal(errors.length, 2, "the batch's failure and the handler's");
    await cancelDeadline(db.orm, failing, at(11));
  });

  it("never marks a deadline of an unknown kind fired: it waits, with the error, for a node that knows it", async () => {
    const [orphan] = await schedule([10], "test.unknown");
    const errors: unknown[] = [];
    assert.deepEqual(await runDue(db, {}, at(10), (error) => errors.push(error)), { fired: 0, failed: 1 });
    const row = await rowOf(orphan!.id);
    assert.equal(row.status, "pending");
    assert.match(row.lastError ?? "", /no handler for deadline kind "test.unknown"/);
    await cancelDeadline(db.orm, orphan!.id, at(11));
  });

  it("retries a failing handler ever more slowly, at most hourly", () => {
    assert.deepEqual([0, 1, 2, 5, 6, 20].map(retryDelayMs), [1, 2, 4, 32, 60, 60].map((m) => m * 60_000));
  });

  it("on start fires, once, what fell due while the node was down, then keeps polling", async () => {
    const [whileDown, later] = await schedule([40, 90]);
    const calls: string[] = [];
    const clock = manualClock(at(60));
    const errors: unknown[] = [];
    const first = await startScheduler({ db, clock, handlers: recording(calls), onError: (e) => errors.push(e), pollMs: 5 });
    assert.deepEqual(calls, [whileDown!.id], "fired before startScheduler returned");
    // A second node starting at the same moment finds nothing left to fire.
    const second = await startScheduler({ db, clock, handlers: recording(calls), onError: (e) => errors.push(e), pollMs: 5 });
    assert.deepEqual(calls, [whileDown!.id]);

    clock.set(at(90));
    const deadline = Date.now() + 5000;
    while (calls.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all([first.stop(), second.stop()]);
    assert.deepEqual(calls, [whileDown!.id, later!.id], "the running loop fired the later one, once, on one of the nodes");
    assert.deepEqual(await first.tick(), { fired: 0, failed: 0 });
    assert.deepEqual(errors, []);
    assert.ok(POLL_INTERVAL_MS <= 250, "production polls four times a second, so a firing is within a second of its due time");
  });

  it("two schedulers racing on one database fire each deadline exactly once", async () => {
    const due = await schedule(Array.from({ length: 30 }, (_, i) => i));
    const calls: string[] = [];
    const slow: DeadlineHandlers = {
      "test.remind": async (args) => {
        await args.tx.execute(sql`SELECT pg_sleep(0.002)`);
        await recording(calls)["test.remind"]!(args);
      },
    };
    const [a, b] = await Promise.all([runDue(db, slow, at(100)), runDue(db, slow, at(100))]);
    assert.equal(a.fired + b.fired, due.length);
    assert.equal(new Set(calls).size, due.length);
    assert.equal(calls.length, due.length, "no deadline fired twice");
  });
});

// Nodes are separate processes with their own connection pools: on a PostgreSQL server, two
// pools race for the same rows and SKIP LOCKED has to hold them apart.
describe("deadline scheduler on PostgreSQL with two nodes", { skip: !process.env.TEST_DATABASE_URL && "needs TEST_DATABASE_URL" }, () => {
  let copy: Awaited<ReturnType<typeof createServerCopy>>;
  let nodes: Database[];
  before(async () => {
    copy = await createServerCopy(process.env.TEST_DATABASE_URL!);
    nodes = await Promise.all([0, 1].map(() => openDatabase({ kind: "postgres", url: copy.url, poolSize: 4 })));
  });
  after(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await copy.drop();
  });

  it("fires each of 200 deadlines exactly once between them", async () => {
    const orgId = (await makeOrg(nodes[0]!.orm)).id;
    const rows = await scheduleDeadlines(
      nodes[0]!.orm,
      Array.from({ length: 200 }, (_, i) => ({ kind: "test.remind", subjectType: "test", subjectId: randomUUID(), orgId, dueAt: at(i % 50) })),
      at(0),
    );
    const calls = new Map<string, number>();
    const counting: DeadlineHandlers = {
      "test.remind": async ({ tx, deadline }) => {
        await tx.execute(sql`SELECT pg_sleep(0.001)`);
        calls.set(deadline.id, (calls.get(deadline.id) ?? 0) + 1);
      },
    };
    const results = await Promise.all(nodes.flatMap((node) => [runDue(node, counting, at(60)), runDue(node, counting, at(60))]));
    assert.equal(results.reduce((sum, r) => sum + r.fired, 0), rows.length);
    assert.equal(calls.size, rows.length);
    assert.ok([...calls.values()].every((n) => n === 1), "no deadline fired twice");
    assert.ok(results.filter((r) => r.fired > 0).length >= 2, `the work was shared: ${JSON.stringify(results)}`);
    const [count] = await queryRows<{ n: number }>(nodes[1]!.orm, sql`SELECT count(*)::int AS n FROM deadlines WHERE status = 'fired'`);
    assert.equal(count?.n, rows.length);
  });

  it("keeps a case's later deadline waiting while another node fires its earlier one, and fires other cases meanwhile", async () => {
    const orgId = (await makeOrg(nodes[0]!.orm)).id;
    const caseId = randomUUID();
    const [first, second, other] = await scheduleDeadlines(
      nodes[0]!.orm,
      [
        { kind: "test.remind", subjectType: "test", subjectId: caseId, orgId, dueAt: at(100) },
        { kind: "test.remind", subjectType: "test", subjectId: caseId, orgId, dueAt: at(101) },
        { kind: "test.remind", subjectType: "test", subjectId: randomUUID(), orgId, dueAt: at(102) },
      ],
      at(0),
    );
    const calls: string[] = [];
    await nodes[1]!.orm.transaction(async (tx) => {
      // As another node does while it fires the earlier one.
      await tx.select().from(deadlines).where(eq(deadlines.id, first!.id)).for("update");
      assert.deepEqual(await runDue(nodes[0]!, recording(calls), at(110)), { fired: 1, failed: 0 });
      assert.deepEqual(calls, [other!.id]);
    });
    assert.deepEqual(await runDue(nodes[0]!, recording(calls), at(110)), { fired: 2, failed: 0 });
    assert.deepEqual(calls, [other!.id, first!.id, second!.id]);
  });
});
