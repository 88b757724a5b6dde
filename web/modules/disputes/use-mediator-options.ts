import { useAccountOptions } from "../accounts/use-account-options.ts";
import { useOrgs } from "../orgs/use-orgs.ts";

const MEDIATING_ROLES = new Set(["mediator", "officer", "leader"]);

/**
 * Who may mediate a dispute of `orgId`: active mediators, officers and leaders of its org or an
 * org above it, among the accounts the caller can see (the server re-checks each choice).
 */
export function useMediatorOptions(orgId: string) {
  const accounts = useAccountOptions();
  const { orgs } = useOrgs();
  const parents = new Map((orgs ?? []).map((org) => [org.id, org.parentId]));
  const line = new Set<string>();
  for (let id: string | null | undefined = orgId; id; id = parents.get(id)) line.add(id);
  return accounts
    .filter(({ account }) => account.active && line.has(account.orgId) && account.roles.some((role) => MEDIATING_ROLES.has(role)))
    .map(({ value, label }) => ({ value, label }));
}
