import type { Db } from "../../db/client.ts";
import { forbidden, invalidField, notFound } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { type Policy, authorize } from "../../policy/authorize.ts";
import { orgPolicy } from "./policy.ts";
import { type OrgRow, findOrg } from "./queries.ts";

/**
 * The org a new record is filed for, as the caller named it (`orgId`), checked once for every
 * module that files records: an org the caller cannot see does not exist for it (404); one it
 * sees but may not file for is 403 — `action`, or with `{ own, below }` the action for its own
 * org or for an org below it; an inactive org takes nothing new (400 naming `orgId`).
 */
export async function loadTargetOrg<Action extends string>(
  tx: Db,
  actor: Actor,
  orgId: string,
  policy: Policy<Action>,
  action: Action | { own: Action; below: Action },
): Promise<OrgRow> {
  const org = await findOrg(tx, orgId);
  if (!org || !authorize(actor, orgPolicy, "read", { orgPath: org.path })) throw notFound();
  const needed = typeof action === "string" ? action : org.id === actor.orgId ? action.own : action.below;
  if (!authorize(actor, policy, needed, { orgPath: org.path })) throw forbidden();
  if (!org.active) throw invalidField("orgId", "org.inactive");
  return org;
}
