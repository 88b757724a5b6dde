// The demonstration township's duty: a month of rosters around the day the demo is loaded,
// a protection period in force with its daily reports, and the logbook and hand-overs of the
// last few shifts. Dates follow the app clock, so the demo is "live" whenever it is loaded.
import { addDays, chinaDate, chinaInstant, datesFrom, isoWeekday } from "@shared/duty/china-time.ts";
import type { ReportLink } from "@shared/duty/schemas.ts";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { insertPeriod, insertReport, replaceCoveredOrgs } from "../modules/duty/protection-queries.ts";
import { type ShiftRow, insertHandover, insertLogEntry, insertShifts } from "../modules/duty/queries.ts";

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
/** The roster runs from two weeks before the load date to a little over two weeks after it. */
const DAYS_BEFORE = 14;
const DAYS_AFTER = 16;
const TOWNSHIP_DUTY_PHONE = "0571-86100110";

/** The township's 24-hour rotation: one duty officer and one leader on duty (领导带班) a day. */
const TOWNSHIP_ROTATION: [officer: string, leader: string][] = [
  ["duty", "leader"],
  ["duty2", "leader-deputy"],
  ["officer", "leader"],
  ["officer2", "leader-deputy"],
];

/** What the last few township shifts wrote in their logbooks: calls, actions and notes. */
const LOGBOOK: { kind: "call" | "action" | "note"; afterHours: number; text: string }[][] = [
  [
    { kind: "call", afterHours: 1.5, text: "接县应急管理局电话通知：明后两天有中到大雨，请做好防汛准备。已报告带班领导。" },
    { kind: "action", afterHours: 2, text: "按带班领导要求，电话通知各村（社区）做好防汛巡查，重点关注河口村、石桥村沿河地段。" },
    { kind: "note", afterHours: 14, text: "夜间巡查值班室设备，应急广播、卫星电话工作正常。" },
  ],
  [
    { kind: "call", afterHours: 3, text: "河口村信息员报告：村东河道水位上涨，已安排专人巡查。已通知村委会设置警示标志。" },
    { kind: "action", afterHours: 5, text: "带班领导到河口村查看河道水位，要求每两小时报告一次水情。" },
  ],
  [
    { kind: "call", afterHours: 2, text: "群众来电咨询临时救助申请办法，已告知到镇便民服务中心办理。" },
    { kind: "note", afterHours: 9, text: "完成当日零报告汇总，上报县值班室。" },
  ],
];

const HANDOVERS: { openMatters: string; watchItems: string | null }[] = [
  { openMatters: "各村防汛巡查已布置，河口村、石桥村尚未回报巡查情况。", watchItems: "夜间降雨，注意沿河地段水情。" },
  { openMatters: "河口村河道水情每两小时报告一次，最近一次 06:00 报告水位回落。", watchItems: "继续关注上游来水。" },
  { openMatters: "无遗留事项。", watchItems: null },
];

/** Duty for the demonstration township; runs inside its loader's transaction, after the accounts exist. */
export async function loadDemoDuty(tx: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  const today = chinaDate(now);
  const dates = datesFrom(addDays(today, -DAYS_BEFORE), addDays(today, DAYS_AFTER));
  const orgNamed = async (name: string) => (await tx.query.orgs.findFirst({ where: (o, { eq }) => eq(o.name, name) }))!;
  const accountId = async (username: string) => (await tx.query.accounts.findFirst({ where: (a, { eq }) => eq(a.username, username) }))!.id;
  const ids = async (usernames: string[]) => {
    const found = [];
    for (const username of usernames) found.push(await accountId(username));
    return found;
  };
  const shift = (orgId: string, date: string, from: string, hours: number, officerIds: string[], leaderId: string | null, phone: string) => {
    const startsAt = chinaInstant(date, from);
    return { orgId, startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR_MS), officerIds, leaderId, phone, createdBy: null, createdAt: now, updatedAt: now };
  };

  const township = await orgNamed("青山镇");
  const rotation: { officer: string; leader: string }[] = [];
  for (const [officer, leader] of TOWNSHIP_ROTATION) rotation.push({ officer: await accountId(officer), leader: await accountId(leader) });
  const townshipShifts = await insertShifts(
    tx,
    dates.map((date, day) => {
      const slot = rotation[day % rotation.length]!;
      return shift(township.id, date, "08:30", 24, [slot.officer], slot.leader, TOWNSHIP_DUTY_PHONE);
    }),
  );

  // The school keeps a daytime watch on school days, a teacher and the safety officer in turn,
  // with the head as leader; nights and weekends fall to the township's duty room.
  const school = await orgNamed("青山镇中心小学");
  const [schoolDuty, schoolSafety, schoolHead] = await ids(["school-duty", "school-safety", "school-head"]);
  await insertShifts(
    tx,
    dates.filter((date) => isoWeekday(date) <= 5).map((date, day) => shift(school.id, date, "07:30", 10, [day % 2 === 0 ? schoolDuty! : schoolSafety!], schoolHead!, "0571-86102001")),
  );

  // The construction site is watched while work goes on, every day from 07:00 to 19:00.
  const project = await orgNamed("青山镇安置房建设项目");
  const [projectSafety, projectManager] = await ids(["project-safety", "project-manager"]);
  await insertShifts(tx, dates.map((date) => shift(project.id, date, "07:00", 12, [projectSafety!], projectManager!, "13905713001")));

  const past = townshipShifts.filter((row) => row.endsAt <= now).slice(-LOGBOOK.length);
  await writeLogbooks(tx, past, now);
  await writeHandovers(tx, townshipShifts, past, now);
  await declareProtectionPeriod(tx, now, township.id, await accountId("leader"));
}

