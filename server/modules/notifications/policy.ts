import { ROLES } from "@shared/roles.ts";
import { definePolicy } from "../../policy/authorize.ts";

/**
 * A notification is its recipient's alone: only they list, acknowledge and confirm it (the
 * record's owner is the recipient, its org the recipient's org). Anyone else gets 404.
 */
export const notificationPolicy = definePolicy({
  read: [{ roles: ROLES, scope: "own" }],
  acknowledge: [{ roles: ROLES, scope: "own" }],
});

/** An org's webhook is deployment plumbing: its admins and those above set and see it. */
export const webhookPolicy = definePolicy({
  read: [{ roles: ["admin"], scope: "subtree" }],
  manage: [{ roles: ["admin"], scope: "subtree" }],
});
