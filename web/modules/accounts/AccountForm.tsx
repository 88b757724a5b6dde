import { App, type ButtonProps, Form, Input, Modal, Select, TreeSelect } from "antd";
import { useEffect } from "react";
import type { Account } from "@shared/accounts/schemas.ts";
import { NAME_MAX, USERNAME_MAX, USERNAME_MIN } from "@shared/limits.ts";
import type { Org } from "@shared/orgs/schemas.ts";
import { ROLES, ROLE_LABELS, type Role } from "@shared/roles.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { toTree } from "../orgs/use-orgs.ts";

interface Values {
  orgId: string;
  username: string;
  displayName: string;
  phone?: string;
  email?: string;
  roles: Role[];
  password: string;
}

/** Creates an account, or edits `account` (without its username and password). */
export function AccountForm({ account, orgs, onClose, onSaved }: { account?: Account; orgs: Org[]; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<Values>();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const placeable = orgs.filter((org) => org.active);
  useEffect(() => {
    if (account) form.setFieldsValue({ orgId: account.orgId, displayName: account.displayName, phone: account.phone ?? "", email: account.email ?? "", roles: account.roles });
  }, [form, account]);

  const submit = async ({ password, username, ...values }: Values) => {
    const fields = { ...values, phone: values.phone || null, email: values.email || null };
    try {
      if (account) await api("PATCH", `/api/accounts/${account.id}`, { ...fields, version: account.version });
      else await api("POST", "/api/accounts", { ...fields, username, password });
      message.success(t("saved"));
      onSaved();
    } catch (error) {
      if (showApiError(error, message, form)) onClose();
    }
  };

  return (
    <Modal open title={account ? t("editAccount") : t("newAccount")} onCancel={onClose} onOk={() => form.submit()} okText={t("save")} cancelText={t("cancel")} okButtonProps={{ "data-testid": "account-form-submit" } as ButtonProps} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="orgId" label={t("org")} rules={[{ required: true }]}>
          <TreeSelect treeData={toTree(placeable)} treeDefaultExpandAll showSearch treeNodeFilterProp="title" data-testid="account-form-org" />
        </Form.Item>
        {!account && (
          <Form.Item name="username" label={t("username")} rules={[{ required: true, min: USERNAME_MIN, max: USERNAME_MAX }]}>
            <Input autoCapitalize="none" data-testid="account-form-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t("displayName")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
          <Input data-testid="account-form-name" />
        </Form.Item>
        <Form.Item name="roles" label={t("roles")} rules={[{ required: true }]}>
          <Select mode="multiple" data-testid="account-form-roles" options={ROLES.map((role) => ({ value: role, label: label(ROLE_LABELS[role]) }))} />
        </Form.Item>
        <Form.Item name="phone" label={t("phone")}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t("email")}>
          <Input inputMode="email" />
        </Form.Item>
        {!account && (
          <Form.Item name="password" label={t("initialPassword")} extra={t("newPasswordHint")} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" data-testid="account-form-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
