// The dispute register through the API on a real database: registration, masking, reach,
// the township's notification of high risk, refusals, changes and case numbers.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, inArray } from "drizzle-orm";
import { auditLog, disputeEvents, notifications } from "../../db/schema.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { VALID_ID_NUMBERS, sampleDispute } from "../../testing/dispute-factories.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

describe("disputes: the register", () => {
  let t: TestApp;
  let world: World;
  let mediator: TestClient;
  let villageMediator: TestClient;
  let officer: TestClient;
  let auditor: TestClient;
  let reporter: TestClient;
  let villageReporter: TestClient;
  let officerB: TestClient;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], username: "v-mediator" });
    [mediator, villageMediator, officer, auditor, reporter, villageReporter, officerB] = await Promise.all([
      t.signIn("a-mediator"),
      t.signIn("v-mediator"),
      t.signIn("a-officer"),
      t.signIn("a-auditor"),
      t.signIn("a-reporter"),
      t.signIn("v-reporter"),
      t.signIn("b-officer"),
    ]);
  });
  after(() => t.close());

  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const register = async (client: TestClient, org = world.villageA, overrides: Parameters<typeof sampleDispute>[1] = {}) => {
    const res = await client.post("/api/disputes", sampleDispute(org, overrides));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const ids = (res: TestResponse): string[] => res.body.items.map((d: { id: string }) => d.id);
  /** A request that writes nothing but the session's last use, so a checksum taken after it sees only what follows. */
  const touch = (...clients: TestClient[]) => Promise.all(clients.map((client) => client.get("/api/notifications?limit=1")));
  const reads = (id: string) => t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "dispute.read"), eq(auditLog.recordId, id)));

  it("registers a dispute with its parties, numbered per org and year, masked in the list and whole for its handlers, audited", async () => {
    const dispute = await register(villageMediator);
    assert.match(dispute.caseNumber, /^2026-\d{4}$/);
    assert.equal(dispute.status, "registered");
    assert.equal(dispute.orgName, "甲一村");
    assert.deepEqual(
      dispute.parties.map((p: { side: string; name: string; idNumber: string; contactPhone: string }) => [p.side, p.name, p.idNumber, p.contactPhone]),
      [
        ["applicant", "张三", VALID_ID_NUMBERS[0], "13800001111"],
        ["respondent", "李四", VALID_ID_NUMBERS[1], "13900002222"],
      ],
      "the filer sees what it wrote",
    );
    assert.deepEqual(dispute.actions, ["update", "accept", "refuse", "refer", "moveUp", "attach"], "a handler decides whether to take it");

    const list = await mediator.get(`/api/disputes?orgId=${world.villageA.id}`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const listed = list.body.items.find((d: { id: string }) => d.id === dispute.id);
    assert.deepEqual(listed.parties[0], { side: "applicant", kind: "person", name: "张三", contactPhone: "138****1111", idNumber: "330***********123X" });

    const full = await mediator.get(`/api/disputes/${dispute.id}`);
    assert.equal(full.status, 200, JSON.stringify(full.body));
    assert.equal(full.body.parties[0].idNumber, VALID_ID_NUMBERS[0], "a mediator of the township handles it: unmasked");
    assert.equal(full.body.parties[1].agentContact, "13700003333");
    assert.equal((await reads(dispute.id)).length, 1, "the mediator's full read is audited");

    const audited = await auditor.get(`/api/disputes/${dispute.id}`);
    assert.equal(audited.status, 200);
    assert.deepEqual(
      audited.body.parties.map((p: { idNumber: string; contactPhone: string; agentContact: string | null }) => [p.idNumber, p.contactPhone, p.agentContact]),
      [
        ["330***********123X", "138****1111", null],
        ["110***********002X", "139****2222", "137****3333"],
      ],
    );
    assert.deepEqual(audited.body.actions, []);
    assert.equal((await reads(dispute.id)).length, 2, "so is the auditor's");
    await villageMediator.get(`/api/disputes/${dispute.id}`);
    assert.equal((await reads(dispute.id)).length, 2, "the filer's own read is not");

    const timeline = await mediator.get(`/api/disputes/${dispute.id}/timeline`);
    assert.deepEqual(timeline.body.items.map((e: { detail: { kind: string } }) => e.detail), [{ kind: "registered", caseNumber: dispute.caseNumber, risk: "low" }]);
  });


  it("narrows the register to an org's subtree by its filter, and never widens the caller's reach", async () => {
    const inVillage = await register(villageMediator);
    const listed = async (client: TestClient, orgId: string) => ids(await client.get(`/api/disputes?orgId=${orgId}&limit=200`));
    assert.ok((await listed(mediator, world.townshipA.id)).includes(inVillage.id), "the township's subtree holds its village's case");
    assert.ok(!(await listed(mediator, world.villageB.id)).includes(inVillage.id), "another village's subtree does not");
    assert.deepEqual(await listed(officerB, world.townshipA.id), [], "a township outside the caller's reach");
    assert.deepEqual(await listed(officerB, world.county.id), [], "the county above it: only the caller's own subtree");
    assert.deepEqual(await listed(mediator, "00000000-0000-4000-8000-000000000000"), [], "an unknown org holds nothing");
  });
  it("shows a village mediator only its village, the township all of it, a reporter only its own, another township none", async () => {
    const inVillage = await register(villageMediator);
    const inTownship = await register(mediator, world.townshipA);
    const byReporter = await register(reporter, world.townshipA);
    const list = async (client: TestClient) => ids(await client.get("/api/disputes?limit=200"));

    const village = await list(villageMediator);
    assert.ok(village.includes(inVillage.id));
    assert.ok(!village.includes(inTownship.id) && !village.includes(byReporter.id));
    assert.equal((await villageMediator.get(`/api/disputes/${inTownship.id}`)).status, 404);

    const township = await list(officer);
    assert.ok([inVillage.id, inTownship.id, byReporter.id].every((id) => township.includes(id)));

    assert.deepEqual(await list(reporter), [byReporter.id]);
    assert.equal((await reporter.get(`/api/disputes/${inTownship.id}`)).status, 404);
    assert.equal((await reporter.get(`/api/disputes/${byReporter.id}`)).status, 200);
    assert.deepEqual(await list(villageReporter), []);
    assert.deepEqual(await list(officerB), []);
    assert.equal((await officerB.get(`/api/disputes/${inVillage.id}`)).status, 404);
    assert.equal((await reporter.post("/api/disputes", sampleDispute(world.villageA))).status, 403, "a reporter registers for its own org only");
    assert.equal((await auditor.post("/api/disputes", sampleDispute(world.townshipA))).status, 403, "an auditor changes nothing");
  });

  it("filters by type, risk, level, route, registration time and a search of summaries and parties' names, and audits the search", async () => {
    const other = await register(villageMediator, world.villageA, {
      type: "labour_wages",
      summary: "工地拖欠农民工工资",
      risk: "medium",
      riskReason: "欠薪涉及人数多、金额大",
      level: "township",
      route: "administrative",
      parties: [{ side: "applicant", kind: "organisation", name: "王五建筑队", contactPhone: null, idNumber: "91330100MA27XYA12K", agentName: null, agentContact: null }],
    });
    const only = async (query: string) => ids(await officer.get(`/api/disputes?${query}`));
    assert.deepEqual(await only("type=labour_wages"), [other.id]);
    assert.deepEqual(await only("risk=medium"), [other.id]);
    assert.deepEqual(await only("level=township"), [other.id]);
    assert.deepEqual(await only("route=administrative"), [other.id]);
    assert.deepEqual(await only(`q=${encodeURIComponent("王五")}`), [other.id], "a party's name");
    assert.deepEqual(await only(`q=${encodeURIComponent("讨薪")}`), [], "the risk reason is not searched");
    assert.deepEqual(await only(`q=${encodeURIComponent("农民工")}`), [other.id], "the summary");
    assert.deepEqual(await only(`orgId=${world.townshipB.id}`), []);
    t.clock.advanceMinutes(10);
    const later = await register(villageMediator);
    assert.deepEqual(await only(`registeredFrom=${encodeURIComponent(t.clock.now().toISOString())}`), [later.id]);
    assert.ok(!(await only(`registeredTo=${encodeURIComponent(new Date(t.clock.now().getTime() - 1).toISOString())}`)).includes(later.id));
    const searches = await t.db.orm.select().from(auditLog).where(eq(auditLog.action, "dispute.search"));
    assert.deepEqual(searches.map((s) => s.detail.q), ["王五", "讨薪", "农民工"]);
  });

  it("notifies the township's officers and leaders of a high-risk dispute, not the village's nor another township's; medium notifies nobody", async () => {
    const villageOfficer = await makeAccount(t.db.orm, { org: world.villageA, roles: ["officer"] });
    const inactiveLeader = await makeAccount(t.db.orm, { org: world.townshipA, roles: ["leader"], active: false });
    const reached = (disputeId: string) => t.db.orm.select().from(notifications).where(eq(notifications.disputeId, disputeId));

    const medium = await register(villageMediator, world.villageA, { risk: "medium", riskReason: "双方言语冲突" });
    assert.deepEqual(await reached(medium.id), []);

    const high = await register(villageMediator, world.villageA, { risk: "high", riskReason: "一方扬言报复，有持械冲突可能" });
    const rows = await reached(high.id);
    assert.deepEqual(rows.map((n) => n.recipientId).sort(), [world.leader.id, world.officer.id].sort());
    assert.ok(!rows.some((n) => [villageOfficer.id, inactiveLeader.id, world.officerB.id].includes(n.recipientId)));
    assert.equal(rows[0]!.kind, "dispute_high_risk");
    assert.equal(rows[0]!.incidentId, null);
    assert.match(rows[0]!.title, /高风险纠纷/);
    assert.ok(!rows[0]!.body.includes("张三"), "a notification names the case, not its parties");

    const inbox = await officer.get("/api/notifications?unacknowledged=true");
    const mine = inbox.body.items.find((n: { disputeId: string | null }) => n.disputeId === high.id);
    assert.equal(mine.kind, "dispute_high_risk");
    assert.equal(mine.incidentId, null);
    assert.equal((await officer.post(`/api/notifications/${mine.id}/ack`)).status, 200);

    const timeline = await villageMediator.get(`/api/disputes/${high.id}/timeline`);
    assert.deepEqual(timeline.body.items.map((e: { detail: { kind: string } }) => e.detail.kind), ["registered", "notified"]);

    const raised = await villageMediator.patch(`/api/disputes/${medium.id}`, { version: medium.version, risk: "high", riskReason: "冲突升级，已有推搡" });
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
    assert.equal((await reached(medium.id)).length, 2, "raising the risk to high notifies as registering at high does");
  });

  it("refuses impossible registrations with 400 naming the field in the caller's language, and writes nothing", async () => {
    await touch(villageMediator);
    const before = await databaseChecksum(t.db.orm);
    const applicant = sampleDispute(world.villageA).parties[0]!;
    const cases: [string, Record<string, unknown>, string][] = [
      ["occurred in the future", { occurredAt: "2026-03-02T09:00:00+08:00" }, "occurredAt"],
      ["an impossible date", { occurredAt: "2026-02-30T09:00:00+08:00" }, "occurredAt"],
      ["a negative amount", { amountInDispute: -1 }, "amountInDispute"],
      ["nobody involved", { peopleInvolved: 0 }, "peopleInvolved"],
      ["high risk without a reason", { risk: "high" }, "riskReason"],
      ["an unknown type", { type: "alien_abduction" }, "type"],
      ["no applicant", { parties: [{ ...applicant, side: "respondent" }] }, "parties"],
      ["no parties", { parties: [] }, "parties"],
      ["a resident ID with a wrong check character", { parties: [{ ...applicant, idNumber: "330102198001011230" }] }, "parties.0.idNumber"],
      ["a credit code for a person's ID", { parties: [{ ...applicant, idNumber: "91330100MA27XYA12K" }] }, "parties.0.idNumber"],
      ["screening without its kind", { source: "screening" }, "screeningKind"],
      ["a referring body without a referral", { referredBy: "court" }, "referredBy"],
      ["an unknown risk", { risk: "extreme" }, "risk"],
    ];
    for (const [name, change, field] of cases) {
      const res = await villageMediator.post("/api/disputes", { ...sampleDispute(world.villageA), ...change });
      assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
      assert.ok(fields(res).includes(field), `${name}: expected ${field}, got ${fields(res).join(", ")}`);
    }
    const english = await villageMediator.request("POST", "/api/disputes", { ...sampleDispute(world.villageA), risk: "high" }, { "accept-language": "en" });
    assert.equal(english.body.errors[0].message, "Give the reason for a medium or high risk");
    const chinese = await villageMediator.post("/api/disputes", { ...sampleDispute(world.villageA), parties: [{ ...applicant, idNumber: "330102198001011230" }] });
    assert.match(chinese.body.errors[0].message, /居民身份证/);
    assert.equal(await databaseChecksum(t.db.orm), before);
  });

  it("corrects the register at the version seen (409 on a stale one), replacing the parties and recording what changed", async () => {
    const dispute = await register(villageMediator);
    const res = await mediator.patch(`/api/disputes/${dispute.id}`, {
      version: dispute.version,
      summary: "围墙越界约半米，双方同意先行测量。",
      amountInDispute: null,
      parties: [{ side: "applicant", kind: "person", name: "张三", contactPhone: "13800001111", idNumber: null, agentName: "张律师", agentContact: "13600004444" }],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.version, dispute.version + 1);
    assert.equal(res.body.amountInDispute, null);
    assert.deepEqual(res.body.parties.map((p: { name: string; agentName: string | null }) => [p.name, p.agentName]), [["张三", "张律师"]]);
    assert.equal(res.body.caseNumber, dispute.caseNumber);

    await touch(villageMediator, auditor);
    const before = await databaseChecksum(t.db.orm);
    const stale = await villageMediator.patch(`/api/disputes/${dispute.id}`, { version: dispute.version, summary: "过时的修改" });
    assert.equal(stale.status, 409);
    const refused = await villageMediator.patch(`/api/disputes/${dispute.id}`, { version: res.body.version, risk: "medium" });
    assert.equal(refused.status, 400);
    assert.deepEqual(fields(refused), ["riskReason"], "a changed risk comes with its reason");
    assert.equal((await auditor.patch(`/api/disputes/${dispute.id}`, { version: res.body.version, summary: "审计员不改" })).status, 403);
    assert.equal(await databaseChecksum(t.db.orm), before);

    const events = await t.db.orm.select().from(disputeEvents).where(eq(disputeEvents.disputeId, dispute.id));
    assert.deepEqual(events.map((e) => e.detail), [
      { kind: "registered", caseNumber: dispute.caseNumber, risk: "low" },
      { kind: "updated", fields: ["summary", "amountInDispute", "parties"], risk: null },
    ]);
  });

  it("gives concurrent registrations of one org distinct consecutive case numbers, starting again for another org", async () => {
    const org = await makeOrg(t.db.orm, { parent: world.townshipA, kind: "village" });
    const made = await Promise.all(Array.from({ length: 6 }, () => mediator.post("/api/disputes", sampleDispute(org))));
    assert.deepEqual(made.map((r) => r.status), [201, 201, 201, 201, 201, 201]);
    assert.deepEqual(made.map((r) => r.body.caseNumber).sort(), ["2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0006"]);
    const rows = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "dispute.register"), inArray(auditLog.recordId, made.map((r) => r.body.id))));
    assert.equal(rows.length, 6);
  });
});
