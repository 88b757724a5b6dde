// Who may do what with incidents: every role on an incident it filed and on one filed by
// someone else, at every place relative to its org, written out so the rules can be read here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLES, type Role } from "@shared/roles.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions } from "../../policy/authorize.ts";
import { type IncidentPolicyAction, incidentPolicy } from "./policy.ts";

const PLACES = { same: "/county/a/", descendant: "/county/a/village/", ancestor: "/county/", sibling: "/county/b/", unrelated: "/other/x/" } as const;
const actor = (role: Role): Actor => ({ accountId: "me", username: "me", displayName: "测试者", orgId: "a", orgPath: PLACES.same, roles: [role], ip: null });
const ACTIONS = Object.keys(incidentPolicy) as IncidentPolicyAction[];

const OVERSEE: IncidentPolicyAction[] = ["read"];
const HANDLE: IncidentPolicyAction[] = ["read", "seeContact", "reportForOwnOrg", "reportForOrgBelow", "update", "addNote", "attach", "setLevel", "recordOnSite", "meetDeadline", "updateTask"];
/** What anyone may do with an incident it filed itself: read it all, send a later report, add a note or a file. */
const FILER: IncidentPolicyAction[] = ["read", "seeContact", "reportForOwnOrg", "update", "addNote", "attach"];

/** [on someone else's incident, on its own] in its org and below; nothing above, beside or elsewhere. */
const TABLE: Record<Role, [IncidentPolicyAction[], IncidentPolicyAction[]]> = {
  admin: [["read", "reportForOwnOrg", "reportForOrgBelow"], ["read", "seeContact", "reportForOwnOrg", "reportForOrgBelow", "update", "addNote", "attach"]],
  leader: [HANDLE, HANDLE],
  officer: [HANDLE, HANDLE],
  duty: [HANDLE, HANDLE],
  auditor: [[...OVERSEE, "reportForOwnOrg"], FILER],
  mediator: [["reportForOwnOrg"], FILER],
  inspector: [["reportForOwnOrg"], FILER],
  reporter: [["reportForOwnOrg"], FILER],
};

describe("incident policy: role × filer × place × action", () => {
  it("the table names every role", () => assert.deepEqual(Object.keys(TABLE).sort(), [...ROLES].sort()));
  for (const role of ROLES) {
    const [others, own] = TABLE[role];
    it(`${role}: ${others.join(", ")} on others' incidents and ${own.join(", ")} on its own, in its org and below; nothing elsewhere`, () => {
      for (const [place, orgPath] of Object.entries(PLACES)) {
        const inReach = place === "same" || place === "descendant";
        const sort = (list: IncidentPolicyAction[]) => ACTIONS.filter((a) => list.includes(a));
        assert.deepEqual(allowedActions(actor(role), incidentPolicy, ACTIONS, { orgPath, ownerId: "someone" }), inReach ? sort(others) : [], `${role} on others' at ${place}`);
        assert.deepEqual(allowedActions(actor(role), incidentPolicy, ACTIONS, { orgPath, ownerId: "me" }), inReach ? sort(own) : [], `${role} on its own at ${place}`);
      }
    });
  }
});
