import { useEffect, useState } from "react";
import type { MediatorCandidates } from "@shared/disputes/schemas.ts";
import { api } from "../../app/api.ts";

/**
 * Whom the caller may make mediators of the dispute, as the server judges it (the same rule it
 * applies to the choice): the accounts list would show a village mediator only itself.
 */
export function useMediatorOptions(disputeId: string) {
  const [items, setItems] = useState<MediatorCandidates["items"]>([]);
  useEffect(() => {
    api<MediatorCandidates>("GET", `/api/disputes/${disputeId}/mediator-candidates`).then((list) => setItems(list.items), () => setItems([]));
  }, [disputeId]);
  return items.map((person) => ({ value: person.id, label: `${person.displayName}（${person.orgName}）` }));
}
