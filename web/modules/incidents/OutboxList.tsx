import { Button, List, Space, Tag, Typography } from "antd";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import type { QueuedReport } from "./report-outbox.ts";

/** Reports written on this device that have not reached the server yet, and why. */
export function OutboxList({ reports, onCorrect, onRetry }: { reports: QueuedReport[]; onCorrect?: (report: QueuedReport) => void; onRetry?: () => void }) {
  const { t } = useI18n();
  const waiting = reports.some((report) => !report.rejected);
  return (
    <List
      size="small"
      bordered
      data-testid="outbox"
      header={
        <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
          <Typography.Text strong>{t("outboxTitle", { count: reports.length })}</Typography.Text>
          {waiting && onRetry && (
            <Button size="small" onClick={onRetry} data-testid="outbox-retry">
              {t("retryNow")}
            </Button>
          )}
        </Space>
      }
      footer={waiting ? <Typography.Text type="secondary">{t("outboxHint")}</Typography.Text> : undefined}
      dataSource={reports}
      renderItem={(report) => (
        <List.Item
          data-testid="outbox-item"
          actions={report.rejected && onCorrect ? [<Button key="correct" size="small" type="primary" onClick={() => onCorrect(report)} data-testid="outbox-correct">{t("correctAndResend")}</Button>] : []}
        >
          <List.Item.Meta
            title={
              <Space wrap>
                {report.rejected ? <Tag color="red">{t("sendRefused")}</Tag> : <Tag color="orange">{t("waitingToSend")}</Tag>}
                <span>{report.input.title}</span>
              </Space>
            }
            description={report.rejected ? report.rejected.title : t("queuedAt", { at: chinaDateTime(report.queuedAt) })}
          />
        </List.Item>
      )}
    />
  );
}
