import { App, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import type { Incident } from "@shared/incidents/schemas.ts";
import { REASON_MAX } from "@shared/limits.ts";
import { SEVERITY_LEVELS, SEVERITY_LEVEL_LABELS, type SeverityLevel } from "@shared/plans/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { LevelTag } from "./LevelTag.tsx";

/**
 * The level: what the plan's thresholds suggest, what was decided and why, the plan version
 * the incident runs under, and (for handlers) confirming or changing it. A level other than
 * the suggestion needs a reason, as the server insists.
 */
export function LevelPanel({ incident, onChanged }: { incident: Incident; onChanged(incident: Incident): void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ level: SeverityLevel; reason?: string }>();
  const chosen = Form.useWatch("level", form);
  const [saving, setSaving] = useState(false);
  const canSet = incident.actions.includes("setLevel");
  const initial = incident.level ?? incident.suggestedLevel ?? undefined;
  const needsReason = chosen !== undefined && chosen !== incident.suggestedLevel;
  const unchanged = incident.level !== null && chosen === incident.level;

  const submit = async (values: { level: SeverityLevel; reason?: string }) => {
    setSaving(true);
    try {
      const updated = await api<Incident>("POST", `/api/incidents/${incident.id}/level`, { version: incident.version, level: values.level, reason: values.reason?.trim() || null });
      message.success(incident.level ? t("levelChanged") : t("levelConfirmed"));
      form.resetFields(["reason"]);
      onChanged(updated);
    } catch (error) {
      if (showApiError(error, message, form)) onChanged(incident);
    } finally {
      setSaving(false);
    }
  };

  const levelOptions = SEVERITY_LEVELS.map((l) => ({ value: l, label: t("levelName", { numeral: SEVERITY_LEVEL_LABELS[l].numeral, name: label(SEVERITY_LEVEL_LABELS[l]) }) }));
  return (
    <Card size="small" title={t("level")} data-testid="level-panel">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t("suggestedLevel")}>
          <span data-testid="suggested-level">{incident.suggestedLevel ? <LevelTag level={incident.suggestedLevel} /> : t("noSuggestion")}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("confirmedLevel")}>
          <span data-testid="confirmed-level">{incident.level ? <LevelTag level={incident.level} /> : <Typography.Text type="warning">{t("notConfirmed")}</Typography.Text>}</span>
        </Descriptions.Item>
        {incident.levelReason && <Descriptions.Item label={t("levelReason")}>{incident.levelReason}</Descriptions.Item>}
        <Descriptions.Item label={t("governingPlan")}>
          {incident.plan ? (
            <span data-testid="governing-plan">
              {incident.plan.title}（{incident.plan.orgName}，{t("versionNo", { no: incident.plan.versionNo })}）
            </span>
          ) : (
            <Typography.Text type="secondary">{t("noGoverningPlan")}</Typography.Text>
          )}
        </Descriptions.Item>
        {incident.openedAt && <Descriptions.Item label={t("openedAt")}>{chinaDateTime(incident.openedAt)}</Descriptions.Item>}
      </Descriptions>
      {canSet && (
        <Form form={form} layout="vertical" initialValues={{ level: initial }} onFinish={(values) => void submit(values)} style={{ marginTop: 8 }}>
          <Space.Compact style={{ width: "100%" }}>
            <Form.Item name="level" noStyle rules={[{ required: true }]}>
              <Select options={levelOptions} style={{ flex: 1 }} placeholder={t("level")} data-testid="level-select" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} disabled={unchanged} data-testid="level-submit">
              {incident.level ? t("changeLevel") : needsReason ? t("setLevel") : t("confirmLevel")}
            </Button>
          </Space.Compact>
          {needsReason && !unchanged && (
            <Form.Item name="reason" label={t("levelReasonRequired")} rules={[{ required: true, whitespace: true, max: REASON_MAX }]} style={{ marginTop: 8, marginBottom: 0 }}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={REASON_MAX} data-testid="level-reason" />
            </Form.Item>
          )}
        </Form>
      )}
    </Card>
  );
}
