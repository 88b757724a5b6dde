import { definePolicy } from "../../policy/authorize.ts";

/**
 * Reports upward are the staff's work, checked on the incident's org: the staff who oversee
 * incidents read them in their jurisdiction (the parent org reads what it received); those
 * who handle the incident draft, edit and send them; only a leader of the org or above
 * approves (签发) one. A reporter who filed the incident reads the incident, not its reports.
 */
export const reportPolicy = definePolicy({
  read: [{ roles: ["admin", "leader", "officer", "duty", "auditor"], scope: "subtree" }],
  draft: [{ roles: ["leader", "officer", "duty"], scope: "subtree" }],
  approve: [{ roles: ["leader"], scope: "subtree" }],
  send: [{ roles: ["leader", "officer", "duty"], scope: "subtree" }],
});

export type ReportPolicyAction = keyof typeof reportPolicy;
