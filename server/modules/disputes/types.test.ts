// The deployment's list of dispute types, kept by a county administrator: what registration,
// the import template and notifications take from it, and what keeping it refuses.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { notifications } from "../../db/schema.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { sampleDispute } from "../../testing/dispute-factories.ts";
import { type World, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

interface TypeItem {
  key: string;
  zh: string;
  en: string;
  active: boolean;
}

describe("disputes: the deployment's list of types", () => {
  let t: TestApp;
  let world: World;
  let countyAdmin: TestClient;
  let officer: TestClient;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    [countyAdmin, officer] = await Promise.all([t.signIn("county-admin"), t.signIn("a-officer")]);
  });
  after(() => t.close());

  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const occurredAt = () => new Date(t.clock.now().getTime() - 3_600_000).toISOString();

  it("is kept by a county administrator: a type added, one renamed and one retired reach registration, notifications and the import template", async () => {
    const listed = await officer.get("/api/dispute-types");
    assert.equal(listed.status, 200);
    const defaults = listed.body.items as TypeItem[];
    assert.equal(defaults.length, 11);
    assert.deepEqual(defaults[1], { key: "neighbours", zh: "邻里纠纷", en: "Neighbours", active: true });
    assert.equal(listed.body.canManage, false, "a township's officer reads the list");
    assert.equal((await countyAdmin.get("/api/dispute-types")).body.canManage, true);

    const medical = await officer.post("/api/disputes", sampleDispute(world.villageA, { type: "medical", occurredAt: occurredAt() }));
    assert.equal(medical.status, 201);

    const items = [
      ...defaults.map((item) => (item.key === "medical" ? { ...item, active: false } : item.key === "neighbours" ? { ...item, zh: "邻里关系纠纷" } : item)),
      { key: "tourism", zh: "旅游纠纷", en: "Tourism", active: true },
    ];
    const saved = await countyAdmin.request("PUT", "/api/dispute-types", { items });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(
      (saved.body.items as TypeItem[]).map((item) => [item.key, item.zh, item.active]).filter(([key]) => ["neighbours", "medical", "tourism"].includes(key as string)),
      [
        ["neighbours", "邻里关系纠纷", true],
        ["medical", "医疗纠纷", false],
        ["tourism", "旅游纠纷", true],
      ],
    );

    const tourism = await officer.post("/api/disputes", sampleDispute(world.villageA, { type: "tourism", risk: "high", riskReason: "游客与商户冲突，扬言报复", occurredAt: occurredAt() }));
    assert.equal(tourism.status, 201, JSON.stringify(tourism.body));
    const [highRisk] = await t.db.orm.select().from(notifications).where(and(eq(notifications.disputeId, tourism.body.id), eq(notifications.kind, "dispute_high_risk")));
    assert.match(highRisk!.body, /旅游纠纷纠纷/);

    const retired = await officer.post("/api/disputes", sampleDispute(world.villageA, { type: "medical", occurredAt: occurredAt() }));
    assert.equal(retired.status, 400);
    assert.deepEqual(fields(retired), ["type"], "a retired type is not offered for new cases");
    const corrected = await officer.patch(`/api/disputes/${medical.body.id}`, { version: medical.body.version, peopleInvolved: 3 });
    assert.equal(corrected.status, 200, "a case recorded under a retired type can still be corrected");

    const template = await officer.get("/api/disputes/import-template.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.raw as unknown as ArrayBuffer);
    const explained = workbook.worksheets[1]!.getSheetValues().flat().join(" ");
    assert.match(explained, /旅游纠纷/);
    assert.doesNotMatch(explained, /医疗纠纷/, "the template offers the active types");
  });

  it("refuses a list that drops a type, names one twice, leaves none active or has a malformed key, and anyone but a county administrator; nothing changes", async () => {
    const current = (await countyAdmin.get("/api/dispute-types")).body.items as TypeItem[];
    const others = await Promise.all(["a-admin", "a-officer", "a-leader"].map((username) => t.signIn(username)));
    const before = await databaseChecksum(t.db.orm);

    const dropped = await countyAdmin.request("PUT", "/api/dispute-types", { items: current.slice(1) });
    assert.equal(dropped.status, 400);
    assert.deepEqual(fields(dropped), ["items"]);
    assert.match(JSON.stringify(dropped.body), /marriage_family/);
    const twice = await countyAdmin.request("PUT", "/api/dispute-types", { items: [...current, current[0]] });
    assert.deepEqual(fields(twice), [`items.${current.length}.key`]);
    const noneActive = await countyAdmin.request("PUT", "/api/dispute-types", { items: current.map((item) => ({ ...item, active: false })) });
    assert.deepEqual(fields(noneActive), ["items"]);
    const badKey = await countyAdmin.request("PUT", "/api/dispute-types", { items: [...current, { key: "旅游", zh: "旅游", en: "Tourism", active: true }] });
    assert.deepEqual(fields(badKey), [`items.${current.length}.key`]);

    for (const client of others) assert.equal((await client.request("PUT", "/api/dispute-types", { items: current })).status, 403, "only a county administrator");
    assert.equal(await databaseChecksum(t.db.orm), before);
  });
});
