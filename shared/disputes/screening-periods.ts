// The half-month periods of the screening report (矛盾纠纷排查半月报): the 1st to the 15th and
// the 16th to the month's end, as dates in China, the same in the server and the browser.
import { addDays, chinaDate, chinaInstant } from "../duty/china-time.ts";

/**
 * A period's report is due by the end of the day after the period (the 1–15 report by the
 * 16th, 24:00 China time): the committee closes its count on the last day and has one more to
 * write it up, as township practice gives it.
 */
export const SCREENING_REPORT_DAYS_AFTER_PERIOD = 1;

const pad = (n: number) => String(n).padStart(2, "0");

/** The first day of a period, the 1st or the 16th of a month: every such day is a real date. */
export const PERIOD_START_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(01|16)$/;

/** The start of the period a date falls in. */
export const periodStartOf = (date: string) => `${date.slice(0, 8)}${Number(date.slice(8, 10)) < 16 ? "01" : "16"}`;

/** The start of the period an instant falls in, China time. */
export const periodStartAt = (instant: Date) => periodStartOf(chinaDate(instant));

export function nextPeriodStart(start: string): string {
  const [year, month] = start.split("-").map(Number) as [number, number];
  if (start.endsWith("-01")) return `${year}-${pad(month)}-16`;
  return month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
}

export function previousPeriodStart(start: string): string {
  return periodStartOf(addDays(start, -1));
}

/** The period's first and last dates and the instants that bound it: [from, to). */
export function screeningPeriod(start: string) {
  const next = nextPeriodStart(start);
  return {
    start,
    end: addDays(next, -1),
    from: chinaInstant(start),
    to: chinaInstant(next),
    dueAt: chinaInstant(addDays(next, SCREENING_REPORT_DAYS_AFTER_PERIOD)),
  };
}
