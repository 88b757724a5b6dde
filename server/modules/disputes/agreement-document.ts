// The mediation agreement (人民调解协议书) from the one official renderer, in the shape the
// Ministry of Justice's model text gives it (人民调解法 Art. 29): the parties, the dispute's
// main facts and points at issue, the agreed terms, how and by when they are performed, and
// the places where the parties and the mediator sign and the committee seals. Ends with the
// parties' right to apply jointly for judicial confirmation (Art. 33).
import { AGREEMENT_HEADINGS, AGREEMENT_SIDE_LABEL, AGREEMENT_TITLE, SIGNATURE_BLANK, agreementEffect, committeeName, performanceText } from "@shared/disputes/agreement-text.ts";
import type { PartySide } from "@shared/disputes/schemas.ts";
import { chineseNumber } from "@shared/official-text.ts";
import { body, dateLine, heading, renderOfficialDocx, title } from "../../documents/official-docx.ts";
import type { AgreementRow } from "./mediation-queries.ts";
import type { DisputeWithOrg, PartyRow } from "./queries.ts";
import { caseNumberOf } from "./texts.ts";

/** A party as the agreement introduces it: a person by ID number, an organisation by credit code, with the agent if any. */
function partyLine(party: PartyRow): string {
  const idLabel = party.kind === "person" ? "居民身份证号码" : "统一社会信用代码";
  const parts = [`${AGREEMENT_SIDE_LABEL[party.side as PartySide]}：${party.name}`];
  if (party.idNumber) parts.push(`${idLabel}${party.idNumber}`);
  if (party.contactPhone) parts.push(`联系电话${party.contactPhone}`);
  if (party.agentName) parts.push(`委托代理人${party.agentName}`);
  return `${parts.join("，")}。`;
}

export async function agreementDocument(args: { found: DisputeWithOrg; parties: PartyRow[]; agreement: AgreementRow; mediators: { displayName: string; lead: boolean }[] }) {
  const { found, parties, agreement, mediators } = args;
  const { dispute, org } = found;
  const caseNumber = caseNumberOf(dispute);
  const document = await renderOfficialDocx({
    title: AGREEMENT_TITLE,
    blocks: [
      title(AGREEMENT_TITLE),
      body(`编号：${caseNumber}`),
      ...parties.map((party) => body(partyLine(party))),
      heading(1, 1, AGREEMENT_HEADINGS.facts),
      body(agreement.facts),
      heading(1, 2, AGREEMENT_HEADINGS.terms),
      ...agreement.terms.map((term, i) => body(`${chineseNumber(i + 1)}、${term}`)),
      heading(1, 3, AGREEMENT_HEADINGS.performance),
      body(performanceText(agreement.performanceManner, agreement.performanceDueOn)),
      body(agreementEffect(parties.length)),
      ...parties.map((party) => body(`${AGREEMENT_SIDE_LABEL[party.side as PartySide]}（签名、盖章或按指印）：${SIGNATURE_BLANK}`)),
      body(`人民调解员（签名）：${mediators.map((m) => m.displayName).join("、") || SIGNATURE_BLANK}`),
      body("（人民调解委员会印）"),
      ...dateLine(committeeName(org.name), agreement.madeAt),
    ],
  });
  return { title: `${AGREEMENT_TITLE}（${caseNumber}）`, document };
}
