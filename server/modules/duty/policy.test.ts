// Who may do what in the duty module: every role at every place relative to its org, and what
// being one of a shift's people (its owners) adds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLES, type Role } from "@shared/roles.ts";
import type { Actor } from "../../policy/actor.ts";
import { type Guarded, type Policy, allowedActions } from "../../policy/authorize.ts";
import { calendarFeedPolicy, handoverPolicy, protectionPolicy, shiftPolicy, statusReportPolicy } from "./policy.ts";

const PLACES = { same: "/county/a/", descendant: "/county/a/village/", ancestor: "/county/", sibling: "/county/b/", unrelated: "/other/x/" } as const;
const ME = "me";
const actor = (role: Role): Actor => ({ accountId: ME, username: "me", displayName: "测试者", orgId: "a", orgPath: PLACES.same, roles: [role], ip: null });
const WRITER = ["admin", "leader", "officer"];

/** What each role may do on a record of its own org or below, when it is not one of the record's owners. */
const TABLES: [string, Policy<string>, (role: Role) => string[]][] = [
  ["shifts", shiftPolicy, (role) => (WRITER.includes(role) ? ["read", "create", "update", "delete"] : ["read"])],
  ["hand-overs", handoverPolicy, (role) => (role === "duty" || role === "leader" ? ["read", "acknowledge"] : ["read"])],
  ["protection periods", protectionPolicy, (role) => (WRITER.includes(role) ? ["read", "create", "update"] : ["read"])],
  ["status reports", statusReportPolicy, (role) => (["admin", "leader", "officer", "duty"].includes(role) ? ["read", "file"] : ["read"])],
  ["org calendar feeds", calendarFeedPolicy, (role) => (WRITER.includes(role) ? ["read", "manageOrgFeed"] : [])],
];

for (const [name, policy, allowed] of TABLES) {
  describe(`${name} policy: role × place × action`, () => {
    const actions = Object.keys(policy);
    for (const role of ROLES) {
      it(`${role}: ${allowed(role).join(", ") || "nothing"} in its own org and below; nothing above, beside or elsewhere`, () => {
        for (const [place, orgPath] of Object.entries(PLACES)) {
          const expected = place === "same" || place === "descendant" ? allowed(role) : [];
          assert.deepEqual(allowedActions(actor(role), policy, actions, { orgPath }), expected, `${role} at ${place}`);
        }
      });
    }
  });
}

describe("the people of a shift", () => {
  const onShift = (orgPath: string): Guarded => ({ orgPath, ownerIds: ["someone", ME] });
  it("every role on the shift writes its log and hands it over; nobody else does, whatever the role", () => {
    for (const role of ROLES) {
      assert.deepEqual(allowedActions(actor(role), shiftPolicy, ["writeLog", "handOver"], onShift(PLACES.same)), ["writeLog", "handOver"], role);
      assert.deepEqual(allowedActions(actor(role), shiftPolicy, ["writeLog", "handOver"], { orgPath: PLACES.same, ownerIds: ["someone"] }), [], role);
    }
  });

  it("being named on a shift outside one's jurisdiction gives nothing", () => {
    assert.deepEqual(allowedActions(actor("duty"), shiftPolicy, Object.keys(shiftPolicy) as (keyof typeof shiftPolicy)[], onShift(PLACES.sibling)), []);
  });

  it("the people of the next shift acknowledge a hand-over whatever their role", () => {
    assert.deepEqual(allowedActions(actor("officer"), handoverPolicy, ["acknowledge"], { orgPath: PLACES.same, ownerIds: [ME] }), ["acknowledge"]);
    assert.deepEqual(allowedActions(actor("officer"), handoverPolicy, ["acknowledge"], { orgPath: PLACES.same, ownerIds: [] }), []);
  });

  it("a person's own calendar feed is managed by that person only", () => {
    for (const role of ROLES) {
      assert.deepEqual(allowedActions(actor(role), calendarFeedPolicy, ["managePersonFeed"], { orgPath: PLACES.same, ownerId: ME }), ["managePersonFeed"], role);
      assert.deepEqual(allowedActions(actor(role), calendarFeedPolicy, ["managePersonFeed"], { orgPath: PLACES.same, ownerId: "someone" }), [], role);
    }
  });
});
