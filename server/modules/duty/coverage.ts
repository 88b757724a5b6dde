// What a roster points out (pure): time nobody is on duty, shifts that overlap, and shifts
// without a leader on duty inside a protection period that requires one.
import type { RosterWarning } from "@shared/duty/schemas.ts";

export interface CoveredSpan {
  id: string;
  startsAt: Date;
  endsAt: Date;
  leaderId: string | null;
}

export interface LeaderRule {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
}

const iso = (instant: Date) => instant.toISOString();
const later = (a: Date, b: Date) => (a > b ? a : b);
const earlier = (a: Date, b: Date) => (a < b ? a : b);

/**
 * Gaps and overlaps of 24-hour coverage within [windowStart, windowEnd). Shifts reaching
 * outside the window count for the part inside it.
 */
export function coverageWarnings(shifts: readonly CoveredSpan[], windowStart: Date, windowEnd: Date): RosterWarning[] {
  const sorted = [...shifts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  const warnings: RosterWarning[] = [];
  let coveredUntil = windowStart;
  for (const shift of sorted) {
    if (shift.startsAt > coveredUntil && coveredUntil < windowEnd) {
      warnings.push({ kind: "gap", from: iso(coveredUntil), to: iso(earlier(shift.startsAt, windowEnd)) });
    }
    coveredUntil = later(coveredUntil, shift.endsAt);
  }
  if (coveredUntil < windowEnd) warnings.push({ kind: "gap", from: iso(coveredUntil), to: iso(windowEnd) });

  sorted.forEach((first, i) => {
    for (const second of sorted.slice(i + 1)) {
      if (second.startsAt >= first.endsAt) break;
      const from = later(second.startsAt, windowStart);
      const to = earlier(earlier(first.endsAt, second.endsAt), windowEnd);
      if (from < to) warnings.push({ kind: "overlap", from: iso(from), to: iso(to), shiftIds: [first.id, second.id] });
    }
  });
  return warnings.sort((a, b) => a.from.localeCompare(b.from));
}

/** Each shift without a leader on duty that falls, even partly, within a period requiring one. */
export function leaderWarnings(shifts: readonly CoveredSpan[], periods: readonly LeaderRule[]): RosterWarning[] {
  return periods.flatMap((period) =>
    shifts
      .filter((shift) => !shift.leaderId && shift.startsAt < period.endsAt && shift.endsAt > period.startsAt)
      .map((shift) => ({
        kind: "leaderMissing" as const,
        from: iso(shift.startsAt),
        to: iso(shift.endsAt),
        shiftIds: [shift.id],
        protectionPeriodId: period.id,
        protectionPeriodName: period.name,
      })),
  );
}
