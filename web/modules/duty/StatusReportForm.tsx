import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, type ButtonProps, Form, Input, Modal, Select, Space, Switch } from "antd";
import { REPORT_LINK_KINDS, type ReportLink } from "@shared/duty/schemas.ts";
import { NAME_MAX, TEXT_MAX } from "@shared/limits.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

interface Values {
  nothingToReport: boolean;
  summary?: string;
  links: ReportLink[];
}

/** An org's daily status report in a protection period: 零报告 when nothing happened, otherwise what and where to read more. */
export function StatusReportForm({ periodId, orgId, orgName, date, onClose, onSaved }: { periodId: string; orgId: string; orgName: string; date: string; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const nothing = Form.useWatch("nothingToReport", form) ?? true;
  const submit = async (values: Values) => {
    try {
      await api("POST", `/api/protection-periods/${periodId}/reports`, {
        orgId, date, nothingToReport: values.nothingToReport, summary: values.nothingToReport ? null : values.summary || null, links: values.nothingToReport ? [] : values.links ?? [],
      });
      message.success(t("reportFiled"));
      onSaved();
    } catch (error) {
      showApiError(error, message, form);
    }
  };
  return (
    <Modal open title={`${t("fileReport")} · ${orgName} · ${date}`} onCancel={onClose} onOk={() => form.submit()} okText={t("submit")} cancelText={t("cancel")} okButtonProps={{ "data-testid": "report-submit" } as ButtonProps} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ nothingToReport: true, links: [] }} onFinish={submit}>
        <Form.Item name="nothingToReport" label={t("nothingToReport")} valuePropName="checked" extra={t("nothingToReportHint")}>
          <Switch data-testid="report-nothing" />
        </Form.Item>
        {!nothing && (
          <>
            <Form.Item name="summary" label={t("reportSummary")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="report-summary" />
            </Form.Item>
            <Form.List name="links">
              {(fields, { add, remove }) => (
                <Space orientation="vertical" style={{ width: "100%" }}>
                  {fields.map((field) => (
                    <Space key={field.key} align="start" wrap>
                      <Form.Item name={[field.name, "kind"]} rules={[{ required: true }]}>
                        <Select style={{ width: 110 }} options={REPORT_LINK_KINDS.map((k) => ({ value: k, label: t(`link_${k}`) }))} />
                      </Form.Item>
                      <Form.Item name={[field.name, "ref"]} rules={[{ required: true, whitespace: true, max: 64 }]}>
                        <Input placeholder={t("linkRef")} style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, "title"]} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
                        <Input placeholder={t("linkTitle")} style={{ width: 200 }} />
                      </Form.Item>
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("remove")} onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ kind: "incident" })}>{t("addLink")}</Button>
                </Space>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Modal>
  );
}
