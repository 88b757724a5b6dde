// Who may read and file the screening report: every role at every place relative to the org.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLES, type Role } from "@shared/roles.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions } from "../../policy/authorize.ts";
import { screeningReportPolicy } from "./screening-policy.ts";

const PLACES = { same: "/county/a/", descendant: "/county/a/village/", ancestor: "/county/", sibling: "/county/b/", unrelated: "/other/x/" } as const;
const actor = (role: Role): Actor => ({ accountId: "me", username: "me", displayName: "测试者", orgId: "a", orgPath: PLACES.same, roles: [role], ip: null });
type Action = keyof typeof screeningReportPolicy;

/** In the org and below; nothing above, beside or elsewhere. */
const TABLE: Record<Role, Action[]> = {
  admin: ["read"],
  leader: ["read", "file"],
  officer: ["read", "file"],
  mediator: ["read", "file"],
  duty: [],
  auditor: ["read"],
  inspector: [],
  reporter: [],
};

describe("screening report policy: role × place × action", () => {
  it("the table names every role", () => assert.deepEqual(Object.keys(TABLE).sort(), [...ROLES].sort()));
  for (const role of ROLES) {
    it(`${role}: ${TABLE[role].join(", ") || "nothing"} in its org and below; nothing elsewhere`, () => {
      for (const [place, orgPath] of Object.entries(PLACES)) {
        const inReach = place === "same" || place === "descendant";
        assert.deepEqual(allowedActions(actor(role), screeningReportPolicy, ["read", "file"], { orgPath }), inReach ? TABLE[role] : [], `${role} at ${place}`);
      }
    });
  }
});
