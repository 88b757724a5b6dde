import { ROLES } from "@shared/roles.ts";
import { definePolicy } from "../../policy/authorize.ts";

const WRITERS = ["admin", "leader", "officer"] as const;

/**
 * Everyone reads the plans of their jurisdiction; officers draft them; putting a version in
 * force or out of it is a leader's decision (or an admin's, who runs the deployment).
 */
export const planPolicy = definePolicy({
  read: [{ roles: ROLES, scope: "subtree" }],
  create: [{ roles: WRITERS, scope: "subtree" }],
  update: [{ roles: WRITERS, scope: "subtree" }],
  publish: [{ roles: ["admin", "leader"], scope: "subtree" }],
  retire: [{ roles: ["admin", "leader"], scope: "subtree" }],
});

export const drillPolicy = definePolicy({
  read: [{ roles: ROLES, scope: "subtree" }],
  create: [{ roles: WRITERS, scope: "subtree" }],
});
