import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "agreement.termsRequired": "协议须至少有一项约定条款",
  "dispute.sessionInFuture": "调解时间不能晚于当前时间",
  "dispute.sessionBeforeAcceptance": "调解时间不能早于受理时间",
  "dispute.performanceDueBeforeAgreement": "履行期限不能早于协议达成之日",
  "dispute.noAgreementToFollowUp": "该纠纷没有待回访的调解协议",
  "dispute.visitInFuture": "回访时间不能晚于当前时间",
  "dispute.visitBeforeAgreement": "回访时间不能早于协议达成时间",
  "dispute.noAgreement": "该纠纷尚未达成调解协议",
  "dispute.oralAgreementNoDocument": "口头协议由调解员记录，不制作调解协议书",
  "dispute.notReferable": "该纠纷已办结、已移交或已不予受理，不能移交",
  "dispute.notReferred": "该纠纷没有等待接收单位处理结果的移交",
  "dispute.notMovable": "该纠纷已办结、已移交或已不予受理，不能上移",
  "dispute.moveUpTarget": "须为本纠纷所在单位的上级乡镇（街道）或县（区），且层级高于现在的处理层级",
  "disputeType.keyFormat": "代码须以小写字母开头，只含小写字母、数字和下划线，最长40个字符",
  "disputeType.keyTwice": "同一代码出现了两次",
  "disputeType.keyDropped": "已有的类型不能删除（已登记的纠纷使用它），可改为停用：{keys}",
  "disputeType.noneActive": "至少须有一个启用的类型",
} as const;

export const mediationMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "agreement.termsRequired": "An agreement needs at least one agreed term",
    "dispute.sessionInFuture": "May not be later than now",
    "dispute.sessionBeforeAcceptance": "May not be earlier than the acceptance",
    "dispute.performanceDueBeforeAgreement": "May not be earlier than the day of the agreement",
    "dispute.noAgreementToFollowUp": "The dispute has no agreement waiting for a follow-up visit",
    "dispute.visitInFuture": "May not be later than now",
    "dispute.visitBeforeAgreement": "May not be earlier than the agreement",
    "dispute.noAgreement": "The dispute has no agreement",
    "dispute.oralAgreementNoDocument": "An oral agreement is recorded by the mediator and has no written document",
    "dispute.notReferable": "A concluded, referred or refused dispute cannot be referred",
    "dispute.notReferred": "The dispute has no referral waiting for its receiver's result",
    "dispute.notMovable": "A concluded, referred or refused dispute cannot be moved up",
    "dispute.moveUpTarget": "Must be the township or county above the dispute's org, at a higher level than it is handled at now",
    "disputeType.keyFormat": "A key starts with a lower-case letter and holds only lower-case letters, digits and underscores, at most 40",
    "disputeType.keyTwice": "The same key appears twice",
    "disputeType.keyDropped": "A listed type cannot be removed (disputes are recorded under it); retire it instead: {keys}",
    "disputeType.noneActive": "At least one type must stay active",
  },
};
