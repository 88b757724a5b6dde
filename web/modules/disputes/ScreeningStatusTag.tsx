import { Tag } from "antd";
import { SCREENING_REPORT_STATUS_LABELS, type ScreeningReportStatus } from "@shared/disputes/screening-schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

const COLORS: Record<ScreeningReportStatus, string> = { on_time: "green", late: "orange", missing: "red", pending: "default" };

export function ScreeningStatusTag({ status, testId }: { status: ScreeningReportStatus; testId?: string }) {
  const { label } = useI18n();
  return <Tag color={COLORS[status]} data-testid={testId}>{label(SCREENING_REPORT_STATUS_LABELS[status])}</Tag>;
}
