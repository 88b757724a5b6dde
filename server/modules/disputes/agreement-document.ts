// The mediation agreement (人民调解协议书) from the one official renderer, in the shape the
// Ministry of Justice's model text gives it (人民调解法 Art. 29): the parties, the dispute's
// main facts and points at issue, the agreed terms, how and by when they are performed, and
// the places where the parties and the mediator sign and the committee seals. Ends with the
// parties' right to apply jointly for judicial confirmation (Art. 33).
import { JUDICIAL_CONFIRMATION_DAYS } from "@shared/disputes/mediation-schemas.ts";
import type { PartySide } from "@shared/disputes/schemas.ts";
import { body, chineseNumber, dateLine, heading, officialDate, renderOfficialDocx, title } from "../../documents/official-docx.ts";
import type { AgreementRow } from "./mediation-queries.ts";
import type { DisputeWithOrg, PartyRow } from "./queries.ts";
import { caseNumberOf } from "./texts.ts";

const SIDE_LABEL: Record<PartySide, string> = { applicant: "申请人", respondent: "被申请人" };
const SIGNATURE_BLANK = "＿＿＿＿＿＿＿＿";

/** A party as the agreement introduces it: a person by ID number, an organisation by credit code, with the agent if any. */
function partyLine(party: PartyRow): string {
  const idLabel = party.kind === "person" ? "居民身份证号码" : "统一社会信用代码";
  const parts = [`${SIDE_LABEL[party.side as PartySide]}：${party.name}`];
  if (party.idNumber) parts.push(`${idLabel}${party.idNumber}`);
  if (party.contactPhone) parts.push(`联系电话${party.contactPhone}`);
  if (party.agentName) parts.push(`委托代理人${party.agentName}`);
  return `${parts.join("，")}。`;
}

export async function agreementDocument(args: { found: DisputeWithOrg; parties: PartyRow[]; agreement: AgreementRow; mediators: { displayName: string; lead: boolean }[] }) {
  const { found, parties, agreement, mediators } = args;
  const { dispute, org } = found;
  const caseNumber = caseNumberOf(dispute);
  const heading1 = "人民调解协议书";
  const dueOn = officialDate(new Date(`${agreement.performanceDueOn}T12:00:00+08:00`));
  const document = await renderOfficialDocx({
    title: heading1,
    blocks: [
      title(heading1),
      body(`编号：${caseNumber}`),
      ...parties.map((party) => body(partyLine(party))),
      heading(1, 1, "纠纷主要事实、争议事项"),
      body(agreement.facts),
      heading(1, 2, "经调解，自愿达成如下协议"),
      ...agreement.terms.map((term, i) => body(`${chineseNumber(i + 1)}、${term}`)),
      heading(1, 3, "履行方式、时限"),
      body(`${agreement.performanceManner}。于${dueOn}前履行完毕。`),
      body(
        `本协议一式${chineseNumber(parties.length + 1)}份，当事人、人民调解委员会各持一份。本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。双方当事人认为有必要的，可以自调解协议生效之日起${chineseNumber(JUDICIAL_CONFIRMATION_DAYS)}日内共同向人民法院申请司法确认。`,
      ),
      ...parties.map((party) => body(`${SIDE_LABEL[party.side as PartySide]}（签名、盖章或按指印）：${SIGNATURE_BLANK}`)),
      body(`人民调解员（签名）：${mediators.map((m) => m.displayName).join("、") || SIGNATURE_BLANK}`),
      body("（人民调解委员会印）"),
      ...dateLine(`${org.name}人民调解委员会`, agreement.madeAt),
    ],
  });
  return { title: `${heading1}（${caseNumber}）`, document };
}
