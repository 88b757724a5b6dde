import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Rotation, expandRotation } from "./rotation.ts";

const rotation = (overrides: Partial<Rotation>): Rotation => ({ from: "2026-03-02", to: "2026-03-08", pattern: "daily", startTime: "08:30", durationHours: 24, slotCount: 3, ...overrides });
const slots = (r: Rotation) => expandRotation(r).map((shift) => `${shift.date}:${shift.slot}`);

describe("a rotation laid out day by day", () => {
  it("daily: the slots take turns day by day, wrapping around", () => {
    assert.deepEqual(slots(rotation({})), ["2026-03-02:0", "2026-03-03:1", "2026-03-04:2", "2026-03-05:0", "2026-03-06:1", "2026-03-07:2", "2026-03-08:0"]);
  });

  it("weekly: a slot keeps the whole week, weeks running Monday to Sunday", () => {
    const days = slots(rotation({ pattern: "weekly", from: "2026-03-02", to: "2026-03-22", slotCount: 2 }));
    assert.deepEqual(days.slice(0, 7), ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"].map((d) => `${d}:0`));
    assert.deepEqual(days.slice(7, 14).map((d) => d.slice(-1)), ["1", "1", "1", "1", "1", "1", "1"]);
    assert.deepEqual(days.slice(14).map((d) => d.slice(-1)), ["0", "0", "0", "0", "0", "0", "0"]);
  });

  it("weekly from mid-week: the first slot has the rest of that week, the second starts on Monday", () => {
    assert.deepEqual(slots(rotation({ pattern: "weekly", from: "2026-03-06", to: "2026-03-10", slotCount: 2 })), ["2026-03-06:0", "2026-03-07:0", "2026-03-08:0", "2026-03-09:1", "2026-03-10:1"]);
  });

  it("starts each shift at the time of day in China and lasts the hours given", () => {
    const [first, second] = expandRotation(rotation({ startTime: "08:30", durationHours: 24 }));
    assert.equal(first!.startsAt.toISOString(), "2026-03-02T00:30:00.000Z");
    assert.equal(first!.endsAt.toISOString(), "2026-03-03T00:30:00.000Z");
    assert.equal(second!.startsAt.toISOString(), first!.endsAt.toISOString(), "24-hour shifts hand over to one another");
    const [day] = expandRotation(rotation({ startTime: "07:45", durationHours: 10 }));
    assert.equal(day!.startsAt.toISOString(), "2026-03-01T23:45:00.000Z", "07:45 in China is the evening before in UTC");
    assert.equal(day!.endsAt.toISOString(), "2026-03-02T09:45:00.000Z");
  });
});
