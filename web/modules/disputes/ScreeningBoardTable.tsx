import { Table } from "antd";
import { SCREENING_COUNTS, SCREENING_COUNT_LABELS, type ScreeningReportBoard } from "@shared/disputes/screening-schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { ScreeningStatusTag } from "./ScreeningStatusTag.tsx";

/** The org and its children for the period: who filed on time, late, not at all, or is not yet due, with what they filed. */
export function ScreeningBoardTable({ board }: { board: ScreeningReportBoard }) {
  const { t, label } = useI18n();
  return (
    <Table
      size="small"
      rowKey="orgId"
      pagination={false}
      scroll={{ x: true }}
      dataSource={board.items}
      columns={[
        { title: t("org"), dataIndex: "orgName" },
        { title: t("status"), render: (_, row) => <ScreeningStatusTag status={row.status} testId={`screening-status-${row.orgName}`} /> },
        { title: t("submittedAt"), render: (_, row) => (row.report ? `${row.report.submittedBy.displayName} · ${chinaDateTime(row.report.submittedAt)}` : "") },
        { title: t("screenings"), align: "right", render: (_, row) => row.report?.screenings ?? "" },
        ...SCREENING_COUNTS.map((key) => ({ title: label(SCREENING_COUNT_LABELS[key]), align: "right" as const, render: (_: unknown, row: ScreeningReportBoard["items"][number]) => row.report?.figures.totals[key] ?? "" })),
      ]}
      data-testid="screening-board"
    />
  );
}
