import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Descriptions, Drawer, Form, Input, List, Popconfirm, Space, Spin, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { INCIDENT_REPORT_KIND_LABELS, REPORT_STATUS_LABELS, type IncidentReport, type IncidentReportSummary } from "@shared/incidents/report-schemas.ts";
import { INCIDENT_REPORT_KINDS, type Incident, type IncidentReportKind } from "@shared/incidents/schemas.ts";
import { NAME_MAX, TEXT_MAX } from "@shared/limits.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";

const STATUS_COLORS = { draft: "default", approved: "processing", sent: "success" } as const;

/** "首报", "第 2 次续报", "终报". */
export function useReportName() {
  const { t, label } = useI18n();
  return (report: Pick<IncidentReportSummary, "kind" | "sequence">) =>
    report.kind === "follow_up" && report.sequence !== null ? t("followUpNo", { no: report.sequence }) : label(INCIDENT_REPORT_KIND_LABELS[report.kind]);
}

/** What a settled report says, as its reader (the parent org that received it) needs it. */
function ReportContentView({ content }: { content: IncidentReport["content"] }) {
  const { t } = useI18n();
  const { figures } = content;
  const optional = [
    ["cause", content.cause],
    ["trend", content.trend],
    ["measuresTaken", content.measuresTaken],
    ["helpNeeded", content.helpNeeded],
  ] as const;
  return (
    <Descriptions size="small" column={1} bordered data-testid="report-content" styles={{ content: { whiteSpace: "pre-wrap" } }}>
      <Descriptions.Item label={t("occurredAt")}>{chinaDateTime(content.occurredAt)}</Descriptions.Item>
      <Descriptions.Item label={t("place")}>{content.place}</Descriptions.Item>
      <Descriptions.Item label={t("whatHappened")}>{content.summary}</Descriptions.Item>
      <Descriptions.Item label={t("peopleInvolved")}>{figures.peopleInvolved}</Descriptions.Item>
      <Descriptions.Item label={t("casualties")}>{t("casualtiesValue", { deaths: figures.deaths, injuries: figures.injuries, missing: figures.missing })}</Descriptions.Item>
      <Descriptions.Item label={t("economicLoss")}>{figures.economicLoss}</Descriptions.Item>
      {optional.map(([key, text]) => text && <Descriptions.Item key={key} label={t(key)}>{text}</Descriptions.Item>)}
    </Descriptions>
  );
}

/**
 * One report: its text edited while a draft, approved by a leader, sent up, and downloaded as
 * the official document; read-only for the parent org that received it.
 */
