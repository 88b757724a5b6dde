// What the dispute register says to people it notifies, in Chinese as the township office
// reads it (on screen, in an e-mail's subject, in an SMS). It names the case, never its parties.
import { DEFAULT_DISPUTE_TYPES } from "@shared/disputes/schemas.ts";

/** The case number as people write it: year of registration and the org's running number, `2026-0012`. */
export const caseNumberOf = (dispute: { caseYear: number; caseSeq: number }) => `${dispute.caseYear}-${String(dispute.caseSeq).padStart(4, "0")}`;

const typeName = (type: string) => (Object.hasOwn(DEFAULT_DISPUTE_TYPES, type) ? DEFAULT_DISPUTE_TYPES[type as keyof typeof DEFAULT_DISPUTE_TYPES].zh : type);

export function highRiskText(dispute: { orgName: string; caseNumber: string; type: string; peopleInvolved: number; riskReason: string }) {
  return {
    title: `【高风险纠纷】${dispute.orgName} ${dispute.caseNumber}`,
    body: `${dispute.orgName}登记的${typeName(dispute.type)}纠纷（${dispute.caseNumber}，涉及${dispute.peopleInvolved}人）经研判存在激化风险：${dispute.riskReason}。请及时研判，落实化解和防范措施；可能转化为治安、刑事案件的，及时报告公安机关。`,
  };
}
