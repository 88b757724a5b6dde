import { ROLES } from "@shared/roles.ts";
import { definePolicy } from "../../policy/authorize.ts";

/** The staff who handle incidents (处置): they open them, change the level and run the response. */
const HANDLERS = ["leader", "officer", "duty"] as const;

/**
 * Incidents are read in the caller's jurisdiction by the staff who handle or oversee them,
 * and by whoever filed one (a village reporter sees only what they filed). Anyone signed in
 * reports for their own org (`reportForOwnOrg`, checked on the actor's own org); staff also
 * for an org below (`reportForOrgBelow`). A later report comes from the
 * handlers or from the person who filed the first, who may also add notes and files. The reporter's contact is unmasked for
 * the handlers and the filer (PIPL: masked unless the role needs it).
 */
export const incidentPolicy = definePolicy({
  read: [
    { roles: ["admin", "leader", "officer", "duty", "auditor"], scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  seeContact: [
    { roles: HANDLERS, scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  reportForOwnOrg: [{ roles: ROLES, scope: "subtree" }],
  reportForOrgBelow: [{ roles: ["admin", ...HANDLERS], scope: "subtree" }],
  update: [
    { roles: HANDLERS, scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  addNote: [
    { roles: HANDLERS, scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  /** Files are evidence added to the record, as notes are: the same people. */
  attach: [
    { roles: HANDLERS, scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  setLevel: [{ roles: HANDLERS, scope: "subtree" }],
  recordOnSite: [{ roles: HANDLERS, scope: "subtree" }],
  meetDeadline: [{ roles: HANDLERS, scope: "subtree" }],
  updateTask: [{ roles: HANDLERS, scope: "subtree" }],
});

export type IncidentPolicyAction = keyof typeof incidentPolicy;
