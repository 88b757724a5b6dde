import { App, Form, Input, Modal } from "antd";
import type { Account } from "@shared/accounts/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

export function ResetPasswordDialog({ account, onClose, onSaved }: { account: Account; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ password: string }>();
  const { t } = useI18n();
  const { message } = App.useApp();
  const submit = async ({ password }: { password: string }) => {
    try {
      await api("POST", `/api/accounts/${account.id}/reset-password`, { password, version: account.version });
      message.success(t("saved"));
      onSaved();
    } catch (error) {
      if (showApiError(error, message, form)) onClose();
    }
  };
  return (
    <Modal open title={`${t("resetPassword")} · ${account.displayName}`} onCancel={onClose} onOk={() => form.submit()} okText={t("save")} cancelText={t("cancel")} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="password" label={t("initialPassword")} extra={t("newPasswordHint")} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
