import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { makeWorld } from "../testing/factories.ts";
import { type TestApp, startTestApp } from "../testing/test-app.ts";
import { verifyAuditChain } from "./verify.ts";

describe("audit log", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await makeWorld(t.db.orm);
  });
  after(() => t.close());

  it("records each change with who, what, which record and from where, and the chain verifies", async () => {
    const admin = await t.signIn("a-admin");
    const townshipA = (await admin.get("/api/orgs?q=甲镇")).body.items[0];
    const created = await admin.post("/api/orgs", { parentId: townshipA.id, name: "甲二村", kind: "village" });
    assert.equal(created.status, 201);
    const auditor = await t.signIn("a-auditor");
    const log = await auditor.get(`/api/audit?recordId=${created.body.id}`);
    assert.equal(log.status, 200);
    assert.equal(log.body.items.length, 1);
    const entry = log.body.items[0];
    assert.equal(entry.action, "org.create");
    assert.match(entry.actorName, /a-admin/);
    assert.equal(entry.ip, "127.0.0.1");
    assert.deepEqual(entry.detail, { name: "甲二村", kind: "village" });
    const verified = await auditor.get("/api/audit/verify");
    assert.equal(verified.body.ok, true);
    assert.ok(verified.body.checked >= 3, "sign-ins and the creation are all in the chain");
  });

  it("is only for auditors, and an auditor sees only their jurisdiction's rows", async () => {
    for (const username of ["a-admin", "a-leader", "a-officer", "a-reporter"]) {
      const client = await t.signIn(username);
      assert.equal((await client.get("/api/audit")).status, 404, username);
      assert.equal((await client.get("/api/audit/verify")).status, 404, username);
    }
    const bAdmin = await t.signIn("b-admin");
    await bAdmin.patch(`/api/orgs/${(await bAdmin.get("/api/orgs?q=乙一村")).body.items[0].id}`, { version: 1, name: "乙一村（改）" });
    const auditor = await t.signIn("a-auditor");
    const rows = (await auditor.get("/api/audit?limit=200")).body.items as { action: string; detail: { name?: string } }[];
    assert.ok(rows.length > 0);
    assert.ok(!rows.some((row) => row.action === "org.update" && row.detail.name === "乙一村（改）"), "township B's change is not shown to township A's auditor");
  });

  it("refuses UPDATE, DELETE and TRUNCATE on the table itself", async () => {
    const appendOnly = (error: Error & { cause?: Error }) => /append-only/.test(error.cause?.message ?? error.message);
    await assert.rejects(t.db.orm.execute(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`), appendOnly);
    await assert.rejects(t.db.orm.execute(sql`DELETE FROM audit_log WHERE seq = 1`), appendOnly);
    await assert.rejects(t.db.orm.execute(sql`TRUNCATE audit_log`), appendOnly);
  });

  it("names the first broken row when a row was altered behind the triggers' back", async () => {
    const before = await verifyAuditChain(t.db.orm);
    assert.equal(before.ok, true);
    await t.db.orm.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete`);
      await tx.execute(sql`UPDATE audit_log SET detail = '{"name":"篡改"}'::jsonb WHERE seq = 3`);
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete`);
    });
    const after = await verifyAuditChain(t.db.orm);
    assert.deepEqual(after, { ok: false, checked: 2, firstBrokenSeq: 3, reason: "row content changed", anchor: null });
    const auditor = await t.signIn("a-auditor");
    const shown = await auditor.get("/api/audit/verify");
    assert.equal(shown.body.firstBrokenSeq, 3);
  });

  it("notices a deleted row", async () => {
    await t.db.orm.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete`);
      await tx.execute(sql`DELETE FROM audit_log WHERE seq = 2`);
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete`);
    });
    const result = await verifyAuditChain(t.db.orm);
    assert.equal(result.ok, false);
    assert.equal(result.firstBrokenSeq, 2);
  });
});
