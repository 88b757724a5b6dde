import type { Actor } from "../../policy/actor.ts";
import { definePolicy } from "../../policy/authorize.ts";

/**
 * The list of dispute types is the deployment's, so it is kept by the administrators of a
 * top-level org (the county): the record it guards sits at the root of the caller's tree,
 * which only someone of that root org reaches. Everyone signed in reads it to fill in forms,
 * so keeping it is refused with 403, never hidden.
 */
export const disputeTypePolicy = definePolicy({
  manage: [{ roles: ["admin"], scope: "subtree" }],
});

/** The deployment-wide list as a guarded record: at the top of the caller's own tree. */
export const typeListGuard = (actor: Actor) => ({ orgPath: actor.orgPath.split("/").slice(0, 2).join("/") + "/" });
