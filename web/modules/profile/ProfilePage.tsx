import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Tag } from "antd";
import type { SessionInfo } from "@shared/auth/schemas.ts";
import { ROLE_LABELS } from "@shared/roles.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession, useSignedIn } from "../../app/session.tsx";
import { TwoFactorCard } from "./TwoFactorCard.tsx";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ProfilePage() {
  const session = useSignedIn();
  const { replace } = useSession();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const submit = async ({ currentPassword, newPassword }: Values) => {
    try {
      replace(await api<SessionInfo>("POST", "/api/auth/password", { currentPassword, newPassword }));
      form.resetFields();
      message.success(t("passwordChanged"));
    } catch (error) {
      showApiError(error, message, form);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%", maxWidth: 640 }}>
      {session.account.mustChangePassword && <Alert type="warning" showIcon title={t("mustChangePassword")} data-testid="must-change-password" />}
      {session.account.mustEnrolTwoFactor && !session.account.mustChangePassword && (
        <Alert type="warning" showIcon title={t("mustEnrolTwoFactor")} data-testid="must-enrol-two-factor" />
      )}
      <Card size="small" title={t("profileTitle")}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t("username")}>{session.account.username}</Descriptions.Item>
          <Descriptions.Item label={t("displayName")}>{session.account.displayName}</Descriptions.Item>
          <Descriptions.Item label={t("org")}>{session.org.name}</Descriptions.Item>
          <Descriptions.Item label={t("roles")}>
            {session.account.roles.map((role) => (
              <Tag key={role}>{label(ROLE_LABELS[role])}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t("changePassword")}>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label={t("currentPassword")} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="profile-current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t("newPassword")} extra={t("newPasswordHint")} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" data-testid="profile-new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t("confirmPassword")}
            dependencies={["newPassword"]}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) => (value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error(t("passwordMismatch")))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="profile-confirm-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="profile-submit">
            {t("changePassword")}
          </Button>
        </Form>
      </Card>
      {/* The server holds an initial password to its change first; two-factor comes after. */}
      {!session.account.mustChangePassword && <TwoFactorCard />}
    </Space>
  );
}
