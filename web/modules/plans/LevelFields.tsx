import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, InputNumber, Select, Space, Typography } from "antd";
import { NAME_MAX } from "@shared/limits.ts";
import { type SeverityLevel, THRESHOLD_FIELDS } from "@shared/plans/schemas.ts";
import { ROLES, ROLE_LABELS } from "@shared/roles.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

const minutes = { min: 1, precision: 0, style: { width: 110 } } as const;

/** The form fields of one level: thresholds, who is notified and escalated to, report, on-site and task deadlines. */
export function LevelFields({ level, groupOptions }: { level: SeverityLevel; groupOptions: { value: string; label: string }[] }) {
  const { t, label } = useI18n();
  const roleOptions = ROLES.map((role) => ({ value: role, label: label(ROLE_LABELS[role]) }));
  const base = ["content", "levels", level];
  const response = [...base, "response"];
  const targets = (name: (string | number)[]) => (
    <>
      <Form.Item name={[...name, "roles"]} noStyle>
        <Select mode="multiple" placeholder={t("roles")} options={roleOptions} style={{ minWidth: 160 }} />
      </Form.Item>
      <Form.Item name={[...name, "groupIds"]} noStyle>
        <Select mode="multiple" placeholder={t("menuGroups")} options={groupOptions} style={{ minWidth: 160 }} />
      </Form.Item>
    </>
  );
  const list = (key: string, title: string, empty: object, row: (name: number) => React.ReactNode) => (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <Form.List name={[...response, key]}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} wrap align="baseline" style={{ display: "flex", marginBottom: 8 }}>
                {row(field.name)}
                <MinusCircleOutlined onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add(empty)} style={{ marginBottom: 12 }} data-testid={`add-${key}-${level}`}>
              {t("add")}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );

  return (
    <>
      <Typography.Text strong>{t("planThresholds")}</Typography.Text>
      <Space wrap style={{ display: "flex", margin: "8px 0" }}>
        {THRESHOLD_FIELDS.map((field) => (
          <Form.Item key={field} name={[...base, "thresholds", field]} label={t(`threshold_${field}`)} style={{ marginBottom: 0 }}>
            <InputNumber min={0} data-testid={`threshold-${level}-${field}`} />
          </Form.Item>
        ))}
      </Space>
      <Form.Item name={[...base, "thresholds", "criteria"]} label={t("criteria")}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item label={t("planNotify")}>
        <Space wrap>{targets([...response, "notify"])}</Space>
      </Form.Item>
      {list("escalation", t("planEscalation"), { notify: { roles: [], groupIds: [] }, ackWithinMinutes: 10 }, (name) => (
        <>
          {targets([name, "notify"])}
          <Form.Item name={[name, "ackWithinMinutes"]} noStyle rules={[{ required: true }]}>
            <InputNumber {...minutes} addonAfter={t("minutes")} />
          </Form.Item>
        </>
      ))}
      {list("reports", t("planReports"), { to: "", initialWithinMinutes: 20, followUpEveryMinutes: null }, (name) => (
        <>
          <Form.Item name={[name, "to"]} noStyle rules={[{ required: true, max: NAME_MAX }]}>
            <Input placeholder={t("reportToWhom")} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name={[name, "initialWithinMinutes"]} noStyle rules={[{ required: true }]}>
            <InputNumber {...minutes} addonAfter={t("minutes")} />
          </Form.Item>
          <Form.Item name={[name, "followUpEveryMinutes"]} noStyle>
            <InputNumber {...minutes} placeholder={t("followUpShort")} addonAfter={t("minutes")} />
          </Form.Item>
        </>
      ))}
      {list("onSite", t("planOnSite"), { role: "leader", who: null, withinMinutes: 30 }, (name) => (
        <>
          <Form.Item name={[name, "role"]} noStyle rules={[{ required: true }]}>
            <Select options={roleOptions} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={[name, "who"]} noStyle>
            <Input placeholder={t("who")} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name={[name, "withinMinutes"]} noStyle rules={[{ required: true }]}>
            <InputNumber {...minutes} addonAfter={t("minutes")} />
          </Form.Item>
        </>
      ))}
      {list("tasks", t("planTasks"), { groupId: undefined, title: "", description: null, dueWithinMinutes: 60 }, (name) => (
        <>
          <Form.Item name={[name, "groupId"]} noStyle rules={[{ required: true }]}>
            <Select options={groupOptions} placeholder={t("menuGroups")} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name={[name, "title"]} noStyle rules={[{ required: true, max: NAME_MAX }]}>
            <Input placeholder={t("taskTitle")} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name={[name, "dueWithinMinutes"]} noStyle rules={[{ required: true }]}>
            <InputNumber {...minutes} addonAfter={t("minutes")} />
          </Form.Item>
        </>
      ))}
    </>
  );
}
