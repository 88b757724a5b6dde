import { useAccountOptions } from "../accounts/use-account-options.ts";

/**
 * Who may stand on an org's roster: its own active accounts as officers, and those of them
 * holding the leader role as leader on duty (the server holds the same rule).
 */
export function useDutyPeople(orgId: string | undefined) {
  const own = useAccountOptions().filter((o) => o.account.orgId === orgId && o.account.active);
  return {
    officers: own.map(({ value, account }) => ({ value, label: account.displayName })),
    leaders: own.filter((o) => o.account.roles.includes("leader")).map(({ value, account }) => ({ value, label: account.displayName })),
  };
}
