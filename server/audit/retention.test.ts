import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { asc, sql } from "drizzle-orm";
import { ConfigError, loadConfig } from "../config.ts";
import { auditAnchors, auditLog } from "../db/schema.ts";
import { makeWorld } from "../testing/factories.ts";
import { type TestApp, startTestApp } from "../testing/test-app.ts";
import { AuditPruneRefused, pruneAuditLog } from "./prune.ts";
import { verifyAuditChain } from "./verify.ts";
import { writeAudit } from "./writer.ts";

const DAY_MINUTES = 24 * 60;
const appendOnly = (error: Error & { cause?: Error }) => /append-only/.test(error.cause?.message ?? error.message);

async function writeRows(t: TestApp, action: string, n: number) {
  for (let i = 0; i < n; i += 1) {
    await t.db.orm.transaction((tx) => writeAudit(tx, { actor: null, clock: t.clock }, { action, detail: { i } }));
  }
}

const rowsOf = (t: TestApp) => t.db.orm.select({ seq: auditLog.seq, action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.seq));

/** Changes a row as someone with the owner's SQL rights could, behind the trigger's back. */
async function tamper(t: TestApp, statement: ReturnType<typeof sql>, table = "audit_log", trigger = "audit_log_no_update_or_delete") {
  await t.db.orm.transaction(async (tx) => {
    await tx.execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`));
    await tx.execute(statement);
    await tx.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`));
  });
}

describe("audit retention setting", () => {
  it("keeps 180 days by default, prunes nothing unless asked, and refuses less than 180 naming the setting", () => {
    const defaults = loadConfig({ NODE_ENV: "test" });
    assert.equal(defaults.auditRetentionDays, 180);
    assert.equal(defaults.auditPrune, false);
    assert.equal(loadConfig({ NODE_ENV: "test", AUDIT_RETENTION_DAYS: "400", AUDIT_PRUNE: "true" }).auditRetentionDays, 400);
    assert.throws(() => loadConfig({ NODE_ENV: "test", AUDIT_RETENTION_DAYS: "179" }), (error: Error) => error instanceof ConfigError && /AUDIT_RETENTION_DAYS.*180/.test(error.message));
    assert.throws(() => loadConfig({ NODE_ENV: "test", AUDIT_RETENTION_DAYS: "half a year" }), (error: Error) => error instanceof ConfigError && /AUDIT_RETENTION_DAYS/.test(error.message));
  });
});

