import { definePolicy } from "../../policy/authorize.ts";

/**
 * Closing an incident ends its response and records the review; reopening undoes the first.
 * Both are decisions for the leaders and officers of the incident's org or above, not for
 * the duty officer who runs the response meanwhile.
 */
export const closurePolicy = definePolicy({
  read: [{ roles: ["admin", "leader", "officer", "duty", "auditor"], scope: "subtree" }],
  close: [{ roles: ["leader", "officer"], scope: "subtree" }],
  reopen: [{ roles: ["leader", "officer"], scope: "subtree" }],
});

export type ClosurePolicyAction = keyof typeof closurePolicy;
