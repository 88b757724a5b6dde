import { ROLES } from "@shared/roles.ts";
import { definePolicy } from "../../policy/authorize.ts";

/** Everyone sees the orgs of their jurisdiction; only admins shape the tree, and never their own org's place in it. */
export const orgPolicy = definePolicy({
  read: [{ roles: ROLES, scope: "subtree" }],
  createChild: [{ roles: ["admin"], scope: "subtree" }],
  update: [{ roles: ["admin"], scope: "subtree" }],
  move: [{ roles: ["admin"], scope: "below" }],
  deactivate: [{ roles: ["admin"], scope: "below" }],
  reactivate: [{ roles: ["admin"], scope: "below" }],
});
