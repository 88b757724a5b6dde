// The refusal notice (不予受理告知书) as a formal document, from the one official renderer:
// it tells the parties that the committee does not take the case, why, and where to go instead,
// since a case the committee does not take still has its way to a court, arbitration or a department.
import { REDIRECT_TARGET_LABELS, type RedirectTarget } from "@shared/disputes/schemas.ts";
import { body, dateLine, renderOfficialDocx, title } from "../../documents/official-docx.ts";
import type { DisputeWithOrg, PartyRow } from "./queries.ts";
import { caseNumberOf } from "./texts.ts";

export async function refusalDocument({ found, parties }: { found: DisputeWithOrg; parties: PartyRow[] }) {
  const { dispute, org } = found;
  const caseNumber = caseNumberOf(dispute);
  const heading = "不予受理告知书";
  const names = parties.map((party) => party.name).join("、");
  const target = REDIRECT_TARGET_LABELS[dispute.redirectTo as RedirectTarget].zh;
  const document = await renderOfficialDocx({
    title: heading,
    blocks: [
      title(heading),
      body(`${names}：`),
      body(`你（单位）申请调解的纠纷（登记编号${caseNumber}），经审查，本委员会决定不予受理。理由如下：${dispute.refusalReason}`),
      body(`你（单位）可以${target}：${dispute.redirectDetail}。`),
      body("特此告知。"),
      ...dateLine(org.name, dispute.refusedAt!),
    ],
  });
  return { title: `${heading}（${caseNumber}）`, document };
}
