import { definePolicy } from "../../policy/authorize.ts";

/**
 * The screening report is the committee's own account of its work: the handlers of disputes
 * (leaders, officers, mediators) file it for an org of their jurisdiction — a village's own
 * committee, or the township office on its behalf. It carries no personal data, only counts,
 * so everyone who oversees the register there reads it: administrators and auditors too.
 * A parent org reads its children's through the same subtree rule.
 */
export const screeningReportPolicy = definePolicy({
  read: [{ roles: ["admin", "leader", "officer", "mediator", "auditor"], scope: "subtree" }],
  file: [{ roles: ["leader", "officer", "mediator"], scope: "subtree" }],
});
