import { Tag } from "antd";
import { DISPUTE_RISK_LABELS, DISPUTE_STATUS_LABELS, type DisputeRisk, type DisputeStatus } from "@shared/disputes/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { RISK_COLORS, STATUS_COLORS } from "./dispute-text.ts";

export function StatusTag({ status, testId }: { status: DisputeStatus; testId?: string }) {
  const { label } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId}>
      {label(DISPUTE_STATUS_LABELS[status])}
    </Tag>
  );
}

/** "高风险": the risk of the case, never of a person. */
export function RiskTag({ risk, testId }: { risk: DisputeRisk; testId?: string }) {
  const { t, label } = useI18n();
  return (
    <Tag color={RISK_COLORS[risk]} data-testid={testId}>
      {t("riskTag", { risk: label(DISPUTE_RISK_LABELS[risk]) })}
    </Tag>
  );
}
