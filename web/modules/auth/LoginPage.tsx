import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { ApiError, api } from "../../app/api.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";

export function LoginPage() {
  const { signIn, lostReason } = useSession();
  const { t, lang, setLang } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    api<{ demo: boolean }>("GET", "/api/health").then((health) => setDemo(health.demo), () => undefined);
  }, []);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught.problem.title);
      else message.error(t("networkError"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", background: "#f5f5f5", padding: 16 }}>
      <Card style={{ width: 380, maxWidth: "100%" }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline" }}>
          <Typography.Title level={3} style={{ color: "#b5342b", marginTop: 0 }}>
            {t("signInTitle")}
          </Typography.Title>
          <Button type="link" size="small" onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
            {t("language")}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t("appSubtitle")}</Typography.Paragraph>
        {(error ?? lostReason) && <Alert type="error" showIcon title={error ?? lostReason} style={{ marginBottom: 16 }} data-testid="login-error" />}
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
        {demo && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            {t("demoHint")}
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  );
}
