import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { Button, Result, Spin } from "antd";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { AGREEMENT_HEADINGS, AGREEMENT_SIDE_LABEL, AGREEMENT_TITLE, SIGNATURE_BLANK, agreementEffect, committeeName, partyLine, performanceText } from "@shared/disputes/agreement-text.ts";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { chineseNumber, officialDate } from "@shared/official-text.ts";
import { ApiError, api } from "../../app/api.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import "./agreement-print.css";

/**
 * 人民调解协议书 to print from the browser, without the application around it: the same text
 * as the Word document (its fixed wording comes from the same place), on an A4 sheet. For an
 * office that prints the copies the parties sign there and then.
 */
export function AgreementPrintPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [dispute, setDispute] = useState<Dispute | null>(null);
  const [failed, setFailed] = useState<unknown>(null);

  useEffect(() => {
    api<Dispute>("GET", `/api/disputes/${id}`).then(setDispute, setFailed);
  }, [id]);

  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/disputes/${id}`)} data-testid="print-back">{t("backToDispute")}</Button>;
  if (failed) return <Result status="warning" title={failed instanceof ApiError && failed.status !== 404 ? failed.problem.title : t("disputeNotFound")} extra={back} />;
  if (!dispute) return <Spin style={{ display: "block", marginTop: 80 }} />;
  const agreement = dispute.agreements.at(-1);
  if (!agreement) return <Result status="info" title={t("noAgreement")} extra={back} />;

  return (
    <div className="agreement-print-desk">
      <div className="agreement-print-tools">
        {back}
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
          {t("print")}
        </Button>
      </div>
      <article className="agreement-sheet" data-testid="agreement-sheet">
        <h1>{AGREEMENT_TITLE}</h1>
        <p>编号：{dispute.caseNumber}</p>
        {dispute.parties.map((party, i) => (
          <p key={i}>{partyLine(party)}</p>
        ))}
        <h2>一、{AGREEMENT_HEADINGS.facts}</h2>
        <p>{agreement.facts}</p>
        <h2>二、{AGREEMENT_HEADINGS.terms}</h2>
        {agreement.terms.map((term, i) => (
          <p key={i}>
            {chineseNumber(i + 1)}、{term}
          </p>
        ))}
        <h2>三、{AGREEMENT_HEADINGS.performance}</h2>
        <p>{performanceText(agreement.performanceManner, agreement.performanceDueOn)}</p>
        <p>{agreementEffect(dispute.parties.length)}</p>
        {dispute.parties.map((party, i) => (
          <p key={i} className="signature">
            {AGREEMENT_SIDE_LABEL[party.side]}（签名、盖章或按指印）：{SIGNATURE_BLANK}
          </p>
        ))}
        <p className="signature">人民调解员（签名）：{dispute.mediators.map((m) => m.displayName).join("、") || SIGNATURE_BLANK}</p>
        <p className="signature">（人民调解委员会印）</p>
        <p className="issuer">{committeeName(dispute.orgName)}</p>
        <p className="issuer" style={{ marginTop: 0 }}>
          {officialDate(new Date(agreement.madeAt))}
        </p>
      </article>
    </div>
  );
}
