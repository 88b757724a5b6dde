import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PlanContent, type PlanContentInput, type SeverityLevel, type Thresholds } from "./schemas.ts";
import { type EventFigures, suggestLevel } from "./suggest-level.ts";

type ThresholdInput = Partial<Omit<Thresholds, "criteria">>;
const levels = (byLevel: Record<SeverityLevel, ThresholdInput>) =>
  Object.fromEntries(Object.entries(byLevel).map(([level, thresholds]) => [level, { thresholds: { minPeopleInvolved: null, minDeaths: null, minInjuries: null, minEconomicLoss: null, criteria: null, ...thresholds } }])) as Record<
    SeverityLevel,
    { thresholds: Thresholds }
  >;

/** As township plans read: general 10–19 people, large 20–49, major ≥ 50 or ≥ 3 deaths, especially major ≥ 100 or ≥ 10 deaths. */
const TOWNSHIP = {
  levels: levels({
    I: { minPeopleInvolved: 100, minDeaths: 10, minEconomicLoss: 1000 },
    II: { minPeopleInvolved: 50, minDeaths: 3, minInjuries: 30 },
    III: { minPeopleInvolved: 20, minInjuries: 10 },
    IV: { minPeopleInvolved: 10 },
  }),
};

const event = (figures: Partial<EventFigures>): EventFigures => ({ peopleInvolved: 0, deaths: 0, injuries: 0, economicLoss: 0, ...figures });

describe("suggestLevel: the most severe level any one of whose thresholds the event meets", () => {
  const cases: [string, Partial<EventFigures>, SeverityLevel | null, string[]][] = [
    ["nothing known", {}, null, []],
    ["9 people: below every level", { peopleInvolved: 9 }, null, []],
    ["10 people: general, at its lower edge", { peopleInvolved: 10 }, "IV", ["minPeopleInvolved"]],
    ["19 people: still general", { peopleInvolved: 19 }, "IV", ["minPeopleInvolved"]],
    ["20 people: large", { peopleInvolved: 20 }, "III", ["minPeopleInvolved"]],
    ["49 people: still large", { peopleInvolved: 49 }, "III", ["minPeopleInvolved"]],
    ["50 people: major", { peopleInvolved: 50 }, "II", ["minPeopleInvolved"]],
    ["12 people but 3 deaths: major, by the deaths alone", { peopleInvolved: 12, deaths: 3 }, "II", ["minDeaths"]],
    ["2 deaths and nobody else counted: no level sets a death threshold that low", { deaths: 2 }, null, []],
    ["10 injuries: large, by injuries", { injuries: 10 }, "III", ["minInjuries"]],
    ["60 people and 3 deaths: major, both thresholds named", { peopleInvolved: 60, deaths: 3 }, "II", ["minPeopleInvolved", "minDeaths"]],
    ["99 people and 9 deaths: major, not yet especially major", { peopleInvolved: 99, deaths: 9 }, "II", ["minPeopleInvolved", "minDeaths"]],
    ["100 people: especially major", { peopleInvolved: 100 }, "I", ["minPeopleInvolved"]],
    ["5 people but 10 deaths: especially major", { peopleInvolved: 5, deaths: 10 }, "I", ["minDeaths"]],
    ["economic loss of 1000 万元 alone: especially major", { economicLoss: 1000 }, "I", ["minEconomicLoss"]],
    ["economic loss of 999.9 万元: no level (only level I sets a loss threshold)", { economicLoss: 999.9 }, null, []],
  ];

  for (const [name, figures, level, met] of cases) {
    it(`${name} → ${level ?? "none"}`, () => {
      const suggestion = suggestLevel(TOWNSHIP, event(figures));
      assert.equal(suggestion?.level ?? null, level);
      assert.deepEqual(suggestion?.met.map((m) => m.field) ?? [], met);
    });
  }

  it("reports the threshold and the value it was met with", () => {
    assert.deepEqual(suggestLevel(TOWNSHIP, event({ peopleInvolved: 30, injuries: 12 }))?.met, [
      { field: "minPeopleInvolved", threshold: 20, value: 30 },
      { field: "minInjuries", threshold: 10, value: 12 },
    ]);
  });

  it("suggests nothing from a plan that sets only free-text criteria", () => {
    const textOnly = { levels: levels({ I: {}, II: {}, III: {}, IV: {} }) };
    assert.equal(suggestLevel(textOnly, event({ peopleInvolved: 1000, deaths: 100 })), null);
  });
});

