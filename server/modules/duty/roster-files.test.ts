// The roster as files, read back by independent readers: the iCalendar feed by ical.js (as a
// calendar app would parse it) and the Excel ledger by ExcelJS.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { auditLog, calendarFeeds } from "../../db/schema.ts";
import { makeShift } from "../../testing/duty-factories.ts";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";

interface ParsedEvent {
  uid: string;
  summary: string;
  location: string;
  start: string;
  end: string;
}

function parseFeed(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, "vcalendar");
  assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return { uid: event.uid, summary: event.summary, location: event.location, start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString() };
  });
}

describe("the roster as files", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    officer = await t.signIn("a-officer");
    const duty2 = await makeAccount(t.db.orm, { org: world.townshipA, roles: ["duty"], displayName: "王五" });
    const day = async (date: string, next: string, officerIds: string[], leaderId: string | null, phone: string) =>
      (await makeShift(t.db.orm, world.townshipA, { startsAt: `${date}T08:30:00+08:00`, endsAt: `${next}T08:30:00+08:00`, officerIds, leaderId, phone })).id;
    ids.first = await day("2026-03-03", "2026-03-04", [world.duty.id, duty2.id], world.leader.id, "0571-86100110");
    ids.second = await day("2026-03-04", "2026-03-05", [duty2.id], null, "13905711111");
    ids.daytime = (await makeShift(t.db.orm, world.townshipA, { startsAt: "2026-03-08T08:00:00+08:00", endsAt: "2026-03-08T17:30:00+08:00", officerIds: [world.duty.id], phone: "0571-86100110" })).id;
    ids.village = (await makeShift(t.db.orm, world.villageA, { startsAt: "2026-03-05T08:30:00+08:00", endsAt: "2026-03-06T08:30:00+08:00" })).id;
  });
  after(() => t.close());

  describe("iCalendar feeds", () => {
    it("publishes an org's roster at a secret address that needs no session; each shift an event with its times, UID and a Chinese summary", async () => {
      const made = await officer.post("/api/calendar-feeds", { kind: "org", orgId: world.townshipA.id });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.match(made.body.url, /^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      assert.deepEqual([made.body.kind, made.body.orgName, made.body.actions], ["org", "甲镇", ["revoke"]]);
      const [stored] = await t.db.orm.select().from(calendarFeeds).where(eq(calendarFeeds.id, made.body.id));
      assert.ok(!made.body.url.includes(stored!.tokenHash) && /^[0-9a-f]{64}$/.test(stored!.tokenHash), "only a hash is kept");

      const feed = await t.request("GET", made.body.url);
      assert.equal(feed.status, 200);
      assert.match(String(feed.headers["content-type"]), /^text\/calendar/);
      const events = parseFeed(feed.body);
      assert.deepEqual(events.map((e) => e.uid), [`${ids.first}@huajie`, `${ids.second}@huajie`, `${ids.daytime}@huajie`], "the township's shifts only, in order");
      assert.deepEqual(events[0], {
        uid: `${ids.first}@huajie`,
        summary: `值班：${world.duty.displayName}、王五（带班：${world.leader.displayName}）`,
        location: "甲镇",
        start: "2026-03-03T00:30:00.000Z",
        end: "2026-03-04T00:30:00.000Z",
      });
      assert.equal(events[1]!.summary, "值班：王五", "no leader, no 带班");
      assert.deepEqual([events[2]!.start, events[2]!.end], ["2026-03-08T00:00:00.000Z", "2026-03-08T09:30:00.000Z"]);
      assert.match(feed.body, /DTSTART:20260303T003000Z/, "times written in UTC");
    });

    it("gives each person a feed of their own shifts, as officer or as leader on duty", async () => {
      const leader = await t.signIn("a-leader");
      const made = await leader.post("/api/calendar-feeds", { kind: "person" });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.body.accountId, world.leader.id);
      const events = parseFeed((await t.request("GET", made.body.url)).body);
      assert.deepEqual(events.map((e) => e.uid), [`${ids.first}@huajie`]);
      const mine = await leader.get("/api/calendar-feeds");
      assert.deepEqual(mine.body.items.map((f: { kind: string; accountId: string | null }) => `${f.kind}:${f.accountId ?? "-"}`), ["org:-", `person:${world.leader.id}`], "the leader's own feed, and the org feed a leader manages");
      const managed = await officer.get("/api/calendar-feeds");
      assert.ok(managed.body.items.some((f: { kind: string; orgId: string }) => f.kind === "org" && f.orgId === world.townshipA.id), "an officer lists the org feeds it manages");
      assert.ok(!managed.body.items.some((f: { kind: string }) => f.kind === "person"), "and not other people's own feeds");
    });

    it("stops answering (404) at the old address when rotated, and at any address when revoked; audits both", async () => {
      const duty = await t.signIn("a-duty");
      const first = await duty.post("/api/calendar-feeds", { kind: "person" });
      const second = await duty.post("/api/calendar-feeds", { kind: "person" });
      assert.equal((await t.request("GET", first.body.url)).status, 404, "the rotated address");
      assert.equal((await t.request("GET", second.body.url)).status, 200);
      const revoked = await duty.request("DELETE", `/api/calendar-feeds/${second.body.id}`);
      assert.equal(revoked.status, 204);
      assert.equal((await t.request("GET", second.body.url)).status, 404);
      assert.equal((await duty.request("DELETE", `/api/calendar-feeds/${second.body.id}`)).status, 404, "already gone");
      assert.equal((await t.request("GET", "/api/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")).status, 404, "an address never issued");
      const audits = await t.db.orm.select().from(auditLog).where(eq(auditLog.actorId, world.duty.id));
      assert.deepEqual(audits.map((a) => a.action).filter((a) => a.startsWith("calendarFeed")), ["calendarFeed.create", "calendarFeed.create", "calendarFeed.revoke"]);
      assert.equal((audits[1]!.detail as { replacedId: string }).replacedId, first.body.id);
    });

    it("stops answering when the account that made it is deactivated: who leaves takes no roster along", async () => {
      const temp = await makeAccount(t.db.orm, { org: world.townshipA, roles: ["officer"], username: "a-temp" });
      const made = await (await t.signIn("a-temp")).post("/api/calendar-feeds", { kind: "person" });
      assert.equal((await t.request("GET", made.body.url)).status, 200);
      await t.db.orm.execute(`UPDATE accounts SET active = false WHERE id = '${temp.id}'`);
      assert.equal((await t.request("GET", made.body.url)).status, 404);
    });

    it("lets only the roster's writers manage an org feed (403), nobody else's own feed (403), and nothing outside (404)", async () => {
      assert.equal((await (await t.signIn("a-duty")).post("/api/calendar-feeds", { kind: "org", orgId: world.townshipA.id })).status, 403);
      assert.equal((await (await t.signIn("b-officer")).post("/api/calendar-feeds", { kind: "org", orgId: world.townshipA.id })).status, 404);
      const own = await (await t.signIn("a-reporter")).post("/api/calendar-feeds", { kind: "person" });
      assert.equal((await officer.request("DELETE", `/api/calendar-feeds/${own.body.id}`)).status, 403, "an officer sees a colleague's feed exists but may not revoke it");
      assert.equal((await (await t.signIn("a-reporter")).post("/api/calendar-feeds", { kind: "org" })).body.errors[0].field, "orgId");
      assert.equal((await (await t.signIn("a-reporter")).post("/api/calendar-feeds", { kind: "person", orgId: world.townshipA.id })).body.errors[0].field, "orgId");
    });
  });

  describe("Excel export", () => {
    it("writes a title row and one row per shift: date, weekday, start, end, officers, leader, phone", async () => {
      const res = await (await t.signIn("a-reporter")).get(`/api/shifts/export.xlsx?orgId=${world.townshipA.id}&from=2026-03-03&to=2026-03-08`);
      assert.equal(res.status, 200);
      assert.equal(res.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      assert.match(String(res.headers["content-disposition"]), new RegExp(`filename\\*=UTF-8''${encodeURIComponent("甲镇值班表（2026-03-03至2026-03-08）.xlsx").replace(/[()]/g, "\\$&")}`));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet("值班表")!;
      const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      assert.equal(sheet.getCell("A1").value, "甲镇值班表（2026-03-03至2026-03-08）");
      assert.ok(sheet.getCell("A1").isMerged && sheet.getCell("G1").isMerged, "the title spans the columns");
      assert.deepEqual(row(2), ["日期", "星期", "开始", "结束", "值班人员", "带班领导", "值班电话"]);
      assert.deepEqual(row(3), ["2026-03-03", "星期二", "08:30", "次日08:30", `${world.duty.displayName}、王五`, world.leader.displayName, "0571-86100110"]);
      assert.deepEqual(row(4), ["2026-03-04", "星期三", "08:30", "次日08:30", "王五", "", "13905711111"]);
      assert.deepEqual(row(5), ["2026-03-08", "星期日", "08:00", "17:30", world.duty.displayName, "", "0571-86100110"]);
      assert.equal(sheet.rowCount, 5, "the village's shift is not on the township's roster");
    });

    it("keeps to the caller's jurisdiction (404) and refuses bad ranges (400 to)", async () => {
      assert.equal((await (await t.signIn("b-admin")).get(`/api/shifts/export.xlsx?orgId=${world.townshipA.id}&from=2026-03-03&to=2026-03-08`)).status, 404);
      const reversed = await officer.get(`/api/shifts/export.xlsx?orgId=${world.townshipA.id}&from=2026-03-08&to=2026-03-03`);
      assert.equal(reversed.status, 400);
      assert.deepEqual(reversed.body.errors.map((e: { field: string }) => e.field), ["to"]);
    });
  });
});
