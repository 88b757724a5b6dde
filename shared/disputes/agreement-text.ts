// The fixed wording of the mediation agreement (人民调解协议书), shared by the Word document
// and the page that prints it in the browser, so that the two say the same.
import { chineseNumber } from "../official-text.ts";
import { JUDICIAL_CONFIRMATION_DAYS } from "./mediation-schemas.ts";
import type { PartyKind, PartySide } from "./schemas.ts";

export const AGREEMENT_TITLE = "人民调解协议书";
export const AGREEMENT_SIDE_LABEL: Record<PartySide, string> = { applicant: "申请人", respondent: "被申请人" };
export const SIGNATURE_BLANK = "＿＿＿＿＿＿＿＿";
export const AGREEMENT_HEADINGS = { facts: "纠纷主要事实、争议事项", terms: "经调解，自愿达成如下协议", performance: "履行方式、时限" } as const;

/** One copy for each party and one for the committee; then its force and the parties' right to judicial confirmation (人民调解法 Art. 31, 33). */
export function agreementEffect(partyCount: number): string {
  return `本协议一式${chineseNumber(partyCount + 1)}份，当事人、人民调解委员会各持一份。本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。双方当事人认为有必要的，可以自调解协议生效之日起${chineseNumber(JUDICIAL_CONFIRMATION_DAYS)}日内共同向人民法院申请司法确认。`;
}

/** A party as the agreement introduces it: a person by ID number, an organisation by credit code, with the agent if any. */
export function partyLine(party: { side: PartySide; kind: PartyKind; name: string; idNumber: string | null; contactPhone: string | null; agentName: string | null }): string {
  const idLabel = party.kind === "person" ? "居民身份证号码" : "统一社会信用代码";
  const parts = [`${AGREEMENT_SIDE_LABEL[party.side]}：${party.name}`];
  if (party.idNumber) parts.push(`${idLabel}${party.idNumber}`);
  if (party.contactPhone) parts.push(`联系电话${party.contactPhone}`);
  if (party.agentName) parts.push(`委托代理人${party.agentName}`);
  return `${parts.join("，")}。`;
}

export const committeeName = (orgName: string) => `${orgName}人民调解委员会`;

/** 于2026年3月31日前履行完毕, after the manner of performance. */
export const performanceText = (manner: string, dueOn: string) => `${manner}。于${dueOnText(dueOn)}前履行完毕。`;

/** A calendar date `2026-03-31` as documents write it: 2026年3月31日. */
export function dueOnText(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}