describe("plan content validation", () => {
  const level = (thresholds: ThresholdInput) => ({ thresholds, response: { notify: { roles: ["duty"] }, escalation: [{ notify: { roles: ["duty"] }, ackWithinMinutes: 10 }] } });
  const content = (byLevel: Record<SeverityLevel, ThresholdInput>): PlanContentInput => ({
    categories: [{ category: "natural_disaster" }],
    levels: { I: level(byLevel.I), II: level(byLevel.II), III: level(byLevel.III), IV: level(byLevel.IV) } as PlanContentInput["levels"],
  });
  const issuePaths = (input: unknown) => {
    const result = PlanContent.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  };

  const cases: [string, Record<SeverityLevel, ThresholdInput>, string[]][] = [
    ["thresholds rising with severity", { I: { minPeopleInvolved: 100 }, II: { minPeopleInvolved: 50 }, III: { minPeopleInvolved: 20 }, IV: { minPeopleInvolved: 10 } }, []],
    ["equal thresholds on neighbouring levels", { I: { minDeaths: 3 }, II: { minDeaths: 3 }, III: {}, IV: {} }, []],
    ["a level that leaves a figure unset", { I: { minDeaths: 10 }, II: {}, III: { minDeaths: 1 }, IV: {} }, []],
    [
      "major set below large",
      { I: { minPeopleInvolved: 100 }, II: { minPeopleInvolved: 15 }, III: { minPeopleInvolved: 20 }, IV: { minPeopleInvolved: 10 } },
      ["levels.II.thresholds.minPeopleInvolved: plan.thresholdBelowLesserLevel"],
    ],
    [
      "especially major below general, skipping unset levels in between",
      { I: { minEconomicLoss: 5 }, II: {}, III: {}, IV: { minEconomicLoss: 10 } },
      ["levels.I.thresholds.minEconomicLoss: plan.thresholdBelowLesserLevel"],
    ],
    [
      "two figures out of order at once",
      { I: { minDeaths: 2, minInjuries: 5 }, II: { minDeaths: 3, minInjuries: 10 }, III: {}, IV: {} },
      ["levels.I.thresholds.minDeaths: plan.thresholdBelowLesserLevel", "levels.I.thresholds.minInjuries: plan.thresholdBelowLesserLevel"],
    ],
  ];
  for (const [name, thresholds, expected] of cases) {
    it(`${name}: ${expected.length === 0 ? "accepted" : "refused"}`, () => assert.deepEqual(issuePaths(content(thresholds)), expected));
  }

  it("refuses a level without escalation steps, and minutes that are not positive whole numbers, naming the path", () => {
    const valid = content({ I: {}, II: {}, III: {}, IV: {} });
    const broken = structuredClone(valid) as { levels: Record<string, { response: { escalation: { ackWithinMinutes: number }[] } }> };
    broken.levels.II!.response.escalation = [];
    broken.levels.III!.response.escalation[0]!.ackWithinMinutes = 0;
    broken.levels.IV!.response.escalation[0]!.ackWithinMinutes = 2.5;
    assert.deepEqual(
      PlanContent.safeParse(broken).error?.issues.map((issue) => issue.path.join(".")),
      ["levels.II.response.escalation", "levels.III.response.escalation.0.ackWithinMinutes", "levels.IV.response.escalation.0.ackWithinMinutes"],
    );
  });

  it("refuses a step that notifies nobody, and a category listed twice", () => {
    const valid = content({ I: {}, II: {}, III: {}, IV: {} });
    const broken = { ...valid, categories: [{ category: "public_health" }, { category: "public_health" }] } as PlanContentInput;
    (broken.levels.I.response.escalation[0]!.notify as { roles: string[] }).roles = [];
    assert.deepEqual(issuePaths(broken), ["levels.I.response.escalation.0.notify.roles: plan.notifyNobody", "categories.1.category: plan.categoryRepeated"]);
  });
});
