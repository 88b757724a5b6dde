// The policy layer without a database: every role against every org relation, for the org
// and account policies, written out as explicit rows so the rules can be read here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AccountAction } from "@shared/accounts/schemas.ts";
import { OrgAction } from "@shared/orgs/schemas.ts";
import { ROLES, type Role } from "@shared/roles.ts";
import { AppError } from "../http/errors.ts";
import { accountPolicy } from "../modules/accounts/policy.ts";
import { orgPolicy } from "../modules/orgs/policy.ts";
import type { Actor } from "./actor.ts";
import { allowedActions, authorize, requireAccess } from "./authorize.ts";

const ME = "00000000-0000-4000-8000-000000000001";
const SOMEONE_ELSE = "00000000-0000-4000-8000-000000000002";

/** Every actor sits in township A of a county; records sit at these places relative to it. */
const ACTOR_ORG = "/county/townshipA/";
const PATHS = {
  same: ACTOR_ORG,
  ancestor: "/county/",
  descendant: "/county/townshipA/villageA/",
  sibling: "/county/townshipB/",
  unrelated: "/otherCounty/townshipX/",
} as const;
type Relation = keyof typeof PATHS;
const RELATIONS = Object.keys(PATHS) as Relation[];

const actorWith = (roles: Role[], orgPath = ACTOR_ORG): Actor => ({
  accountId: ME,
  username: "actor",
  displayName: "测试者",
  orgId: "townshipA",
  orgPath,
  roles,
  ip: null,
});

/** Asserts that the rows name each (role, place) exactly once, so a new role cannot go untested. */
function assertCovers(rows: readonly (readonly [Role, string, readonly string[]])[], places: readonly string[]) {
  const seen = rows.map(([role, place]) => `${role} × ${place}`);
  assert.equal(new Set(seen).size, seen.length, "a row is listed twice");
  assert.deepEqual([...seen].sort(), ROLES.flatMap((role) => places.map((place) => `${role} × ${place}`)).sort());
}

// ---------------------------------------------------------------------------------------
// Orgs: everyone reads their subtree; admins create and edit in it; an admin moves,
// deactivates and reactivates only orgs strictly below their own.
// ---------------------------------------------------------------------------------------
type OrgPolicyAction = keyof typeof orgPolicy;
const ORG_POLICY_ACTIONS: OrgPolicyAction[] = ["read", "createChild", "update", "move", "deactivate", "reactivate"];
const ADMIN_OWN_ORG: OrgPolicyAction[] = ["read", "createChild", "update"];
const ADMIN_BELOW: OrgPolicyAction[] = ["read", "createChild", "update", "move", "deactivate", "reactivate"];
const READ: ["read"] = ["read"];
const NOTHING: [] = [];

const ORG_TABLE: [Role, Relation, OrgPolicyAction[]][] = [
  ["admin", "same", ADMIN_OWN_ORG],
  ["admin", "ancestor", NOTHING],
  ["admin", "descendant", ADMIN_BELOW],
  ["admin", "sibling", NOTHING],
  ["admin", "unrelated", NOTHING],
  ["leader", "same", READ],
  ["leader", "ancestor", NOTHING],
  ["leader", "descendant", READ],
  ["leader", "sibling", NOTHING],
  ["leader", "unrelated", NOTHING],
  ["officer", "same", READ],
  ["officer", "ancestor", NOTHING],
  ["officer", "descendant", READ],
  ["officer", "sibling", NOTHING],
  ["officer", "unrelated", NOTHING],
  ["duty", "same", READ],
  ["duty", "ancestor", NOTHING],
  ["duty", "descendant", READ],
  ["duty", "sibling", NOTHING],
  ["duty", "unrelated", NOTHING],
  ["mediator", "same", READ],
  ["mediator", "ancestor", NOTHING],
  ["mediator", "descendant", READ],
  ["mediator", "sibling", NOTHING],
  ["mediator", "unrelated", NOTHING],
  ["inspector", "same", READ],
  ["inspector", "ancestor", NOTHING],
  ["inspector", "descendant", READ],
  ["inspector", "sibling", NOTHING],
  ["inspector", "unrelated", NOTHING],
  ["reporter", "same", READ],
  ["reporter", "ancestor", NOTHING],
  ["reporter", "descendant", READ],
  ["reporter", "sibling", NOTHING],
  ["reporter", "unrelated", NOTHING],
  ["auditor", "same", READ],
  ["auditor", "ancestor", NOTHING],
  ["auditor", "descendant", READ],
  ["auditor", "sibling", NOTHING],
  ["auditor", "unrelated", NOTHING],
];

