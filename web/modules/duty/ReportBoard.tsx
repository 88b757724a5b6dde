import { App, Button, Card, DatePicker, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { REPORT_STATUSES, REPORT_STATUS_LABELS, type ProtectionPeriod, type ReportStatus, type ReportStatusBoard } from "@shared/duty/schemas.ts";
import { api, query } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "./shift-text.ts";
import { StatusReportForm } from "./StatusReportForm.tsx";

const STATUS_COLORS: Record<ReportStatus, string> = { reported_on_time: "green", reported_late: "orange", missing: "red", pending: "default" };

/** Who has and has not filed the day's status report in a protection period, as the parent org checks it. */
export function ReportBoard({ period, today, canFile }: { period: ProtectionPeriod; today: string; canFile: boolean }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const clamp = (date: string) => (date < period.startDate ? period.startDate : date > period.endDate ? period.endDate : date);
  const [date, setDate] = useState(clamp(today));
  const [board, setBoard] = useState<ReportStatusBoard | null>(null);
  const [filing, setFiling] = useState<{ orgId: string; orgName: string } | null>(null);
  const load = useCallback(async () => {
    try {
      setBoard(await api<ReportStatusBoard>("GET", `/api/protection-periods/${period.id}/report-status${query({ date })}`));
    } catch (error) {
      showApiError(error, message);
    }
  }, [period.id, date, message]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card
      size="small"
      title={`${period.name} · ${t("dailyReports")}`}
      extra={<DatePicker allowClear={false} value={dayjs(date)} minDate={dayjs(period.startDate)} maxDate={dayjs(period.endDate)} onChange={(d) => d && setDate(d.format("YYYY-MM-DD"))} />}
      data-testid="report-board"
    >
      {board && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <Typography.Text>{t("reportDueAt", { at: chinaDateTime(board.dueAt) })}</Typography.Text>
            {REPORT_STATUSES.map((s) => <Tag key={s} color={STATUS_COLORS[s]}>{label(REPORT_STATUS_LABELS[s])} {board.counts[s] ?? 0}</Tag>)}
          </Space>
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={board.items}
            columns={[
              { title: t("org"), dataIndex: "orgName" },
              { title: t("status"), render: (_, row) => <Tag color={STATUS_COLORS[row.status]} data-testid={`report-status-${row.orgName}`}>{label(REPORT_STATUS_LABELS[row.status])}</Tag> },
              { title: t("reportContent"), render: (_, row) => (row.report ? (row.report.nothingToReport ? t("zeroReport") : row.report.summary) : "") },
              { title: t("filedBy"), render: (_, row) => (row.report ? `${row.report.filedBy.displayName} · ${chinaDateTime(row.report.filedAt)}` : "") },
              {
                title: "",
                render: (_, row) => (canFile && !row.report ? <Button size="small" onClick={() => setFiling({ orgId: row.orgId, orgName: row.orgName })} data-testid={`report-file-${row.orgName}`}>{t("fileReport")}</Button> : null),
              },
            ]}
          />
        </Space>
      )}
      {filing && <StatusReportForm periodId={period.id} orgId={filing.orgId} orgName={filing.orgName} date={date} onClose={() => setFiling(null)} onSaved={() => { setFiling(null); void load(); }} />}
    </Card>
  );
}
