import { DownloadOutlined, PrinterOutlined } from "@ant-design/icons";
import { App, Button, Card, Collapse, Descriptions, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { AGREEMENT_FORM_LABELS, type DisputeAgreement } from "@shared/disputes/mediation-schemas.ts";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { saveFile } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";

function AgreementTerms({ agreement, testId }: { agreement: DisputeAgreement; testId?: string }) {
  const { t, label } = useI18n();
  return (
    <Descriptions size="small" bordered column={1} data-testid={testId}>
      <Descriptions.Item label={t("agreementForm")}>
        <Tag>{label(AGREEMENT_FORM_LABELS[agreement.form])}</Tag>
        <Typography.Text type="secondary">{t("agreementMadeBy", { name: agreement.recordedBy.displayName, at: chinaDateTime(agreement.madeAt) })}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t("agreementFacts")}>
        <span style={{ whiteSpace: "pre-wrap" }}>{agreement.facts}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("agreementTerms")}>
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {agreement.terms.map((term, i) => (
            <li key={i} data-testid="agreement-term">{term}</li>
          ))}
        </ol>
      </Descriptions.Item>
      <Descriptions.Item label={t("performanceManner")}>{t("performBy", { manner: agreement.performanceManner, date: agreement.performanceDueOn })}</Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 调解协议: the agreement in force (the last one) with its document to download and a page to
 * print, and any earlier ones that were not performed, kept for the record.
 */
export function AgreementCard({ dispute }: { dispute: Dispute }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [downloading, setDownloading] = useState(false);
  const inForce = dispute.agreements.at(-1);
  if (!inForce) return null;
  const earlier = dispute.agreements.slice(0, -1).reverse();

  const download = async () => {
    setDownloading(true);
    try {
      await saveFile(`/api/disputes/${dispute.id}/agreement.docx`, "agreement.docx");
    } catch (error) {
      showApiError(error, message);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card
      size="small"
      title={t("agreement")}
      data-testid="agreement"
      extra={
        <Space wrap>
          {inForce.form === "written" ? (
            <Button size="small" icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()} data-testid="agreement-docx">
              {t("downloadAgreement")}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t("oralAgreementNoDocument")}</Typography.Text>
          )}
          <Button size="small" icon={<PrinterOutlined />} onClick={() => navigate(`/disputes/${dispute.id}/agreement/print`)} data-testid="agreement-print">
            {t("printAgreement")}
          </Button>
        </Space>
      }
    >
      <AgreementTerms agreement={inForce} testId="agreement-in-force" />
      {earlier.length > 0 && (
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 8 }}
          items={[{ key: "earlier", label: t("earlierAgreements"), children: earlier.map((a) => <AgreementTerms key={a.id} agreement={a} />) }]}
        />
      )}
    </Card>
  );
}
