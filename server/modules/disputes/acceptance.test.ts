// Acceptance or refusal of a dispute, its mediators and the mediation deadline, through the API
// on a real database with a clock the test moves: the reminder and the overdue notice fire at
// their time through the shared deadline scheduler, once, and an agreed extension moves both.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { disputeMediators } from "../../db/schema.ts";
import { findDeadlinesOf } from "../../deadlines/deadlines.ts";
import { deadlineHandlers } from "../../deadlines/handlers.ts";
import { runDue } from "../../deadlines/scheduler.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { disputeRecipients, sampleDispute } from "../../testing/dispute-factories.ts";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";
import { DISPUTE_DEADLINE_KIND } from "./dispute-deadlines.ts";
import { DISPUTE_SUBJECT } from "./queries.ts";

const DAY = 24 * 60 * 60_000;

describe("disputes: acceptance, mediators and the mediation deadline", () => {
  let t: TestApp;
  let world: World;
  let villageMediator: { id: string };
  let villageMediator2: { id: string };
  let officer: TestClient;
  let villageClient: TestClient;
  let reporter: TestClient;
  let auditor: TestClient;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    villageMediator = await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], username: "v-mediator" });
    villageMediator2 = await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], username: "v-mediator2" });
  });
  after(() => t.close());
  // Each case signs in afresh: an earlier one moved the clock a month on, past any session's idle time.
  beforeEach(async () => {
    [officer, villageClient, reporter, auditor] = await Promise.all([t.signIn("a-officer"), t.signIn("v-mediator"), t.signIn("a-reporter"), t.signIn("a-auditor")]);
  });

  const fire = () => runDue(t.db, deadlineHandlers, t.clock.now());
  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const touch = (...clients: TestClient[]) => Promise.all(clients.map((client) => client.get("/api/notifications?limit=1")));
  const register = async () => {
    const res = await officer.post("/api/disputes", sampleDispute(world.villageA, { occurredAt: new Date(t.clock.now().getTime() - 60 * 60_000).toISOString() }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; version: number };
  };
  const sent = (disputeId: string, kind: string) => disputeRecipients(t.db.orm, disputeId, kind);
  // Signed in afresh: the clock has moved past the session's idle time.
  const timelineKinds = async (id: string) => ((await (await t.signIn("a-officer")).get(`/api/disputes/${id}/timeline`)).body.items as { detail: { kind: string; notificationKind?: string } }[]).map((e) => e.detail);
  const deadlineRows = async (id: string) => (await findDeadlinesOf(t.db.orm, DISPUTE_SUBJECT, id)).map((row) => ({ kind: row.kind, status: row.status, dueAt: row.dueAt.toISOString() }));
  const lead = (id: string) => ({ accountId: id, lead: true });
  const helper = (id: string) => ({ accountId: id, lead: false });

  it("accepts with a lead mediator: due in 30 days, reminded at day 27 (not a minute before), overdue at day 30 to the committee head and the mediators, once", async () => {
    const dispute = await register();
    const acceptedAt = t.clock.now();
    const res = await officer.post(`/api/disputes/${dispute.id}/accept`, { version: dispute.version, reason: "属于人民调解受理范围，双方同意调解", mediators: [lead(villageMediator.id), helper(world.mediator.id)] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, "accepted");
    const dueAt = new Date(acceptedAt.getTime() + 30 * DAY);
    assert.equal(res.body.mediationDueAt, dueAt.toISOString());
    assert.equal(res.body.acceptance.reason, "属于人民调解受理范围，双方同意调解");
    assert.deepEqual(
      res.body.mediators.map((m: { id: string; lead: boolean }) => [m.id, m.lead]),
      [
        [villageMediator.id, true],
        [world.mediator.id, false],
      ],
    );
    assert.deepEqual(res.body.actions, ["update", "extend", "assignMediators", "recordSession", "conclude", "refer", "moveUp", "attach"]);
    assert.deepEqual(await deadlineRows(dispute.id), [
      { kind: DISPUTE_DEADLINE_KIND.reminder, status: "pending", dueAt: new Date(dueAt.getTime() - 3 * DAY).toISOString() },
      { kind: DISPUTE_DEADLINE_KIND.mediation, status: "pending", dueAt: dueAt.toISOString() },
    ]);

    t.clock.set(new Date(acceptedAt.getTime() + 27 * DAY - 60_000));
    await fire();
    assert.deepEqual(await sent(dispute.id, "dispute_reminder"), [], "not a minute before day 27");
    t.clock.set(new Date(acceptedAt.getTime() + 27 * DAY));
    await fire();
    assert.deepEqual(await sent(dispute.id, "dispute_reminder"), [villageMediator.id, world.mediator.id].sort(), "the mediators are reminded");
    assert.deepEqual(await sent(dispute.id, "dispute_overdue"), []);

    t.clock.set(new Date(dueAt.getTime() - 60_000));
    await fire();
    assert.deepEqual(await sent(dispute.id, "dispute_overdue"), []);
    t.clock.set(dueAt);
    await fire();
    // The village has no leader: the committee head is the township's.
    const overdue = [world.leader.id, villageMediator.id, world.mediator.id].sort();
    assert.deepEqual(await sent(dispute.id, "dispute_overdue"), overdue);
    t.clock.advanceMinutes(60);
    await fire();
    assert.deepEqual(await sent(dispute.id, "dispute_overdue"), overdue, "fired exactly once");
    assert.deepEqual(await sent(dispute.id, "dispute_reminder"), [villageMediator.id, world.mediator.id].sort());
    assert.deepEqual(
      (await timelineKinds(dispute.id)).map((d) => d.notificationKind ?? d.kind),
      ["registered", "accepted", "dispute_reminder", "mediation_overdue", "dispute_overdue"],
    );
    assert.deepEqual(
      (await deadlineRows(dispute.id)).map((row) => row.status),
      ["fired", "fired"],
    );
  });

  it("extends with the parties' agreement: old reminder and deadline cancelled, new ones at the new times", async () => {
    const dispute = await register();
    const acceptedAt = t.clock.now();
    const accepted = await officer.post(`/api/disputes/${dispute.id}/accept`, { version: dispute.version, reason: "同意受理", mediators: [lead(villageMediator.id)], dueDays: 20 });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const oldDue = new Date(acceptedAt.getTime() + 20 * DAY);
    assert.equal(accepted.body.mediationDueAt, oldDue.toISOString());

    await touch(officer);
    const before = await databaseChecksum(t.db.orm);
    const unagreed = await officer.post(`/api/disputes/${dispute.id}/extend`, { version: accepted.body.version, days: 10, reason: "需要补充鉴定" });
    assert.equal(unagreed.status, 400);
    assert.deepEqual(fields(unagreed), ["partiesAgreed"]);
    const disagreed = await officer.post(`/api/disputes/${dispute.id}/extend`, { version: accepted.body.version, days: 10, reason: "需要补充鉴定", partiesAgreed: false });
    assert.deepEqual(fields(disagreed), ["partiesAgreed"]);
    const neither = await officer.post(`/api/disputes/${dispute.id}/extend`, { version: accepted.body.version, reason: "需要补充鉴定", partiesAgreed: true });
    assert.deepEqual(fields(neither), ["days"], "a new due time or a number of days");
    const earlier = await officer.post(`/api/disputes/${dispute.id}/extend`, { version: accepted.body.version, newDueAt: acceptedAt.toISOString(), reason: "需要补充鉴定", partiesAgreed: true });
    assert.deepEqual(fields(earlier), ["newDueAt"], "an extension moves the deadline later");
    const stale = await officer.post(`/api/disputes/${dispute.id}/extend`, { version: accepted.body.version - 1, days: 10, reason: "需要补充鉴定", partiesAgreed: true });
    assert.equal(stale.status, 409);
    assert.equal(await databaseChecksum(t.db.orm), before, "refused extensions change nothing");

    t.clock.advanceMinutes(1);
    const extended = await officer.post(`/api/disputes/${dispute.id}/extend`, { version: accepted.body.version, days: 10, reason: "需要补充鉴定，双方同意延期", partiesAgreed: true });
    assert.equal(extended.status, 200, JSON.stringify(extended.body));
    const newDue = new Date(oldDue.getTime() + 10 * DAY);
    assert.equal(extended.body.mediationDueAt, newDue.toISOString());
    assert.deepEqual(
      extended.body.extensions.map((e: { previousDueAt: string; newDueAt: string; reason: string }) => [e.previousDueAt, e.newDueAt, e.reason]),
      [[oldDue.toISOString(), newDue.toISOString(), "需要补充鉴定，双方同意延期"]],
    );
    assert.deepEqual(await deadlineRows(dispute.id), [
      { kind: DISPUTE_DEADLINE_KIND.reminder, status: "cancelled", dueAt: new Date(oldDue.getTime() - 3 * DAY).toISOString() },
      { kind: DISPUTE_DEADLINE_KIND.mediation, status: "cancelled", dueAt: oldDue.toISOString() },
      { kind: DISPUTE_DEADLINE_KIND.reminder, status: "pending", dueAt: new Date(newDue.getTime() - 3 * DAY).toISOString() },
      { kind: DISPUTE_DEADLINE_KIND.mediation, status: "pending", dueAt: newDue.toISOString() },
    ]);
    t.clock.set(oldDue);
    await fire();
    assert.deepEqual(await sent(dispute.id, "dispute_overdue"), [], "the old deadline no longer fires");
    t.clock.set(newDue);
    await fire();
    assert.ok((await sent(dispute.id, "dispute_overdue")).includes(villageMediator.id), "the new one does");
    assert.ok((await timelineKinds(dispute.id)).some((d) => d.kind === "extended"));
  });

  it("changes the mediators (one lead): the reminder reaches whoever is assigned when it fires", async () => {
    const dispute = await register();
    const accepted = await officer.post(`/api/disputes/${dispute.id}/accept`, { version: dispute.version, reason: "同意受理", mediators: [lead(villageMediator.id)], dueDays: 10 });
    const twoLeads = await officer.request("PUT", `/api/disputes/${dispute.id}/mediators`, { version: accepted.body.version, mediators: [lead(villageMediator.id), lead(villageMediator2.id)] });
    assert.equal(twoLeads.status, 400);
    const changed = await officer.request("PUT", `/api/disputes/${dispute.id}/mediators`, { version: accepted.body.version, mediators: [helper(villageMediator.id), lead(villageMediator2.id)] });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual(changed.body.mediators.map((m: { id: string }) => m.id), [villageMediator2.id, villageMediator.id]);
    const rows = await t.db.orm.select().from(disputeMediators).where(eq(disputeMediators.disputeId, dispute.id));
    assert.equal(rows.length, 3, "the first assignment stays on record, ended");
    t.clock.set(new Date(new Date(changed.body.mediationDueAt).getTime() - 3 * DAY));
    await fire();
    assert.deepEqual(await sent(dispute.id, "dispute_reminder"), [villageMediator.id, villageMediator2.id].sort());
  });

  it("refuses with where to go instead, on the timeline and as a printable notice", async () => {
    const dispute = await register();
    const res = await officer.post(`/api/disputes/${dispute.id}/refuse`, { version: dispute.version, reason: "该纠纷已由人民法院受理", redirectTo: "court", redirectDetail: "甲县人民法院" });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, "refused");
    assert.deepEqual({ ...res.body.refusal, at: undefined, by: undefined }, { at: undefined, by: undefined, reason: "该纠纷已由人民法院受理", redirectTo: "court", redirectDetail: "甲县人民法院" });
    assert.equal(res.body.refusal.by.displayName.length > 0, true);
    assert.deepEqual(res.body.actions, ["update", "attach"]);
    assert.deepEqual((await timelineKinds(dispute.id)).at(-1), { kind: "refused", reason: "该纠纷已由人民法院受理", redirectTo: "court", redirectDetail: "甲县人民法院" });
    assert.deepEqual(await deadlineRows(dispute.id), [], "a refused case has no mediation deadline");

    const doc = await officer.get(`/api/disputes/${dispute.id}/refusal.docx`);
    assert.equal(doc.status, 200);
    assert.match(String(doc.headers["content-type"]), /wordprocessingml/);
    assert.equal(doc.raw.subarray(0, 2).toString(), "PK");
    const accepted = await register();
    assert.equal((await officer.get(`/api/disputes/${accepted.id}/refusal.docx`)).status, 409, "only a refused dispute has a refusal notice");
  });

  it("refuses bad input and changes nothing: no lead, two leads, a mediator out of reach, accepting twice, a stale version; a reporter or an auditor cannot decide", async () => {
    const dispute = await register();
    await touch(officer, villageClient, reporter, auditor);
    const before = await databaseChecksum(t.db.orm);
    const accept = (client: TestClient, body: Record<string, unknown>) => client.post(`/api/disputes/${dispute.id}/accept`, { version: dispute.version, reason: "同意受理", mediators: [lead(villageMediator.id)], ...body });

    const noLead = await accept(officer, { mediators: [helper(villageMediator.id)] });
    assert.equal(noLead.status, 400);
    assert.deepEqual(fields(noLead), ["mediators"]);
    const twoLeads = await accept(officer, { mediators: [lead(villageMediator.id), lead(world.mediator.id)] });
    assert.deepEqual(fields(twoLeads), ["mediators"]);
    const otherTownship = await accept(officer, { mediators: [lead(villageMediator.id), helper(world.officerB.id)] });
    assert.equal(otherTownship.status, 400);
    assert.deepEqual(fields(otherTownship), ["mediators.1.accountId"]);
    const aboveTheCaller = await accept(villageClient, { mediators: [lead(world.mediator.id)] });
    assert.deepEqual(fields(aboveTheCaller), ["mediators.0.accountId"], "a village mediator cannot assign the township's");
    const notAMediator = await accept(officer, { mediators: [lead(world.reporter.id)] });
    assert.deepEqual(fields(notAMediator), ["mediators.0.accountId"]);
    assert.equal((await accept(officer, { version: dispute.version + 1 })).status, 409);
    assert.equal((await accept(reporter, {})).status, 404, "a reporter does not see another's dispute");
    assert.equal((await accept(auditor, {})).status, 403, "an auditor reads it but decides nothing");
    assert.equal((await officer.post(`/api/disputes/${dispute.id}/refuse`, { version: dispute.version, reason: "不属于调解范围", redirectTo: "elsewhere", redirectDetail: "x" })).status, 400);
    assert.equal(await databaseChecksum(t.db.orm), before, "nothing changed");

    const accepted = await accept(officer, {});
    assert.equal(accepted.status, 200);
    await touch(officer);
    const afterAccept = await databaseChecksum(t.db.orm);
    const again = await accept(officer, { version: accepted.body.version });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, "dispute.notRegistered");
    assert.equal((await officer.post(`/api/disputes/${dispute.id}/refuse`, { version: accepted.body.version, reason: "x", redirectTo: "court", redirectDetail: "y" })).status, 409);
    assert.equal(await databaseChecksum(t.db.orm), afterAccept, "accepting twice changes nothing");
  });

  it("a reporter's own dispute is decided by the handlers, not by the reporter", async () => {
    const own = await reporter.post("/api/disputes", sampleDispute(world.townshipA, { occurredAt: new Date(t.clock.now().getTime() - 60_000).toISOString() }));
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.deepEqual(own.body.actions, ["update"]);
    const res = await reporter.post(`/api/disputes/${own.body.id}/accept`, { version: own.body.version, reason: "同意受理", mediators: [lead(world.mediator.id)] });
    assert.equal(res.status, 403);
  });
});
