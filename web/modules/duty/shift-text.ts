import { chinaDate, chinaTimeOfDay } from "@shared/duty/china-time.ts";
import type { Shift } from "@shared/duty/schemas.ts";

/** "08:30–次日 08:30": a shift's hours as the roster prints them, marking the days it runs into. */
export function shiftHours(shift: Pick<Shift, "startsAt" | "endsAt">, nextDay: string): string {
  const start = new Date(shift.startsAt);
  const end = new Date(shift.endsAt);
  const days = Math.round((Date.parse(`${chinaDate(end)}T00:00Z`) - Date.parse(`${chinaDate(start)}T00:00Z`)) / 86_400_000);
  const endLabel = days === 0 ? chinaTimeOfDay(end) : days === 1 ? `${nextDay} ${chinaTimeOfDay(end)}` : `${chinaDate(end).slice(5)} ${chinaTimeOfDay(end)}`;
  return `${chinaTimeOfDay(start)}–${endLabel}`;
}

/** "2026-11-23 08:30" in China time, for instants the roster shows outside the grid. */
export function chinaDateTime(instant: string): string {
  const date = new Date(instant);
  return `${chinaDate(date)} ${chinaTimeOfDay(date)}`;
}

export const officerNames = (shift: Pick<Shift, "officers">) => shift.officers.map((o) => o.displayName).join("、");
