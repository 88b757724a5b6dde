import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Radio, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { LEDGER_FILE_FIELD, LEDGER_IMPORT_COLUMNS, LEDGER_IMPORT_MAX_BYTES, LEDGER_IMPORT_MAX_ROWS, type DisputeImportResult, type LedgerImportMode, type LedgerRowError } from "@shared/disputes/ledger-schemas.ts";
import { ApiError, api, query, saveFile } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";

const XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The register as Excel: export what the page's filters select, download the import template,
 * and import a filled-in one for `orgId` (the caller's own org when none is chosen), showing
 * each refused row by its line and column so the sheet can be corrected and sent again.
 */
export function LedgerButtons({ orgId, filters, onImported }: { orgId?: string; filters: Record<string, string | undefined>; onImported(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);

  const download = async (url: string, fallbackName: string) => {
    setExporting(true);
    try {
      await saveFile(url, fallbackName);
    } catch (error) {
      showApiError(error, message);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void download(`/api/disputes/export.xlsx${query(filters)}`, "disputes.xlsx")} data-testid="disputes-export">
        {t("exportExcel")}
      </Button>
      <Button icon={<FileExcelOutlined />} onClick={() => void download("/api/disputes/import-template.xlsx", "dispute-import-template.xlsx")} data-testid="disputes-template">
        {t("ledgerTemplate")}
      </Button>
      <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="disputes-import">
        {t("ledgerImport")}
      </Button>
      {importing && <ImportDialog orgId={orgId} onClose={() => setImporting(false)} onImported={onImported} />}
    </Space>
  );
}

function ImportDialog({ orgId, onClose, onImported }: { orgId?: string | undefined; onClose(): void; onImported(): void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<LedgerImportMode>("all_or_nothing");
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<DisputeImportResult | null>(null);
  const targetOrg = orgId ?? session?.org.id;

  const send = async () => {
    if (!file || !targetOrg) return;
    const form = new FormData();
    form.append("orgId", targetOrg);
    form.append("mode", mode);
    form.append(LEDGER_FILE_FIELD, file, file.name);
    setSending(true);
    try {
      const result = await api<DisputeImportResult>("POST", "/api/disputes/import", form);
      setOutcome(result);
      if (result.imported > 0) onImported();
    } catch (error) {
      // Refused rows come back with their lines: a table to correct the sheet by, not a message.
      const rows = error instanceof ApiError ? (error.problem.errors ?? []).filter((e): e is LedgerRowError => e.line !== undefined) : [];
      if (rows.length > 0) setOutcome({ imported: 0, errors: rows });
      else showApiError(error, message);
    } finally {
      setSending(false);
    }
  };

  const columnName = (field: string) => {
    const column = LEDGER_IMPORT_COLUMNS.find((c) => c.key === field);
    return column ? label(column) : field;
  };
  const badRows = outcome ? new Set(outcome.errors.map((e) => e.line)).size : 0;

  return (
    <Modal
      open
      width={720}
      title={t("ledgerImport")}
      onCancel={onClose}
      onOk={() => void send()}
      okText={t("ledgerImportSend")}
      cancelText={t("cancel")}
      okButtonProps={{ disabled: !file || !targetOrg, loading: sending }}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t("ledgerImportHint", { maxRows: LEDGER_IMPORT_MAX_ROWS, maxMb: LEDGER_IMPORT_MAX_BYTES / 1024 / 1024 })}
        </Typography.Paragraph>
        <Upload
          accept={XLSX_ACCEPT}
          maxCount={1}
          fileList={file ? [{ uid: "ledger", name: file.name, status: "done" }] : []}
          onRemove={() => setFile(null)}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setOutcome(null);
            // Held here, and sent with the mode when the user confirms.
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="ledger-import-file">
            {t("ledgerChooseFile")}
          </Button>
        </Upload>
        <Radio.Group value={mode} onChange={(event) => setMode(event.target.value as LedgerImportMode)} data-testid="ledger-import-mode">
          <Space direction="vertical">
            <Radio value="all_or_nothing">{t("ledgerModeAllOrNothing")}</Radio>
            <Radio value="valid_rows">{t("ledgerModeValidRows")}</Radio>
          </Space>
        </Radio.Group>
        {outcome && (
          <Alert
            type={badRows === 0 ? "success" : outcome.imported > 0 ? "warning" : "error"}
            showIcon
            message={badRows === 0 ? t("ledgerImported", { count: outcome.imported }) : t("ledgerImportedSome", { count: outcome.imported, rows: badRows })}
            data-testid="ledger-import-outcome"
          />
        )}
        {outcome && outcome.errors.length > 0 && (
          <Table
            size="small"
            rowKey={(row) => `${row.line}-${row.field}-${row.message}`}
            dataSource={outcome.errors}
            pagination={outcome.errors.length > 10 ? { pageSize: 10 } : false}
            data-testid="ledger-import-errors"
            columns={[
              { title: t("ledgerLine"), dataIndex: "line", width: 70 },
              { title: t("ledgerColumn"), dataIndex: "field", width: 160, render: columnName },
              { title: t("ledgerProblem"), dataIndex: "message" },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
