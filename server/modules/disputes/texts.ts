// What the dispute register says to people it notifies, in Chinese as the township office
// reads it (on screen, in an e-mail's subject, in an SMS). It names the case, never its parties.
/** The case number as people write it: year of registration and the org's running number, `2026-0012`. */
export const caseNumberOf = (dispute: { caseYear: number; caseSeq: number }) => `${dispute.caseYear}-${String(dispute.caseSeq).padStart(4, "0")}`;

export function highRiskText(dispute: { orgName: string; caseNumber: string; typeName: string; peopleInvolved: number; riskReason: string }) {
  return {
    title: `【高风险纠纷】${dispute.orgName} ${dispute.caseNumber}`,
    body: `${dispute.orgName}登记的${dispute.typeName}纠纷（${dispute.caseNumber}，涉及${dispute.peopleInvolved}人）经研判存在激化风险：${dispute.riskReason}。请及时研判，落实化解和防范措施；可能转化为治安、刑事案件的，及时报告公安机关。`,
  };
}

interface MediationFacts {
  orgName: string;
  caseNumber: string;
  typeName: string;
  dueAt: string;
}

export function reminderText(dispute: MediationFacts) {
  return {
    title: `【调解期限将至】${dispute.orgName} ${dispute.caseNumber}`,
    body: `${dispute.orgName}受理的${dispute.typeName}纠纷（${dispute.caseNumber}）调解期限为${dispute.dueAt}。请抓紧调解；确需延长的，须经双方当事人同意并说明理由。`,
  };
}

export function overdueText(dispute: MediationFacts) {
  return {
    title: `【调解逾期】${dispute.orgName} ${dispute.caseNumber}`,
    body: `${dispute.orgName}受理的${dispute.typeName}纠纷（${dispute.caseNumber}）已超过调解期限（${dispute.dueAt}）仍未办结。请调委会主任督促调解员，及时调解结案或终止调解、告知当事人其他途径。`,
  };
}

export function followUpDueText(dispute: MediationFacts) {
  return {
    title: `【回访到期】${dispute.orgName} ${dispute.caseNumber}`,
    body: `${dispute.orgName}调解成功的${dispute.typeName}纠纷（${dispute.caseNumber}）应于${dispute.dueAt}回访。请回访当事人，了解调解协议履行情况并如实记录；未履行的，继续做好化解工作。`,
  };
}

export function movedUpText(dispute: { fromName: string; toName: string; caseNumber: string; typeName: string; reason: string }) {
  return {
    title: `【纠纷上移】${dispute.fromName} ${dispute.caseNumber}`,
    body: `${dispute.fromName}将${dispute.typeName}纠纷（${dispute.caseNumber}）移至${dispute.toName}处理，理由：${dispute.reason}。请及时研判，作出受理决定。`,
  };
}
