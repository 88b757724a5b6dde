import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chineseNumber, officialDate } from "@shared/official-text.ts";

describe("official document numbering and dates", () => {
  const numbers: [number, string][] = [
    [1, "一"],
    [9, "九"],
    [10, "十"],
    [11, "十一"],
    [20, "二十"],
    [35, "三十五"],
    [99, "九十九"],
  ];
  for (const [n, expected] of numbers) it(`heading number ${n} is ${expected}`, () => assert.equal(chineseNumber(n), expected));

  it("dates a document by the calendar day in China, whatever the server's time zone", () => {
    assert.equal(officialDate(new Date("2026-03-01T16:30:00Z")), "2026年3月2日", "00:30 in Beijing is already the next day");
    assert.equal(officialDate(new Date("2026-12-31T15:59:00Z")), "2026年12月31日");
  });
});
