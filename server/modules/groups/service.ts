import type { AddMemberInput, CreateGroupInput, RemoveMemberInput, UpdateGroupInput } from "@shared/groups/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, type FieldError, forbidden, invalidField, notFound, staleVersion } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { findActiveAccountsWithin } from "../accounts/queries.ts";
import { orgPolicy } from "../orgs/policy.ts";
import { findOrg } from "../orgs/queries.ts";
import { findPlan } from "../plans/queries.ts";
import { groupPolicy } from "./policy.ts";
import * as q from "./queries.ts";

async function loadGroup(tx: Db, actor: Actor, id: string, action: keyof typeof groupPolicy) {
  const found = await q.findGroup(tx, id);
  if (!found) throw notFound();
  requireAccess(actor, groupPolicy, action, { orgPath: found.org.path });
  return found;
}

/** A group is set up in an org: a missing org and one out of reach answer alike (404). */
async function loadTargetOrg(tx: Db, actor: Actor, orgId: string) {
  const org = await findOrg(tx, orgId);
  if (!org || !authorize(actor, orgPolicy, "read", { orgPath: org.path })) throw notFound();
  if (!authorize(actor, groupPolicy, "create", { orgPath: org.path })) throw forbidden();
  if (!org.active) throw invalidField("orgId", "org.inactive");
  return org;
}

/** Members are active accounts of the group's org or an org below it; each other id is named. */
async function checkMembers(tx: Db, orgPath: string, accountIds: string[], fieldOf: (index: number) => string) {
  const reachable = new Set((await findActiveAccountsWithin(tx, accountIds, orgPath)).map((account) => account.id));
  const fields: FieldError[] = accountIds.flatMap((id, index) => (reachable.has(id) ? [] : [{ field: fieldOf(index), message: "group.memberOutOfReach" }]));
  if (fields.length > 0) throw new AppError(400, "validation", { fields });
}

/** Only a working group has a parent, and it is a leadership group of the same org. */
async function checkParent(tx: Db, orgId: string, kind: string, parentId: string | null | undefined) {
  if (!parentId) return;
  if (kind !== "working") throw invalidField("parentId", "group.leadershipHasNoParent");
  const [parent] = await q.findGroupsOfOrg(tx, orgId, [parentId]);
  if (!parent || parent.kind !== "leadership") throw invalidField("parentId", "group.parentNotLeadership");
}

async function checkPlan(tx: Db, orgId: string, planId: string | null | undefined) {
  if (!planId) return;
  const plan = await findPlan(tx, planId);
  if (plan?.plan.orgId !== orgId) throw invalidField("planId", "group.planNotInOrg");
}

async function saveAt(tx: Db, id: string, version: number, changes: Parameters<typeof q.updateGroupAt>[3]) {
  const row = await q.updateGroupAt(tx, id, version, changes);
  if (!row) throw staleVersion();
  return row;
}

/** The group as the API shows it: with its org and its current members. */
async function view(tx: Db, found: q.GroupWithOrg) {
  return { ...found, members: await q.findMembers(tx, [found.group.id], { history: false }) };
}
export type GroupView = Awaited<ReturnType<typeof view>>;

export async function getGroup({ actor, input, tx }: Action<{ id: string }>) {
  return view(tx, await loadGroup(tx, actor, input.id, "read"));
}

export async function groupHistory({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadGroup(tx, actor, input.id, "read");
  return q.findMembers(tx, [found.group.id], { history: true });
}

export async function createGroup({ actor, input, tx, clock }: Action<CreateGroupInput>) {
  const org = await loadTargetOrg(tx, actor, input.orgId);
  await checkParent(tx, org.id, input.kind, input.parentId);
  await checkPlan(tx, org.id, input.planId);
  await checkMembers(tx, org.path, input.members.map((m) => m.accountId), (index) => `members.${index}.accountId`);
  const now = clock.now();
  const group = await q.insertGroup(tx, {
    orgId: org.id,
    kind: input.kind,
    name: input.name,
    duties: input.duties || null,
    parentId: input.parentId ?? null,
    planId: input.planId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await q.insertMemberships(tx, input.members.map((m) => ({ groupId: group.id, accountId: m.accountId, position: m.position, joinedAt: now })));
  await writeAudit(tx, { actor, clock }, {
    action: "group.create",
    orgId: org.id,
    recordType: "group",
    recordId: group.id,
    detail: { name: group.name, kind: group.kind, members: input.members },
  });
  return view(tx, { group, org });
}

export async function updateGroup({ actor, input, tx, clock }: Action<UpdateGroupInput & { id: string }>) {
  const before = await loadGroup(tx, actor, input.id, "update");
  const { id, version, ...changes } = input;
  await checkParent(tx, before.org.id, before.group.kind, changes.parentId);
  await checkPlan(tx, before.org.id, changes.planId);
  const duties = changes.duties === undefined ? undefined : changes.duties || null;
  const group = await saveAt(tx, id, version, { ...changes, duties, updatedAt: clock.now() });
  const changed = Object.fromEntries(
    Object.entries({ ...changes, duties }).filter(([key, value]) => value !== undefined && before.group[key as keyof q.GroupRow] !== value),
  );
  await writeAudit(tx, { actor, clock }, { action: "group.update", orgId: before.org.id, recordType: "group", recordId: id, detail: changed });
  return view(tx, { group, org: before.org });
}

export async function addMember({ actor, input, tx, clock }: Action<AddMemberInput & { id: string }>) {
  const found = await loadGroup(tx, actor, input.id, "update");
  await checkMembers(tx, found.org.path, [input.accountId], () => "accountId");
  if (await q.findCurrentMembership(tx, found.group.id, { accountId: input.accountId })) {
    throw new AppError(409, "group.alreadyMember", { fields: [{ field: "accountId", message: "group.alreadyMember" }] });
  }
  const now = clock.now();
  const group = await saveAt(tx, found.group.id, input.version, { updatedAt: now });
  const [membership] = await q.insertMemberships(tx, [{ groupId: group.id, accountId: input.accountId, position: input.position, joinedAt: now }]);
  await writeAudit(tx, { actor, clock }, {
    action: "group.addMember",
    orgId: found.org.id,
    recordType: "group",
    recordId: group.id,
    detail: { memberId: membership!.id, accountId: input.accountId, position: input.position },
  });
  return view(tx, { group, org: found.org });
}

/** Ends a membership; the row stays, with the time it ended, in the group's history. */
export async function removeMember({ actor, input, tx, clock }: Action<RemoveMemberInput & { id: string }>) {
  const found = await loadGroup(tx, actor, input.id, "update");
  const membership = await q.findCurrentMembership(tx, found.group.id, { id: input.memberId });
  if (!membership) throw invalidField("memberId", "group.notMember");
  const now = clock.now();
  const group = await saveAt(tx, found.group.id, input.version, { updatedAt: now });
  await q.endMembership(tx, membership.id, now);
  await writeAudit(tx, { actor, clock }, {
    action: "group.removeMember",
    orgId: found.org.id,
    recordType: "group",
    recordId: group.id,
    detail: { memberId: membership.id, accountId: membership.accountId, position: membership.position },
  });
  return view(tx, { group, org: found.org });
}
