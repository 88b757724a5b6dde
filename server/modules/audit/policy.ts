import { definePolicy } from "../../policy/authorize.ts";

/** The audit log is for auditors: it watches admins too, so admins do not read it. */
export const auditPolicy = definePolicy({
  read: [{ roles: ["auditor"], scope: "subtree" }],
  verify: [{ roles: ["auditor"], scope: "subtree" }],
});
