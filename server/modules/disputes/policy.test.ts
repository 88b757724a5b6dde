// Who may do what with disputes: every role on a dispute it registered and on one registered
// by someone else, at every place relative to its org, written out so the rules can be read here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLES, type Role } from "@shared/roles.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions } from "../../policy/authorize.ts";
import { type DisputePolicyAction, disputePolicy } from "./policy.ts";

const PLACES = { same: "/county/a/", descendant: "/county/a/village/", ancestor: "/county/", sibling: "/county/b/", unrelated: "/other/x/" } as const;
const actor = (role: Role): Actor => ({ accountId: "me", username: "me", displayName: "测试者", orgId: "a", orgPath: PLACES.same, roles: [role], ip: null });
const ACTIONS = Object.keys(disputePolicy) as DisputePolicyAction[];

/** The handlers decide and mediate: acceptance, mediators, deadline, sessions, outcome, follow-up, referral, moving up, the files. */
const HANDLE: DisputePolicyAction[] = [
  "read",
  "seeIdentity",
  "registerForOwnOrg",
  "registerForOrgBelow",
  "update",
  "accept",
  "refuse",
  "extend",
  "assignMediators",
  "recordSession",
  "conclude",
  "recordFollowUp",
  "refer",
  "recordReferralResult",
  "moveUp",
  "attach",
];
/** Staff who are not handlers, on a dispute they registered: everything but deciding it. */
const FILER_STAFF: DisputePolicyAction[] = ["read", "seeIdentity", "registerForOwnOrg", "registerForOrgBelow", "update"];
/** What anyone but an auditor may do with a dispute it registered itself: read it whole and correct it. */
const FILER: DisputePolicyAction[] = ["read", "seeIdentity", "registerForOwnOrg", "update"];

/** [on someone else's dispute, on its own] in its org and below; nothing above, beside or elsewhere. */
const TABLE: Record<Role, [DisputePolicyAction[], DisputePolicyAction[]]> = {
  admin: [["read", "seeIdentity", "registerForOwnOrg", "registerForOrgBelow"], FILER_STAFF],
  leader: [HANDLE, HANDLE],
  officer: [HANDLE, HANDLE],
  mediator: [HANDLE, HANDLE],
  duty: [["read", "registerForOwnOrg", "registerForOrgBelow"], FILER_STAFF],
  auditor: [["read"], ["read", "seeIdentity"]],
  inspector: [["registerForOwnOrg"], FILER],
  reporter: [["registerForOwnOrg"], FILER],
};

describe("dispute policy: role × filer × place × action", () => {
  it("the table names every role", () => assert.deepEqual(Object.keys(TABLE).sort(), [...ROLES].sort()));
  for (const role of ROLES) {
    const [others, own] = TABLE[role];
    it(`${role}: ${others.join(", ")} on others' disputes and ${own.join(", ")} on its own, in its org and below; nothing elsewhere`, () => {
      for (const [place, orgPath] of Object.entries(PLACES)) {
        const inReach = place === "same" || place === "descendant";
        const sort = (list: DisputePolicyAction[]) => ACTIONS.filter((a) => list.includes(a));
        assert.deepEqual(allowedActions(actor(role), disputePolicy, ACTIONS, { orgPath, ownerId: "someone" }), inReach ? sort(others) : [], `${role} on others' at ${place}`);
        assert.deepEqual(allowedActions(actor(role), disputePolicy, ACTIONS, { orgPath, ownerId: "me" }), inReach ? sort(own) : [], `${role} on its own at ${place}`);
      }
    });
  }
});
