import { App, Button, Form, Input, InputNumber, Space } from "antd";
import { SCREENINGS_MAX, type ScreeningReport } from "@shared/disputes/screening-schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

interface Values {
  screenings: number;
  note?: string;
}

/** The one figure the committee types in (排查次数) and a note; the rest are computed when it files. */
export function ScreeningReportForm({ orgId, periodStart, filed, onFiled }: { orgId: string; periodStart: string; filed: ScreeningReport | null; onFiled(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const submit = async (values: Values) => {
    try {
      await api("POST", "/api/disputes/screening-reports", { orgId, periodStart, screenings: values.screenings, note: values.note ?? null });
      message.success(t("screeningFiled"));
      onFiled();
    } catch (error) {
      showApiError(error, message, form);
    }
  };
  return (
    <Form form={form} layout="inline" initialValues={{ screenings: filed?.screenings ?? 0, note: filed?.note ?? "" }} onFinish={submit}>
      <Space wrap align="start">
        <Form.Item name="screenings" label={t("screenings")} rules={[{ required: true, type: "integer", min: 0, max: SCREENINGS_MAX }]}>
          <InputNumber min={0} max={SCREENINGS_MAX} precision={0} data-testid="screening-count" />
        </Form.Item>
        <Form.Item name="note" label={t("note")} rules={[{ max: TEXT_MAX }]}>
          <Input style={{ width: 280 }} data-testid="screening-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="screening-submit">{filed ? t("screeningResubmit") : t("screeningSubmit")}</Button>
      </Space>
    </Form>
  );
}
