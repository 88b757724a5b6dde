// Dates and times of day as a township in China writes them: a calendar date (YYYY-MM-DD) and
// a time of day (HH:MM) in Asia/Shanghai, which is UTC+8 all year (China keeps no daylight
// saving time), so the conversions are plain arithmetic, the same in the server and the browser.

export const CHINA_TIME_ZONE = "Asia/Shanghai";
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "HH:MM", 00:00 to 23:59. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export const WEEKDAY_LABELS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"] as const;

const pad = (n: number) => String(n).padStart(2, "0");
/** The instant shifted so that its UTC fields read as the wall clock in China. */
const wall = (instant: Date) => new Date(instant.getTime() + OFFSET_MS);

/** The calendar date in China at an instant: 2026-03-01T17:00Z is already 2026-03-02 there. */
export function chinaDate(instant: Date): string {
  const w = wall(instant);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
}

/** The time of day in China at an instant, as HH:MM. */
export function chinaTimeOfDay(instant: Date): string {
  const w = wall(instant);
  return `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

/** The instant at which a date's time of day (default midnight) comes in China. */
export function chinaInstant(date: string, timeOfDay = "00:00"): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = timeOfDay.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return chinaDate(new Date(chinaInstant(date).getTime() + days * DAY_MS));
}

/** Whole days from one date to another: 0 for the same date, negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((chinaInstant(to).getTime() - chinaInstant(from).getTime()) / DAY_MS);
}

/** Every date from `from` to `to`, both included. */
export function datesFrom(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i));
}

/** ISO weekday of a date: 1 for Monday through 7 for Sunday, as rosters are laid out. */
export function isoWeekday(date: string): number {
  const day = chinaInstant(date).getTime() + OFFSET_MS;
  return ((Math.floor(day / DAY_MS) + 3) % 7) + 1;
}

/** The Monday of the week a date falls in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}
