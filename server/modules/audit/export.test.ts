// The audit log as Excel through the API on a real database: the file opened with ExcelJS.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { AUDIT_EXPORT_MAX_ROWS } from "@shared/audit/schemas.ts";
import { chainHash } from "../../audit/chain.ts";
import { type World, makeWorld } from "../../testing/factories.ts";
import { type TestApp, startTestApp } from "../../testing/test-app.ts";

async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet("审计日志")!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

describe("audit log export", () => {
  let t: TestApp;
  let world: World;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
  });
  after(() => t.close());

  it("holds the filtered rows of the auditor's jurisdiction, each with what it takes to recompute its hash, and is audited", async () => {
    const admin = await t.signIn("a-admin");
    assert.equal((await admin.post("/api/orgs", { parentId: world.townshipA.id, name: "甲三村", kind: "village" })).status, 201);
    const adminB = await t.signIn("b-admin");
    assert.equal((await adminB.post("/api/orgs", { parentId: world.townshipB.id, name: "乙三村", kind: "village" })).status, 201);

    const auditor = await t.signIn("a-auditor");
    const res = await auditor.get("/api/audit/export.xlsx?action=org.create");
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(String(res.headers["content-type"]), /spreadsheetml/);
    assert.match(String(res.headers["content-disposition"]), /attachment; filename="audit-log.xlsx"; filename\*=UTF-8''/);
    const [title, header, ...rows] = await sheetRows(res.raw);
    assert.match(title![0]!, /^审计日志（导出于 2026-03-02/);
    assert.deepEqual([header![0], header![12], header![13]], ["序号 seq", "前一哈希 prevHash", "哈希 hash"]);
    assert.equal(rows.length, 1, "township B's creation is out of the auditor's jurisdiction");
    const [seq, , at, actorName, actorId, orgId, action, recordType, recordId, detail, reason, ip, prevHash, hash] = rows[0]!;
    assert.equal(action, "org.create");
    assert.equal(JSON.parse(detail!).name, "甲三村");
    const recomputed = chainHash(prevHash!, {
      seq: Number(seq),
      at: new Date(at!),
      actorId: actorId || null,
      actorName: actorName || null,
      orgId: orgId || null,
      action: action!,
      recordType: recordType || null,
      recordId: recordId || null,
      detail: JSON.parse(detail!),
      reason: reason || null,
      ip: ip || null,
    });
    assert.equal(recomputed, hash, "the row's hash can be recomputed from the file alone");

    const log = await auditor.get("/api/audit?action=audit.export");
    assert.equal(log.body.items.length, 1);
    assert.deepEqual(log.body.items[0].detail, { filter: { action: "org.create" }, rows: 1 });
  });

  it("is only for auditors", async () => {
    for (const username of ["a-admin", "a-leader", "a-officer", "a-reporter"]) {
      const client = await t.signIn(username);
      const res = await client.get("/api/audit/export.xlsx");
      assert.equal(res.status, 404, username);
    }
  });

  it(`refuses more than ${AUDIT_EXPORT_MAX_ROWS} rows, naming the time range, rather than cutting them short`, async () => {
    await t.db.orm.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(727001)`);
      await tx.execute(sql`
        INSERT INTO audit_log (seq, at, org_id, action, detail, prev_hash, hash)
        SELECT (SELECT max(seq) FROM audit_log) + g, '2025-01-01T00:00:00Z', ${world.villageA.id}, 'bulk.row', '{}'::jsonb, '', ''
        FROM generate_series(1, ${AUDIT_EXPORT_MAX_ROWS}) AS g`);
    });
    const auditor = await t.signIn("a-auditor");
    const exportsBefore = (await auditor.get("/api/audit?action=audit.export")).body.total;
    const res = await auditor.request("GET", "/api/audit/export.xlsx", undefined, { "accept-language": "zh-CN" });
    assert.equal(res.status, 400);
    assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ["from", "to"]);
    assert.match(res.body.detail ?? res.body.title, /超过一次导出的上限 10000 条/);
    assert.equal((await auditor.get("/api/audit?action=audit.export")).body.total, exportsBefore, "a refused export is not recorded as one");

    const narrowed = await auditor.get("/api/audit/export.xlsx?from=2026-01-01T00:00:00Z");
    assert.equal(narrowed.status, 200);
    const rows = (await sheetRows(narrowed.raw)).slice(2);
    assert.ok(rows.length > 0 && rows.every((row) => row[6] !== "bulk.row"));
  });
});