describe("pruning the audit log past its retention", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await makeWorld(t.db.orm);
  });
  after(() => t.close());

  it("removes the rows older than the retention behind an anchor, keeps the newer ones, and the chain still verifies", async () => {
    await writeRows(t, "old.change", 5);
    const old = await rowsOf(t);
    t.clock.advanceMinutes(100 * DAY_MINUTES);
    await writeRows(t, "recent.change", 3);
    t.clock.advanceMinutes(81 * DAY_MINUTES);

    const result = await pruneAuditLog(t.db.orm, t.clock, 180);
    assert.deepEqual(result, { pruned: old.length, anchors: 1 });
    const left = await rowsOf(t);
    assert.deepEqual(left.map((row) => row.action), ["recent.change", "recent.change", "recent.change", "audit.prune"]);
    assert.equal(left[0]!.seq, old.at(-1)!.seq + 1, "the kept rows keep their seq");

    const verified = await verifyAuditChain(t.db.orm);
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.equal(verified.checked, 4);
    assert.equal(verified.anchor?.throughSeq, old.at(-1)!.seq);
    assert.equal(verified.anchor?.rowsPruned, old.length);

    // The auditor sees the same through the API, with the anchor it started from.
    const auditor = await t.signIn("a-auditor");
    const shown = await auditor.get("/api/audit/verify");
    assert.equal(shown.body.ok, true);
    assert.equal(shown.body.anchor.throughSeq, old.at(-1)!.seq);
  });

  it("prunes once a day: a second run the same day removes nothing, even what has just aged", async () => {
    t.clock.advanceMinutes(60);
    assert.deepEqual(await pruneAuditLog(t.db.orm, t.clock, 180), { pruned: 0, anchors: 0 });
    t.clock.advanceMinutes(DAY_MINUTES);
    assert.deepEqual(await pruneAuditLog(t.db.orm, t.clock, 180), { pruned: 0, anchors: 0 }, "nothing more is older than 180 days");
  });

  it("lets no other DELETE through, even with the prune's setting on, and still refuses UPDATE and TRUNCATE", async () => {
    const [kept] = await rowsOf(t);
    await assert.rejects(
      t.db.orm.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('huajie.audit_prune', 'on', true)`);
        await tx.execute(sql`DELETE FROM audit_log WHERE seq = ${kept!.seq}`);
      }),
      appendOnly,
    );
    await assert.rejects(t.db.orm.execute(sql`UPDATE audit_log SET action = 'x' WHERE seq = ${kept!.seq}`), appendOnly);
    await assert.rejects(t.db.orm.execute(sql`TRUNCATE audit_log`), appendOnly);
    await assert.rejects(t.db.orm.execute(sql`DELETE FROM audit_anchors`), appendOnly);
    assert.equal((await rowsOf(t))[0]!.seq, kept!.seq);
  });

  it("still names a row tampered with after the prune, and a changed anchor", async () => {
    const [first, second] = await rowsOf(t);
    await tamper(t, sql`UPDATE audit_log SET detail = '{"i":99}'::jsonb WHERE seq = ${second!.seq}`);
    const broken = await verifyAuditChain(t.db.orm);
    assert.deepEqual({ ok: broken.ok, checked: broken.checked, firstBrokenSeq: broken.firstBrokenSeq, reason: broken.reason }, { ok: false, checked: 1, firstBrokenSeq: second!.seq, reason: "row content changed" });
    assert.equal(broken.anchor?.throughSeq, first!.seq - 1);

    await tamper(t, sql`UPDATE audit_anchors SET through_seq = through_seq - 1`, "audit_anchors", "audit_anchors_no_update_or_delete");
    const anchorBroken = await verifyAuditChain(t.db.orm);
    assert.equal(anchorBroken.ok, false);
    assert.equal(anchorBroken.reason, "anchor changed");
  });
});

describe("a prune that would hide tampering, and a log pruned empty", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it("refuses to prune a segment whose chain does not hold, and removes nothing", async () => {
    await writeRows(t, "old.change", 4);
    await tamper(t, sql`UPDATE audit_log SET action = 'rewritten' WHERE seq = 2`);
    t.clock.advanceMinutes(181 * DAY_MINUTES);
    await assert.rejects(pruneAuditLog(t.db.orm, t.clock, 180), (error: Error) => error instanceof AuditPruneRefused && /row 2/.test(error.message));
    assert.equal((await rowsOf(t)).length, 4);
    assert.equal((await t.db.orm.select().from(auditAnchors)).length, 0);
    await tamper(t, sql`UPDATE audit_log SET action = 'old.change' WHERE seq = 2`);
  });

  it("continues the chain from the anchor when every row was pruned, and wants the prune's own row", async () => {
    assert.deepEqual(await pruneAuditLog(t.db.orm, t.clock, 180), { pruned: 4, anchors: 1 });
    const left = await rowsOf(t);
    assert.deepEqual(left, [{ seq: 5, action: "audit.prune" }]);
    await writeRows(t, "new.change", 1);
    assert.deepEqual(await verifyAuditChain(t.db.orm), {
      ok: true,
      checked: 2,
      firstBrokenSeq: null,
      reason: null,
      anchor: (await verifyAuditChain(t.db.orm)).anchor,
    });

    // Rows removed behind the trigger's back with a forged anchor lack the prune's record.
    await tamper(t, sql`DELETE FROM audit_log WHERE seq = 5`);
    const result = await verifyAuditChain(t.db.orm);
    assert.equal(result.ok, false);
    assert.equal(result.firstBrokenSeq, 5);
    assert.equal(result.reason, "row missing");
  });
});
