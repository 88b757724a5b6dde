// Who may do what with reports upward and with closing: every role at every place relative to
// the incident's org, written out so the rules can be read here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLES, type Role } from "@shared/roles.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions } from "../../policy/authorize.ts";
import { closurePolicy } from "./closure-policy.ts";
import { reportPolicy } from "./report-policy.ts";

const PLACES = { same: "/county/a/", descendant: "/county/a/village/", ancestor: "/county/", sibling: "/county/b/", unrelated: "/other/x/" } as const;
const actor = (role: Role): Actor => ({ accountId: "me", username: "me", displayName: "测试者", orgId: "a", orgPath: PLACES.same, roles: [role], ip: null });

/** [report actions, closure actions] of each role on an incident of its org or below; nothing above, beside or elsewhere. */
const TABLE: Record<Role, [(keyof typeof reportPolicy)[], (keyof typeof closurePolicy)[]]> = {
  admin: [["read"], ["read"]],
  leader: [["read", "draft", "approve", "send"], ["read", "close", "reopen"]],
  officer: [["read", "draft", "send"], ["read", "close", "reopen"]],
  duty: [["read", "draft", "send"], ["read"]],
  auditor: [["read"], ["read"]],
  mediator: [[], []],
  inspector: [[], []],
  reporter: [[], []],
};

describe("report and closure policies: role × place × action", () => {
  it("the table names every role", () => assert.deepEqual(Object.keys(TABLE).sort(), [...ROLES].sort()));
  for (const role of ROLES) {
    const [reports, closure] = TABLE[role];
    it(`${role}: reports ${reports.join(", ") || "nothing"}; closure ${closure.join(", ") || "nothing"}; in its org and below only`, () => {
      for (const [place, orgPath] of Object.entries(PLACES)) {
        const inReach = place === "same" || place === "descendant";
        // The filer of an incident gains nothing here: reports and closing are the staff's.
        const record = { orgPath, ownerId: "me" };
        assert.deepEqual(allowedActions(actor(role), reportPolicy, Object.keys(reportPolicy) as (keyof typeof reportPolicy)[], record), inReach ? reports : [], `${role} reports at ${place}`);
        assert.deepEqual(allowedActions(actor(role), closurePolicy, Object.keys(closurePolicy) as (keyof typeof closurePolicy)[], record), inReach ? closure : [], `${role} closure at ${place}`);
      }
    });
  }
});
