import { type LevelSpec, SEVERITY_LEVELS, type SeverityLevel, type ThresholdField } from "./schemas.ts";

/** What is known of an event when its level is suggested; economic loss in 万元. */
export interface EventFigures {
  peopleInvolved: number;
  deaths: number;
  injuries: number;
  economicLoss: number;
}

export interface SuggestedLevel {
  level: SeverityLevel;
  met: { field: ThresholdField; threshold: number; value: number }[];
}

const FIGURE_OF: Record<ThresholdField, keyof EventFigures> = {
  minPeopleInvolved: "peopleInvolved",
  minDeaths: "deaths",
  minInjuries: "injuries",
  minEconomicLoss: "economicLoss",
};

/**
 * The most severe level any one of whose thresholds the event meets, the way plans read
 * ("major: 50 or more people involved, or 3 or more deaths"), with the thresholds met; null
 * when no level's figures are reached. It only suggests: people decide, and may override.
 */
export function suggestLevel(plan: { levels: Record<SeverityLevel, Pick<LevelSpec, "thresholds">> }, event: EventFigures): SuggestedLevel | null {
  for (const level of SEVERITY_LEVELS) {
    const thresholds = plan.levels[level].thresholds;
    const met = (Object.keys(FIGURE_OF) as ThresholdField[]).flatMap((field) => {
      const threshold = thresholds[field];
      const value = event[FIGURE_OF[field]];
      return threshold !== null && value >= threshold ? [{ field, threshold, value }] : [];
    });
    if (met.length > 0) return { level, met };
  }
  return null;
}
