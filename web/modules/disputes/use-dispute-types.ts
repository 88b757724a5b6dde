import { useCallback, useEffect, useState } from "react";
import type { DisputeTypeItem, DisputeTypeList } from "@shared/disputes/type-schemas.ts";
import { api } from "../../app/api.ts";

// The list changes rarely (an administrator keeps it), so a page load reads it once and every
// page shares it; saving it replaces the shared copy and tells the pages showing it.
let shared: Promise<DisputeTypeList> | null = null;
const listeners = new Set<(list: DisputeTypeList) => void>();

function load(): Promise<DisputeTypeList> {
  shared ??= api<DisputeTypeList>("GET", "/api/dispute-types").catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}

/** After a save: every page shows the list as the server now has it. */
export function publishDisputeTypes(list: DisputeTypeList) {
  shared = Promise.resolve(list);
  for (const listener of listeners) listener(list);
}

/**
 * The deployment's dispute types: `active` for the pickers of new records, `labelOf` for any
 * stored key (a retired type still has its name; an unknown key shows as it is).
 */
export function useDisputeTypes() {
  const [list, setList] = useState<DisputeTypeList | null>(null);
  useEffect(() => {
    let live = true;
    const show = (next: DisputeTypeList) => live && setList(next);
    listeners.add(show);
    void load().then(show, () => undefined);
    return () => {
      live = false;
      listeners.delete(show);
    };
  }, []);
  const labelOf = useCallback((key: string): { zh: string; en: string } => list?.items.find((item) => item.key === key) ?? { zh: key, en: key }, [list]);
  const active: DisputeTypeItem[] = list?.items.filter((item) => item.active) ?? [];
  return { list, active, labelOf };
}
