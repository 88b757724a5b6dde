import type { IncidentReview } from "@shared/incidents/report-schemas.ts";
import type { IncidentReviewRow } from "./report-queries.ts";

export function presentReview(row: IncidentReviewRow): IncidentReview {
  return {
    id: row.id,
    closedAt: row.closedAt.toISOString(),
    closedBy: { id: row.closedBy, displayName: row.closedByName },
    outcome: row.outcome,
    figures: row.figures,
    summary: row.summary,
    lessons: row.lessons,
    followUpActions: row.followUpActions,
    timings: row.timings,
  };
}
