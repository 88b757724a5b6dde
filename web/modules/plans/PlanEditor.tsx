import { App, type ButtonProps, Form, Input, Modal, Select, Tabs, TreeSelect } from "antd";
import { useEffect } from "react";
import type { Group } from "@shared/groups/schemas.ts";
import { NAME_MAX } from "@shared/limits.ts";
import type { Org } from "@shared/orgs/schemas.ts";
import { EMERGENCY_CATEGORIES, EMERGENCY_CATEGORY_LABELS, type EmergencyCategory, type Plan, type PlanContentInput, PLAN_SECTION_MAX, SEVERITY_LEVELS, SEVERITY_LEVEL_LABELS } from "@shared/plans/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { toTree } from "../orgs/use-orgs.ts";
import { LevelFields } from "./LevelFields.tsx";
import { newPlanContent } from "./plan-defaults.ts";

interface Values {
  orgId: string;
  title: string;
  categoryList: EmergencyCategory[];
  content: PlanContentInput;
}

/**
 * Writes a new plan, or edits `plan`: its draft, or — when only an active version exists — a
 * new draft started from it (the server keeps the version in force until the draft is published).
 */
export function PlanEditor({ plan, orgs, groups, onClose, onSaved }: { plan?: Plan; orgs: Org[]; groups: Group[]; onClose(): void; onSaved(plan: Plan): void }) {
  const [form] = Form.useForm<Values>();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const source = plan?.versions.find((v) => v.status === "draft") ?? plan?.versions.find((v) => v.status === "active") ?? plan?.versions[0];
  useEffect(() => {
    const content = source?.content ?? newPlanContent();
    form.setFieldsValue({ orgId: plan?.orgId, title: source?.title ?? "", categoryList: content.categories.map((c) => c.category), content });
  }, [form, plan, source]);
  const orgId = Form.useWatch("orgId", form) ?? plan?.orgId;
  const groupOptions = groups.filter((g) => g.orgId === orgId).map((g) => ({ value: g.id, label: g.name }));

  const submit = async ({ orgId: chosenOrg, title, categoryList, content }: Values) => {
    // Subtypes are kept for the categories that stay.
    const before = new Map((source?.content.categories ?? []).map((c) => [c.category, c.subtypes]));
    const full = { ...(source?.content ?? newPlanContent()), ...content, categories: categoryList.map((category) => ({ category, subtypes: before.get(category) ?? [] })) };
    try {
      const saved = plan
        ? await api<Plan>("PATCH", `/api/plans/${plan.id}`, { version: plan.version, title, content: full })
        : await api<Plan>("POST", "/api/plans", { orgId: chosenOrg, title, content: full });
      message.success(t("saved"));
      onSaved(saved);
    } catch (error) {
      if (showApiError(error, message, form)) onClose();
    }
  };

  return (
    <Modal open width={960} title={plan ? t("editPlan") : t("newPlan")} onCancel={onClose} onOk={() => form.submit()} okText={t("saveDraft")} cancelText={t("cancel")} okButtonProps={{ "data-testid": "plan-form-submit" } as ButtonProps} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="orgId" label={t("org")} rules={[{ required: true }]}>
          <TreeSelect disabled={!!plan} treeData={toTree(orgs.filter((o) => o.active))} treeDefaultExpandAll showSearch treeNodeFilterProp="title" data-testid="plan-form-org" />
        </Form.Item>
        <Form.Item name="title" label={t("planTitle")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
          <Input data-testid="plan-form-title" />
        </Form.Item>
        <Form.Item name="categoryList" label={t("planCategories")} rules={[{ required: true }]}>
          <Select mode="multiple" options={EMERGENCY_CATEGORIES.map((c) => ({ value: c, label: label(EMERGENCY_CATEGORY_LABELS[c]) }))} />
        </Form.Item>
        <Form.Item name={["content", "groupIds"]} label={t("planGroups")}>
          <Select mode="multiple" options={groupOptions} />
        </Form.Item>
        {(["purpose", "basis", "scope", "principles"] as const).map((key) => (
          <Form.Item key={key} name={["content", key]} label={t(`plan_${key}`)}>
            <Input.TextArea rows={2} maxLength={PLAN_SECTION_MAX} />
          </Form.Item>
        ))}
        <Tabs
          items={SEVERITY_LEVELS.map((level) => ({
            key: level,
            forceRender: true,
            label: `${SEVERITY_LEVEL_LABELS[level].numeral} ${label(SEVERITY_LEVEL_LABELS[level])}`,
            children: <LevelFields level={level} groupOptions={groupOptions} />,
          }))}
        />
      </Form>
    </Modal>
  );
}
