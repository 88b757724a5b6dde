// Who receives a live event: the policy layer's answer for the record the event is about,
// from what the event row stored of it (org path, filer), so a client learns of exactly the
// changes it could read by asking the API.
import type { Actor } from "../policy/actor.ts";
import { authorize } from "../policy/authorize.ts";
import { disputePolicy } from "../modules/disputes/policy.ts";
import { incidentPolicy } from "../modules/incidents/policy.ts";

export interface ScopedEvent {
  orgPath: string;
  ownerId: string | null;
  recipientId: string | null;
  disputeId: string | null;
}

/**
 * A notification event goes to its recipient alone. A dispute's event goes to whoever may
 * read the dispute. Every other event is about an incident (its deadlines and tasks
 * included) and goes to whoever may read the incident: staff of its jurisdiction and its
 * filer. A module that publishes events about other records names their read policy here.
 */
export function mayReceive(actor: Actor, event: ScopedEvent): boolean {
  if (event.recipientId !== null) return event.recipientId === actor.accountId;
  const record = { orgPath: event.orgPath, ownerId: event.ownerId };
  if (event.disputeId !== null) return authorize(actor, disputePolicy, "read", record);
  return authorize(actor, incidentPolicy, "read", record);
}
