// Who may do what with groups, plans and drills: every role at every place relative to its
// org, written out so the rules can be read here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLES, type Role } from "@shared/roles.ts";
import type { Actor } from "../../policy/actor.ts";
import { type Policy, allowedActions } from "../../policy/authorize.ts";
import { groupPolicy } from "../groups/policy.ts";
import { drillPolicy, planPolicy } from "./policy.ts";

const PLACES = { same: "/county/a/", descendant: "/county/a/village/", ancestor: "/county/", sibling: "/county/b/", unrelated: "/other/x/" } as const;
const actor = (role: Role): Actor => ({ accountId: "me", username: "me", displayName: "测试者", orgId: "a", orgPath: PLACES.same, roles: [role], ip: null });

/** In its own org and below, by role; above it, beside it and elsewhere, nothing at all. */
const TABLES: [string, Policy<string>, Record<Role, string[]>][] = [
  [
    "groups",
    groupPolicy,
    {
      admin: ["read", "create", "update"],
      leader: ["read", "create", "update"],
      officer: ["read", "create", "update"],
      duty: ["read"],
      mediator: ["read"],
      inspector: ["read"],
      reporter: ["read"],
      auditor: ["read"],
    },
  ],
  [
    "plans",
    planPolicy,
    {
      admin: ["read", "create", "update", "publish", "retire"],
      leader: ["read", "create", "update", "publish", "retire"],
      officer: ["read", "create", "update"],
      duty: ["read"],
      mediator: ["read"],
      inspector: ["read"],
      reporter: ["read"],
      auditor: ["read"],
    },
  ],
  [
    "drills",
    drillPolicy,
    { admin: ["read", "create"], leader: ["read", "create"], officer: ["read", "create"], duty: ["read"], mediator: ["read"], inspector: ["read"], reporter: ["read"], auditor: ["read"] },
  ],
];

for (const [name, policy, table] of TABLES) {
  describe(`${name} policy: role × place × action`, () => {
    const actions = Object.keys(policy);
    it("the table names every role and only actions of the policy", () => {
      assert.deepEqual(Object.keys(table).sort(), [...ROLES].sort());
      for (const allowed of Object.values(table)) assert.ok(allowed.every((action) => actions.includes(action)));
    });
    for (const role of ROLES) {
      it(`${role}: ${table[role].join(", ")} in its own org and below; nothing above, beside or elsewhere`, () => {
        for (const [place, orgPath] of Object.entries(PLACES)) {
          const expected = place === "same" || place === "descendant" ? table[role] : [];
          assert.deepEqual(allowedActions(actor(role), policy, actions, { orgPath }), expected, `${role} at ${place}`);
        }
      });
    }
  });
}
