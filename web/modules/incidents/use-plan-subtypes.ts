import { useEffect, useState } from "react";
import type { SubtypeList } from "@shared/incidents/schemas.ts";
import type { EmergencyCategory } from "@shared/plans/schemas.ts";
import { api, query } from "../../app/api.ts";

/**
 * The subtypes the governing plan lists for the org and category, as the choices of the field:
 * the server accepts only those when the plan lists any. Offline, or with none listed, the
 * field is free text.
 */
export function usePlanSubtypes(orgId: string | undefined, category: EmergencyCategory | undefined): string[] {
  const [subtypes, setSubtypes] = useState<string[]>([]);
  useEffect(() => {
    setSubtypes([]);
    if (!orgId || !category || !navigator.onLine) return;
    let current = true;
    void (async () => {
      try {
        const list = await api<SubtypeList>("GET", `/api/incidents/subtypes${query({ orgId, category })}`);
        if (current) setSubtypes(list.items);
      } catch {
        // Suggestions only: without them the field is free text.
      }
    })();
    return () => {
      current = false;
    };
  }, [orgId, category]);
  return subtypes;
}
