import { Alert, App, Button, Card, Form, Input, List, QRCode, Space, Spin, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { SessionInfo } from "@shared/auth/schemas.ts";
import type { RecoveryCodes, TwoFactorEnrolment, TwoFactorStatus } from "@shared/auth/two-factor-schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";

/** One's own two-factor sign-in: set up an authenticator, keep the recovery codes, turn it off. */
export function TwoFactorCard() {
  const { replace } = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [confirmForm] = Form.useForm<{ code: string }>();
  const [renewForm] = Form.useForm<{ code: string }>();
  const [disableForm] = Form.useForm<{ code?: string; password?: string }>();

  const load = useCallback(() => {
    api<TwoFactorStatus>("GET", "/api/auth/two-factor").then(setStatus, (error: unknown) => showApiError(error, message));
  }, [message]);
  useEffect(load, [load]);

  const start = async () => {
    try {
      setEnrolment(await api<TwoFactorEnrolment>("POST", "/api/auth/two-factor/enrolment"));
    } catch (error) {
      showApiError(error, message);
    }
  };

  const confirm = async ({ code }: { code: string }) => {
    try {
      setRecoveryCodes((await api<RecoveryCodes>("POST", "/api/auth/two-factor/enrolment/confirm", { code })).recoveryCodes);
      setEnrolment(null);
      message.success(t("twoFactorEnabled"));
    } catch (error) {
      showApiError(error, message, confirmForm);
    }
  };

  const renew = async ({ code }: { code: string }) => {
    try {
      setRecoveryCodes((await api<RecoveryCodes>("POST", "/api/auth/two-factor/recovery-codes", { code })).recoveryCodes);
      renewForm.resetFields();
    } catch (error) {
      showApiError(error, message, renewForm);
    }
  };

  const disable = async ({ code, password }: { code?: string; password?: string }) => {
    try {
      await api("POST", "/api/auth/two-factor/disable", code ? { code } : { password });
      disableForm.resetFields();
      message.success(t("twoFactorDisabled"));
      load();
    } catch (error) {
      showApiError(error, message, disableForm);
    }
  };

  // The session is re-read only once the codes are put away: an account held to enrolling gets
  // its whole shell back then, and this page would be rebuilt with the codes gone.
  const codesSaved = async () => {
    setRecoveryCodes(null);
    load();
    try {
      replace(await api<SessionInfo>("GET", "/api/auth/session"));
    } catch (error) {
      showApiError(error, message);
    }
  };

  const title = (
    <Space>
      {t("twoFactorTitle")}
      {status && (status.enabled ? <Tag color="green" data-testid="two-factor-on">{t("twoFactorOn")}</Tag> : <Tag>{t("twoFactorOff")}</Tag>)}
    </Space>
  );
  if (!status) return <Card size="small" title={title}><Spin /></Card>;

  if (recoveryCodes) {
    return (
      <Card size="small" title={t("recoveryCodesTitle")}>
        <Alert type="warning" showIcon title={t("recoveryCodesHint")} style={{ marginBottom: 12 }} />
        <List
          size="small"
          bordered
          dataSource={recoveryCodes}
          renderItem={(code) => <List.Item style={{ fontFamily: "monospace", fontSize: 16 }}>{code}</List.Item>}
          data-testid="two-factor-recovery-codes"
        />
        <Button type="primary" style={{ marginTop: 12 }} onClick={() => void codesSaved()} data-testid="recovery-codes-done">
          {t("recoveryCodesDone")}
        </Button>
      </Card>
    );
  }

  if (!status.enabled) {
    return (
      <Card size="small" title={title}>
        {status.required && <Alert type="warning" showIcon title={t("twoFactorRequiredHint")} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph>{t("twoFactorIntro")}</Typography.Paragraph>
        {enrolment ? (
          <>
            <Typography.Paragraph>{t("twoFactorScan")}</Typography.Paragraph>
            <QRCode value={enrolment.uri} size={200} style={{ marginBottom: 12 }} />
            <Typography.Paragraph>
              {t("twoFactorSecret")}：
              <Typography.Text code copyable data-testid="two-factor-secret">
                {enrolment.secret}
              </Typography.Text>
            </Typography.Paragraph>
            <Form form={confirmForm} layout="vertical" onFinish={confirm}>
              <Form.Item name="code" label={t("twoFactorCode")} extra={t("twoFactorCodeHint")} rules={[{ required: true }]}>
                <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} style={{ maxWidth: 200 }} data-testid="two-factor-code" />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="two-factor-confirm">
                {t("twoFactorConfirm")}
              </Button>
            </Form>
          </>
        ) : (
          <Button type="primary" onClick={() => void start()} data-testid="two-factor-start">
            {t("twoFactorStart")}
          </Button>
        )}
      </Card>
    );
  }

  return (
    <Card size="small" title={title}>
      <Typography.Paragraph>{t("recoveryCodesLeft", { n: status.recoveryCodesLeft })}</Typography.Paragraph>
      <Form form={renewForm} layout="inline" onFinish={renew} style={{ marginBottom: 16 }}>
        <Form.Item name="code" rules={[{ required: true }]}>
          <Input placeholder={t("twoFactorCode")} autoComplete="one-time-code" inputMode="numeric" maxLength={6} style={{ width: 140 }} />
        </Form.Item>
        <Button htmlType="submit">{t("recoveryCodesRenew")}</Button>
      </Form>
      {!status.required && (
        <Form form={disableForm} layout="vertical" onFinish={disable}>
          <Typography.Paragraph type="secondary">{t("twoFactorDisableHint")}</Typography.Paragraph>
          <Space wrap align="start">
            <Form.Item name="code">
              <Input placeholder={t("twoFactorCode")} autoComplete="one-time-code" inputMode="numeric" maxLength={6} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="password">
              <Input.Password placeholder={t("currentPassword")} autoComplete="current-password" style={{ width: 200 }} />
            </Form.Item>
            <Button danger htmlType="submit">
              {t("twoFactorDisable")}
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
