import { Button, Card, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router";
import type { IncidentReportSummary } from "@shared/incidents/report-schemas.ts";
import { EMERGENCY_CATEGORY_LABELS } from "@shared/plans/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { usePagedList } from "../../app/use-paged-list.ts";
import { chinaDateTime } from "../duty/shift-text.ts";
import { LevelTag } from "./LevelTag.tsx";
import { ReportDrawer, useReportName } from "./ReportsCard.tsx";

const PAGE = 20;

/**
 * 报告收件箱: the reports the orgs below sent up to mine, newest first. Whoever reads the inbox
 * oversees those orgs, so each report opens in place and its incident's page is a link away.
 */
export function InboxPage() {
  const { t, label } = useI18n();
  const name = useReportName();
  const { items, loading, pagination } = usePagedList<IncidentReportSummary>("/api/incident-reports/inbox", {}, PAGE);
  const [open, setOpen] = useState<IncidentReportSummary | null>(null);

  const columns: ColumnsType<IncidentReportSummary> = [
    { title: t("reportSentAt"), dataIndex: "sentAt", width: 150, render: (at: string) => chinaDateTime(at) },
    { title: t("reportFromOrg"), width: 140, render: (_, report) => report.fromOrg.name },
    {
      title: t("incidentTitle"),
      render: (_, report) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/incidents/${report.incidentId}`}>{report.incidentTitle}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(EMERGENCY_CATEGORY_LABELS[report.category])}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t("reportKind"),
      width: 130,
      render: (_, report) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(report)} data-testid={`inbox-open-${report.incidentTitle}-${report.kind}`}>
          {name(report)}
        </Button>
      ),
    },
    { title: t("level"), width: 110, responsive: ["md"], render: (_, report) => (report.level ? <LevelTag level={report.level} /> : "—") },
    { title: t("reportSigner"), dataIndex: "signer", width: 100, responsive: ["md"], render: (signer: string | null) => signer ?? "—" },
  ];

  return (
    <Card size="small" title={t("menuReportInbox")}>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: 640 }}
        locale={{ emptyText: t("reportInboxEmpty") }}
        pagination={pagination}
      />
      {open && <ReportDrawer incidentId={open.incidentId} reportId={open.id} onClose={() => setOpen(null)} />}
    </Card>
  );
}
