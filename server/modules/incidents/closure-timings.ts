// The timings of an after-action review: how each deadline of the response fared, computed
// from the deadline rows at the moment of closing. Never typed by a person, so the review
// cannot say "on time" of what was late.
import type { DeadlineTiming, TimingResult } from "@shared/incidents/report-schemas.ts";
import { type DeadlineRow, isOutstanding } from "../../deadlines/deadlines.ts";
import { incidentDeadlineKind, payloadOf } from "./incident-deadlines.ts";

/** A report deadline scheduled after a report was sent carries the number of the follow-up it awaits. */
export const followUpNoOf = (row: DeadlineRow): number | null => {
  const value = (row.payload as { followUpNo?: unknown }).followUpNo;
  return typeof value === "number" ? value : null;
};

/** Whole minutes from `from` to `to`, any part of a minute counting as one: a deadline missed by seconds was missed. */
const minutesBetween = (from: Date, to: Date) => Math.ceil((to.getTime() - from.getTime()) / 60_000);

function resultOf(row: DeadlineRow, closedAt: Date): { result: TimingResult; minutesLate: number | null } {
  if (row.status === "met") {
    const late = row.metAt!.getTime() > row.dueAt.getTime();
    return late ? { result: "late", minutesLate: minutesBetween(row.dueAt, row.metAt!) } : { result: "on_time", minutesLate: null };
  }
  if (isOutstanding(row)) {
    return row.dueAt.getTime() <= closedAt.getTime() ? { result: "never_met", minutesLate: minutesBetween(row.dueAt, closedAt) } : { result: "not_due", minutesLate: null };
  }
  return { result: "cancelled", minutesLate: null };
}

/** Every deadline of the incident in due order, as it stood when the incident closed at `closedAt`. */
export function computeTimings(rows: DeadlineRow[], taskTitles: ReadonlyMap<string, string>, closedAt: Date): DeadlineTiming[] {
  return [...rows]
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime())
    .map((row) => {
      const payload = payloadOf(row);
      return {
        deadlineId: row.id,
        kind: incidentDeadlineKind(row),
        level: payload.level,
        dueAt: row.dueAt.toISOString(),
        metAt: row.status === "met" ? row.metAt!.toISOString() : null,
        ...resultOf(row, closedAt),
        step: payload.step ?? null,
        to: payload.to ?? null,
        followUpNo: followUpNoOf(row),
        role: payload.role ?? null,
        who: payload.who ?? null,
        taskId: payload.taskId ?? null,
        taskTitle: payload.taskId ? (taskTitles.get(payload.taskId) ?? null) : null,
      };
    });
}
