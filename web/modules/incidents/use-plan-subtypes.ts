import { useEffect, useState } from "react";
import type { Plan, PlanSummary, EmergencyCategory } from "@shared/plans/schemas.ts";
import { api, query } from "../../app/api.ts";

/**
 * The subtypes that the active plans the caller can read list for a category, as suggestions:
 * the server accepts only those of the governing plan when it lists any. A village reporter
 * reads no township plan and types freely (or leaves it empty).
 */
export function usePlanSubtypes(category: EmergencyCategory | undefined): string[] {
  const [subtypes, setSubtypes] = useState<string[]>([]);
  useEffect(() => {
    setSubtypes([]);
    if (!category || !navigator.onLine) return;
    let current = true;
    void (async () => {
      try {
        const plans = await api<{ items: PlanSummary[] }>("GET", `/api/plans${query({ status: "active", category, limit: 20 })}`);
        const full = await Promise.all(plans.items.map((plan) => api<Plan>("GET", `/api/plans/${plan.id}`)));
        const listed = full.flatMap((plan) => plan.versions.filter((v) => v.status === "active").flatMap((v) => v.content.categories.filter((c) => c.category === category).flatMap((c) => c.subtypes)));
        if (current) setSubtypes([...new Set(listed)]);
      } catch {
        // Suggestions only: without them the field is free text.
      }
    })();
    return () => {
      current = false;
    };
  }, [category]);
  return subtypes;
}
