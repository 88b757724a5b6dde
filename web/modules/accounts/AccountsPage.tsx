import { Button, Card, Input, Select, Space, Table, Tag, TreeSelect } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import type { Account } from "@shared/accounts/schemas.ts";
import { ROLES, ROLE_LABELS, type Role } from "@shared/roles.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";
import { useActivation } from "../../app/use-activation.ts";
import { usePagedList } from "../../app/use-paged-list.ts";
import { toTree, useOrgs } from "../orgs/use-orgs.ts";
import { AccountForm } from "./AccountForm.tsx";
import { ResetPasswordDialog } from "./ResetPasswordDialog.tsx";

const PAGE = 20;
type Dialog = { kind: "create" } | { kind: "edit"; account: Account } | { kind: "reset"; account: Account } | null;

export function AccountsPage() {
  const { t, label } = useI18n();
  const { hasRole } = useSession();
  const { orgs } = useOrgs();
  const [filter, setFilter] = useState<{ q?: string; orgId?: string; role?: Role }>({});
  const { items, loading, reload, pagination } = usePagedList<Account>("/api/accounts", { ...filter, includeInactive: "true" }, PAGE);
  const [dialog, setDialog] = useState<Dialog>(null);
  const toggle = useActivation("/api/accounts", reload);
  const setActive = (account: Account, action: "deactivate" | "reactivate") => toggle({ ...account, name: account.displayName }, action);
  const closeAndReload = () => {
    setDialog(null);
    void reload();
  };

  const columns: ColumnsType<Account> = [
    { title: t("username"), dataIndex: "username", fixed: "left" },
    { title: t("displayName"), dataIndex: "displayName" },
    { title: t("org"), dataIndex: "orgName" },
    { title: t("roles"), dataIndex: "roles", render: (roles: Role[]) => roles.map((role) => <Tag key={role}>{label(ROLE_LABELS[role])}</Tag>) },
    { title: t("phone"), dataIndex: "phone", render: (phone: string | null) => phone ?? "—" },
    {
      title: t("status"),
      render: (_, account) => (
        <>
          {account.active ? <Tag color="green">{t("active")}</Tag> : <Tag>{t("inactive")}</Tag>}
          {account.mustChangePassword && <Tag color="gold">{t("mustChangeTag")}</Tag>}
        </>
      ),
    },
    {
      title: t("actions"),
      render: (_, account) => (
        <Space size={0} wrap>
          {account.actions.includes("update") && <Button type="link" size="small" onClick={() => setDialog({ kind: "edit", account })}>{t("edit")}</Button>}
          {account.actions.includes("resetPassword") && <Button type="link" size="small" onClick={() => setDialog({ kind: "reset", account })}>{t("resetPassword")}</Button>}
          {account.actions.includes("deactivate") && <Button type="link" size="small" danger onClick={() => setActive(account, "deactivate")}>{t("deactivate")}</Button>}
          {account.actions.includes("reactivate") && <Button type="link" size="small" onClick={() => setActive(account, "reactivate")}>{t("reactivate")}</Button>}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t("menuAccounts")}
      extra={hasRole("admin") && <Button type="primary" onClick={() => setDialog({ kind: "create" })} data-testid="account-create">{t("newAccount")}</Button>}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder={`${t("username")} / ${t("displayName")}`} allowClear style={{ width: 200 }} data-testid="account-search" onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))} />
        <TreeSelect allowClear placeholder={t("allOrgs")} style={{ width: 200 }} treeData={toTree(orgs ?? [])} treeDefaultExpandAll onChange={(orgId?: string) => setFilter((f) => ({ ...f, orgId }))} />
        <Select allowClear placeholder={t("allRoles")} style={{ width: 160 }} options={ROLES.map((role) => ({ value: role, label: label(ROLE_LABELS[role]) }))} onChange={(role?: Role) => setFilter((f) => ({ ...f, role }))} />
      </Space>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: 900 }}
        pagination={pagination}
      />
      {dialog?.kind === "create" && orgs && <AccountForm orgs={orgs} onClose={() => setDialog(null)} onSaved={closeAndReload} />}
      {dialog?.kind === "edit" && orgs && <AccountForm account={dialog.account} orgs={orgs} onClose={() => setDialog(null)} onSaved={closeAndReload} />}
      {dialog?.kind === "reset" && <ResetPasswordDialog account={dialog.account} onClose={() => setDialog(null)} onSaved={closeAndReload} />}
    </Card>
  );
}
