import type { IncidentDeadline } from "@shared/incidents/schemas.ts";
import type { SeverityLevel } from "@shared/plans/schemas.ts";

/**
 * The national warning colours (red, orange, yellow, blue for I–IV), as solid fills so a level
 * reads at a glance across a room; yellow carries dark text, white would not be legible on it.
 */
export const LEVEL_COLORS: Record<SeverityLevel, { background: string; color: string }> = {
  I: { background: "#cf1322", color: "#fff" },
  II: { background: "#fa8c16", color: "#fff" },
  III: { background: "#fadb14", color: "#262626" },
  IV: { background: "#1677ff", color: "#fff" },
};

const two = (n: number) => String(n).padStart(2, "0");

/** "12:34", or "1:02:03" from an hour up: the time left as a clock counts it down. */
export function clockText(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Whole minutes past due (at least 1 once it is late), since "overdue by 37 seconds" helps nobody. */
export const minutesLate = (ms: number) => Math.max(1, Math.floor(-ms / 60_000));

/** A deadline still to meet: pending or past due and not yet met. */
export const isOutstanding = (deadline: Pick<IncidentDeadline, "state">) => deadline.state === "pending" || deadline.state === "overdue";
