import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "divisionCode.invalid": "行政区划代码应为 6 到 12 位数字",
  "org.parentInactive": "上级组织已停用",
  "org.parentIsDescendant": "不能把组织移动到它自己或它的下级组织之下",
  "org.hasActiveChildren": "该组织还有 {count} 个在用的下级组织，请先停用或移走它们",
  "org.hasActiveAccounts": "该组织还有 {count} 个在用的账号，请先停用或调走它们",
  "org.inactive": "该组织已停用",
  "org.alreadyActive": "该组织未停用",
  "org.alreadyInactive": "该组织已停用",
} as const;

export const orgMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "divisionCode.invalid": "A division code has 6 to 12 digits",
    "org.parentInactive": "The parent org is deactivated",
    "org.parentIsDescendant": "An org cannot move under itself or one of its own sub-orgs",
    "org.hasActiveChildren": "This org still has {count} active sub-orgs; deactivate or move them first",
    "org.hasActiveAccounts": "This org still has {count} active accounts; deactivate or move them first",
    "org.inactive": "This org is deactivated",
    "org.alreadyActive": "This org is active",
    "org.alreadyInactive": "This org is already deactivated",
  },
};
