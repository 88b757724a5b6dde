import { type Group, GroupAction, type GroupKind, type GroupMember, MEMBER_POSITIONS, type MemberPosition } from "@shared/groups/schemas.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions } from "../../policy/authorize.ts";
import { groupPolicy } from "./policy.ts";
import type { MemberWithAccount } from "./queries.ts";
import type { GroupView } from "./service.ts";

export function presentMember({ membership, displayName, orgName }: MemberWithAccount): GroupMember {
  return {
    id: membership.id,
    accountId: membership.accountId,
    displayName,
    orgName,
    position: membership.position as MemberPosition,
    joinedAt: membership.joinedAt.toISOString(),
    leftAt: membership.leftAt?.toISOString() ?? null,
  };
}

const rank = (member: MemberWithAccount) => MEMBER_POSITIONS.indexOf(member.membership.position as MemberPosition);

export function presentGroup(actor: Actor, { group, org, members }: GroupView): Group {
  return {
    id: group.id,
    orgId: org.id,
    orgName: org.name,
    kind: group.kind as GroupKind,
    name: group.name,
    duties: group.duties,
    parentId: group.parentId,
    planId: group.planId,
    members: [...members].sort((a, b) => rank(a) - rank(b)).map(presentMember),
    version: group.version,
    updatedAt: group.updatedAt.toISOString(),
    actions: allowedActions(actor, groupPolicy, GroupAction.options, { orgPath: org.path }),
  };
}
