import { LockOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { ApiError, api } from "../../app/api.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";

export function LoginPage() {
  const { signIn, completeSignIn, lostReason } = useSession();
  const { t, lang, setLang } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState(false);
  /** The password was right and the account has two-factor sign-in: the code comes next. */
  const [secondStep, setSecondStep] = useState(false);
  useEffect(() => {
    api<{ demo: boolean }>("GET", "/api/health").then((health) => setDemo(health.demo), () => undefined);
  }, []);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      setSecondStep((await signIn(values.username, values.password)) === "code");
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught.problem.title);
      else message.error(t("networkError"));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (values: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await completeSignIn(values.code);
    } catch (caught) {
      if (!(caught instanceof ApiError)) message.error(t("networkError"));
      else {
        setError(caught.problem.errors?.[0]?.message ?? caught.problem.title);
        // Timed out or locked: only the password step can start again.
        if (caught.status !== 400) setSecondStep(false);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", background: "#f5f5f5", padding: 16 }}>
      <Card style={{ width: 380, maxWidth: "100%" }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline" }}>
          <Typography.Title level={3} style={{ color: "#b5342b", marginTop: 0 }}>
            {secondStep ? t("secondStepTitle") : t("signInTitle")}
          </Typography.Title>
          <Button type="link" size="small" onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
            {t("language")}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t("appSubtitle")}</Typography.Paragraph>
        {(error ?? lostReason) && <Alert type="error" showIcon title={error ?? lostReason} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {secondStep ? (
          <Form layout="vertical" onFinish={submitCode} requiredMark={false}>
            <Typography.Paragraph>{t("secondStepHint")}</Typography.Paragraph>
            <Form.Item name="code" label={t("twoFactorCode")} rules={[{ required: true }]}>
              <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="text" autoFocus data-testid="login-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-code-submit">
              {t("secondStepSubmit")}
            </Button>
            <Button type="link" block onClick={() => setSecondStep(false)} style={{ marginTop: 8 }}>
              {t("secondStepBack")}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t("username")} rules={[{ required: true }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t("password")} rules={[{ required: true }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t("signIn")}
            </Button>
          </Form>
        )}
        {demo && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            {t("demoHint")}
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  );
}
