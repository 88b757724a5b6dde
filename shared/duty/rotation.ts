// A rotation (轮班) laid out day by day: the server generates shifts from it, and the web's
// rotation builder previews the same days before they are saved.
import type { RotationPattern } from "./schemas.ts";
import { chinaInstant, datesFrom, daysBetween, mondayOf } from "./china-time.ts";

const HOUR_MS = 60 * 60 * 1000;

export interface Rotation {
  from: string;
  to: string;
  pattern: RotationPattern;
  startTime: string;
  durationHours: number;
  slotCount: number;
}

export interface PlannedShift {
  /** The date (China) the shift starts on. */
  date: string;
  /** Which slot of the rotation is on duty. */
  slot: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * One shift a day from `from` to `to`. Daily, the slots take turns day by day; weekly, week by
 * week, a week running Monday to Sunday as duty rosters are drawn up, so a range that starts
 * mid-week gives the first slot the rest of that week.
 */
export function expandRotation(rotation: Rotation): PlannedShift[] {
  const firstMonday = mondayOf(rotation.from);
  return datesFrom(rotation.from, rotation.to).map((date, day) => {
    const turn = rotation.pattern === "daily" ? day : Math.floor(daysBetween(firstMonday, date) / 7);
    const startsAt = chinaInstant(date, rotation.startTime);
    return { date, slot: turn % rotation.slotCount, startsAt, endsAt: new Date(startsAt.getTime() + rotation.durationHours * HOUR_MS) };
  });
}
