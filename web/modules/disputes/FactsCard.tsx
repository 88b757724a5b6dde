import { Descriptions } from "antd";
import { DISPUTE_LEVEL_LABELS, DISPUTE_RISK_LABELS, DISPUTE_SOURCE_LABELS, MEDIATION_ROUTE_LABELS, REFERRING_BODY_LABELS, SCREENING_KIND_LABELS, type Dispute } from "@shared/disputes/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { useDisputeTypes } from "./use-dispute-types.ts";

/** How the case came in, what it is about and what is claimed, and how far it may escalate. */
export function FactsCard({ dispute }: { dispute: Dispute }) {
  const { t, label } = useI18n();
  const { labelOf } = useDisputeTypes();
  const source = [
    label(DISPUTE_SOURCE_LABELS[dispute.source]),
    dispute.screeningKind && label(SCREENING_KIND_LABELS[dispute.screeningKind]),
    dispute.referredBy && label(REFERRING_BODY_LABELS[dispute.referredBy]),
    dispute.referringBody,
  ].filter(Boolean);
  const risk = label(DISPUTE_RISK_LABELS[dispute.risk]);
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="dispute-facts">
      <Descriptions.Item label={t("disputeSummary")} span={{ xs: 1, md: 2 }}>
        <span style={{ whiteSpace: "pre-wrap" }}>{dispute.summary}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("disputeClaims")} span={{ xs: 1, md: 2 }}>
        <span style={{ whiteSpace: "pre-wrap" }}>{dispute.claims}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("disputeType")}>{label(labelOf(dispute.type))}</Descriptions.Item>
      <Descriptions.Item label={t("disputeSource")}>{source.join(" · ")}</Descriptions.Item>
      <Descriptions.Item label={t("amountInDispute")}>{dispute.amountInDispute === null ? "—" : t("amountValue", { amount: dispute.amountInDispute.toLocaleString("zh-CN") })}</Descriptions.Item>
      <Descriptions.Item label={t("peopleInvolved")}>{t("peopleValue", { count: dispute.peopleInvolved })}</Descriptions.Item>
      <Descriptions.Item label={t("disputeOccurredAt")}>{chinaDateTime(dispute.occurredAt)}</Descriptions.Item>
      <Descriptions.Item label={t("registeredAt")}>{t("registeredByAt", { name: dispute.registeredBy.displayName, at: chinaDateTime(dispute.registeredAt) })}</Descriptions.Item>
      <Descriptions.Item label={t("disputeRisk")} span={{ xs: 1, md: 2 }}>
        <span data-testid="dispute-risk-reason">{dispute.riskReason ? t("riskWithReason", { risk, reason: dispute.riskReason }) : risk}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("disputeLevel")}>{label(DISPUTE_LEVEL_LABELS[dispute.level])}</Descriptions.Item>
      <Descriptions.Item label={t("mediationRoute")}>{label(MEDIATION_ROUTE_LABELS[dispute.route])}</Descriptions.Item>
    </Descriptions>
  );
}
