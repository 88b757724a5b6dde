import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "group.memberOutOfReach": "不是本组织或其下级组织的在用账号",
  "group.memberRepeated": "同一账号只能列一次",
  "group.alreadyMember": "该账号已是本组成员",
  "group.notMember": "不是本组的现任成员",
  "group.parentNotLeadership": "上级只能是本组织的领导小组",
  "group.leadershipHasNoParent": "领导小组不设上级小组",
  "group.planNotInOrg": "预案不存在或不属于本组织",
} as const;

export const groupMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "group.memberOutOfReach": "Not an active account of this org or an org below it",
    "group.memberRepeated": "Each account may be listed once",
    "group.alreadyMember": "This account is already a member of the group",
    "group.notMember": "Not a current member of this group",
    "group.parentNotLeadership": "The parent must be a leadership group of the same org",
    "group.leadershipHasNoParent": "A leadership group has no parent group",
    "group.planNotInOrg": "No such plan in this org",
  },
};