describe("org policy: role × org relation × action", () => {
  it("the table names every role at every relation, and every action of the policy", () => {
    assertCovers(ORG_TABLE, RELATIONS);
    assert.deepEqual(Object.keys(orgPolicy).sort(), [...ORG_POLICY_ACTIONS].sort());
  });

  for (const [role, relation, allowed] of ORG_TABLE) {
    it(`${role} of township A on ${relation === "same" ? "its own org" : `an org that is its ${relation}`}: ${allowed.join(", ") || "nothing"}`, () => {
      const actor = actorWith([role]);
      const record = { orgPath: PATHS[relation] };
      for (const action of ORG_POLICY_ACTIONS) {
        assert.equal(authorize(actor, orgPolicy, action, record), allowed.includes(action), `${role} ${action} on ${relation}`);
      }
      assert.deepEqual(allowedActions(actor, orgPolicy, ORG_POLICY_ACTIONS, record), allowed);
    });
  }
});

// ---------------------------------------------------------------------------------------
// Accounts: leaders, officers and auditors read their subtree's accounts; everyone reads
// their own; contact data is unmasked only for admins and for one's own account; only
// admins manage accounts.
// ---------------------------------------------------------------------------------------
type AccountPolicyAction = keyof typeof accountPolicy;
const ACCOUNT_POLICY_ACTIONS: AccountPolicyAction[] = ["read", "seeContact", "create", "update", "resetPassword", "deactivate", "reactivate"];

/** Where an account record sits: the actor's own account, or another person's account at one of the org relations. */
const ACCOUNT_PLACES = {
  own: { orgPath: PATHS.same, ownerId: ME },
  same: { orgPath: PATHS.same, ownerId: SOMEONE_ELSE },
  ancestor: { orgPath: PATHS.ancestor, ownerId: SOMEONE_ELSE },
  descendant: { orgPath: PATHS.descendant, ownerId: SOMEONE_ELSE },
  sibling: { orgPath: PATHS.sibling, ownerId: SOMEONE_ELSE },
  unrelated: { orgPath: PATHS.unrelated, ownerId: SOMEONE_ELSE },
} as const;
type AccountPlace = keyof typeof ACCOUNT_PLACES;

const MANAGE: AccountPolicyAction[] = ["read", "seeContact", "create", "update", "resetPassword", "deactivate", "reactivate"];
const READ_MASKED: AccountPolicyAction[] = ["read"];
const OWN_ONLY: AccountPolicyAction[] = ["read", "seeContact"];

const ACCOUNT_TABLE: [Role, AccountPlace, AccountPolicyAction[]][] = [
  ["admin", "own", MANAGE],
  ["admin", "same", MANAGE],
  ["admin", "ancestor", NOTHING],
  ["admin", "descendant", MANAGE],
  ["admin", "sibling", NOTHING],
  ["admin", "unrelated", NOTHING],
  ["leader", "own", OWN_ONLY],
  ["leader", "same", READ_MASKED],
  ["leader", "ancestor", NOTHING],
  ["leader", "descendant", READ_MASKED],
  ["leader", "sibling", NOTHING],
  ["leader", "unrelated", NOTHING],
  ["officer", "own", OWN_ONLY],
  ["officer", "same", READ_MASKED],
  ["officer", "ancestor", NOTHING],
  ["officer", "descendant", READ_MASKED],
  ["officer", "sibling", NOTHING],
  ["officer", "unrelated", NOTHING],
  ["auditor", "own", OWN_ONLY],
  ["auditor", "same", READ_MASKED],
  ["auditor", "ancestor", NOTHING],
  ["auditor", "descendant", READ_MASKED],
  ["auditor", "sibling", NOTHING],
  ["auditor", "unrelated", NOTHING],
  ["duty", "own", OWN_ONLY],
  ["duty", "same", NOTHING],
  ["duty", "ancestor", NOTHING],
  ["duty", "descendant", NOTHING],
  ["duty", "sibling", NOTHING],
  ["duty", "unrelated", NOTHING],
  ["mediator", "own", OWN_ONLY],
  ["mediator", "same", NOTHING],
  ["mediator", "ancestor", NOTHING],
  ["mediator", "descendant", NOTHING],
  ["mediator", "sibling", NOTHING],
  ["mediator", "unrelated", NOTHING],
  ["inspector", "own", OWN_ONLY],
  ["inspector", "same", NOTHING],
  ["inspector", "ancestor", NOTHING],
  ["inspector", "descendant", NOTHING],
  ["inspector", "sibling", NOTHING],
  ["inspector", "unrelated", NOTHING],
  ["reporter", "own", OWN_ONLY],
  ["reporter", "same", NOTHING],
  ["reporter", "ancestor", NOTHING],
  ["reporter", "descendant", NOTHING],
  ["reporter", "sibling", NOTHING],
  ["reporter", "unrelated", NOTHING],
];