export function ReportDrawer({ incidentId, reportId, onClose, onChanged }: { incidentId: string; reportId: string; onClose(): void; onChanged?(): void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const name = useReportName();
  const [report, setReport] = useState<IncidentReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ title: string; summary: string; measuresTaken?: string | null }>();
  const url = `/api/incidents/${incidentId}/reports/${reportId}`;

  const load = useCallback(async () => {
    try {
      setReport(await api<IncidentReport>("GET", url));
    } catch (error) {
      showApiError(error, message);
    }
  }, [url, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (method: string, path: string, body: unknown, done: string) => {
    setBusy(true);
    try {
      setReport(await api<IncidentReport>(method, path, body));
      message.success(done);
      onChanged?.();
    } catch (error) {
      if (showApiError(error, message, form)) void load();
    } finally {
      setBusy(false);
    }
  };

  const can = (action: IncidentReport["actions"][number]) => !!report?.actions.includes(action);
  return (
    <Drawer open onClose={onClose} size={640} title={report ? `${name(report)} · ${report.title}` : t("reportUpward")} data-testid="report-drawer">
      {!report ? (
        <Spin />
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <Tag color={STATUS_COLORS[report.status]} data-testid="report-status">
              {label(REPORT_STATUS_LABELS[report.status])}
            </Tag>
            <Button size="small" icon={<DownloadOutlined />} href={`${url}/export.docx`} data-testid="report-export">
              {t("exportDocx")}
            </Button>
            {can("approve") && (
              <Popconfirm title={t("approveReportConfirm")} onConfirm={() => run("POST", `${url}/approve`, { version: report.version }, t("reportApproved"))}>
                <Button type="primary" loading={busy} data-testid="report-approve">
                  {t("approveReport")}
                </Button>
              </Popconfirm>
            )}
            {can("send") && (
              <Popconfirm title={t("sendReportConfirm")} onConfirm={() => run("POST", `${url}/send`, { version: report.version }, t("reportSent"))}>
                <Button type="primary" loading={busy} data-testid="report-send">
                  {t("sendReportUp")}
                </Button>
              </Popconfirm>
            )}
          </Space>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("reportingOrg")}>{report.content.reportingOrg}</Descriptions.Item>
            {report.toOrg && <Descriptions.Item label={t("reportSentToOrg")}>{report.toOrg.name}</Descriptions.Item>}
            {report.approvedBy && <Descriptions.Item label={t("reportSigner")}>{`${report.approvedBy.displayName}（${chinaDateTime(report.approvedAt!)}）`}</Descriptions.Item>}
            {report.sentAt && <Descriptions.Item label={t("reportSentAt")}>{chinaDateTime(report.sentAt)}</Descriptions.Item>}
          </Descriptions>
          {can("update") ? (
            <Form
              form={form}
              layout="vertical"
              initialValues={{ title: report.title, summary: report.content.summary, measuresTaken: report.content.measuresTaken }}
              onFinish={(values) =>
                void run("PATCH", url, { version: report.version, title: values.title, content: { summary: values.summary, measuresTaken: values.measuresTaken?.trim() || null } }, t("reportSaved"))
              }
            >
              <Form.Item name="title" label={t("reportTitle")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
                <Input maxLength={NAME_MAX} data-testid="report-title" />
              </Form.Item>
              <Form.Item name="summary" label={t("whatHappened")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
                <Input.TextArea autoSize={{ minRows: 5 }} maxLength={TEXT_MAX} data-testid="report-summary" />
              </Form.Item>
              <Form.Item name="measuresTaken" label={t("measuresTaken")} rules={[{ max: TEXT_MAX }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={TEXT_MAX} />
              </Form.Item>
              <Button htmlType="submit" loading={busy} data-testid="report-save">
                {t("save")}
              </Button>
            </Form>
          ) : (
            <ReportContentView content={report.content} />
          )}
        </Space>
      )}
    </Drawer>
  );
}

/** The incident's reports upward (首报、续报、终报) and, for whoever may, drafting the next one. */
export function ReportsCard({ incident, onChanged }: { incident: Incident; onChanged(): void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const name = useReportName();
  const [reports, setReports] = useState<IncidentReportSummary[]>([]);
  const [open, setOpen] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setReports((await api<{ items: IncidentReportSummary[] }>("GET", `/api/incidents/${incident.id}/reports`)).items);
    } catch {
      setReports([]);
    }
  }, [incident.id]);
  useEffect(() => {
    void load();
  }, [load, incident.version]);

  const draft = async (kind: IncidentReportKind) => {
    try {
      const created = await api<IncidentReport>("POST", `/api/incidents/${incident.id}/reports`, { kind });
      message.success(t("reportDrafted"));
      setOpen(created.id);
      void load();
      onChanged();
    } catch (error) {
      showApiError(error, message);
    }
  };

  return (
    <Card
      size="small"
      title={t("reportsUpward")}
      data-testid="reports"
      extra={
        <Space wrap size={4}>
          <Button size="small" icon={<DownloadOutlined />} href={`/api/incidents/${incident.id}/cap.xml`} data-testid="cap-download">
            {t("capDownload")}
          </Button>
          {incident.actions.includes("draftReport") &&
            INCIDENT_REPORT_KINDS.map((kind) => (
              <Button key={kind} size="small" onClick={() => void draft(kind)} data-testid={`draft-${kind}`}>
                {t("draftReportKind", { kind: label(INCIDENT_REPORT_KIND_LABELS[kind]) })}
              </Button>
            ))}
        </Space>
      }
    >
      {reports.length === 0 ? (
        <Typography.Text type="secondary">{t("noReportsYet")}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={reports}
          renderItem={(report) => (
            <List.Item data-testid="report-item" actions={[<Button key="open" size="small" type="link" onClick={() => setOpen(report.id)}>{t("openReport")}</Button>]}>
              <Space wrap>
                <strong>{name(report)}</strong>
                <Tag color={STATUS_COLORS[report.status]}>{label(REPORT_STATUS_LABELS[report.status])}</Tag>
                <Typography.Text type="secondary">{report.sentAt ? t("reportSentTo", { org: report.toOrg?.name ?? "", at: chinaDateTime(report.sentAt) }) : chinaDateTime(report.createdAt)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {open && (
        <ReportDrawer
          incidentId={incident.id}
          reportId={open}
          onClose={() => setOpen(null)}
          onChanged={() => {
            void load();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
