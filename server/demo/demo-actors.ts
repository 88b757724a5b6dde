// The demo's people as the services see them: an actor for a username, as a sign-in would make it.
import type { Role } from "@shared/roles.ts";
import type { accounts as accountsTable, orgs as orgsTable } from "../db/schema.ts";
import type { Actor } from "../policy/actor.ts";

export function demoActors(accounts: readonly (typeof accountsTable.$inferSelect)[], orgs: readonly (typeof orgsTable.$inferSelect)[]) {
  return (username: string): Actor => {
    const account = accounts.find((a) => a.username === username);
    if (!account) throw new Error(`the demo has no account ${username}`);
    return {
      accountId: account.id,
      username,
      displayName: account.displayName,
      orgId: account.orgId,
      orgPath: orgs.find((org) => org.id === account.orgId)!.path,
      roles: account.roles as Role[],
      ip: null,
    };
  };
}
