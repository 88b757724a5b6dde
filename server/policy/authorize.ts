import type { Role } from "@shared/roles.ts";
import { forbidden, notFound } from "../http/errors.ts";
import type { Actor } from "./actor.ts";

/**
 * Where a rule reaches, relative to the actor's org:
 * - subtree: the actor's org and everything below it (属地管理);
 * - below: strictly below the actor's org (an admin cannot move or close their own org);
 * - own: records the actor created or that are the actor's own account, or records with
 *   several owners (the people of a shift) that name the actor among them.
 */
export type Scope = "subtree" | "below" | "own";

export interface Rule {
  roles: readonly Role[];
  scope: Scope;
}

export type Policy<Action extends string> = Record<Action, readonly Rule[]>;

/** What the policy layer needs to know of a record, taken from the stored row. */
export interface Guarded {
  orgPath: string;
  ownerId?: string | null;
  /** For records that belong to several people at once, such as the officers and leader of a shift. */
  ownerIds?: readonly string[];
}

export function definePolicy<Action extends string>(policy: Policy<Action>): Policy<Action> {
  return policy;
}

function reaches(actor: Actor, scope: Scope, record: Guarded): boolean {
  switch (scope) {
    case "subtree":
      return record.orgPath.startsWith(actor.orgPath);
    case "below":
      return record.orgPath.startsWith(actor.orgPath) && record.orgPath !== actor.orgPath;
    case "own":
      return (record.ownerId === actor.accountId || (record.ownerIds?.includes(actor.accountId) ?? false)) && record.orgPath.startsWith(actor.orgPath);
  }
}

export function authorize<Action extends string>(actor: Actor, policy: Policy<Action>, action: Action, record: Guarded): boolean {
  return policy[action].some((rule) => rule.roles.some((role) => actor.roles.includes(role)) && reaches(actor, rule.scope, record));
}

/** The actions the caller may take on a record, sent with it so the UI shows exactly those buttons. */
export function allowedActions<Action extends string>(actor: Actor, policy: Policy<Action>, actions: readonly Action[], record: Guarded): Action[] {
  return actions.filter((action) => authorize(actor, policy, action, record));
}

/**
 * Throws unless the actor may take the action. A record the actor may not even read answers
 * 404, so that its existence does not leak; a readable one answers 403.
 */
export function requireAccess<Action extends string>(
  actor: Actor,
  policy: Policy<Action | "read">,
  action: Action | "read",
  record: Guarded,
): void {
  if (authorize(actor, policy, action, record)) return;
  throw authorize(actor, policy, "read", record) ? forbidden() : notFound();
}
