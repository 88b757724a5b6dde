// "Who is on duty now" for an org: its own shift under way, or else the nearest ancestor's.
// Incidents use the same rule to find whom to notify first.
import type { OnDuty } from "@shared/duty/schemas.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { notFound } from "../../http/errors.ts";
import { authorize } from "../../policy/authorize.ts";
import { orgPolicy } from "../orgs/policy.ts";
import { type OrgRow, findOrg } from "../orgs/queries.ts";
import { findPeople, findShiftsAt } from "./queries.ts";
import { peopleOf } from "./shift-service.ts";

/** An org as far as finding who is on duty needs it: itself and the orgs above it (its path). */
export type OrgPlace = Pick<OrgRow, "id" | "path">;

/**
 * The shifts under way at `at` in the org, or, when nobody is on duty there, in its nearest
 * ancestor that has someone; an empty answer when no org up the tree has anyone. People come
 * with their phones: reaching the person on duty is what this answer is for.
 */
export async function resolveOnDuty(tx: Db, org: OrgPlace, at: Date): Promise<OnDuty> {
  const orgId = org.id;
  // The org's path lists the ids from the root down to it: nearest first is that list reversed.
  const chain = org.path.split("/").filter(Boolean).reverse();
  const underway = await findShiftsAt(tx, chain, at);
  const answering = chain.find((id) => underway.some(({ shift }) => shift.orgId === id));
  if (!answering) return { orgId, at: at.toISOString(), resolvedFrom: null, inherited: false, shifts: [] };
  const found = underway.filter(({ shift }) => shift.orgId === answering);
  const people = new Map((await findPeople(tx, found.flatMap(({ shift }) => peopleOf(shift)))).map((p) => [p.id, p]));
  const contact = (id: string) => ({ id, displayName: people.get(id)?.displayName ?? "", phone: people.get(id)?.phone ?? null });
  return {
    orgId,
    at: at.toISOString(),
    resolvedFrom: { id: found[0]!.org.id, name: found[0]!.org.name },
    inherited: answering !== orgId,
    shifts: found.map(({ shift }) => ({
      id: shift.id,
      startsAt: shift.startsAt.toISOString(),
      endsAt: shift.endsAt.toISOString(),
      phone: shift.phone,
      officers: shift.officerIds.map(contact),
      leader: shift.leaderId ? contact(shift.leaderId) : null,
    })),
  };
}

/** On duty at an org of the caller's jurisdiction; the answer may come from an org above it. */
export async function onDutyAt({ actor, input, tx, clock }: Action<{ id: string; at?: string | undefined }>) {
  const org = await findOrg(tx, input.id);
  if (!org || !authorize(actor, orgPolicy, "read", { orgPath: org.path })) throw notFound();
  return resolveOnDuty(tx, org, input.at ? new Date(input.at) : clock.now());
}
