import type { DisputeRisk, DisputeStatus } from "@shared/disputes/schemas.ts";

/** Risk reads at a glance in a long register: high in red, medium in orange. */
export const RISK_COLORS: Record<DisputeRisk, string> = { low: "green", medium: "orange", high: "red" };

/** Open cases in blue, the concluded well in green, the ones that left the committee grey. */
export const STATUS_COLORS: Record<DisputeStatus, string> = {
  registered: "default",
  accepted: "processing",
  refused: "default",
  in_mediation: "processing",
  agreed: "success",
  not_agreed: "warning",
  withdrawn: "default",
  referred: "default",
  closed: "success",
};

const DAY_MS = 86_400_000;

/**
 * Whole days until mediation is due, counted up (a case due in 2.1 days has 3 days left), or
 * negative days past it, counted down the other way (overdue by 0.1 day is overdue by 1 day).
 */
export function daysUntil(dueAt: string, now: number): number {
  const left = Date.parse(dueAt) - now;
  return left > 0 ? Math.ceil(left / DAY_MS) : -Math.max(1, Math.ceil(-left / DAY_MS));
}
