import type { PlanContentInput, SeverityLevel } from "@shared/plans/schemas.ts";

/**
 * A new plan starts from the shape township plans are written in (DESIGN.md §5): duty officer
 * first, the leader if nobody acknowledges; the initial report to the township office within
 * 20 minutes and to the county within 2 hours; a leader on site within 30 minutes.
 */
export function newPlanContent(): PlanContentInput {
  const level = (minPeople: number | null) => ({
    thresholds: { minPeopleInvolved: minPeople, minDeaths: null, minInjuries: null, minEconomicLoss: null, criteria: null },
    response: {
      notify: { roles: ["duty" as const], groupIds: [] },
      escalation: [
        { notify: { roles: ["duty" as const], groupIds: [] }, ackWithinMinutes: 10 },
        { notify: { roles: ["leader" as const], groupIds: [] }, ackWithinMinutes: 20 },
      ],
      reports: [
        { to: "镇党政办", initialWithinMinutes: 20, followUpEveryMinutes: 60 },
        { to: "县应急管理局", initialWithinMinutes: 120, followUpEveryMinutes: null },
      ],
      onSite: [{ role: "leader" as const, who: "带班领导", withinMinutes: 30 }],
      tasks: [],
    },
  });
  const levels: Record<SeverityLevel, ReturnType<typeof level>> = { I: level(100), II: level(50), III: level(20), IV: level(10) };
  return { purpose: null, basis: null, scope: null, principles: null, categories: [{ category: "accident_disaster", subtypes: [] }], groupIds: [], levels };
}
