import { App, type ButtonProps, Form, Input, Modal, Select } from "antd";
import { useEffect } from "react";
import { ORG_KINDS, ORG_KIND_LABELS, type Org } from "@shared/orgs/schemas.ts";
import { NAME_MAX } from "@shared/limits.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

interface Values {
  name: string;
  kind: Org["kind"];
  divisionCode?: string;
  phone?: string;
  address?: string;
}

/** Creates a child of `parent`, or edits `org`. */
export function OrgForm({ parent, org, onClose, onSaved }: { parent?: Org; org?: Org; onClose(): void; onSaved(org: Org): void }) {
  const [form] = Form.useForm<Values>();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  useEffect(() => {
    form.setFieldsValue(org ? { name: org.name, kind: org.kind, divisionCode: org.divisionCode ?? "", phone: org.phone ?? "", address: org.address ?? "" } : { kind: "village" });
  }, [form, org]);

  const submit = async (values: Values) => {
    const fields = { ...values, divisionCode: values.divisionCode || null, phone: values.phone || null, address: values.address ?? "" };
    try {
      const saved = org
        ? await api<Org>("PATCH", `/api/orgs/${org.id}`, { ...fields, version: org.version })
        : await api<Org>("POST", "/api/orgs", { ...fields, parentId: parent!.id });
      message.success(t("saved"));
      onSaved(saved);
    } catch (error) {
      if (showApiError(error, message, form)) onClose();
    }
  };

  return (
    <Modal open title={org ? t("editOrg") : `${t("newOrg")} · ${parent?.name ?? ""}`} onCancel={onClose} onOk={() => form.submit()} okText={t("save")} cancelText={t("cancel")} okButtonProps={{ "data-testid": "org-form-submit" } as ButtonProps} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t("name")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
          <Input data-testid="org-form-name" />
        </Form.Item>
        <Form.Item name="kind" label={t("kind")} rules={[{ required: true }]}>
          <Select data-testid="org-form-kind" options={ORG_KINDS.map((kind) => ({ value: kind, label: label(ORG_KIND_LABELS[kind]) }))} />
        </Form.Item>
        <Form.Item name="divisionCode" label={t("divisionCode")}>
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item name="phone" label={t("phone")}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t("address")}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
