import { App, Button, Card, Drawer, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { type Group, type GroupMember, MEMBER_POSITIONS, MEMBER_POSITION_LABELS, type MemberPosition } from "@shared/groups/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useAccountOptions } from "../accounts/use-account-options.ts";

const POSITION_COLORS: Record<MemberPosition, string> = { leader: "red", deputy: "orange", member: "default" };

/** One group: its duties and current members, with adding and ending memberships for those who may. */
export function GroupCard({ group, onChanged, onEdit }: { group: Group; onChanged(): Promise<void>; onEdit(): void }) {
  const { t, label, lang } = useI18n();
  const { message } = App.useApp();
  const canEdit = group.actions.includes("update");
  const accounts = useAccountOptions(canEdit);
  const [adding, setAdding] = useState<{ accountId?: string; position: MemberPosition }>({ position: "member" });
  const [history, setHistory] = useState<GroupMember[] | null>(null);

  const change = async (path: string, body: object) => {
    try {
      await api("POST", `/api/groups/${group.id}/${path}`, { ...body, version: group.version });
    } catch (error) {
      showApiError(error, message);
    }
    await onChanged();
  };
  const showHistory = async () => setHistory((await api<{ items: GroupMember[] }>("GET", `/api/groups/${group.id}/history`)).items);
  const when = (at: string | null) => (at ? new Date(at).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB") : "—");

  return (
    <Card
      size="small"
      title={<span data-testid={`group-${group.name}`}>{group.name}</span>}
      extra={
        <Space size={0}>
          <Button type="link" size="small" onClick={showHistory}>{t("history")}</Button>
          {canEdit && <Button type="link" size="small" onClick={onEdit}>{t("edit")}</Button>}
        </Space>
      }
    >
      {group.duties && <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }}>{group.duties}</Typography.Paragraph>}
      <Space wrap>
        {group.members.map((member) => (
          <Tag key={member.id} color={POSITION_COLORS[member.position]} closable={canEdit} onClose={(e) => { e.preventDefault(); void change("members/remove", { memberId: member.id }); }}>
            {label(MEMBER_POSITION_LABELS[member.position])} · {member.displayName}
          </Tag>
        ))}
      </Space>
      {canEdit && (
        <Space.Compact style={{ marginTop: 8, width: "100%" }}>
          <Select style={{ width: 110 }} value={adding.position} options={MEMBER_POSITIONS.map((p) => ({ value: p, label: label(MEMBER_POSITION_LABELS[p]) }))} onChange={(position) => setAdding((a) => ({ ...a, position }))} />
          <Select showSearch optionFilterProp="label" style={{ flex: 1, minWidth: 120 }} placeholder={t("addMember")} value={adding.accountId} options={accounts} onChange={(accountId: string) => setAdding((a) => ({ ...a, accountId }))} />
          <Button disabled={!adding.accountId} onClick={() => { void change("members", adding); setAdding({ position: "member" }); }}>{t("add")}</Button>
        </Space.Compact>
      )}
      <Drawer open={history !== null} onClose={() => setHistory(null)} title={`${group.name} · ${t("history")}`} size={520}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={history ?? []}
          columns={[
            { title: t("displayName"), dataIndex: "displayName" },
            { title: t("position"), dataIndex: "position", render: (p: MemberPosition) => label(MEMBER_POSITION_LABELS[p]) },
            { title: t("joinedAt"), dataIndex: "joinedAt", render: when },
            { title: t("leftAt"), dataIndex: "leftAt", render: when },
          ]}
        />
      </Drawer>
    </Card>
  );
}
