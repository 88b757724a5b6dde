import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { MEDIATION_REMINDER_DAYS, REDIRECT_TARGET_LABELS, type Dispute } from "@shared/disputes/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { daysUntil } from "./dispute-text.ts";

/** "剩余 12 天", orange from when the mediators are reminded, then "已逾期 3 天" in red. */
function DaysLeft({ dueAt }: { dueAt: string }) {
  const { t } = useI18n();
  const days = daysUntil(dueAt, Date.now());
  if (days < 0) {
    return (
      <Typography.Text type="danger" strong data-testid="mediation-days-left">
        {t("overdueDays", { days: -days })}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type={days <= MEDIATION_REMINDER_DAYS ? "warning" : undefined} strong data-testid="mediation-days-left">
      {t("daysLeft", { days })}
    </Typography.Text>
  );
}

/** Whether the committee took the case and who mediates it by when; or why not, with the notice to the parties. */
export function MediationCard({ dispute }: { dispute: Dispute }) {
  const { t, label } = useI18n();
  const { acceptance, refusal } = dispute;
  return (
    <Card size="small" title={t("acceptanceAndMediation")} data-testid="mediation">
      {!acceptance && !refusal && <Typography.Text type="secondary">{t("notDecidedYet")}</Typography.Text>}
      {refusal && (
        <Descriptions size="small" column={1} data-testid="refusal">
          <Descriptions.Item label={t("refuseDispute")}>{t("refusedByAt", { name: refusal.by.displayName, at: chinaDateTime(refusal.at) })}</Descriptions.Item>
          <Descriptions.Item label={t("refusalReason")}>{refusal.reason}</Descriptions.Item>
          <Descriptions.Item label={t("redirectTo")}>
            {label(REDIRECT_TARGET_LABELS[refusal.redirectTo])}（{refusal.redirectDetail}）
          </Descriptions.Item>
          <Descriptions.Item label={t("refusalNotice")}>
            <Button size="small" icon={<DownloadOutlined />} href={`/api/disputes/${dispute.id}/refusal.docx`} data-testid="refusal-docx">
              {t("download")}
            </Button>
          </Descriptions.Item>
        </Descriptions>
      )}
      {acceptance && (
        <Descriptions size="small" column={1} data-testid="acceptance">
          <Descriptions.Item label={t("acceptDispute")}>{t("acceptedByAt", { name: acceptance.by.displayName, at: chinaDateTime(acceptance.at) })}</Descriptions.Item>
          <Descriptions.Item label={t("acceptReason")}>{acceptance.reason}</Descriptions.Item>
          <Descriptions.Item label={t("mediators")}>
            <Space wrap size={4} data-testid="mediator-list">
              {dispute.mediators.map((m) => (
                <Tag key={m.id} color={m.lead ? "red" : undefined}>
                  {m.displayName}
                  {m.lead && `（${t("leadShort")}）`}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          {dispute.mediationDueAt && (
            <Descriptions.Item label={t("mediationDue")}>
              <Space wrap>
                <span data-testid="mediation-due">{chinaDateTime(dispute.mediationDueAt)}</span>
                <DaysLeft dueAt={dispute.mediationDueAt} />
              </Space>
            </Descriptions.Item>
          )}
          {dispute.concludedAt && (
            <Descriptions.Item label={t("mediationOutcome")}>
              <span data-testid="mediation-concluded">
                {t("mediationConcluded", { at: chinaDateTime(dispute.concludedAt) })}
                {dispute.outcomeNote && `：${dispute.outcomeNote}`}
              </span>
            </Descriptions.Item>
          )}
          {dispute.extensions.length > 0 && (
            <Descriptions.Item label={t("extensions")}>
              <Space orientation="vertical" size={0} data-testid="extensions">
                {dispute.extensions.map((e) => (
                  <span key={e.at}>{t("extensionText", { from: chinaDateTime(e.previousDueAt), to: chinaDateTime(e.newDueAt), reason: e.reason, name: e.by.displayName })}</span>
                ))}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
