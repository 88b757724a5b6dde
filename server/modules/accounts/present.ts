import { type Account, AccountAction } from "@shared/accounts/schemas.ts";
import type { Role } from "@shared/roles.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions, authorize } from "../../policy/authorize.ts";
import { accountPolicy } from "./policy.ts";
import type { AccountWithOrg } from "./queries.ts";

/** 13812345678 → 138****5678; 0571-88886666 → 0571-****6666. */
export function maskPhone(phone: string): string {
  return phone.length <= 7 ? "****" : `${phone.slice(0, phone.length - 8)}****${phone.slice(-4)}`;
}

/** zhang.san@example.cn → z***@example.cn */
export function maskEmail(email: string): string {
  const at = email.indexOf("@");
  return at <= 0 ? "***" : `${email[0]}***${email.slice(at)}`;
}

export function presentAccount(actor: Actor, { account, org }: AccountWithOrg): Account {
  const guarded = { orgPath: org.path, ownerId: account.id };
  const unmasked = authorize(actor, accountPolicy, "seeContact", guarded);
  const isSelf = account.id === actor.accountId;
  const actions = allowedActions(actor, accountPolicy, AccountAction.options, guarded).filter((action) => {
    if (action === "reactivate") return !account.active;
    if (action === "deactivate") return account.active && !isSelf;
    return true;
  });
  return {
    id: account.id,
    orgId: org.id,
    orgName: org.name,
    username: account.username,
    displayName: account.displayName,
    phone: account.phone && (unmasked ? account.phone : maskPhone(account.phone)),
    email: account.email && (unmasked ? account.email : maskEmail(account.email)),
    roles: account.roles as Role[],
    active: account.active,
    mustChangePassword: account.mustChangePassword,
    version: account.version,
    updatedAt: account.updatedAt.toISOString(),
    actions,
  };
}

/** A person as a record names them, from `findAccountNames`; null for no one. */
export const personNamed = (names: ReadonlyMap<string, string>, id: string | null) => (id === null ? null : { id, displayName: names.get(id) ?? "" });
