// The semi-monthly screening report through the API on a real database, with a clock the test
// moves: figures of a known register, filing and refiling, on time, late, missing and pending
// as the due time passes, the parent's board and its Excel ledger, and who may see and file.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import type { ScreeningCounts, ScreeningFigures } from "@shared/disputes/screening-schemas.ts";
import type { RegisterDisputeInput } from "@shared/disputes/schemas.ts";
import { auditLog, disputeAgreements, disputeReferrals, disputes } from "../../db/schema.ts";
import type { OrgRow } from "../orgs/queries.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { makeDispute } from "../../testing/dispute-factories.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

const PERIOD = "2026-11-01";
const at = (dayAndTime: string) => new Date(`2026-${dayAndTime}+08:00`);
const counts = (values: Partial<ScreeningCounts>): ScreeningCounts => ({ found: 0, foundByScreening: 0, handled: 0, agreed: 0, notAgreed: 0, withdrawn: 0, ongoing: 0, referred: 0, ...values });

/** The register of 甲一村 below, read for 1–15 November. */
const EXPECTED: ScreeningFigures = {
  totals: counts({ found: 6, foundByScreening: 1, handled: 4, agreed: 1, notAgreed: 1, withdrawn: 1, ongoing: 3, referred: 1 }),
  byType: [
    { type: "contracts", ...counts({ found: 1, handled: 1, ongoing: 1, referred: 1 }) },
    { type: "labour_wages", ...counts({ found: 2, handled: 1, notAgreed: 1, withdrawn: 1 }) },
    { type: "medical", ...counts({ found: 1 }) },
    { type: "neighbours", ...counts({ found: 2, foundByScreening: 1, handled: 2, agreed: 1, ongoing: 2 }) },
  ],
};

