import { ROLES } from "@shared/roles.ts";
import { definePolicy } from "../../policy/authorize.ts";

/**
 * Staff who assign and supervise work see the accounts of their jurisdiction; everyone sees
 * their own. Only admins manage accounts. `seeContact` unmasks phone and e-mail (PIPL:
 * masked unless the role needs them).
 */
export const accountPolicy = definePolicy({
  read: [
    { roles: ["admin", "leader", "officer", "auditor"], scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  seeContact: [
    { roles: ["admin"], scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  create: [{ roles: ["admin"], scope: "subtree" }],
  update: [{ roles: ["admin"], scope: "subtree" }],
  resetPassword: [{ roles: ["admin"], scope: "subtree" }],
  deactivate: [{ roles: ["admin"], scope: "subtree" }],
  reactivate: [{ roles: ["admin"], scope: "subtree" }],
});
