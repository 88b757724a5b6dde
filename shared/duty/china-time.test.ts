import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addDays, chinaDate, chinaInstant, chinaTimeOfDay, datesFrom, daysBetween, isoWeekday, mondayOf } from "./china-time.ts";

describe("dates and times of day in China (UTC+8, no daylight saving time)", () => {
  it("reads an instant as the date and time of day a township's clock shows", () => {
    const cases: [string, string, string][] = [
      ["2026-03-01T15:59:00Z", "2026-03-01", "23:59"],
      ["2026-03-01T16:00:00Z", "2026-03-02", "00:00"],
      ["2026-03-02T00:30:00Z", "2026-03-02", "08:30"],
      ["2026-07-01T00:30:00Z", "2026-07-01", "08:30"],
      ["2025-12-31T16:00:00Z", "2026-01-01", "00:00"],
    ];
    for (const [instant, date, time] of cases) {
      assert.equal(chinaDate(new Date(instant)), date, instant);
      assert.equal(chinaTimeOfDay(new Date(instant)), time, instant);
    }
  });

  it("turns a date and a time of day back into the instant, the same in winter and summer", () => {
    assert.equal(chinaInstant("2026-03-02", "08:30").toISOString(), "2026-03-02T00:30:00.000Z");
    assert.equal(chinaInstant("2026-07-15", "08:30").toISOString(), "2026-07-15T00:30:00.000Z");
    assert.equal(chinaInstant("2026-03-02").toISOString(), "2026-03-01T16:00:00.000Z", "midnight by default");
    assert.equal(chinaInstant("2026-01-01", "10:00").toISOString(), "2026-01-01T02:00:00.000Z");
  });

  it("counts days across month and year ends and the leap day", () => {
    assert.equal(addDays("2026-02-28", 1), "2026-03-01");
    assert.equal(addDays("2028-02-28", 1), "2028-02-29");
    assert.equal(addDays("2025-12-31", 1), "2026-01-01");
    assert.equal(addDays("2026-03-01", -1), "2026-02-28");
    assert.equal(daysBetween("2026-01-01", "2026-12-31"), 364);
    assert.equal(daysBetween("2026-03-05", "2026-03-01"), -4);
    assert.deepEqual(datesFrom("2026-02-27", "2026-03-02"), ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    assert.deepEqual(datesFrom("2026-03-02", "2026-03-01"), []);
  });

  it("names weekdays Monday 1 to Sunday 7, and finds a week's Monday", () => {
    assert.equal(isoWeekday("2026-03-02"), 1, "a Monday");
    assert.equal(isoWeekday("2026-03-08"), 7, "a Sunday");
    assert.equal(isoWeekday("2026-01-01"), 4, "a Thursday");
    assert.equal(mondayOf("2026-03-08"), "2026-03-02");
    assert.equal(mondayOf("2026-03-02"), "2026-03-02");
    assert.equal(mondayOf("2026-01-01"), "2025-12-29");
  });
});
