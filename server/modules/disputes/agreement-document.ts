// The mediation agreement (人民调解协议书) from the one official renderer, in the shape the
// Ministry of Justice's model text gives it (人民调解法 Art. 29): the parties, the dispute's
// main facts and points at issue, the agreed terms, how and by when they are performed, and
// the places where the parties and the mediator sign and the committee seals. Ends with the
// parties' right to apply jointly for judicial confirmation (Art. 33).
import { AGREEMENT_HEADINGS, AGREEMENT_SIDE_LABEL, AGREEMENT_TITLE, SIGNATURE_BLANK, agreementEffect, committeeName, partyLine, performanceText } from "@shared/disputes/agreement-text.ts";
import type { PartyKind, PartySide } from "@shared/disputes/schemas.ts";
import { chineseNumber } from "@shared/official-text.ts";
import { body, dateLine, heading, renderOfficialDocx, title } from "../../documents/official-docx.ts";
import type { AgreementRow } from "./mediation-queries.ts";
import type { DisputeWithOrg, PartyRow } from "./queries.ts";
import { caseNumberOf } from "./texts.ts";

export async function agreementDocument(args: { found: DisputeWithOrg; parties: PartyRow[]; agreement: AgreementRow; mediators: { displayName: string; lead: boolean }[] }) {
  const { found, parties, agreement, mediators } = args;
  const { dispute, org } = found;
  const caseNumber = caseNumberOf(dispute);
  const document = await renderOfficialDocx({
    title: AGREEMENT_TITLE,
    blocks: [
      title(AGREEMENT_TITLE),
      body(`编号：${caseNumber}`),
      ...parties.map((party) => body(partyLine({ ...party, side: party.side as PartySide, kind: party.kind as PartyKind }))),
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
