import { ROLES } from "@shared/roles.ts";
import { definePolicy } from "../../policy/authorize.ts";

/** Everyone reads the groups of their jurisdiction; the people who write the work plans set them up. */
export const groupPolicy = definePolicy({
  read: [{ roles: ROLES, scope: "subtree" }],
  create: [{ roles: ["admin", "leader", "officer"], scope: "subtree" }],
  update: [{ roles: ["admin", "leader", "officer"], scope: "subtree" }],
});
