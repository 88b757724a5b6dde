import { DownloadOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Input, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import type { AuditEntry, AuditVerification } from "@shared/audit/schemas.ts";
import { api, query, saveFile } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";
import { usePagedList } from "../../app/use-paged-list.ts";
import { ChainVerification } from "./ChainVerification.tsx";

const PAGE = 50;

interface Filter {
  action?: string;
  actor?: string;
  recordType?: string;
  from?: string;
  to?: string;
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>({});
  const { items, loading, pagination } = usePagedList<AuditEntry>("/api/audit", { ...filter }, PAGE);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [busy, setBusy] = useState<"verify" | "export" | null>(null);
  // The roles of the server's audit policy `verify` rule.
  const mayVerify = useSession().hasRole("auditor");

  const run = async (what: "verify" | "export", work: () => Promise<void>) => {
    setBusy(what);
    try {
      await work();
    } catch (error) {
      showApiError(error, message);
    } finally {
      setBusy(null);
    }
  };
  const verify = () => run("verify", async () => setVerification(await api<AuditVerification>("GET", "/api/audit/verify")));
  const exportLog = () => run("export", () => saveFile(`/api/audit/export.xlsx${query({ ...filter })}`, "audit-log.xlsx"));
  const setText = (key: keyof Filter) => (value: string) => {
    setFilter((f) => ({ ...f, [key]: value || undefined }));
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: "#", dataIndex: "seq", width: 70 },
    { title: t("auditAt"), dataIndex: "at", width: 170, render: (at: string) => new Date(at).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB") },
    { title: t("auditActor"), dataIndex: "actorName", render: (name: string | null) => name ?? "—" },
    { title: t("auditAction"), dataIndex: "action" },
    { title: t("auditRecord"), render: (_, row) => (row.recordType ? `${row.recordType} ${row.recordId?.slice(0, 8) ?? ""}` : "—") },
    { title: t("auditIp"), dataIndex: "ip" },
    { title: t("auditDetail"), dataIndex: "detail", render: (detail: object) => <Typography.Text code style={{ fontSize: 12 }}>{JSON.stringify(detail)}</Typography.Text> },
    { title: t("auditReason"), dataIndex: "reason", render: (reason: string | null) => reason ?? "" },
  ];

  return (
    <Card
      size="small"
      title={t("auditTitle")}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} loading={busy === "export"} onClick={() => void exportLog()} data-testid="audit-export">
            {t("exportExcel")}
          </Button>
          {mayVerify && (
            <Button icon={<SafetyCertificateOutlined />} loading={busy === "verify"} onClick={() => void verify()} data-testid="audit-verify">
              {t("verifyChain")}
            </Button>
          )}
        </Space>
      }
    >
      {verification && <ChainVerification result={verification} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder={t("auditAction")} allowClear style={{ width: 160 }} onSearch={setText("action")} />
        <Input.Search placeholder={t("auditActor")} allowClear style={{ width: 160 }} onSearch={setText("actor")} />
        <Input.Search placeholder={t("recordType")} allowClear style={{ width: 140 }} onSearch={setText("recordType")} />
        <DatePicker.RangePicker
          showTime
          onChange={(range) => setFilter((f) => ({ ...f, from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() }))}
        />
      </Space>
      <Table
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: 1100 }}
        pagination={{ ...pagination, showSizeChanger: false }}
      />
    </Card>
  );
}
