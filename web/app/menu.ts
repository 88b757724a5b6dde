import type { Role } from "@shared/roles.ts";
import type { MessageKey } from "./i18n/zh.ts";

/** The modules of the menu, each shown only to the roles that can use it (the server enforces the same). */
export const MENU: { key: "board" | "duty" | "report" | "incidents" | "inbox" | "disputes" | "roster" | "protection" | "screening" | "orgs" | "accounts" | "groups" | "plans" | "disputeStats" | "disputeTypes" | "audit" | "profile"; path: string; label: MessageKey; roles: readonly Role[] | "all" }[] = [
  { key: "duty", path: "/duty", label: "menuDutyDesk", roles: ["admin", "leader", "officer", "duty"] },
  { key: "board", path: "/board", label: "menuLiveBoard", roles: ["admin", "leader", "officer", "duty"] },
  { key: "report", path: "/report", label: "menuReportIncident", roles: "all" },
  { key: "incidents", path: "/incidents", label: "menuIncidents", roles: "all" },
  { key: "inbox", path: "/incident-reports", label: "menuReportInbox", roles: ["admin", "leader", "officer", "duty", "auditor"] },
  { key: "disputes", path: "/disputes", label: "menuDisputes", roles: ["admin", "leader", "officer", "mediator", "duty", "auditor", "reporter"] },
  { key: "screening", path: "/disputes/screening", label: "menuScreening", roles: ["admin", "leader", "officer", "mediator", "auditor"] },
  { key: "disputeStats", path: "/disputes/stats", label: "menuDisputeStats", roles: ["admin", "leader", "officer", "mediator", "auditor"] },
  { key: "disputeTypes", path: "/disputes/types", label: "menuDisputeTypes", roles: ["admin"] },
  { key: "roster", path: "/roster", label: "menuRoster", roles: "all" },
  { key: "protection", path: "/protection", label: "menuProtection", roles: ["admin", "leader", "officer", "duty", "mediator", "inspector"] },
  { key: "orgs", path: "/orgs", label: "menuOrgs", roles: "all" },
  { key: "accounts", path: "/accounts", label: "menuAccounts", roles: ["admin", "leader", "officer", "auditor"] },
  { key: "groups", path: "/groups", label: "menuGroups", roles: "all" },
  { key: "plans", path: "/plans", label: "menuPlans", roles: "all" },
  { key: "audit", path: "/audit", label: "menuAudit", roles: ["auditor"] },
  { key: "profile", path: "/profile", label: "menuProfile", roles: "all" },
];
