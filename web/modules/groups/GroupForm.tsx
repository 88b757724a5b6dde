import { App, type ButtonProps, Form, Input, Modal, Select, TreeSelect } from "antd";
import { useEffect } from "react";
import { DUTIES_MAX, GROUP_KINDS, GROUP_KIND_LABELS, type Group } from "@shared/groups/schemas.ts";
import { NAME_MAX } from "@shared/limits.ts";
import type { Org } from "@shared/orgs/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { toTree } from "../orgs/use-orgs.ts";

interface Values {
  orgId: string;
  kind: Group["kind"];
  name: string;
  duties?: string;
  parentId?: string | null;
}

/** Sets up a group, or edits `group` (its name, duties and leadership group). */
export function GroupForm({ group, orgs, groups, onClose, onSaved }: { group?: Group; orgs: Org[]; groups: Group[]; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<Values>();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const orgId = Form.useWatch("orgId", form) ?? group?.orgId;
  const kind = Form.useWatch("kind", form) ?? group?.kind;
  useEffect(() => {
    form.setFieldsValue(group ? { orgId: group.orgId, kind: group.kind, name: group.name, duties: group.duties ?? "", parentId: group.parentId } : { kind: "working" });
  }, [form, group]);
  const leadership = groups.filter((g) => g.kind === "leadership" && g.orgId === orgId && g.id !== group?.id);

  const submit = async (values: Values) => {
    const fields = { name: values.name, duties: values.duties || null, parentId: values.kind === "working" ? (values.parentId ?? null) : null };
    try {
      if (group) await api("PATCH", `/api/groups/${group.id}`, { ...fields, version: group.version });
      else await api("POST", "/api/groups", { ...fields, orgId: values.orgId, kind: values.kind });
      message.success(t("saved"));
      onSaved();
    } catch (error) {
      if (showApiError(error, message, form)) onClose();
    }
  };

  return (
    <Modal open title={group ? t("editGroup") : t("newGroup")} onCancel={onClose} onOk={() => form.submit()} okText={t("save")} cancelText={t("cancel")} okButtonProps={{ "data-testid": "group-form-submit" } as ButtonProps} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="orgId" label={t("org")} rules={[{ required: true }]}>
          <TreeSelect disabled={!!group} treeData={toTree(orgs.filter((o) => o.active))} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="kind" label={t("kind")} rules={[{ required: true }]}>
          <Select disabled={!!group} options={GROUP_KINDS.map((k) => ({ value: k, label: label(GROUP_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="name" label={t("name")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
          <Input data-testid="group-form-name" />
        </Form.Item>
        {kind === "working" && (
          <Form.Item name="parentId" label={t("leadershipGroup")}>
            <Select allowClear options={leadership.map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
        )}
        <Form.Item name="duties" label={t("duties")}>
          <Input.TextArea rows={4} maxLength={DUTIES_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
