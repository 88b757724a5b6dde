import { z } from "zod";
import { IdParams, Page, Version, listOf, requiredText } from "../common.ts";
import { NAME_MAX, SEARCH_MAX } from "../limits.ts";

/** A leadership group (领导小组) leads; working groups (工作组) under it do the work. */
export const GROUP_KINDS = ["leadership", "working"] as const;
export const GroupKind = z.enum(GROUP_KINDS);
export type GroupKind = z.infer<typeof GroupKind>;

export const GROUP_KIND_LABELS: Record<GroupKind, { zh: string; en: string }> = {
  leadership: { zh: "领导小组", en: "Leadership group" },
  working: { zh: "工作组", en: "Working group" },
};

export const MEMBER_POSITIONS = ["leader", "deputy", "member"] as const;
export const MemberPosition = z.enum(MEMBER_POSITIONS);
export type MemberPosition = z.infer<typeof MemberPosition>;

export const MEMBER_POSITION_LABELS: Record<MemberPosition, { zh: string; en: string }> = {
  leader: { zh: "组长", en: "Leader" },
  deputy: { zh: "副组长", en: "Deputy leader" },
  member: { zh: "成员", en: "Member" },
};

/** Written duties (职责) run to a few paragraphs. */
export const DUTIES_MAX = 5000;

export const GroupAction = z.enum(["update"]);
export type GroupAction = z.infer<typeof GroupAction>;

/** One membership: an account in a position from `joinedAt` until `leftAt` (null while current). */
export const GroupMember = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  displayName: z.string(),
  orgName: z.string(),
  position: MemberPosition,
  joinedAt: z.string(),
  leftAt: z.string().nullable(),
});
export type GroupMember = z.infer<typeof GroupMember>;

export const Group = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  kind: GroupKind,
  name: z.string(),
  duties: z.string().nullable(),
  parentId: z.uuid().nullable(),
  planId: z.uuid().nullable(),
  /** Current members: leaders first, then deputies, then members. */
  members: z.array(GroupMember),
  version: z.number().int(),
  updatedAt: z.string(),
  actions: z.array(GroupAction),
});
export type Group = z.infer<typeof Group>;
export const GroupList = listOf(Group);

export const MemberInput = z.object({ accountId: z.uuid(), position: MemberPosition });

const Duties = z.string().trim().max(DUTIES_MAX).nullable().optional();

export const CreateGroupInput = z.object({
  orgId: z.uuid(),
  kind: GroupKind,
  name: requiredText(NAME_MAX),
  duties: Duties,
  /** The leadership group a working group belongs to, in the same org. */
  parentId: z.uuid().nullable().optional(),
  planId: z.uuid().nullable().optional(),
  members: z
    .array(MemberInput)
    .max(100)
    .refine((members) => new Set(members.map((m) => m.accountId)).size === members.length, { message: "group.memberRepeated" })
    .default([]),
});
export type CreateGroupInput = z.infer<typeof CreateGroupInput>;

/** A group's kind stays what it was created as: working groups hang under leadership groups. */
export const UpdateGroupInput = z.object({
  version: Version,
  name: requiredText(NAME_MAX).optional(),
  duties: Duties,
  parentId: z.uuid().nullable().optional(),
  planId: z.uuid().nullable().optional(),
});
export type UpdateGroupInput = z.infer<typeof UpdateGroupInput>;

export const AddMemberInput = MemberInput.extend({ version: Version });
export type AddMemberInput = z.infer<typeof AddMemberInput>;

export const RemoveMemberInput = z.object({ version: Version, memberId: z.uuid() });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;

/** Every membership the group ever had, current and past, in the order people joined. */
export const GroupHistory = z.object({ items: z.array(GroupMember) });

export const GroupListQuery = Page.extend({
  q: z.string().trim().max(SEARCH_MAX).optional(),
  orgId: z.uuid().optional(),
  kind: GroupKind.optional(),
  planId: z.uuid().optional(),
});
export { IdParams };
