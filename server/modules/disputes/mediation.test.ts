// Mediation of an accepted dispute through the API on a real database, with a clock the test
// moves: sessions, the agreement and its .docx opened by LibreOffice, the follow-up visit that
// closes the case or reopens it, referral and return, and moving a case up to the township.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { liveEvents } from "../../db/schema.ts";
import { findDeadlinesOf } from "../../deadlines/deadlines.ts";
import { deadlineHandlers } from "../../deadlines/handlers.ts";
import { runDue } from "../../deadlines/scheduler.ts";
import { mayReceive } from "../../realtime/policy.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { disputeRecipients, sampleDispute, VALID_ID_NUMBERS } from "../../testing/dispute-factories.ts";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { actorOfAccount } from "../../testing/incident-factories.ts";
import { convertWithLibreOffice, officeSkipReason } from "../../testing/office.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";
import { DISPUTE_DEADLINE_KIND } from "./dispute-deadlines.ts";
import { DISPUTE_SUBJECT } from "./queries.ts";

const DAY = 24 * 60 * 60_000;

interface Seen {
  id: string;
  version: number;
  status: string;
}

describe("disputes: sessions, outcomes, the agreement, follow-up visits, referral and moving up", () => {
  let t: TestApp;
  let world: World;
  let villageMediator: Awaited<ReturnType<typeof makeAccount>>;
  let officer: TestClient;
  let villageClient: TestClient;
  let reporter: TestClient;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    villageMediator = await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], username: "v-mediator", displayName: "王调解" });
  });
  after(() => t.close());
  // Each case signs in afresh: an earlier one moved the clock past any session's idle time.
  beforeEach(async () => {
    [officer, villageClient, reporter] = await Promise.all([t.signIn("a-officer"), t.signIn("v-mediator"), t.signIn("a-reporter")]);
  });

  const fire = () => runDue(t.db, deadlineHandlers, t.clock.now());
  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const ok = (res: TestResponse) => {
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as Seen & Record<string, unknown>;
  };
  const hoursAgo = (hours: number) => new Date(t.clock.now().getTime() - hours * 3_600_000).toISOString();
  const accepted = async (client = officer) => {
    const registered = await client.post("/api/disputes", sampleDispute(world.villageA, { occurredAt: hoursAgo(2) }));
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    return ok(await client.post(`/api/disputes/${registered.body.id}/accept`, { version: registered.body.version, reason: "双方同意调解", mediators: [{ accountId: villageMediator.id, lead: true }] }));
  };
  const session = (dispute: Seen, overrides: Record<string, unknown> = {}, client = officer) =>
    client.post(`/api/disputes/${dispute.id}/sessions`, {
      version: dispute.version,
      heldAt: t.clock.now().toISOString(),
      place: "甲一村调解室",
      attendees: "张三、李四，调解员王调解",
      applicantStatement: "围墙越界约三十公分，要求拆除。",
      respondentStatement: "围墙按老宅基地界线修建，不同意拆除。",
      proposals: "请村干部现场丈量，按丈量结果处理。",
      result: "双方同意现场丈量后再谈",
      ...overrides,
    });
  const agreement = (overrides: Record<string, unknown> = {}) => ({
    form: "written",
    facts: "申请人张三与被申请人李四系邻居，因李四新建围墙越过宅基地界线约三十公分发生争执。",
    terms: ["被申请人李四于2026年12月10日前自行拆除越界部分围墙。", "申请人张三不再追究其他责任。"],
    performanceManner: "被申请人自行拆除，村调委会现场见证",
    performanceDueOn: "2026-12-10",
    ...overrides,
  });
  const conclude = (dispute: Seen, body: Record<string, unknown>, client = officer) => client.post(`/api/disputes/${dispute.id}/outcome`, { version: dispute.version, ...body });
  const timeline = async (id: string) => ((await (await t.signIn("a-officer")).get(`/api/disputes/${id}/timeline`)).body.items as { detail: { kind: string; notificationKind?: string } }[]).map((e) => e.detail.notificationKind ?? e.detail.kind);
  const deadlineRows = async (id: string) => (await findDeadlinesOf(t.db.orm, DISPUTE_SUBJECT, id)).map((row) => `${row.kind}:${row.status}`).sort();
  const sent = (disputeId: string, kind: string) => disputeRecipients(t.db.orm, disputeId, kind);

  it("runs the whole case: a session puts it in mediation, the agreement schedules a visit at day 30, and a fully performed agreement closes it", async () => {
    const dispute = await accepted();
    const acceptedAt = t.clock.now();
    t.clock.advanceMinutes(20);
    const mediating = ok(await session(dispute));
    assert.equal(mediating.status, "in_mediation");
    const sessions = mediating.sessions as { place: string; result: string; recordedBy: { displayName: string } }[];
    assert.deepEqual(
      sessions.map((s) => [s.place, s.result]),
      [["甲一村调解室", "双方同意现场丈量后再谈"]],
    );
    assert.deepEqual(mediating.actions, ["update", "extend", "assignMediators", "recordSession", "conclude", "refer", "moveUp", "attach"]);

    t.clock.advanceMinutes(20);
    const agreedAt = t.clock.now();
    const agreed = ok(await conclude(mediating, { outcome: "agreed", agreement: agreement() }));
    assert.equal(agreed.status, "agreed");
    assert.equal(agreed.concludedAt, agreedAt.toISOString());
    const followUpDue = new Date(agreedAt.getTime() + 30 * DAY);
    assert.deepEqual(
      (agreed.followUps as { dueAt: string; visitedAt: string | null }[]).map((f) => [f.dueAt, f.visitedAt]),
      [[followUpDue.toISOString(), null]],
    );
    assert.deepEqual(agreed.actions, ["update", "recordFollowUp", "attach"]);
    assert.deepEqual(await deadlineRows(dispute.id), [`${DISPUTE_DEADLINE_KIND.followUp}:pending`, `${DISPUTE_DEADLINE_KIND.mediation}:cancelled`, `${DISPUTE_DEADLINE_KIND.reminder}:cancelled`]);
    assert.ok(acceptedAt < agreedAt);

    t.clock.set(new Date(followUpDue.getTime() - 60_000));
    await fire();
    assert.deepEqual(await sent(dispute.id, "dispute_follow_up_due"), [], "not a minute before the visit is due");
    t.clock.set(followUpDue);
    await fire();
    assert.deepEqual(await sent(dispute.id, "dispute_follow_up_due"), [villageMediator.id], "the mediators are told to visit");

    const visited = ok(await (await t.signIn("a-officer")).post(`/api/disputes/${dispute.id}/follow-ups`, { version: agreed.version, visitedAt: t.clock.now().toISOString(), performance: "fully", notes: "越界围墙已拆除，双方关系缓和。" }));
    assert.equal(visited.status, "closed");
    assert.deepEqual(visited.actions, ["update", "attach"]);
    assert.deepEqual(await timeline(dispute.id), ["registered", "accepted", "session_recorded", "agreed", "follow_up_due", "dispute_follow_up_due", "followed_up"]);
  });

  it("renders the agreement as 调解协议书 that LibreOffice opens: parties, facts, terms, performance, signatures and the 30 days for judicial confirmation", { skip: officeSkipReason() ?? false }, async () => {
    const dispute = await accepted();
    const agreed = ok(await conclude(dispute, { outcome: "agreed", agreement: agreement() }));
    const doc = await officer.get(`/api/disputes/${agreed.id}/agreement.docx`);
    assert.equal(doc.status, 200);
    assert.match(String(doc.headers["content-disposition"]), /agreement\.docx/);
    const pdf = await convertWithLibreOffice(doc.raw, "agreement.docx");
    assert.equal(Math.round(pdf.pageSize.width), 595, "A4");
    const text = pdf.text.replace(/\s+/g, "");
    for (const expected of [
      "人民调解协议书",
      "申请人：张三",
      `居民身份证号码${VALID_ID_NUMBERS[0]}`,
      "被申请人：李四",
      "委托代理人李小四",
      "越过宅基地界线约三十公分",
      "一、被申请人李四于2026年12月10日前自行拆除越界部分围墙。",
      "二、申请人张三不再追究其他责任。",
      "于2026年12月10日前履行完毕",
      "三十日内共同向人民法院申请司法确认",
      "（签名、盖章或按指印）",
      "人民调解员（签名）：王调解",
      "（人民调解委员会印）",
      "甲一村人民调解委员会",
    ]) {
      assert.ok(text.includes(expected), `the agreement says ${expected}`);
    }

    // The duty room reads the case but not the parties' identities: its copy masks them.
    const duty = await t.signIn("a-duty");
    const dutyText = (await convertWithLibreOffice((await duty.get(`/api/disputes/${agreed.id}/agreement.docx`)).raw, "agreement.docx")).text.replace(/\s+/g, "");
    assert.ok(!dutyText.includes(VALID_ID_NUMBERS[0]) && dutyText.includes("330***********123X"), "masked for the duty room");

    const oral = ok(await conclude(await accepted(), { outcome: "agreed", agreement: agreement({ form: "oral" }) }));
    assert.equal((await officer.get(`/api/disputes/${oral.id}/agreement.docx`)).status, 409, "an oral agreement has no document");
    assert.equal((await officer.get(`/api/disputes/${(await accepted()).id}/agreement.docx`)).status, 409, "no agreement yet");
  });

  it("reopens mediation when the follow-up finds the agreement not performed, with a new deadline, and a second agreement can follow", async () => {
    const dispute = await accepted();
    const agreed = ok(await conclude(dispute, { outcome: "agreed", agreement: agreement(), followUpDays: 10 }));
    t.clock.advanceMinutes(10 * 24 * 60);
    const visitedAt = t.clock.now();
    const reopened = ok(await (await t.signIn("a-officer")).post(`/api/disputes/${dispute.id}/follow-ups`, { version: agreed.version, visitedAt: visitedAt.toISOString(), performance: "not", notes: "被申请人未拆除围墙。" }));
    assert.equal(reopened.status, "in_mediation");
    assert.equal(reopened.concludedAt, null);
    assert.equal(reopened.mediationDueAt, new Date(visitedAt.getTime() + 30 * DAY).toISOString());
    assert.deepEqual(await deadlineRows(dispute.id), [
      `${DISPUTE_DEADLINE_KIND.followUp}:cancelled`,
      `${DISPUTE_DEADLINE_KIND.mediation}:cancelled`,
      `${DISPUTE_DEADLINE_KIND.mediation}:pending`,
      `${DISPUTE_DEADLINE_KIND.reminder}:cancelled`,
      `${DISPUTE_DEADLINE_KIND.reminder}:pending`,
    ]);
    assert.deepEqual((await timeline(dispute.id)).slice(-2), ["followed_up", "reopened"]);

    const client = await t.signIn("a-officer");
    const again = ok(await client.post(`/api/disputes/${dispute.id}/outcome`, { version: reopened.version, outcome: "agreed", agreement: agreement({ terms: ["被申请人于十日内拆除围墙，逾期由申请人委托拆除，费用由被申请人承担。"], performanceDueOn: "2026-12-31" }) }));
    assert.equal((again.agreements as unknown[]).length, 2, "both agreements stay on record");
    assert.equal((again.followUps as { visitedAt: string | null }[]).filter((f) => f.visitedAt === null).length, 1, "one visit pending");
  });

  it("refers a case and takes it back: mediation stops while the receiver has it, a return resumes it with a new deadline, a handled referral closes it", async () => {
    const dispute = await accepted();
    const referred = ok(await officer.post(`/api/disputes/${dispute.id}/referral`, { version: dispute.version, receiverKind: "labour_inspection", receiverName: "县劳动保障监察大队", reason: "涉及拖欠工资，属劳动保障监察职责" }));
    assert.equal(referred.status, "referred");
    assert.deepEqual(referred.actions, ["update", "recordReferralResult", "attach"]);
    assert.deepEqual(await deadlineRows(dispute.id), [`${DISPUTE_DEADLINE_KIND.mediation}:cancelled`, `${DISPUTE_DEADLINE_KIND.reminder}:cancelled`]);

    t.clock.advanceMinutes(5 * 24 * 60);
    const returnedAt = t.clock.now();
    const returned = ok(await (await t.signIn("a-officer")).post(`/api/disputes/${dispute.id}/referral/result`, { version: referred.version, result: "returned", note: "不属于监察范围，退回调解" }));
    assert.equal(returned.status, "in_mediation");
    assert.equal(returned.mediationDueAt, new Date(returnedAt.getTime() + 30 * DAY).toISOString());
    assert.deepEqual(
      (returned.referrals as { result: string | null }[]).map((r) => r.result),
      ["returned"],
    );

    const client = await t.signIn("a-officer");
    const again = ok(await client.post(`/api/disputes/${dispute.id}/referral`, { version: returned.version, receiverKind: "court", receiverName: "县人民法院", reason: "申请人已起诉" }));
    const handled = ok(await client.post(`/api/disputes/${dispute.id}/referral/result`, { version: again.version, result: "handled", note: "法院已立案审理" }));
    assert.equal(handled.status, "closed");
    assert.ok(handled.concludedAt);
    assert.deepEqual((await timeline(dispute.id)).slice(2), ["referred", "referral_result", "reopened", "referred", "referral_result"]);
    assert.equal((await client.post(`/api/disputes/${dispute.id}/referral/result`, { version: handled.version, result: "handled", note: "再次" })).status, 409, "nothing awaits a result");
  });

  it("moves a village case up to the township: the township's staff are told and decide on it again, the case keeps its number and history", async () => {
    const dispute = await accepted(villageClient);
    const before = ok(await villageClient.get(`/api/disputes/${dispute.id}`));
    const targets = (d: Record<string, unknown>) => (d.moveUpTargets as { name: string; level: string }[]).map((o) => [o.name, o.level]);
    assert.deepEqual(targets(before), [
      ["甲镇", "township"],
      ["测试县", "county"],
    ], "offered the levels above, nearest first, though they are above the village mediator's reach");
    const badTargets = [world.villageA.id, world.villageB.id, world.townshipB.id, world.other.id];
    for (const toOrgId of badTargets) {
      const res = await villageClient.post(`/api/disputes/${dispute.id}/move-up`, { version: dispute.version, toOrgId, reason: "案情复杂" });
      assert.equal(res.status, 400, toOrgId);
      assert.deepEqual(fields(res), ["toOrgId"]);
    }

    const moved = ok(await villageClient.post(`/api/disputes/${dispute.id}/move-up`, { version: dispute.version, toOrgId: world.townshipA.id, reason: "涉及多户，村调委会调解不了" }));
    assert.equal(moved.orgName, "甲镇");
    assert.equal(moved.level, "township");
    assert.equal(moved.status, "registered");
    assert.equal(moved.caseNumber, before.caseNumber);
    assert.deepEqual(moved.mediators, []);
    assert.equal(moved.mediationDueAt, null);
    assert.deepEqual(await sent(dispute.id, "dispute_moved_up"), [world.leader.id, world.mediator.id, world.officer.id].sort(), "the township's staff, not the one who moved it");
    assert.deepEqual(await deadlineRows(dispute.id), [`${DISPUTE_DEADLINE_KIND.mediation}:cancelled`, `${DISPUTE_DEADLINE_KIND.reminder}:cancelled`]);

    const atTownship = ok(await officer.get(`/api/disputes/${dispute.id}`));
    assert.deepEqual(atTownship.actions, ["update", "accept", "refuse", "refer", "moveUp", "attach"], "the township decides on it again");
    assert.deepEqual(targets(atTownship), [["测试县", "county"]]);
    assert.deepEqual(await timeline(dispute.id), ["registered", "accepted", "moved_up", "dispute_moved_up"]);
    assert.equal((await villageClient.get(`/api/disputes/${dispute.id}`)).status, 404, "it has left the village's jurisdiction");
  });

  it("tells the screens of whoever may read the case that it changed, and no one else", async () => {
    const dispute = await accepted();
    const changed = await t.db.orm.select().from(liveEvents).where(eq(liveEvents.disputeId, dispute.id));
    assert.deepEqual(
      changed.map((e) => e.type),
      ["dispute.changed", "dispute.changed"],
      "registered, then accepted",
    );
    const event = changed[0]!;
    assert.equal(mayReceive(actorOfAccount(villageMediator, world.villageA), event), true);
    assert.equal(mayReceive(actorOfAccount(world.officer, world.townshipA), event), true);
    assert.equal(mayReceive(actorOfAccount(world.officerB, world.townshipB), event), false, "another township's");
    assert.equal(mayReceive(actorOfAccount(world.reporter, world.townshipA), event), false, "a reporter who did not file it");
  });

  it("refuses impossible mediation records with 400 naming the field, and out-of-order steps with 409, changing nothing", async () => {
    const dispute = await accepted();
    await Promise.all([officer, villageClient, reporter].map((client) => client.get("/api/notifications?limit=1")));
    const before = await databaseChecksum(t.db.orm);

    const noTerms = await conclude(dispute, { outcome: "agreed", agreement: agreement({ terms: [] }) });
    assert.equal(noTerms.status, 400);
    assert.deepEqual(fields(noTerms), ["agreement.terms"]);
    assert.match(JSON.stringify(noTerms.body), /协议须至少有一项约定条款/);
    const blankTerm = await conclude(dispute, { outcome: "agreed", agreement: agreement({ terms: ["  "] }) });
    assert.deepEqual(fields(blankTerm), ["agreement.terms.0"]);
    assert.deepEqual(fields(await conclude(dispute, { outcome: "agreed", agreement: agreement({ performanceDueOn: "2020-01-01" }) })), ["agreement.performanceDueOn"]);
    assert.deepEqual(fields(await conclude(dispute, { outcome: "agreed", agreement: agreement({ performanceDueOn: "2026-02-30" }) })), ["agreement.performanceDueOn"]);
    assert.deepEqual(fields(await conclude(dispute, { outcome: "not_agreed" })), ["note"]);
    assert.deepEqual(fields(await session(dispute, { heldAt: new Date(t.clock.now().getTime() + DAY).toISOString() })), ["heldAt"]);
    assert.deepEqual(fields(await session(dispute, { heldAt: hoursAgo(48) })), ["heldAt"], "before acceptance");
    assert.deepEqual(fields(await session(dispute, { place: "" })), ["place"]);

    const followUpFirst = await officer.post(`/api/disputes/${dispute.id}/follow-ups`, { version: dispute.version, visitedAt: t.clock.now().toISOString(), performance: "fully", notes: "已履行" });
    assert.equal(followUpFirst.status, 409, "no follow-up before an agreement");
    assert.match(JSON.stringify(followUpFirst.body), /没有待回访的调解协议/);
    assert.equal((await officer.post(`/api/disputes/${dispute.id}/referral/result`, { version: dispute.version, result: "handled", note: "已处理" })).status, 409);
    assert.equal((await conclude(dispute, { version: dispute.version - 1, outcome: "withdrawn", note: "申请人撤回" })).status, 409, "a stale version");
    assert.equal((await session(dispute, {}, reporter)).status, 404, "a reporter does not reach another's case");
    assert.equal(await databaseChecksum(t.db.orm), before);

    const withdrawn = ok(await conclude(dispute, { outcome: "withdrawn", note: "申请人撤回调解申请" }));
    assert.equal(withdrawn.status, "withdrawn");
    assert.equal(withdrawn.outcomeNote, "申请人撤回调解申请");
    assert.equal((await session(withdrawn)).status, 409, "no session after the outcome");
    const visitBeforeAgreement = ok(await conclude(await accepted(), { outcome: "agreed", agreement: agreement() }));
    const early = await officer.post(`/api/disputes/${visitBeforeAgreement.id}/follow-ups`, { version: visitBeforeAgreement.version, visitedAt: hoursAgo(1), performance: "fully", notes: "已履行" });
    assert.deepEqual(fields(early), ["visitedAt"], "a visit before the agreement was made");
  });
});
