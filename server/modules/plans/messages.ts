import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "plan.notifyNobody": "至少选择一个角色或工作组",
  "plan.categoryRepeated": "同一类别只能列一次",
  "plan.thresholdBelowLesserLevel": "不能低于较轻级别的同项标准",
  "plan.unknownGroup": "不是本组织的领导小组或工作组",
  // A category is named in the reader's language: the service passes both labels.
  "plan.categoryTaken": "本组织已有覆盖“{categoryZh}”的现行预案《{title}》，请先废止该预案",
  "plan.categoryTakenField": "本组织已有覆盖此类别的现行预案",
  "plan.noDraft": "该预案没有待发布的草稿",
  "plan.notActive": "该预案没有现行版本",
  "plan.noActiveVersion": "该预案尚无现行版本，请先发布",
  "plan.unknownVersion": "不是该预案的版本",
  "drill.participantOutOfReach": "不是预案所属组织或其下级组织的在用账号",
} as const;

export const planMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "plan.notifyNobody": "Choose at least one role or group",
    "plan.categoryRepeated": "Each category may be listed once",
    "plan.thresholdBelowLesserLevel": "May not be below the same threshold of a less severe level",
    "plan.unknownGroup": "Not a leadership or working group of this org",
    "plan.categoryTaken": "This org already has an active plan covering “{categoryEn}”: {title}. Retire it first",
    "plan.categoryTakenField": "This org already has an active plan covering this category",
    "plan.noDraft": "This plan has no draft to publish",
    "plan.notActive": "This plan has no active version",
    "plan.noActiveVersion": "This plan has no active version yet; publish one first",
    "plan.unknownVersion": "Not a version of this plan",
    "drill.participantOutOfReach": "Not an active account of the plan's org or an org below it",
  },
};
