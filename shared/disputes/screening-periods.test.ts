import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextPeriodStart, periodStartAt, periodStartOf, previousPeriodStart, screeningPeriod } from "./screening-periods.ts";

describe("screening report periods", () => {
  for (const [date, start] of [
    ["2026-11-01", "2026-11-01"],
    ["2026-11-15", "2026-11-01"],
    ["2026-11-16", "2026-11-16"],
    ["2026-11-30", "2026-11-16"],
  ] as const) {
    it(`${date} falls in the period starting ${start}`, () => assert.equal(periodStartOf(date), start));
  }

  it("steps from half to half, across months and years", () => {
    assert.equal(nextPeriodStart("2026-02-16"), "2026-03-01");
    assert.equal(nextPeriodStart("2026-12-16"), "2027-01-01");
    assert.equal(previousPeriodStart("2027-01-01"), "2026-12-16");
    assert.equal(previousPeriodStart("2026-11-16"), "2026-11-01");
  });

  it("reads the instant in China time", () => {
    assert.equal(periodStartAt(new Date("2026-11-15T16:00:00Z")), "2026-11-16");
    assert.equal(periodStartAt(new Date("2026-11-15T15:59:59Z")), "2026-11-01");
  });

  it("bounds the period and is due at the end of the next day", () => {
    const first = screeningPeriod("2026-11-01");
    assert.equal(first.end, "2026-11-15");
    assert.equal(first.to.toISOString(), "2026-11-15T16:00:00.000Z");
    assert.equal(first.dueAt.toISOString(), "2026-11-16T16:00:00.000Z");
    const second = screeningPeriod("2026-02-16");
    assert.equal(second.end, "2026-02-28");
    assert.equal(second.dueAt.toISOString(), "2026-03-01T16:00:00.000Z");
  });
});
