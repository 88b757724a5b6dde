import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditLog, shifts } from "../../db/schema.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { makeShift } from "../../testing/duty-factories.ts";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

describe("shifts and rosters", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  let people: { duty2: string; duty3: string; leader2: string };
  before(async () => {
    // The clock moves across weeks here; sessions must not go idle meanwhile.
    t = await startTestApp({ idleTimeoutMinutes: 60 * 24 * 365 });
    world = await makeWorld(t.db.orm);
    const at = (roles: ("duty" | "leader")[], displayName: string) => makeAccount(t.db.orm, { org: world.townshipA, roles, displayName }).then((a) => a.id);
    people = { duty2: await at(["duty"], "值班员二"), duty3: await at(["duty"], "值班员三"), leader2: await at(["leader"], "副镇长") };
    officer = await t.signIn("a-officer");
  });
  after(() => t.close());
  beforeEach(() => t.clock.set("2026-03-02T08:00:00+08:00"));

  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const names = (shift: { officers: { displayName: string }[]; leader: { displayName: string } | null }) =>
    `${shift.officers.map((o) => o.displayName).join("、")}${shift.leader ? `/${shift.leader.displayName}` : ""}`;
  /** A township below township A of its own, so one test's roster does not meet another's. */
  const freshTownship = async () => {
    const org = await makeOrg(t.db.orm, { parent: world.townshipA, kind: "township", name: "测试街道" });
    const duty = await makeAccount(t.db.orm, { org, roles: ["duty"], displayName: "甲" });
    const duty2 = await makeAccount(t.db.orm, { org, roles: ["duty"], displayName: "乙" });
    const duty3 = await makeAccount(t.db.orm, { org, roles: ["duty"], displayName: "丙" });
    const leader = await makeAccount(t.db.orm, { org, roles: ["leader"], displayName: "丁" });
    return { org, duty: duty.id, duty2: duty2.id, duty3: duty3.id, leader: leader.id };
  };
  const shiftBody = (overrides: Record<string, unknown> = {}) => ({
    orgId: world.townshipA.id,
    startsAt: "2026-03-05T08:30:00+08:00",
    endsAt: "2026-03-06T08:30:00+08:00",
    officerIds: [world.duty.id],
    leaderId: world.leader.id,
    phone: "0571-86100110",
    ...overrides,
  });

  describe("rostering one shift", () => {
    it("creates a shift with its officers, leader on duty and phone, and audits it", async () => {
      const res = await officer.post("/api/shifts", shiftBody({ officerIds: [world.duty.id, people.duty2], note: "春节前安全检查期间" }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.orgName, "甲镇");
      assert.equal(res.body.startsAt, "2026-03-05T00:30:00.000Z");
      assert.equal(res.body.endsAt, "2026-03-06T00:30:00.000Z");
      assert.deepEqual(res.body.officers.map((o: { id: string }) => o.id), [world.duty.id, people.duty2]);
      assert.equal(res.body.leader.id, world.leader.id);
      assert.equal(res.body.version, 1);
      assert.deepEqual(res.body.actions, ["update", "delete"], "an officer not on the shift edits it but keeps no log");
      const [audit] = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "shift.create"), eq(auditLog.recordId, res.body.id)));
      assert.equal(audit?.actorId, world.officer.id);
      const seenByDuty = await (await t.signIn("a-duty")).get(`/api/shifts/${res.body.id}`);
      assert.deepEqual(seenByDuty.body.actions, [], "its officer reads it; the log opens when the shift begins");
    });

    it("refuses bad times and people, naming the field, and writes nothing", async () => {
      const outsider = await makeAccount(t.db.orm, { org: world.villageA, roles: ["duty"] });
      const retired = await makeAccount(t.db.orm, { org: world.townshipA, roles: ["duty"], active: false });
      const cases: [string, Record<string, unknown>, string[]][] = [
        ["end before start", { endsAt: "2026-03-05T08:00:00+08:00" }, ["endsAt"]],
        ["no time at all", { endsAt: "2026-03-05T08:30:00+08:00" }, ["endsAt"]],
        ["longer than 48 hours", { endsAt: "2026-03-07T09:00:00+08:00" }, ["endsAt"]],
        ["already over", { startsAt: "2026-03-01T08:30:00+08:00", endsAt: "2026-03-02T07:30:00+08:00" }, ["endsAt"]],
        ["not an instant", { startsAt: "2026-03-05 08:30" }, ["startsAt"]],
        ["no officers", { officerIds: [] }, ["officerIds"]],
        ["the same officer twice", { officerIds: [world.duty.id, world.duty.id] }, ["officerIds"]],
        ["the leader among the officers", { officerIds: [world.duty.id, world.leader.id] }, ["leaderId"]],
        ["an unknown account, a village account and a retired one", { officerIds: [world.duty.id, crypto.randomUUID(), outsider.id, retired.id] }, ["officerIds.1", "officerIds.2", "officerIds.3"]],
        ["a sibling township's officer", { officerIds: [world.officerB.id] }, ["officerIds.0"]],
        ["a leader on duty without the leader role", { leaderId: world.officer.id }, ["leaderId"]],
        ["a phone that is no phone", { phone: "12345" }, ["phone"]],
      ];
      const before = await databaseChecksum(t.db.orm);
      for (const [name, overrides, expected] of cases) {
        const res = await officer.post("/api/shifts", shiftBody(overrides));
        assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
        assert.deepEqual(fields(res), expected, name);
      }
      const longer = await officer.request("POST", "/api/shifts", shiftBody({ endsAt: "2026-03-08T08:30:00+08:00" }), { "accept-language": "en" });
      assert.match(longer.body.errors[0].message, /at most 48 hours/);
      const outside = await officer.post("/api/shifts", shiftBody({ officerIds: [outsider.id] }));
      assert.match(outside.body.errors[0].message, /本单位/);
      assert.equal(await databaseChecksum(t.db.orm), before);
    });

    it("lets admins, leaders and officers roster; other roles read only (403); another township's org is out of reach (404)", async () => {
      for (const username of ["a-duty", "a-reporter", "a-auditor"]) {
        assert.equal((await (await t.signIn(username)).post("/api/shifts", shiftBody())).status, 403, username);
      }
      assert.equal((await (await t.signIn("b-officer")).post("/api/shifts", shiftBody())).status, 404);
      assert.equal((await (await t.signIn("v-admin")).get(`/api/shifts?orgId=${world.townshipA.id}&from=2026-03-01&to=2026-03-07`)).status, 404, "a village does not read the township's roster");
      const reporter = await (await t.signIn("a-reporter")).get(`/api/shifts?orgId=${world.townshipA.id}&from=2026-03-01&to=2026-03-07`);
      assert.equal(reporter.status, 200);
      assert.equal(reporter.body.canCreate, false);
    });

    it("edits a shift at the version the client saw (409 when stale), and only until it ends", async () => {
      const shift = await makeShift(t.db.orm, world.townshipA, { startsAt: "2026-03-10T08:30:00+08:00", endsAt: "2026-03-11T08:30:00+08:00", officerIds: [world.duty.id] });
      const edited = await officer.patch(`/api/shifts/${shift.id}`, { version: 1, officerIds: [people.duty2, people.duty3], leaderId: people.leader2, phone: "13905711234" });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(names(edited.body), "值班员二、值班员三/副镇长");
      assert.equal(edited.body.version, 2);
      const stale = await officer.patch(`/api/shifts/${shift.id}`, { version: 1, phone: "0571-86100000" });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, "staleVersion");
      const leaderIn = await officer.patch(`/api/shifts/${shift.id}`, { version: 2, officerIds: [people.leader2] });
      assert.deepEqual(fields(leaderIn), ["leaderId"], "the stored leader may not join the officers");
      const [audit] = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "shift.update"), eq(auditLog.recordId, shift.id)));
      assert.deepEqual(Object.keys(audit!.detail).sort(), ["leaderId", "officerIds", "phone"]);
      t.clock.set("2026-03-11T09:00:00+08:00");
      const over = await officer.patch(`/api/shifts/${shift.id}`, { version: 2, phone: "0571-86100000" });
      assert.equal(over.status, 409);
      assert.equal(over.body.code, "duty.shiftEnded");
      assert.deepEqual((await officer.get(`/api/shifts/${shift.id}`)).body.actions, [], "an ended shift offers no edit");
    });

    it("deletes only a shift that has not begun", async () => {
      const future = await makeShift(t.db.orm, world.townshipA, { startsAt: "2026-03-20T08:30:00+08:00", endsAt: "2026-03-21T08:30:00+08:00" });
      const underway = await makeShift(t.db.orm, world.townshipA, { startsAt: "2026-03-02T07:00:00+08:00", endsAt: "2026-03-02T20:00:00+08:00" });
      assert.equal((await officer.request("DELETE", `/api/shifts/${underway.id}`)).body.code, "duty.shiftStarted");
      assert.equal((await (await t.signIn("a-duty")).request("DELETE", `/api/shifts/${future.id}`)).status, 403);
      const res = await officer.request("DELETE", `/api/shifts/${future.id}`);
      assert.equal(res.status, 204);
      assert.equal((await t.db.orm.select().from(shifts).where(eq(shifts.id, future.id))).length, 0);
      assert.equal((await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "shift.delete"), eq(auditLog.recordId, future.id)))).length, 1);
      assert.equal((await officer.get(`/api/shifts/${underway.id}`)).status, 200);
    });
  });

  describe("rotations", () => {
    it("daily: 24-hour shifts from 08:30 with the slots taking turns, across a month boundary", async () => {
      const s = await freshTownship();
      const res = await officer.post("/api/shifts/generate", {
        orgId: s.org.id,
        from: "2026-03-28",
        to: "2026-04-03",
        pattern: "daily",
        startTime: "08:30",
        durationHours: 24,
        slots: [
          { officerIds: [s.duty], leaderId: s.leader, phone: "0571-86100110" },
          { officerIds: [s.duty2], phone: "0571-86100110" },
          { officerIds: [s.duty3, s.duty], phone: "13905710000" },
        ],
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(res.body.replacedIds, []);
      const days = res.body.items.map((shift: { startsAt: string; endsAt: string; officers: { displayName: string }[]; leader: { displayName: string } | null; phone: string }) =>
        `${shift.startsAt.slice(5, 16)}→${shift.endsAt.slice(5, 16)} ${names(shift)} ${shift.phone}`,
      );
      assert.deepEqual(days, [
        "03-28T00:30→03-29T00:30 甲/丁 0571-86100110",
        "03-29T00:30→03-30T00:30 乙 0571-86100110",
        "03-30T00:30→03-31T00:30 丙、甲 13905710000",
        "03-31T00:30→04-01T00:30 甲/丁 0571-86100110",
        "04-01T00:30→04-02T00:30 乙 0571-86100110",
        "04-02T00:30→04-03T00:30 丙、甲 13905710000",
        "04-03T00:30→04-04T00:30 甲/丁 0571-86100110",
      ]);
      const roster = await officer.get(`/api/shifts?orgId=${s.org.id}&from=2026-03-28&to=2026-04-03`);
      assert.equal(roster.body.items.length, 7);
      assert.deepEqual(roster.body.warnings, [{ kind: "gap", from: "2026-03-27T16:00:00.000Z", to: "2026-03-28T00:30:00.000Z" }], "only the night before the first 08:30 is uncovered");
      const [audit] = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "shift.generate"), eq(auditLog.recordId, s.org.id)));
      assert.equal((audit!.detail as { created: number }).created, 7);
    });

    it("weekly: daytime shifts, one slot a week from Monday, the first slot taking the rest of the week it starts in", async () => {
      const s = await freshTownship();
      const res = await officer.post("/api/shifts/generate", {
        orgId: s.org.id,
        from: "2026-03-06",
        to: "2026-03-22",
        pattern: "weekly",
        startTime: "08:00",
        durationHours: 10,
        slots: [
          { officerIds: [s.duty], phone: "0571-86100111" },
          { officerIds: [s.duty2], phone: "0571-86100112" },
        ],
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const byDate = res.body.items.map((shift: { startsAt: string; officers: { displayName: string }[] }) => `${shift.startsAt.slice(5, 10)}:${names(shift as never)}`);
      assert.deepEqual(byDate, [
        "03-06:甲", "03-07:甲", "03-08:甲",
        "03-09:乙", "03-10:乙", "03-11:乙", "03-12:乙", "03-13:乙", "03-14:乙", "03-15:乙",
        "03-16:甲", "03-17:甲", "03-18:甲", "03-19:甲", "03-20:甲", "03-21:甲", "03-22:甲",
      ]);
      assert.equal(res.body.items[0].startsAt, "2026-03-06T00:00:00.000Z", "08:00 in China");
      assert.equal(res.body.items[0].endsAt, "2026-03-06T10:00:00.000Z");
      const roster = await officer.get(`/api/shifts?orgId=${s.org.id}&from=2026-03-09&to=2026-03-10`);
      assert.deepEqual(
        roster.body.warnings.map((w: { kind: string; from: string; to: string }) => `${w.kind} ${w.from}→${w.to}`),
        ["gap 2026-03-08T16:00:00.000Z→2026-03-09T00:00:00.000Z", "gap 2026-03-09T10:00:00.000Z→2026-03-10T00:00:00.000Z", "gap 2026-03-10T10:00:00.000Z→2026-03-10T16:00:00.000Z"],
        "daytime shifts leave the nights uncovered",
      );
    });

    it("refuses a rotation that would overlap existing shifts, naming the first, and changes nothing; replaces them when asked", async () => {
      const s = await freshTownship();
      const existing = await makeShift(t.db.orm, s.org, { startsAt: "2026-03-11T20:00:00+08:00", endsAt: "2026-03-12T09:00:00+08:00", officerIds: [s.duty3] });
      const rotation = { orgId: s.org.id, from: "2026-03-10", to: "2026-03-13", pattern: "daily", startTime: "08:30", durationHours: 24, slots: [{ officerIds: [s.duty], phone: "0571-86100110" }] };
      const before = await databaseChecksum(t.db.orm);
      const refused = await officer.post("/api/shifts/generate", rotation);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, "duty.rotationOverlaps");
      assert.equal(refused.body.title, "生成的班次中有 2 个与已有班次重叠（最早一个：2026-03-11 20:00–2026-03-12 09:00，丙）；如需替换，请选择“替换已有班次”");
      assert.equal(await databaseChecksum(t.db.orm), before);

      const replaced = await officer.post("/api/shifts/generate", { ...rotation, replaceExisting: true });
      assert.equal(replaced.status, 201, JSON.stringify(replaced.body));
      assert.deepEqual(replaced.body.replacedIds, [existing.id]);
      const roster = await officer.get(`/api/shifts?orgId=${s.org.id}&from=2026-03-10&to=2026-03-13`);
      assert.equal(roster.body.items.length, 4);
      assert.ok(roster.body.warnings.every((w: { kind: string }) => w.kind === "gap"), "no overlap left");
    });

    it("never replaces a shift already under way, and refuses rotations ending before now", async () => {
      const s = await freshTownship();
      await makeShift(t.db.orm, s.org, { startsAt: "2026-03-02T07:00:00+08:00", endsAt: "2026-03-02T19:00:00+08:00", officerIds: [s.duty3] });
      const rotation = { orgId: s.org.id, from: "2026-03-02", to: "2026-03-04", pattern: "daily", startTime: "08:30", durationHours: 24, slots: [{ officerIds: [s.duty], phone: "0571-86100110" }], replaceExisting: true };
      const underway = await officer.post("/api/shifts/generate", rotation);
      assert.equal(underway.status, 409);
      assert.equal(underway.body.code, "duty.cannotReplaceStarted");
      const past = await officer.post("/api/shifts/generate", { ...rotation, from: "2026-02-27", startTime: "06:00", durationHours: 1 });
      assert.equal(past.status, 400);
      assert.deepEqual(fields(past), ["from"]);
    });

    it("refuses bad rotations, naming the slot and field, and writes nothing", async () => {
      const s = await freshTownship();
      const base = { orgId: s.org.id, from: "2026-03-10", to: "2026-03-16", pattern: "daily", startTime: "08:30", durationHours: 24, slots: [{ officerIds: [s.duty], phone: "0571-86100110" }] };
      const cases: [string, Record<string, unknown>, string[]][] = [
        ["no slots", { slots: [] }, ["slots"]],
        ["the same officer twice in a slot", { slots: [{ officerIds: [s.duty, s.duty], phone: "0571-86100110" }] }, ["slots.0.officerIds"]],
        ["an unknown and an outside account", { slots: [{ officerIds: [s.duty, crypto.randomUUID()], phone: "0571-86100110" }, { officerIds: [world.duty.id], leaderId: s.duty2, phone: "0571-86100110" }] }, ["slots.0.officerIds.1", "slots.1.officerIds.0", "slots.1.leaderId"]],
        ["a start time that is no time of day", { startTime: "8:30" }, ["startTime"]],
        ["a start time past midnight", { startTime: "24:00" }, ["startTime"]],
        ["shifts longer than a day", { durationHours: 25 }, ["durationHours"]],
        ["no duration", { durationHours: 0 }, ["durationHours"]],
        ["negative hours", { durationHours: -8 }, ["durationHours"]],
        ["a range ending before it starts", { to: "2026-03-09" }, ["to"]],
        ["a range of more than 92 days", { to: "2026-06-30" }, ["to"]],
        ["an unknown pattern", { pattern: "monthly" }, ["pattern"]],
      ];
      const before = await databaseChecksum(t.db.orm);
      for (const [name, overrides, expected] of cases) {
        const res = await officer.post("/api/shifts/generate", { ...base, ...overrides });
        assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
        assert.deepEqual(fields(res), expected, name);
      }
      const time = await officer.post("/api/shifts/generate", { ...base, startTime: "8:30" });
      assert.match(time.body.errors[0].message, /HH:MM/);
      assert.equal(await databaseChecksum(t.db.orm), before);
    });
  });

  describe("the roster", () => {
    it("lists the shifts touching the dates and warns of gaps and overlaps between them", async () => {
      const s = await freshTownship();
      const a = await makeShift(t.db.orm, s.org, { startsAt: "2026-03-14T08:30:00+08:00", endsAt: "2026-03-15T10:00:00+08:00", officerIds: [s.duty] });
      const b = await makeShift(t.db.orm, s.org, { startsAt: "2026-03-15T08:30:00+08:00", endsAt: "2026-03-15T20:00:00+08:00", officerIds: [s.duty2] });
      await makeShift(t.db.orm, s.org, { startsAt: "2026-03-15T22:00:00+08:00", endsAt: "2026-03-16T08:30:00+08:00", officerIds: [s.duty3] });
      const res = await (await t.signIn("a-reporter")).get(`/api/shifts?orgId=${s.org.id}&from=2026-03-15&to=2026-03-15`);
      assert.equal(res.status, 200);
      assert.equal(res.body.windowStart, "2026-03-14T16:00:00.000Z");
      assert.equal(res.body.windowEnd, "2026-03-15T16:00:00.000Z");
      assert.deepEqual(res.body.items.map(names), ["甲", "乙", "丙"], "the shift begun the day before is on the day's roster");
      assert.deepEqual(res.body.warnings, [
        { kind: "overlap", from: "2026-03-15T00:30:00.000Z", to: "2026-03-15T02:00:00.000Z", shiftIds: [a.id, b.id] },
        { kind: "gap", from: "2026-03-15T12:00:00.000Z", to: "2026-03-15T14:00:00.000Z" },
      ]);
    });

    it("refuses a reversed or overlong range, naming `to`", async () => {
      const reversed = await officer.get(`/api/shifts?orgId=${world.townshipA.id}&from=2026-03-10&to=2026-03-01`);
      assert.equal(reversed.status, 400);
      assert.deepEqual(fields(reversed), ["to"]);
      assert.deepEqual(fields(await officer.get(`/api/shifts?orgId=${world.townshipA.id}&from=2026-01-01&to=2026-12-31`)), ["to"]);
    });
  });

  describe("swapping two shifts", () => {
    it("exchanges officers, leader and phone at once, keeping each shift's time; audits both", async () => {
      const s = await freshTownship();
      const a = await makeShift(t.db.orm, s.org, { startsAt: "2026-03-20T08:30:00+08:00", endsAt: "2026-03-21T08:30:00+08:00", officerIds: [s.duty], leaderId: s.leader, phone: "13905710001" });
      const b = await makeShift(t.db.orm, s.org, { startsAt: "2026-03-21T08:30:00+08:00", endsAt: "2026-03-22T08:30:00+08:00", officerIds: [s.duty2, s.duty3], phone: "13905710002" });
      const res = await officer.post("/api/shifts/swap", { aId: a.id, bId: b.id, versions: { a: 1, b: 1 } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual([names(res.body.a), res.body.a.phone, res.body.a.startsAt], ["乙、丙", "13905710002", "2026-03-20T00:30:00.000Z"]);
      assert.deepEqual([names(res.body.b), res.body.b.phone, res.body.b.startsAt], ["甲/丁", "13905710001", "2026-03-21T00:30:00.000Z"]);
      assert.deepEqual([res.body.a.version, res.body.b.version], [2, 2]);
      assert.equal((await t.db.orm.select().from(auditLog).where(eq(auditLog.action, "shift.swap"))).filter((row) => [a.id, b.id].includes(row.recordId!)).length, 2);
    });

    it("changes neither shift when one version is stale, when one has ended, or when the other is out of reach", async () => {
      const s = await freshTownship();
      const a = await makeShift(t.db.orm, s.org, { startsAt: "2026-03-01T08:30:00+08:00", endsAt: "2026-03-02T08:30:00+08:00", officerIds: [s.duty] });
      const b = await makeShift(t.db.orm, s.org, { startsAt: "2026-03-24T08:30:00+08:00", endsAt: "2026-03-25T08:30:00+08:00", officerIds: [s.duty2] });
      const c = await makeShift(t.db.orm, s.org, { startsAt: "2026-03-25T08:30:00+08:00", endsAt: "2026-03-26T08:30:00+08:00", officerIds: [s.duty3] });
      const elsewhere = await makeShift(t.db.orm, world.townshipB, { startsAt: "2026-03-25T08:30:00+08:00", endsAt: "2026-03-26T08:30:00+08:00" });
      const before = await databaseChecksum(t.db.orm);
      const stale = await officer.post("/api/shifts/swap", { aId: b.id, bId: c.id, versions: { a: 1, b: 7 } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, "staleVersion");
      t.clock.set("2026-03-02T09:00:00+08:00");
      assert.equal((await officer.post("/api/shifts/swap", { aId: a.id, bId: b.id, versions: { a: 1, b: 1 } })).body.code, "duty.shiftEnded");
      assert.equal((await officer.post("/api/shifts/swap", { aId: b.id, bId: elsewhere.id, versions: { a: 1, b: 1 } })).status, 404);
      const itself = await officer.post("/api/shifts/swap", { aId: b.id, bId: b.id, versions: { a: 1, b: 1 } });
      assert.deepEqual(fields(itself), ["bId"]);
      assert.equal(await databaseChecksum(t.db.orm), before);
    });

    it("swaps across two orgs of the caller's jurisdiction only when each crew belongs to the other's org", async () => {
      const s = await freshTownship();
      const mine = await makeShift(t.db.orm, s.org, { startsAt: "2026-03-27T08:30:00+08:00", endsAt: "2026-03-28T08:30:00+08:00", officerIds: [s.duty] });
      const township = await makeShift(t.db.orm, world.townshipA, { startsAt: "2026-03-27T08:30:00+08:00", endsAt: "2026-03-28T08:30:00+08:00", officerIds: [world.duty.id] });
      const res = await officer.post("/api/shifts/swap", { aId: mine.id, bId: township.id, versions: { a: 1, b: 1 } });
      assert.equal(res.status, 400);
      assert.deepEqual(fields(res), ["aId"]);
    });
  });
});
