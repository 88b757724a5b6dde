import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CoveredSpan, coverageWarnings, leaderWarnings } from "./coverage.ts";

const at = (hour: number) => new Date(Date.UTC(2026, 2, 2, hour));
const span = (id: string, from: number, to: number, leaderId: string | null = "leader"): CoveredSpan => ({ id, startsAt: at(from), endsAt: at(to), leaderId });
const brief = (warnings: ReturnType<typeof coverageWarnings>) =>
  warnings.map((w) => `${w.kind} ${new Date(w.from).getUTCHours()}-${new Date(w.to).getUTCHours()}${"shiftIds" in w ? ` ${w.shiftIds.join("+")}` : ""}`);

describe("coverage warnings of a roster", () => {
  const cases: [string, CoveredSpan[], string[]][] = [
    ["shifts end to end cover the window", [span("a", 0, 8), span("b", 8, 16), span("c", 16, 24)], []],
    ["nobody at all: the whole window is a gap", [], ["gap 0-0"]],
    ["a gap between two shifts", [span("a", 0, 8), span("b", 10, 24)], ["gap 8-10"]],
    ["gaps at both ends", [span("a", 2, 20)], ["gap 0-2", "gap 20-0"]],
    ["an overlap names both shifts", [span("a", 0, 14), span("b", 12, 24)], ["overlap 12-14 a+b"]],
    ["a shift inside another overlaps it whole", [span("a", 0, 24), span("b", 9, 17)], ["overlap 9-17 a+b"]],
    ["three at once overlap pairwise", [span("a", 0, 24), span("b", 6, 12), span("c", 10, 14)], ["overlap 6-12 a+b", "overlap 10-14 a+c", "overlap 10-12 b+c"]],
    ["shifts reaching beyond the window count for the part inside it", [span("a", -6, 6), span("b", 6, 30)], []],
    ["given in any order", [span("b", 12, 24), span("a", 0, 10)], ["gap 10-12"]],
  ];
  for (const [name, shifts, expected] of cases) {
    it(name, () => assert.deepEqual(brief(coverageWarnings(shifts, at(0), at(24))), expected));
  }
});

describe("leader warnings inside a protection period", () => {
  it("names each shift without a leader that falls, even partly, within a period requiring one", () => {
    const period = { id: "p", name: "元旦特护期", startsAt: at(8), endsAt: at(20) };
    const warnings = leaderWarnings([span("before", 0, 8, null), span("across", 6, 10, null), span("inside", 10, 20, null), span("led", 10, 20)], [period]);
    assert.deepEqual(warnings.map((w) => (w.kind === "leaderMissing" ? `${w.shiftIds[0]} ${w.protectionPeriodName}` : "")), ["across 元旦特护期", "inside 元旦特护期"]);
  });
});