describe("disputes: the semi-monthly screening report", () => {
  let t: TestApp;
  let world: World;
  let villageA2: OrgRow;
  let recorder: { id: string };

  const register = async (org: OrgRow, when: string, overrides: Partial<RegisterDisputeInput> = {}) => {
    moveClock(when);
    return makeDispute(t.db.orm, org, { clock: t.clock, overrides });
  };
  const change = (id: string, values: Partial<typeof disputes.$inferInsert>) => t.db.orm.update(disputes).set(values).where(eq(disputes.id, id));
  // The acceptance service is in this branch; the outcome services are not yet, so outcomes are set on the row.
  const accept = (id: string, when: string, status = "in_mediation") =>
    change(id, { status, acceptedAt: at(when), acceptedBy: recorder.id, acceptanceReason: "属于受理范围", mediationDueAt: new Date(at(when).getTime() + 30 * 86_400_000) });
  const conclude = (id: string, status: string, when: string) => change(id, { status, concludedAt: at(when) });
  const agree = async (id: string, when: string) => {
    await t.db.orm.insert(disputeAgreements).values({ disputeId: id, form: "written", facts: "双方就围墙达成一致", terms: ["拆除越界部分"], performanceManner: "自行拆除", performanceDueOn: "2026-12-01", madeAt: at(when), recordedBy: recorder.id });
    await conclude(id, "agreed", when);
  };

  // One session per person until the clock moves days on, past any session's idle time.
  const sessions = new Map<string, TestClient>();
  const moveClock = (when: string) => {
    t.clock.set(at(when));
    sessions.clear();
  };
  const as = async (username: string) => {
    if (!sessions.has(username)) sessions.set(username, await t.signIn(username));
    return sessions.get(username)!;
  };
  /** Signs them in and lets each request once, so that a checksum taken next sees only what the requests under test write. */
  const signedIn = (...usernames: string[]) => Promise.all(usernames.map(async (username) => (await as(username)).get("/api/notifications?limit=1")));
  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const get = async (username: string, path: string, orgId: string, period = PERIOD) => (await as(username)).get(`/api/disputes/screening-reports${path}?orgId=${orgId}&period=${period}`);
  const file = async (username: string, body: Record<string, unknown>) => (await as(username)).post("/api/disputes/screening-reports", { periodStart: PERIOD, note: null, ...body });
  const statuses = (res: TestResponse) => (res.body.items as { orgName: string; status: string }[]).map((item) => [item.orgName, item.status]);

  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    villageA2 = await makeOrg(t.db.orm, { parent: world.townshipA, name: "甲二村", kind: "village" });
    recorder = await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], username: "v-mediator" });
    const a = world.villageA;
    // Before the period: one still being mediated at its end, one agreed before it began.
    const open = await register(a, "10-20T09:00:00", { type: "neighbours" });
    await accept(open.id, "10-21T09:00:00");
    const old = await register(a, "10-25T09:00:00", { type: "neighbours" });
    await accept(old.id, "10-25T10:00:00");
    await agree(old.id, "10-28T09:00:00");
    // In the period.
    const screened = await register(a, "11-02T09:00:00", { type: "neighbours", source: "screening", screeningKind: "routine" });
    await accept(screened.id, "11-03T09:00:00");
    await agree(screened.id, "11-05T09:00:00");
    const wages = await register(a, "11-04T09:00:00", { type: "labour_wages" });
    await accept(wages.id, "11-04T15:00:00");
    await conclude(wages.id, "not_agreed", "11-10T09:00:00");
    const mediating = await register(a, "11-06T09:00:00", { type: "neighbours" });
    await accept(mediating.id, "11-06T10:00:00");
    const withdrawn = await register(a, "11-07T09:00:00", { type: "labour_wages" });
    await conclude(withdrawn.id, "withdrawn", "11-08T09:00:00");
    const referred = await register(a, "11-08T09:00:00", { type: "contracts" });
    await accept(referred.id, "11-08T10:00:00", "referred");
    await t.db.orm.insert(disputeReferrals).values({ disputeId: referred.id, receiverKind: "court", receiverName: "某县人民法院", reason: "涉及合同效力认定", referredAt: at("11-09T09:00:00"), referredBy: recorder.id });
    const refused = await register(a, "11-12T09:00:00", { type: "medical" });
    await change(refused.id, { status: "refused", refusedAt: at("11-13T09:00:00"), refusedBy: recorder.id, refusalReason: "已起诉", redirectTo: "court" });
    // After the period, and in another village: neither counts.
    await register(a, "11-16T09:00:00", { type: "consumer" });
    await register(world.villageB, "11-05T09:00:00", { type: "neighbours" });
    moveClock("11-14T10:00:00");
  });
  after(() => t.close());

  it("previews the period's figures of the org's own disputes, totals and by type, before filing", async () => {
    const res = await get("a-officer", "/draft", world.villageA.id);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.figures, EXPECTED);
    assert.deepEqual([res.body.orgName, res.body.periodStart, res.body.periodEnd, res.body.dueAt], ["甲一村", "2026-11-01", "2026-11-15", "2026-11-16T16:00:00.000Z"]);
    assert.deepEqual([res.body.status, res.body.report, res.body.actions], ["pending", null, ["file"]]);
    const auditor = await get("a-auditor", "/draft", world.villageA.id);
    assert.deepEqual([auditor.status, auditor.body.actions], [200, []]);
  });

  it("files the report with its figures frozen: a correction of the register shows in the draft, not in the report, until it is filed again before the due time", async () => {
    const filed = await file("v-mediator", { orgId: world.villageA.id, screenings: 3, note: "本期开展排查3次" });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    assert.deepEqual([filed.body.screenings, filed.body.note, filed.body.submittedBy.id, filed.body.submittedAt], [3, "本期开展排查3次", recorder.id, at("11-14T10:00:00").toISOString()]);
    assert.deepEqual(filed.body.figures, EXPECTED);

    await register(world.villageA, "11-14T11:00:00", { type: "neighbours" });
    const board = await get("a-officer", "", world.townshipA.id);
    assert.equal(board.body.items.find((item: { orgId: string }) => item.orgId === world.villageA.id).report.figures.totals.found, 6);
    assert.equal((await get("a-officer", "/draft", world.villageA.id)).body.figures.totals.found, 7);

    const again = await file("v-mediator", { orgId: world.villageA.id, screenings: 4, note: null });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.deepEqual([again.body.id, again.body.screenings, again.body.note, again.body.figures.totals.found], [filed.body.id, 4, null, 7]);
    const audits = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "dispute.screeningReport"), eq(auditLog.recordId, filed.body.id)));
    assert.deepEqual(audits.map((row) => [row.detail.screenings, row.detail.replaced, row.detail.late]), [[3, false, false], [4, true, false]]);
  });

  it("shows the parent each child's state as the clock passes the due time: on time, pending, then missing; a late first report is taken, a filed one is final", async () => {
    const pending = await get("a-officer", "", world.townshipA.id);
    assert.equal(pending.status, 200, JSON.stringify(pending.body));
    assert.deepEqual(statuses(pending), [["甲镇", "pending"], ["甲一村", "on_time"], ["甲二村", "pending"]]);
    assert.equal(pending.body.deadlinePassed, false);

    moveClock("11-16T23:59:00");
    assert.deepEqual(statuses(await get("a-officer", "", world.townshipA.id)), [["甲镇", "pending"], ["甲一村", "on_time"], ["甲二村", "pending"]]);

    moveClock("11-17T00:00:01");
    const after = await get("a-officer", "", world.townshipA.id);
    assert.deepEqual(statuses(after), [["甲镇", "missing"], ["甲一村", "on_time"], ["甲二村", "missing"]]);
    assert.deepEqual([after.body.deadlinePassed, after.body.counts], [true, { on_time: 1, late: 0, missing: 2, pending: 0 }]);
    assert.equal(after.body.items[1].report.submittedBy.displayName.length > 0, true);
    assert.deepEqual((await get("v-mediator", "/draft", world.villageA.id)).body.actions, []);

    await signedIn("v-mediator");
    const checksum = await databaseChecksum(t.db.orm);
    const refiled = await file("v-mediator", { orgId: world.villageA.id, screenings: 9 });
    assert.deepEqual([refiled.status, refiled.body.code], [409, "screening.reportClosed"]);
    assert.equal(await databaseChecksum(t.db.orm), checksum);

    const late = await file("a-officer", { orgId: world.townshipA.id, screenings: 1 });
    assert.equal(late.status, 201, JSON.stringify(late.body));
    assert.deepEqual(late.body.figures.totals, counts({}));
    assert.deepEqual(statuses(await get("a-officer", "", world.townshipA.id)), [["甲镇", "late"], ["甲一村", "on_time"], ["甲二村", "missing"]]);
  });

  it("exports the parent's summary as an Excel ledger: a row per org with its figures and a totals row", async () => {
    const res = await get("a-officer", "/export.xlsx", world.townshipA.id);
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert.match(String(res.headers["content-disposition"]), /filename\*=UTF-8''/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("排查报表")!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    assert.equal(sheet.getCell("A1").value, "甲镇矛盾纠纷排查报表汇总（2026年11月上半月）");
    assert.deepEqual(row(2).slice(0, 13), ["单位", "状态", "提交时间", "提交人", "排查次数", "排查发现", "其中排查来源", "受理", "调解成功", "调解不成", "撤回", "期末在办", "移交"]);
    assert.deepEqual(row(3).slice(0, 2), ["甲镇", "逾期"]);
    assert.deepEqual(row(3).slice(4, 13), [1, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(row(4).slice(0, 3), ["甲一村", "按时", "2026-11-14 11:00"]);
    assert.deepEqual(row(4).slice(4, 14), [4, 7, 1, 4, 1, 1, 1, 4, 1, "合同纠纷1件；劳动争议、欠薪2件；医疗纠纷1件；邻里纠纷3件"]);
    assert.deepEqual(row(5).slice(0, 2), ["甲二村", "未报"]);
    assert.deepEqual(row(6).slice(0, 2), ["合计", "已报2/3"]);
    assert.deepEqual(row(6).slice(4, 13), [5, 7, 1, 4, 1, 1, 1, 4, 1]);
  });

  it("keeps a sibling township out (404), and lets those who see the org but do not handle disputes there not file (403)", async () => {
    for (const path of ["", "/draft", "/export.xlsx"]) {
      assert.equal((await get("b-officer", path, world.villageA.id)).status, 404, path);
      assert.equal((await get("b-officer", path, world.townshipA.id)).status, 404, path);
    }
    assert.equal((await get("v-mediator", "", world.townshipA.id)).status, 404);
    await signedIn("b-officer", "v-mediator", "a-auditor", "a-reporter");
    const checksum = await databaseChecksum(t.db.orm);
    assert.equal((await file("b-officer", { orgId: world.villageA.id, screenings: 1 })).status, 404);
    assert.equal((await file("v-mediator", { orgId: villageA2.id, screenings: 1 })).status, 404);
    assert.equal((await file("a-auditor", { orgId: villageA2.id, screenings: 1 })).status, 403);
    assert.equal((await file("a-reporter", { orgId: villageA2.id, screenings: 1 })).status, 403);
    assert.equal(await databaseChecksum(t.db.orm), checksum);
  });

  it("refuses bad input with 400 naming the field, in the caller's language, and writes nothing", async () => {
    moveClock("11-20T10:00:00");
    await signedIn("a-officer");
    const checksum = await databaseChecksum(t.db.orm);
    const cases: [Record<string, unknown>, string][] = [
      [{ periodStart: "2026-11-05" }, "periodStart"],
      [{ periodStart: "2026-12-01" }, "periodStart"],
      [{ periodStart: "11/16/2026" }, "periodStart"],
      [{ screenings: -1 }, "screenings"],
      [{ screenings: 1.5 }, "screenings"],
      [{ screenings: "3" }, "screenings"],
    ];
    for (const [body, field] of cases) {
      const res = await file("a-officer", { orgId: villageA2.id, screenings: 2, ...body });
      assert.deepEqual([res.status, fields(res)], [400, [field]], JSON.stringify(body));
    }
    const officer = await as("a-officer");
    const english = await officer.request("POST", "/api/disputes/screening-reports", { orgId: villageA2.id, periodStart: "2026-12-01", screenings: 2, note: null }, { "accept-language": "en" });
    assert.equal(english.body.errors[0].message, "That period has not begun yet");
    assert.deepEqual(fields(await get("a-officer", "/draft", world.villageA.id, "2026-11-05")), ["period"]);
    assert.deepEqual(fields(await get("a-officer", "", world.townshipA.id, "2026-12-01")), ["period"]);
    assert.equal(await databaseChecksum(t.db.orm), checksum);

    const current = await file("a-officer", { orgId: villageA2.id, periodStart: "2026-11-16", screenings: 0 });
    assert.equal(current.status, 201, "the current period may be filed before it ends");
  });
});
