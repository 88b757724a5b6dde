// The roster as files: an Excel ledger for the notice board and the archive, and an
// iCalendar feed (RFC 5545) that calendar apps subscribe to.
import ical, { ICalCalendarMethod } from "ical-generator";
import { WEEKDAY_LABELS, chinaDate, chinaTimeOfDay, daysBetween, isoWeekday } from "@shared/duty/china-time.ts";
import { renderLedgerXlsx } from "../../documents/ledger-xlsx.ts";
import type { ShiftView } from "./shift-service.ts";

const nameOf = (view: ShiftView, id: string) => view.people.get(id)?.displayName ?? "";
const officerNames = (view: ShiftView) => view.shift.officerIds.map((id) => nameOf(view, id)).join("、");
const leaderName = (view: ShiftView) => (view.shift.leaderId ? nameOf(view, view.shift.leaderId) : "");

/** "08:30", or "次日08:30" when the shift ends the next day ("第3日08:30" two days on). */
function endText(startsAt: Date, endsAt: Date) {
  const days = daysBetween(chinaDate(startsAt), chinaDate(endsAt));
  const time = chinaTimeOfDay(endsAt);
  return days === 0 ? time : days === 1 ? `次日${time}` : `第${days + 1}日${time}`;
}

export function rosterFileName(orgName: string, from: string, to: string) {
  return `${orgName}值班表（${from}至${to}）`;
}

export function renderRosterXlsx(roster: { orgName: string; from: string; to: string; shifts: readonly ShiftView[] }): Promise<Buffer> {
  return renderLedgerXlsx({
    sheetName: "值班表",
    title: rosterFileName(roster.orgName, roster.from, roster.to),
    columns: [
      { header: "日期", width: 12 },
      { header: "星期", width: 8 },
      { header: "开始", width: 8 },
      { header: "结束", width: 12 },
      { header: "值班人员", width: 24 },
      { header: "带班领导", width: 12 },
      { header: "值班电话", width: 16 },
    ],
    rows: roster.shifts.map((view) => {
      const { startsAt, endsAt, phone } = view.shift;
      const date = chinaDate(startsAt);
      return [date, WEEKDAY_LABELS[isoWeekday(date) - 1]!, chinaTimeOfDay(startsAt), endText(startsAt, endsAt), officerNames(view), leaderName(view), phone];
    }),
  });
}

/** 值班：张三、王五（带班：李四） */
export function shiftSummary(view: ShiftView) {
  const leader = leaderName(view);
  return `值班：${officerNames(view)}${leader ? `（带班：${leader}）` : ""}`;
}

/**
 * The shifts as an iCalendar feed. Times are in UTC, which every calendar app shows in its
 * own zone; each event's UID is the shift's id, and its SEQUENCE grows with each edit, so a
 * changed shift replaces the old one in subscribers' calendars.
 */
export function renderRosterCalendar(name: string, shifts: readonly ShiftView[]): string {
  const calendar = ical({
    name,
    prodId: { company: "Huajie", product: "Duty roster", language: "ZH" },
    method: ICalCalendarMethod.PUBLISH,
    // Calendar apps poll a subscribed feed; an hour keeps a swap visible the same morning.
    ttl: 60 * 60,
  });
  for (const view of shifts) {
    calendar.createEvent({
      id: `${view.shift.id}@huajie`,
      start: view.shift.startsAt,
      end: view.shift.endsAt,
      stamp: view.shift.updatedAt,
      sequence: view.shift.version - 1,
      summary: shiftSummary(view),
      location: view.org.name,
      description: [`值班电话：${view.shift.phone}`, view.shift.note].filter(Boolean).join("\n"),
    });
  }
  return calendar.toString();
}
