// The review's timings from deadline rows, case by case.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DeadlineRow } from "../../deadlines/deadlines.ts";
import { computeTimings } from "./closure-timings.ts";

const T0 = new Date("2026-03-02T00:00:00Z");
const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);
let serial = 0;
const row = (overrides: Partial<DeadlineRow>): DeadlineRow => ({
  id: `00000000-0000-4000-8000-${String(++serial).padStart(12, "0")}`,
  kind: "incident.on_site",
  subjectType: "incident",
  subjectId: "00000000-0000-4000-8000-000000000000",
  orgId: "00000000-0000-4000-8000-000000000000",
  dueAt: at(30),
  status: "pending",
  firedAt: null,
  metAt: null,
  cancelledAt: null,
  attempts: 0,
  retryAt: null,
  lastError: null,
  payload: { level: "IV", role: "leader", who: "带班领导" },
  createdAt: T0,
  ...overrides,
});
const CLOSED = at(100);

describe("review timings", () => {
  const cases: [string, Partial<DeadlineRow>, [string, number | null]][] = [
    ["met before due", { status: "met", metAt: at(20) }, ["on_time", null]],
    ["met at the due minute", { status: "met", metAt: at(30) }, ["on_time", null]],
    ["met late, after firing", { status: "met", metAt: at(42), firedAt: at(30) }, ["late", 12]],
    ["met seconds late counts a minute", { status: "met", metAt: at(30, 5) }, ["late", 1]],
    ["fired and never met", { status: "fired", firedAt: at(30) }, ["never_met", 70]],
    ["due, not yet fired, never met", { status: "pending" }, ["never_met", 70]],
    ["not due when closed", { status: "pending", dueAt: at(180) }, ["not_due", null]],
    ["cancelled before (its task was cancelled)", { status: "cancelled", cancelledAt: at(10) }, ["cancelled", null]],
  ];
  for (const [name, overrides, [result, minutesLate]] of cases) {
    it(`${name}: ${result}${minutesLate === null ? "" : ` by ${minutesLate} min`}`, () => {
      const [timing] = computeTimings([row(overrides)], new Map(), CLOSED);
      assert.deepEqual([timing!.result, timing!.minutesLate], [result, minutesLate]);
    });
  }

  it("lists every deadline in due order and says what each was for", () => {
    const taskId = "00000000-0000-4000-8000-0000000000aa";
    const timings = computeTimings(
      [
        row({ kind: "incident.task", dueAt: at(60), payload: { level: "III", taskId } }),
        row({ kind: "incident.report", dueAt: at(45), payload: { level: "III", to: "县应急管理局", followUpEveryMinutes: 60, followUpNo: 2 } }),
        row({ kind: "incident.acknowledgement", dueAt: at(5), status: "met", metAt: at(3), payload: { level: "III", step: 1, notify: { roles: ["duty"], groupIds: [] } } }),
      ],
      new Map([[taskId, "现场处置"]]),
      CLOSED,
    );
    assert.deepEqual(
      timings.map((t) => [t.kind, t.level, t.step, t.to, t.followUpNo, t.taskTitle, t.metAt]),
      [
        ["acknowledgement", "III", 1, null, null, null, at(3).toISOString()],
        ["report", "III", null, "县应急管理局", 2, null, null],
        ["task", "III", null, null, null, "现场处置", null],
      ],
    );
  });
});
