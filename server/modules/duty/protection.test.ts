import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditLog, protectionPeriods } from "../../db/schema.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { makeProtectionPeriod, makeShift } from "../../testing/duty-factories.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

describe("protection periods and daily status reports", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  let villageB2: Awaited<ReturnType<typeof makeOrg>>;
  before(async () => {
    t = await startTestApp({ idleTimeoutMinutes: 60 * 24 * 365 });
    world = await makeWorld(t.db.orm);
    villageB2 = await makeOrg(t.db.orm, { parent: world.townshipA, name: "甲二村", kind: "village" });
    await makeAccount(t.db.orm, { org: world.villageA, roles: ["duty"], username: "v-duty" });
    await makeAccount(t.db.orm, { org: villageB2, roles: ["officer"], username: "v2-officer" });
    officer = await t.signIn("a-officer");
  });
  after(() => t.close());
  beforeEach(() => t.clock.set("2026-03-02T08:00:00+08:00"));

  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const declare = (overrides: Record<string, unknown> = {}) =>
    officer.post("/api/protection-periods", {
      orgId: world.townshipA.id,
      name: "全国两会特护期",
      startDate: "2026-03-04",
      endDate: "2026-03-11",
      orgIds: [world.townshipA.id, world.villageA.id, villageB2.id],
      leaderRequired: true,
      reportDueTime: "10:00",
      ...overrides,
    });

  describe("declaring a period", () => {
    it("covers the orgs listed, or with includeDescendants every org below them, listed explicitly; audits it", async () => {
      const listed = await declare();
      assert.equal(listed.status, 201, JSON.stringify(listed.body));
      assert.deepEqual(listed.body.coveredOrgs.map((o: { name: string }) => o.name).sort(), ["甲一村", "甲二村", "甲镇"].sort());
      assert.equal(listed.body.reportDueTime, "10:00");
      assert.deepEqual(listed.body.actions, ["update"]);
      const unit = await makeOrg(t.db.orm, { parent: world.villageA, kind: "unit", name: "甲一村小学" });
      const whole = await declare({ name: "清明特护期", orgIds: [world.townshipA.id], includeDescendants: true, leaderRequired: false, reportDueTime: null });
      assert.equal(whole.status, 201);
      const covered = whole.body.coveredOrgs.map((o: { id: string }) => o.id);
      for (const org of [world.townshipA, world.villageA, villageB2, unit]) assert.ok(covered.includes(org.id), org.name);
      assert.ok(!covered.includes(world.townshipB.id));
      const [audit] = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "protection.create"), eq(auditLog.recordId, whole.body.id)));
      assert.equal((audit!.detail as { orgIds: string[] }).orgIds.length, covered.length);
    });

    it("refuses orgs outside the declaring org's subtree, bad dates and times, naming the field; writes nothing", async () => {
      const cases: [string, Record<string, unknown>, string[]][] = [
        ["a sibling township and an unknown org", { orgIds: [world.villageA.id, world.townshipB.id, crypto.randomUUID()] }, ["orgIds.1", "orgIds.2"]],
        ["the county above", { orgIds: [world.county.id] }, ["orgIds.0"]],
        ["an org twice", { orgIds: [world.villageA.id, world.villageA.id] }, ["orgIds"]],
        ["no org", { orgIds: [] }, ["orgIds"]],
        ["an end before the start", { endDate: "2026-03-01" }, ["endDate"]],
        ["more than 366 days", { endDate: "2027-03-05" }, ["endDate"]],
        ["a report time that is no time of day", { reportDueTime: "10点" }, ["reportDueTime"]],
        ["a report time of 25:00", { reportDueTime: "25:00" }, ["reportDueTime"]],
        ["a date that is no date", { startDate: "2026-02-30" }, ["startDate"]],
      ];
      const before = await databaseChecksum(t.db.orm);
      for (const [name, overrides, expected] of cases) {
        const res = await declare({ name: "错误的特护期", ...overrides });
        assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
        assert.deepEqual(fields(res), expected, name);
      }
      assert.equal(await databaseChecksum(t.db.orm), before);
    });

    it("is declared by admins, leaders and officers (others 403); a village sees the periods covering it, a sibling township nothing", async () => {
      assert.equal((await (await t.signIn("a-duty")).post("/api/protection-periods", { orgId: world.townshipA.id, name: "值班员的", startDate: "2026-03-04", endDate: "2026-03-05", orgIds: [world.villageA.id] })).status, 403);
      const declared = await declare({ name: "只覆盖甲一村", orgIds: [world.villageA.id] });
      const villageDuty = await t.signIn("v-duty");
      assert.equal((await villageDuty.get(`/api/protection-periods/${declared.body.id}`)).status, 200, "the covered village reads it");
      assert.deepEqual((await villageDuty.get(`/api/protection-periods/${declared.body.id}`)).body.actions, []);
      assert.ok((await villageDuty.get("/api/protection-periods?limit=200")).body.items.some((p: { id: string }) => p.id === declared.body.id));
      const otherVillage = await t.signIn("v2-officer");
      assert.equal((await otherVillage.get(`/api/protection-periods/${declared.body.id}`)).status, 404, "a village it does not cover");
      assert.equal((await (await t.signIn("b-admin")).get(`/api/protection-periods/${declared.body.id}`)).status, 404);
      const patched = await (await t.signIn("v-admin")).patch(`/api/protection-periods/${declared.body.id}`, { version: 1, name: "改名" });
      assert.equal(patched.status, 403, "read from below, changed only by the declaring org");
    });
  });

  describe("a leader on duty during the period", () => {
    it("refuses a new leaderless shift in a covered org during the period, and allows one outside it", async () => {
      const period = await declare({ name: "元宵特护期", startDate: "2026-03-20", endDate: "2026-03-21", orgIds: [world.townshipA.id] });
      assert.equal(period.status, 201);
      const shift = (startsAt: string, endsAt: string, leaderId: string | null = null) =>
        officer.post("/api/shifts", { orgId: world.townshipA.id, startsAt, endsAt, officerIds: [world.duty.id], leaderId, phone: "0571-86100110" });
      const refused = await shift("2026-03-19T20:00:00+08:00", "2026-03-20T08:30:00+08:00");
      assert.equal(refused.status, 400, "a night shift reaching into the first day");
      assert.deepEqual(fields(refused), ["leaderId"]);
      assert.match(refused.body.errors[0].message, /特护期内每个班次须有带班领导/);
      assert.equal((await shift("2026-03-20T08:30:00+08:00", "2026-03-21T08:30:00+08:00", world.leader.id)).status, 201);
      assert.equal((await shift("2026-03-22T00:00:00+08:00", "2026-03-22T08:30:00+08:00")).status, 201, "the day after the period");
      const rotation = await officer.post("/api/shifts/generate", {
        orgId: world.townshipA.id,
        from: "2026-03-18",
        to: "2026-03-21",
        pattern: "daily",
        startTime: "12:00",
        durationHours: 6,
        slots: [{ officerIds: [world.duty.id], leaderId: world.leader.id, phone: "0571-86100110" }, { officerIds: [world.duty.id], phone: "0571-86100110" }],
      });
      assert.equal(rotation.status, 400, "the second slot has no leader and takes 2026-03-21");
      assert.deepEqual(fields(rotation), ["slots.1.leaderId"]);
    });

    it("warns on the roster of each leaderless shift already in a covered org when the period is declared", async () => {
      const village = await makeOrg(t.db.orm, { parent: world.townshipA, name: "甲三村", kind: "village" });
      const leaderless = await makeShift(t.db.orm, village, { startsAt: "2026-03-05T08:30:00+08:00", endsAt: "2026-03-06T08:30:00+08:00" });
      const period = await declare({ name: "清明节前特护期", orgIds: [village.id] });
      const roster = await officer.get(`/api/shifts?orgId=${village.id}&from=2026-03-05&to=2026-03-05`);
      const missing = roster.body.warnings.filter((w: { kind: string }) => w.kind === "leaderMissing");
      assert.deepEqual(missing, [
        { kind: "leaderMissing", from: "2026-03-05T00:30:00.000Z", to: "2026-03-06T00:30:00.000Z", shiftIds: [leaderless.id], protectionPeriodId: period.body.id, protectionPeriodName: "清明节前特护期" },
      ]);
    });
  });

  describe("daily status reports", () => {
    let periodId: string;
    before(async () => {
      const period = await makeProtectionPeriod(t.db.orm, world.townshipA, {
        name: "两会期间零报告",
        startDate: "2026-03-04",
        endDate: "2026-03-11",
        coveredOrgIds: [world.townshipA.id, world.villageA.id, villageB2.id],
        reportDueTime: "10:00",
      });
      periodId = period.id;
    });
    const status = async (client: TestClient, date: string) => {
      const res = await client.get(`/api/protection-periods/${periodId}/report-status?date=${date}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return Object.fromEntries(res.body.items.map((item: { orgName: string; status: string }) => [item.orgName, item.status]));
    };

    it("shows pending before 10:00, then on time, late and missing as the clock passes the deadline", async () => {
      t.clock.set("2026-03-05T08:00:00+08:00");
      const villageDuty = await t.signIn("v-duty");
      const filed = await villageDuty.post(`/api/protection-periods/${periodId}/reports`, { orgId: world.villageA.id, date: "2026-03-05", nothingToReport: true });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      assert.equal(filed.body.onTime, true);
      assert.deepEqual(filed.body.links, []);
      assert.deepEqual(await status(officer, "2026-03-05"), { 甲镇: "pending", 甲一村: "reported_on_time", 甲二村: "pending" });

      t.clock.set("2026-03-05T10:00:00+08:00");
      assert.deepEqual(await status(officer, "2026-03-05"), { 甲镇: "pending", 甲一村: "reported_on_time", 甲二村: "pending" }, "10:00 itself is still in time");

      t.clock.set("2026-03-05T10:01:00+08:00");
      const board = await officer.get(`/api/protection-periods/${periodId}/report-status?date=2026-03-05`);
      assert.equal(board.body.dueAt, "2026-03-05T02:00:00.000Z");
      assert.equal(board.body.deadlinePassed, true);
      assert.deepEqual(board.body.counts, { reported_on_time: 1, reported_late: 0, missing: 2, pending: 0 });

      const late = await (await t.signIn("v2-officer")).post(`/api/protection-periods/${periodId}/reports`, {
        orgId: villageB2.id,
        date: "2026-03-05",
        nothingToReport: false,
        summary: "村口道路积水，已设警示牌。",
        links: [{ kind: "hazard", ref: "YH-2026-0031", title: "村口道路积水" }],
      });
      assert.equal(late.status, 201, JSON.stringify(late.body));
      assert.equal(late.body.onTime, false);
      assert.deepEqual(await status(officer, "2026-03-05"), { 甲镇: "missing", 甲一村: "reported_on_time", 甲二村: "reported_late" });
      assert.deepEqual(await status(villageDuty, "2026-03-05"), { 甲一村: "reported_on_time" }, "a village sees its own line only");
      const [audit] = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "protection.report"), eq(auditLog.orgId, villageB2.id)));
      assert.equal((audit!.detail as { links: number }).links, 1);
    });

    it("without a date shows today's board, or the period's nearest day", async () => {
      t.clock.set("2026-03-07T09:00:00+08:00");
      assert.equal((await officer.get(`/api/protection-periods/${periodId}/report-status`)).body.date, "2026-03-07");
      t.clock.set("2026-03-20T09:00:00+08:00");
      assert.equal((await officer.get(`/api/protection-periods/${periodId}/report-status`)).body.date, "2026-03-11");
    });

    it("refuses a second report for the org and date (409), and bad reports with the field named, writing nothing", async () => {
      t.clock.set("2026-03-06T09:00:00+08:00");
      const villageDuty = await t.signIn("v-duty");
      const file = (body: Record<string, unknown>) => villageDuty.post(`/api/protection-periods/${periodId}/reports`, { orgId: world.villageA.id, date: "2026-03-06", nothingToReport: true, ...body });
      assert.equal((await file({})).status, 201);
      const before = await databaseChecksum(t.db.orm);
      const twice = await file({});
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, "protection.alreadyReported");
      const cases: [string, Record<string, unknown>, string[]][] = [
        ["a date before the period", { date: "2026-03-03" }, ["date"]],
        ["a date after it", { date: "2026-03-12" }, ["date"]],
        ["tomorrow", { date: "2026-03-07" }, ["date"]],
        ["an org the period does not cover", { orgId: world.villageB.id }, ["orgId"]],
        ["links on a nothing-to-report", { date: "2026-03-05", links: [{ kind: "incident", ref: "SJ-1", title: "事件" }] }, ["links"]],
        ["something to report without a summary", { date: "2026-03-05", nothingToReport: false }, ["summary"]],
        ["a link of an unknown kind", { date: "2026-03-05", nothingToReport: false, summary: "情况", links: [{ kind: "person", ref: "X1", title: "某人" }] }, ["links.0.kind"]],
        ["a link reference that is no reference", { date: "2026-03-05", nothingToReport: false, summary: "情况", links: [{ kind: "incident", ref: "<script>", title: "事件" }] }, ["links.0.ref"]],
      ];
      for (const [name, body, expected] of cases) {
        const res = await file(body);
        assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
        assert.deepEqual(fields(res), expected, name);
      }
      assert.equal(await databaseChecksum(t.db.orm), before);
    });

    it("is filed by the covered org's staff or from above, never by a reporter (403) nor from outside (404)", async () => {
      t.clock.set("2026-03-08T09:00:00+08:00");
      const body = { orgId: world.villageA.id, date: "2026-03-08", nothingToReport: true };
      assert.equal((await (await t.signIn("v-reporter")).post(`/api/protection-periods/${periodId}/reports`, body)).status, 403);
      assert.equal((await (await t.signIn("v2-officer")).post(`/api/protection-periods/${periodId}/reports`, body)).status, 404, "another covered village does not file for this one");
      assert.equal((await (await t.signIn("b-admin")).post(`/api/protection-periods/${periodId}/reports`, body)).status, 404);
      const byTownship = await (await t.signIn("a-duty")).post(`/api/protection-periods/${periodId}/reports`, body);
      assert.equal(byTownship.status, 201, "the township's duty room takes a village's report by phone");
      assert.equal(byTownship.body.filedBy.id, world.duty.id);
    });

    it("a period without a report time asks for no reports (409)", async () => {
      const quiet = await makeProtectionPeriod(t.db.orm, world.townshipA, { coveredOrgIds: [world.villageA.id], reportDueTime: null });
      const res = await (await t.signIn("v-duty")).post(`/api/protection-periods/${quiet.id}/reports`, { orgId: world.villageA.id, date: "2026-03-02", nothingToReport: true });
      assert.equal(res.status, 409);
      assert.equal(res.body.code, "protection.noDailyReport");
    });
  });

  describe("editing a period", () => {
    it("edits at the version seen; keeps orgs and dates that have reports inside it (409)", async () => {
      t.clock.set("2026-03-04T09:00:00+08:00");
      const period = await declare({ name: "可编辑的特护期", orgIds: [world.villageA.id, villageB2.id] });
      const report = await (await t.signIn("v-duty")).post(`/api/protection-periods/${period.body.id}/reports`, { orgId: world.villageA.id, date: "2026-03-04", nothingToReport: true });
      assert.equal(report.status, 201);
      const edited = await officer.patch(`/api/protection-periods/${period.body.id}`, { version: 1, endDate: "2026-03-15", reportDueTime: "09:00" });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual([edited.body.endDate, edited.body.reportDueTime, edited.body.version], ["2026-03-15", "09:00", 2]);
      const before = await databaseChecksum(t.db.orm);
      assert.equal((await officer.patch(`/api/protection-periods/${period.body.id}`, { version: 1, name: "过时" })).body.code, "staleVersion");
      assert.equal((await officer.patch(`/api/protection-periods/${period.body.id}`, { version: 2, startDate: "2026-03-05" })).body.code, "protection.reportsOutside");
      assert.equal((await officer.patch(`/api/protection-periods/${period.body.id}`, { version: 2, orgIds: [villageB2.id] })).body.code, "protection.reportsOutside");
      assert.deepEqual(fields(await officer.patch(`/api/protection-periods/${period.body.id}`, { version: 2, endDate: "2026-03-01" })), ["endDate"]);
      assert.equal(await databaseChecksum(t.db.orm), before);
      const [row] = await t.db.orm.select().from(protectionPeriods).where(eq(protectionPeriods.id, period.body.id));
      assert.equal(row!.version, 2);
    });
  });
});
