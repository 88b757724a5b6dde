import { App, Button, Form, Input, List, Select, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { LOG_ENTRY_KINDS, LOG_ENTRY_KIND_LABELS, type LogEntry, type LogEntryKind } from "@shared/duty/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "./shift-text.ts";

const KIND_COLORS: Record<LogEntryKind, string> = { call: "blue", action: "green", note: "default" };

/** The shift's logbook: calls received and actions taken, in order; entries are never edited, only corrected. */
export function ShiftLog({ shiftId, canWrite }: { shiftId: string; canWrite: boolean }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: LogEntryKind; text: string }>();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const load = useCallback(async () => {
    try {
      setEntries((await api<{ items: LogEntry[] }>("GET", `/api/shifts/${shiftId}/log`)).items);
    } catch (error) {
      showApiError(error, message);
    }
  }, [shiftId, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (values: { kind: LogEntryKind; text: string }) => {
    try {
      await api("POST", `/api/shifts/${shiftId}/log`, values);
      form.resetFields(["text"]);
      await load();
    } catch (error) {
      showApiError(error, message, form);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <List
        size="small"
        locale={{ emptyText: t("logEmpty") }}
        dataSource={entries}
        renderItem={(entry) => (
          <List.Item data-testid="log-entry">
            <Space orientation="vertical" size={0} style={{ width: "100%" }}>
              <Space wrap>
                <Typography.Text type="secondary">{chinaDateTime(entry.at)}</Typography.Text>
                <Tag color={KIND_COLORS[entry.kind]}>{label(LOG_ENTRY_KIND_LABELS[entry.kind])}</Tag>
                <Typography.Text type="secondary">{entry.author.displayName}</Typography.Text>
                {entry.correctsId && <Tag>{t("correction")}</Tag>}
              </Space>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{entry.text}</Typography.Paragraph>
            </Space>
          </List.Item>
        )}
      />
      {canWrite && (
        <Form form={form} layout="vertical" initialValues={{ kind: "call" }} onFinish={submit}>
          <Form.Item name="kind" label={t("logKind")}>
            <Select style={{ width: 160 }} options={LOG_ENTRY_KINDS.map((k) => ({ value: k, label: label(LOG_ENTRY_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="text" label={t("logText")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="log-text" />
          </Form.Item>
          <Button htmlType="submit" data-testid="log-submit">{t("addLogEntry")}</Button>
        </Form>
      )}
    </Space>
  );
}
