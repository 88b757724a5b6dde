import { ROLES } from "@shared/roles.ts";
import { definePolicy } from "../../policy/authorize.ts";

/** The people who write rosters and declare protection periods. */
const WRITERS = ["admin", "leader", "officer"] as const;

/**
 * Everyone reads the rosters of their jurisdiction; admins, leaders and officers write them.
 * The logbook and the hand-over belong to the people of the shift: a record guarded with the
 * shift's officers and leader as its owners (`ownerIds`).
 */
export const shiftPolicy = definePolicy({
  read: [{ roles: ROLES, scope: "subtree" }],
  create: [{ roles: WRITERS, scope: "subtree" }],
  update: [{ roles: WRITERS, scope: "subtree" }],
  delete: [{ roles: WRITERS, scope: "subtree" }],
  writeLog: [{ roles: ROLES, scope: "own" }],
  handOver: [{ roles: ROLES, scope: "own" }],
});

/**
 * A hand-over is acknowledged by the incoming side: the people of the org's next shift (its
 * owners), or any duty officer or leader whose jurisdiction holds the org.
 */
export const handoverPolicy = definePolicy({
  read: [{ roles: ROLES, scope: "subtree" }],
  acknowledge: [
    { roles: ROLES, scope: "own" },
    { roles: ["duty", "leader"], scope: "subtree" },
  ],
});

/**
 * A protection period is declared by an org for orgs of its subtree; it is guarded by the
 * declaring org, and also readable from each covered org (whose people must report).
 */
export const protectionPolicy = definePolicy({
  read: [{ roles: ROLES, scope: "subtree" }],
  create: [{ roles: WRITERS, scope: "subtree" }],
  update: [{ roles: WRITERS, scope: "subtree" }],
});

/** The daily status report of a covered org, guarded by that org: its staff file it, reporters excepted. */
export const statusReportPolicy = definePolicy({
  read: [{ roles: ROLES, scope: "subtree" }],
  file: [{ roles: ["admin", "leader", "officer", "duty"], scope: "subtree" }],
});

/**
 * Calendar feeds: an org's roster feed is managed by the people who write that roster; a
 * person's own feed only by that person (guarded with the account as owner).
 */
export const calendarFeedPolicy = definePolicy({
  read: [
    { roles: WRITERS, scope: "subtree" },
    { roles: ROLES, scope: "own" },
  ],
  manageOrgFeed: [{ roles: WRITERS, scope: "subtree" }],
  managePersonFeed: [{ roles: ROLES, scope: "own" }],
});
