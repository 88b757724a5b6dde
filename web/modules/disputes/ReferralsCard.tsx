import { Card, Descriptions, Space, Tag, Typography } from "antd";
import { REFERRAL_RECEIVER_LABELS, REFERRAL_RESULT_LABELS, type DisputeReferral } from "@shared/disputes/mediation-schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";

/** 移交: to whom each referral went and why, and what the receiver did with it. */
export function ReferralsCard({ referrals }: { referrals: DisputeReferral[] }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" title={t("referrals")} data-testid="referrals">
      <Space orientation="vertical" style={{ width: "100%" }}>
        {[...referrals].reverse().map((r) => (
          <Descriptions key={r.id} size="small" bordered column={1} data-testid="referral-entry">
            <Descriptions.Item label={t("receiverName")}>
              {label(REFERRAL_RECEIVER_LABELS[r.receiverKind])}（{r.receiverName}）
              <Typography.Text type="secondary"> {t("referredByAt", { name: r.referredBy.displayName, at: chinaDateTime(r.referredAt) })}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("referralReason")}>
              <span style={{ whiteSpace: "pre-wrap" }}>{r.reason}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("referralResult")}>
              {r.result ? (
                <>
                  <Tag color={r.result === "handled" ? "green" : "orange"}>{label(REFERRAL_RESULT_LABELS[r.result])}</Tag>
                  {r.resultAt && chinaDateTime(r.resultAt)}：{r.resultNote}
                </>
              ) : (
                <Typography.Text type="secondary">{t("referralPending")}</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
        ))}
      </Space>
    </Card>
  );
}
