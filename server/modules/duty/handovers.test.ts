import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, handovers, shiftLogEntries } from "../../db/schema.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { makeShift } from "../../testing/duty-factories.ts";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

describe("the logbook and the hand-over", () => {
  let t: TestApp;
  let world: World;
  let duty: TestClient;
  let nextOfficer: Awaited<ReturnType<typeof makeAccount>>;
  before(async () => {
    t = await startTestApp({ idleTimeoutMinutes: 60 * 24 * 365 });
    world = await makeWorld(t.db.orm);
    // An officer-role account rostered on the next shift: the people of a shift act on it whatever their role.
    nextOfficer = await makeAccount(t.db.orm, { org: world.townshipA, roles: ["officer"], username: "a-officer-next", displayName: "接班干部" });
    duty = await t.signIn("a-duty");
  });
  after(() => t.close());
  beforeEach(() => t.clock.set("2026-03-02T08:00:00+08:00"));

  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  /** The database's own refusal, which Drizzle wraps in an error naming the query. */
  const refusedBy = (pattern: RegExp) => (error: { cause?: { message?: string } }) => pattern.test(String(error.cause?.message));
  let day = 0;
  /** A 24-hour shift of a-duty and the one after it, on days of their own. */
  const pair = async () => {
    day += 1;
    const date = `2026-04-${String(day * 2).padStart(2, "0")}`;
    const next = `2026-04-${String(day * 2 + 1).padStart(2, "0")}`;
    const outgoing = await makeShift(t.db.orm, world.townshipA, { startsAt: `${date}T08:30:00+08:00`, endsAt: `${next}T08:30:00+08:00`, officerIds: [world.duty.id], leaderId: world.leader.id });
    const incoming = await makeShift(t.db.orm, world.townshipA, { startsAt: `${next}T08:30:00+08:00`, endsAt: `2026-04-${String(day * 2 + 2).padStart(2, "0")}T08:30:00+08:00`, officerIds: [nextOfficer.id] });
    return { outgoing, incoming, during: `${date}T14:00:00+08:00`, afterEnd: `${next}T09:00:00+08:00` };
  };

  describe("logbook", () => {
    it("takes entries from the shift's people while it is under way, in order of time, with author and time", async () => {
      const { outgoing, during } = await pair();
      t.clock.set(during);
      const call = await duty.post(`/api/shifts/${outgoing.id}/log`, { kind: "call", at: during.replace("14:00", "13:40"), text: "河口村王某来电反映村道塌方，已通知村委会。" });
      assert.equal(call.status, 201, JSON.stringify(call.body));
      assert.deepEqual([call.body.kind, call.body.at, call.body.author.id, call.body.writtenAt], ["call", new Date(during.replace("14:00", "13:40")).toISOString(), world.duty.id, new Date(during).toISOString()]);
      const note = await (await t.signIn("a-leader")).post(`/api/shifts/${outgoing.id}/log`, { kind: "action", text: "带班领导到塌方现场查看。" });
      assert.equal(note.status, 201, "the leader on duty writes too");
      assert.equal(note.body.at, new Date(during).toISOString(), "now by default");
      const log = await (await t.signIn("a-reporter")).get(`/api/shifts/${outgoing.id}/log`);
      assert.deepEqual(log.body.items.map((e: { kind: string }) => e.kind), ["call", "action"]);
      const [audit] = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "shift.log"), eq(auditLog.recordId, outgoing.id)));
      assert.equal((audit!.detail as { kind: string }).kind, "call");
      assert.ok(!JSON.stringify(audit!.detail).includes("王某"), "the audit row does not copy what a caller said");
    });

    it("never changes an entry: a correction is a new entry naming it, and the table refuses updates and deletes", async () => {
      const { outgoing, during } = await pair();
      t.clock.set(during);
      const wrong = await duty.post(`/api/shifts/${outgoing.id}/log`, { kind: "note", text: "东岗村停电。" });
      const fix = await duty.post(`/api/shifts/${outgoing.id}/log`, { kind: "note", text: "更正：停电的是石桥村。", correctsId: wrong.body.id });
      assert.equal(fix.status, 201);
      assert.equal(fix.body.correctsId, wrong.body.id);
      const other = await pair();
      t.clock.set(other.during);
      assert.deepEqual(fields(await duty.post(`/api/shifts/${other.outgoing.id}/log`, { kind: "note", text: "更正", correctsId: wrong.body.id })), ["correctsId"], "only entries of the same shift");
      await assert.rejects(t.db.orm.update(shiftLogEntries).set({ text: "改写" }).where(eq(shiftLogEntries.id, wrong.body.id)), refusedBy(/append-only/));
      await assert.rejects(t.db.orm.delete(shiftLogEntries).where(eq(shiftLogEntries.id, wrong.body.id)), refusedBy(/append-only/));
    });

    it("is closed to everyone else (403), to other townships (404), before the shift and a day after it (409), and outside its times (400)", async () => {
      const { outgoing, during } = await pair();
      const entry = { kind: "note", text: "记事" };
      t.clock.set(during.replace("14:00", "08:00"));
      assert.equal((await duty.post(`/api/shifts/${outgoing.id}/log`, entry)).body.code, "duty.shiftNotStarted");
      t.clock.set(during);
      assert.equal((await (await t.signIn("a-officer")).post(`/api/shifts/${outgoing.id}/log`, entry)).status, 403, "an officer not on the shift");
      assert.equal((await (await t.signIn("b-admin")).post(`/api/shifts/${outgoing.id}/log`, entry)).status, 404);
      // A request moves the session's last-seen time to the clock's; take the fingerprint after one.
      await duty.get(`/api/shifts/${outgoing.id}`);
      const before = await databaseChecksum(t.db.orm);
      assert.deepEqual(fields(await duty.post(`/api/shifts/${outgoing.id}/log`, { ...entry, at: during.replace("14:00", "07:00") })), ["at"], "before the shift");
      assert.deepEqual(fields(await duty.post(`/api/shifts/${outgoing.id}/log`, { ...entry, at: during.replace("14:00", "15:00") })), ["at"], "in the future");
      assert.deepEqual(fields(await duty.post(`/api/shifts/${outgoing.id}/log`, { kind: "gossip", text: "" })), ["kind", "text"]);
      assert.equal(await databaseChecksum(t.db.orm), before);
      t.clock.set(new Date(new Date(outgoing.endsAt).getTime() + 25 * 3600_000));
      assert.equal((await duty.post(`/api/shifts/${outgoing.id}/log`, entry)).body.code, "duty.logClosed");
    });
  });

  describe("hand-over", () => {
    it("is written once by the outgoing officer and acknowledged once by the next shift's officer, who and when recorded", async () => {
      const { outgoing, afterEnd } = await pair();
      t.clock.set(afterEnd.replace("09:00", "08:20"));
      const written = await duty.post("/api/handovers", { shiftId: outgoing.id, openMatters: "河口村村道塌方，已拉警戒线，待县交通局明早处置。", watchItems: "夜间注意降雨。" });
      assert.equal(written.status, 201, JSON.stringify(written.body));
      assert.deepEqual([written.body.writtenBy.id, written.body.acknowledgedAt, written.body.actions], [world.duty.id, null, []]);
      assert.equal((await duty.post("/api/handovers", { shiftId: outgoing.id, openMatters: "再写一次" })).body.code, "handover.exists");
      assert.equal((await duty.get(`/api/shifts/${outgoing.id}`)).body.handoverId, written.body.id);

      t.clock.set(afterEnd);
      const incomingClient = await t.signIn("a-officer-next");
      const seen = await incomingClient.get(`/api/handovers/${written.body.id}`);
      assert.deepEqual(seen.body.actions, ["acknowledge"]);
      assert.equal((await (await t.signIn("a-officer")).post(`/api/handovers/${written.body.id}/acknowledge`, {})).status, 403, "an officer not on the next shift");
      assert.equal((await duty.post(`/api/handovers/${written.body.id}/acknowledge`, {})).body.code, "handover.ownHandover");
      const acked = await incomingClient.post(`/api/handovers/${written.body.id}/acknowledge`, { note: "已阅，明早跟进。" });
      assert.equal(acked.status, 200, JSON.stringify(acked.body));
      assert.deepEqual([acked.body.acknowledgedBy.id, acked.body.acknowledgedAt, acked.body.acknowledgementNote], [nextOfficer.id, new Date(afterEnd).toISOString(), "已阅，明早跟进。"]);
      const twice = await (await t.signIn("a-leader")).post(`/api/handovers/${written.body.id}/acknowledge`, {});
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, "handover.alreadyAcknowledged");
      const [row] = await t.db.orm.select().from(handovers).where(eq(handovers.id, written.body.id));
      assert.equal(row!.acknowledgedBy, nextOfficer.id);
      assert.equal((await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "handover.acknowledge"), eq(auditLog.recordId, written.body.id)))).length, 1);
      await assert.rejects(t.db.orm.execute(sql`UPDATE handovers SET open_matters = '改写' WHERE id = ${written.body.id}`), refusedBy(/acknowledged, once/));
    });

    it("may be acknowledged by any duty officer or leader of the org; lists filter open and acknowledged ones, within the jurisdiction", async () => {
      const { outgoing, during } = await pair();
      t.clock.set(during);
      const written = await (await t.signIn("a-leader")).post("/api/handovers", { shiftId: outgoing.id, openMatters: "无遗留事项。" });
      assert.equal(written.status, 201, "the leader on duty may write it");
      const otherDuty = await makeAccount(t.db.orm, { org: world.townshipA, roles: ["duty"], username: "a-duty-other" });
      const open = await (await t.signIn("a-duty-other")).get(`/api/handovers?orgId=${world.townshipA.id}&acknowledged=false`);
      const listed = open.body.items.find((h: { id: string }) => h.id === written.body.id);
      assert.deepEqual(listed.actions, ["acknowledge"]);
      const acked = await (await t.signIn("a-duty-other")).post(`/api/handovers/${written.body.id}/acknowledge`, {});
      assert.equal(acked.body.acknowledgedBy.id, otherDuty.id);
      const done = await duty.get(`/api/handovers?orgId=${world.townshipA.id}&acknowledged=true`);
      assert.ok(done.body.items.some((h: { id: string }) => h.id === written.body.id));
      assert.equal((await (await t.signIn("b-admin")).get(`/api/handovers/${written.body.id}`)).status, 404);
      assert.ok(!(await (await t.signIn("b-admin")).get("/api/handovers?limit=200")).body.items.some((h: { id: string }) => h.id === written.body.id));
    });

    it("is refused before the shift begins (409) and from people not on it (403)", async () => {
      const { outgoing, during } = await pair();
      assert.equal((await duty.post("/api/handovers", { shiftId: outgoing.id, openMatters: "提前交班" })).body.code, "duty.shiftNotStarted");
      t.clock.set(during);
      assert.equal((await (await t.signIn("a-officer")).post("/api/handovers", { shiftId: outgoing.id, openMatters: "代写" })).status, 403);
      assert.deepEqual(fields(await duty.post("/api/handovers", { shiftId: outgoing.id, openMatters: "  " })), ["openMatters"]);
    });
  });
});