describe("account policy: role × account relation × action", () => {
  it("the table names every role at every place, and every action of the policy", () => {
    assertCovers(ACCOUNT_TABLE, Object.keys(ACCOUNT_PLACES));
    assert.deepEqual(Object.keys(accountPolicy).sort(), [...ACCOUNT_POLICY_ACTIONS].sort());
  });

  for (const [role, place, allowed] of ACCOUNT_TABLE) {
    const where = place === "own" ? "its own account" : `another person's account in ${place === "same" ? "its own org" : `an org that is its ${place}`}`;
    it(`${role} of township A on ${where}: ${allowed.join(", ") || "nothing"}`, () => {
      const actor = actorWith([role]);
      const record = ACCOUNT_PLACES[place];
      for (const action of ACCOUNT_POLICY_ACTIONS) {
        assert.equal(authorize(actor, accountPolicy, action, record), allowed.includes(action), `${role} ${action} on ${place}`);
      }
      assert.deepEqual(allowedActions(actor, accountPolicy, ACCOUNT_POLICY_ACTIONS, record), allowed);
    });
  }

  it("the own scope needs both the owner and the jurisdiction: a record owned by the actor but filed outside its subtree is out of reach", () => {
    const reporter = actorWith(["reporter"]);
    assert.equal(authorize(reporter, accountPolicy, "read", { orgPath: PATHS.same, ownerId: ME }), true);
    assert.equal(authorize(reporter, accountPolicy, "read", { orgPath: PATHS.descendant, ownerId: ME }), true);
    assert.equal(authorize(reporter, accountPolicy, "read", { orgPath: PATHS.sibling, ownerId: ME }), false);
    assert.equal(authorize(reporter, accountPolicy, "read", { orgPath: PATHS.same }), false, "a record without an owner is nobody's own");
    assert.equal(authorize(reporter, accountPolicy, "read", { orgPath: PATHS.same, ownerId: null }), false);
  });
});

describe("rules shared by every policy", () => {
  it("a jurisdiction is a whole path segment: an org whose id merely starts like the actor's is not inside it", () => {
    const admin = actorWith(["admin"], "/county/town/");
    assert.equal(authorize(admin, orgPolicy, "read", { orgPath: "/county/town/village/" }), true);
    assert.equal(authorize(admin, orgPolicy, "read", { orgPath: "/county/townhall/" }), false);
    assert.equal(authorize(admin, orgPolicy, "read", { orgPath: "/county/town" }), false);
  });

  it("an actor with several roles may do what any one of them allows", () => {
    const reporterAndAuditor = actorWith(["reporter", "auditor"]);
    const colleague = ACCOUNT_PLACES.same;
    assert.deepEqual(allowedActions(reporterAndAuditor, accountPolicy, ACCOUNT_POLICY_ACTIONS, colleague), ["read"]);
    const officerAndAdmin = actorWith(["officer", "admin"]);
    assert.deepEqual(allowedActions(officerAndAdmin, orgPolicy, ORG_POLICY_ACTIONS, { orgPath: PATHS.descendant }), ADMIN_BELOW);
  });

  it("an actor without roles may do nothing, not even read its own org or account", () => {
    const nobody = actorWith([]);
    assert.deepEqual(allowedActions(nobody, orgPolicy, ORG_POLICY_ACTIONS, { orgPath: PATHS.same }), []);
    assert.deepEqual(allowedActions(nobody, accountPolicy, ACCOUNT_POLICY_ACTIONS, ACCOUNT_PLACES.own), []);
  });

  it("allowedActions keeps the order of the actions it is asked about, which is the order of the UI's buttons", () => {
    const admin = actorWith(["admin"]);
    assert.deepEqual(allowedActions(admin, orgPolicy, OrgAction.options, { orgPath: PATHS.same }), ["update", "createChild"]);
    assert.deepEqual(allowedActions(admin, orgPolicy, OrgAction.options, { orgPath: PATHS.descendant }), ["update", "move", "deactivate", "reactivate", "createChild"]);
    assert.deepEqual(allowedActions(actorWith(["officer"]), orgPolicy, OrgAction.options, { orgPath: PATHS.same }), []);
    assert.deepEqual(allowedActions(admin, accountPolicy, AccountAction.options, ACCOUNT_PLACES.descendant), ["update", "resetPassword", "deactivate", "reactivate"]);
    assert.deepEqual(allowedActions(actorWith(["leader"]), accountPolicy, AccountAction.options, ACCOUNT_PLACES.own), []);
  });
});

