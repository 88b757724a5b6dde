import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "party.residentIdInvalid": "不是有效的居民身份证号码（18位，末位为校验码）",
  "party.creditCodeInvalid": "不是有效的统一社会信用代码（18位）",
  "dispute.occurredInFuture": "发生时间不能晚于当前时间",
  "dispute.unknownType": "不是本系统纠纷类型清单中的类型",
  "dispute.riskReasonRequired": "风险等级为中或高时须说明理由",
  "dispute.screeningKindRequired": "来源为排查时须注明排查方式",
  "dispute.screeningKindOnlyForScreening": "只有来源为排查时才填写排查方式",
  "dispute.referredByRequired": "来源为移交时须注明移交单位类别",
  "dispute.referralOnly": "只有来源为移交时才填写移交单位",
  "dispute.applicantRequired": "至少须有一名申请人",
} as const;

export const disputeMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "party.residentIdInvalid": "Not a valid resident ID number (18 characters, the last one a check character)",
    "party.creditCodeInvalid": "Not a valid unified social credit code (18 characters)",
    "dispute.occurredInFuture": "May not be later than now",
    "dispute.unknownType": "Not a type in this deployment's list of dispute types",
    "dispute.riskReasonRequired": "Give the reason for a medium or high risk",
    "dispute.screeningKindRequired": "Say which kind of screening found it",
    "dispute.screeningKindOnlyForScreening": "Only a dispute found by screening has a screening kind",
    "dispute.referredByRequired": "Say who referred it",
    "dispute.referralOnly": "Only a referred dispute names who referred it",
    "dispute.applicantRequired": "Name at least one applicant",
  },
};
