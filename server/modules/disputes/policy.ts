import { ROLES } from "@shared/roles.ts";
import { definePolicy } from "../../policy/authorize.ts";

/** The staff who take disputes on: the mediators, the governance office and its leaders. */
const HANDLERS = ["leader", "officer", "mediator"] as const;

/**
 * Disputes are read in the caller's jurisdiction (a village mediator sees the village's, the
 * township all of its villages'); by the duty room, which takes the calls that bring many of
 * them; by auditors; and by whoever registered one (a reporter sees only its own).
 * Identities (ID numbers, phones, agents' contacts) are unmasked in the full record only for
 * the handlers, the administrator and the filer (PIPL: masked unless the role needs them);
 * lists mask them for everyone. Anyone but an auditor, who changes nothing, registers for
 * their own org; staff also for an org below. The handlers correct the register; so does the
 * filer, who knows what they wrote. Only the handlers decide whether the committee takes a case
 * (受理 or 不予受理), who mediates it and whether its deadline moves: a filer who is not one of
 * them asked for mediation and does not decide it. The same handlers mediate: they record
 * sessions, the outcome and its agreement, follow-up visits and referrals, and move a case up
 * to the township or county when it is beyond them, and attach the files the mediation leaves
 * (signed attendance sheets, statements, the signed agreement).
 */
export const disputePolicy = definePolicy({
  read: [
    { roles: ["admin", ...HANDLERS, "duty", "auditor"], scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  seeIdentity: [
    { roles: ["admin", ...HANDLERS], scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  registerForOwnOrg: [{ roles: ROLES.filter((role) => role !== "auditor"), scope: "subtree" }],
  registerForOrgBelow: [{ roles: ["admin", ...HANDLERS, "duty"], scope: "subtree" }],
  update: [
    { roles: HANDLERS, scope: "subtree" },
    { roles: ROLES.filter((role) => role !== "auditor"), scope: "own" },
  ],
  accept: [{ roles: HANDLERS, scope: "subtree" }],
  refuse: [{ roles: HANDLERS, scope: "subtree" }],
  extend: [{ roles: HANDLERS, scope: "subtree" }],
  assignMediators: [{ roles: HANDLERS, scope: "subtree" }],
  recordSession: [{ roles: HANDLERS, scope: "subtree" }],
  conclude: [{ roles: HANDLERS, scope: "subtree" }],
  recordFollowUp: [{ roles: HANDLERS, scope: "subtree" }],
  refer: [{ roles: HANDLERS, scope: "subtree" }],
  recordReferralResult: [{ roles: HANDLERS, scope: "subtree" }],
  moveUp: [{ roles: HANDLERS, scope: "subtree" }],
  attach: [{ roles: HANDLERS, scope: "subtree" }],
});

export type DisputePolicyAction = keyof typeof disputePolicy;
