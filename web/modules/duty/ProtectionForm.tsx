import { App, type ButtonProps, Checkbox, DatePicker, Form, Input, Modal, Switch, TimePicker, TreeSelect } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { ProtectionPeriod } from "@shared/duty/schemas.ts";
import { NAME_MAX } from "@shared/limits.ts";
import type { Org } from "@shared/orgs/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { toTree } from "../orgs/use-orgs.ts";

interface Values {
  orgId: string;
  name: string;
  startDate: Dayjs;
  endDate: Dayjs;
  orgIds: string[];
  includeDescendants: boolean;
  leaderRequired: boolean;
  dailyReport: boolean;
  reportDueTime?: Dayjs;
}

/** Declares a protection period (特护期) over orgs of the caller's jurisdiction, or edits `period`. */
export function ProtectionForm({ period, orgs, defaultOrgId, onClose, onSaved }: { period?: ProtectionPeriod; orgs: Org[]; defaultOrgId: string; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const dailyReport = Form.useWatch("dailyReport", form);
  const tree = toTree(orgs.filter((o) => o.active));
  const initial: Partial<Values> = period
    ? {
        orgId: period.orgId, name: period.name, startDate: dayjs(period.startDate), endDate: dayjs(period.endDate), orgIds: period.coveredOrgs.map((o) => o.id), includeDescendants: false,
        leaderRequired: period.leaderRequired, dailyReport: period.reportDueTime !== null, reportDueTime: dayjs(`2000-01-01T${period.reportDueTime ?? "10:00"}`),
      }
    : { orgId: defaultOrgId, orgIds: [defaultOrgId], includeDescendants: true, leaderRequired: true, dailyReport: true, reportDueTime: dayjs("2000-01-01T10:00") };

  const submit = async (values: Values) => {
    const fields = {
      name: values.name, startDate: values.startDate.format("YYYY-MM-DD"), endDate: values.endDate.format("YYYY-MM-DD"), orgIds: values.orgIds, includeDescendants: values.includeDescendants,
      leaderRequired: values.leaderRequired, reportDueTime: values.dailyReport && values.reportDueTime ? values.reportDueTime.format("HH:mm") : null,
    };
    try {
      if (period) await api("PATCH", `/api/protection-periods/${period.id}`, { ...fields, version: period.version });
      else await api("POST", "/api/protection-periods", { ...fields, orgId: values.orgId });
      message.success(t("saved"));
      onSaved();
    } catch (error) {
      if (showApiError(error, message, form)) onClose();
    }
  };

  return (
    <Modal open title={period ? t("editProtectionPeriod") : t("newProtectionPeriod")} onCancel={onClose} onOk={() => form.submit()} okText={t("save")} cancelText={t("cancel")} okButtonProps={{ "data-testid": "protection-form-submit" } as ButtonProps} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="orgId" label={t("declaringOrg")} rules={[{ required: true }]}>
          <TreeSelect disabled={!!period} treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="name" label={t("name")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
          <Input placeholder={t("protectionNameHint")} data-testid="protection-name" />
        </Form.Item>
        <Form.Item label={t("period")} required style={{ marginBottom: 0 }}>
          <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
            <Form.Item name="startDate" rules={[{ required: true }]}><DatePicker allowClear={false} /></Form.Item>
            <Form.Item name="endDate" rules={[{ required: true }]}><DatePicker allowClear={false} /></Form.Item>
          </div>
        </Form.Item>
        <Form.Item name="orgIds" label={t("coveredOrgs")} rules={[{ required: true, type: "array", min: 1 }]}>
          <TreeSelect multiple treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="includeDescendants" valuePropName="checked">
          <Checkbox>{t("includeDescendants")}</Checkbox>
        </Form.Item>
        <Form.Item name="leaderRequired" label={t("leaderRequired")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="dailyReport" label={t("dailyReport")} valuePropName="checked">
          <Switch />
        </Form.Item>
        {dailyReport && (
          <Form.Item name="reportDueTime" label={t("reportDueTime")} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" minuteStep={5} allowClear={false} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