async function writeLogbooks(tx: Db, shifts: ShiftRow[], now: Date) {
  for (const [i, row] of shifts.entries()) {
    for (const entry of LOGBOOK[i]!) {
      const at = new Date(row.startsAt.getTime() + entry.afterHours * HOUR_MS);
      const author = entry.kind === "action" && row.leaderId ? row.leaderId : row.officerIds[0]!;
      if (at <= now) await insertLogEntry(tx, { shiftId: row.id, kind: entry.kind, at, text: entry.text, authorId: author, writtenAt: new Date(at.getTime() + 5 * MINUTE_MS) });
    }
  }
}

/** Each of the last shifts hands over ten minutes before its end; the next shift acknowledges five minutes after. */
async function writeHandovers(tx: Db, all: ShiftRow[], past: ShiftRow[], now: Date) {
  for (const [i, row] of past.entries()) {
    const next = all[all.indexOf(row) + 1];
    const handover = HANDOVERS[i]!;
    const acknowledgedAt = new Date(row.endsAt.getTime() + 5 * MINUTE_MS);
    const acknowledged = next && acknowledgedAt <= now;
    await insertHandover(tx, {
      shiftId: row.id,
      orgId: row.orgId,
      openMatters: handover.openMatters,
      watchItems: handover.watchItems,
      writtenBy: row.officerIds[0]!,
      writtenAt: new Date(row.endsAt.getTime() - 10 * MINUTE_MS),
      acknowledgedBy: acknowledged ? next.officerIds[0]! : null,
      acknowledgedAt: acknowledged ? acknowledgedAt : null,
    });
  }
}

/**
 * A protection period in force around the load date, covering the township and its villages,
 * with a leader on duty required and a daily report by 10:00. Villages with a cadre report
 * their own 零报告 in the morning; the township's duty room takes the others' by phone, one
 * of them late, and one village has not reported for yesterday.
 */
async function declareProtectionPeriod(tx: Db, now: Date, townshipId: string, leaderId: string) {
  const today = chinaDate(now);
  const period = await insertPeriod(tx, {
    orgId: townshipId,
    name: "全县重大活动安全保障特护期",
    startDate: addDays(today, -3),
    endDate: addDays(today, 4),
    leaderRequired: true,
    reportDueTime: "10:00",
    createdBy: leaderId,
    createdAt: now,
    updatedAt: now,
  });
  const villages = await tx.query.orgs.findMany({ where: (o, { eq }) => eq(o.parentId, townshipId), orderBy: (o, { asc }) => asc(o.name) });
  const covered = villages.filter((org) => org.kind === "village" || org.kind === "community");
  await replaceCoveredOrgs(tx, period.id, [townshipId, ...covered.map((org) => org.id)]);

  const accounts = await tx.query.accounts.findMany();
  const cadreOf = (orgId: string) => accounts.find((a) => a.orgId === orgId && a.username.startsWith("cadre-"))?.id;
  const townshipDuty = accounts.find((a) => a.username === "duty")!.id;
  const river: ReportLink = { kind: "hazard", ref: "YH-2026-0012", title: "河口村东河道水位上涨" };
  const hekou = covered.find((org) => org.name === "河口村");
  const silent = covered.find((org) => org.name === "东岗村");
  const late = covered.find((org) => org.name === "竹林村");

  for (const date of datesFrom(period.startDate, today)) {
    for (const [i, org] of [{ id: townshipId }, ...covered].entries()) {
      if (org.id === silent?.id && date === addDays(today, -1)) continue;
      const cadre = cadreOf(org.id);
      const lateToday = org.id === late?.id && date === addDays(today, -2);
      const filedAt = new Date(chinaInstant(date, lateToday ? "11:20" : "08:10").getTime() + i * 7 * MINUTE_MS);
      if (filedAt > now) continue;
      const something = org.id === hekou?.id && date === addDays(today, -2);
      await insertReport(tx, {
        periodId: period.id,
        orgId: org.id,
        reportDate: date,
        nothingToReport: !something,
        summary: something ? "村东河道水位上涨，已安排专人巡查并设置警示标志，暂无人员受影响。" : null,
        links: something ? [river] : [],
        filedBy: cadre ?? townshipDuty,
        filedAt,
      });
    }
  }
}