describe("requireAccess: 404 for what the actor may not read, 403 for what it may read but not act on", () => {
  const refusal = (run: () => void): { status: number; code: string } | null => {
    try {
      run();
      return null;
    } catch (error) {
      assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
      return { status: error.status, code: error.code };
    }
  };
  const NOT_FOUND = { status: 404, code: "notFound" };
  const FORBIDDEN = { status: 403, code: "forbidden" };

  const cases: [string, Role, "org" | "account", string, { orgPath: string; ownerId?: string }, typeof NOT_FOUND | null][] = [
    ["an admin updates its own org", "admin", "org", "update", { orgPath: PATHS.same }, null],
    ["an admin moves an org below its own", "admin", "org", "move", { orgPath: PATHS.descendant }, null],
    ["an admin moves its own org (readable, but only orgs below may move)", "admin", "org", "move", { orgPath: PATHS.same }, FORBIDDEN],
    ["an admin deactivates its own org", "admin", "org", "deactivate", { orgPath: PATHS.same }, FORBIDDEN],
    ["an admin updates the county above it", "admin", "org", "update", { orgPath: PATHS.ancestor }, NOT_FOUND],
    ["an admin updates a sibling township", "admin", "org", "update", { orgPath: PATHS.sibling }, NOT_FOUND],
    ["an admin reads an org of another county", "admin", "org", "read", { orgPath: PATHS.unrelated }, NOT_FOUND],
    ["an officer reads its own org", "officer", "org", "read", { orgPath: PATHS.same }, null],
    ["an officer updates its own org", "officer", "org", "update", { orgPath: PATHS.same }, FORBIDDEN],
    ["an officer creates under a village below", "officer", "org", "createChild", { orgPath: PATHS.descendant }, FORBIDDEN],
    ["an officer updates a sibling township", "officer", "org", "update", { orgPath: PATHS.sibling }, NOT_FOUND],
    ["a reporter reads its own account", "reporter", "account", "read", ACCOUNT_PLACES.own, null],
    ["a reporter updates its own account", "reporter", "account", "update", ACCOUNT_PLACES.own, FORBIDDEN],
    ["a reporter reads a colleague's account", "reporter", "account", "read", ACCOUNT_PLACES.same, NOT_FOUND],
    ["a reporter resets a colleague's password", "reporter", "account", "resetPassword", ACCOUNT_PLACES.same, NOT_FOUND],
    ["a leader reads a colleague's account", "leader", "account", "read", ACCOUNT_PLACES.same, null],
    ["a leader deactivates a colleague's account", "leader", "account", "deactivate", ACCOUNT_PLACES.same, FORBIDDEN],
    ["a leader reads an account of a sibling township", "leader", "account", "read", ACCOUNT_PLACES.sibling, NOT_FOUND],
    ["an admin resets a password in a village below", "admin", "account", "resetPassword", ACCOUNT_PLACES.descendant, null],
    ["an admin resets a password in a sibling township", "admin", "account", "resetPassword", ACCOUNT_PLACES.sibling, NOT_FOUND],
  ];

  for (const [name, role, kind, action, record, expected] of cases) {
    it(`${name}: ${expected ? expected.status : "allowed"}`, () => {
      const actor = actorWith([role]);
      const got =
        kind === "org"
          ? refusal(() => requireAccess(actor, orgPolicy, action as OrgPolicyAction, record))
          : refusal(() => requireAccess(actor, accountPolicy, action as AccountPolicyAction, record));
      assert.deepEqual(got, expected);
    });
  }
});
