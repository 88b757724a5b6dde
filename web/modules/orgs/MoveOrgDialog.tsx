import { App, Form, Modal, TreeSelect } from "antd";
import type { Org } from "@shared/orgs/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { toTree } from "./use-orgs.ts";

export function MoveOrgDialog({ org, orgs, onClose, onSaved }: { org: Org; orgs: Org[]; onClose(): void; onSaved(org: Org): void }) {
  const [form] = Form.useForm<{ parentId: string }>();
  const { t } = useI18n();
  const { message } = App.useApp();
  // An org cannot move under itself or its own sub-orgs: leave them out of the choices.
  const below = new Set([org.id]);
  for (const candidate of orgs) if (candidate.parentId && below.has(candidate.parentId)) below.add(candidate.id);
  const choices = orgs.filter((candidate) => !below.has(candidate.id) && candidate.actions.includes("createChild"));

  const submit = async ({ parentId }: { parentId: string }) => {
    try {
      onSaved(await api<Org>("POST", `/api/orgs/${org.id}/move`, { parentId, version: org.version }));
    } catch (error) {
      if (showApiError(error, message, form)) onClose();
    }
  };
  return (
    <Modal open title={`${t("moveOrg")} · ${org.name}`} onCancel={onClose} onOk={() => form.submit()} okText={t("save")} cancelText={t("cancel")} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ parentId: org.parentId }}>
        <Form.Item name="parentId" label={t("moveTo")} rules={[{ required: true }]}>
          <TreeSelect treeData={toTree(choices)} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
