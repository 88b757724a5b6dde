import { Button, Card, Col, Empty, Row, Space, TreeSelect, Typography } from "antd";
import { useState } from "react";
import type { Group } from "@shared/groups/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";
import { usePagedList } from "../../app/use-paged-list.ts";
import { toTree, useOrgs } from "../orgs/use-orgs.ts";
import { GroupCard } from "./GroupCard.tsx";
import { GroupForm } from "./GroupForm.tsx";

/** Groups of an org as an org chart: each leadership group with the working groups under it. */
export function GroupsPage() {
  const { t } = useI18n();
  const { hasRole } = useSession();
  const { orgs } = useOrgs();
  const [orgId, setOrgId] = useState<string | undefined>();
  const { items: groups, reload } = usePagedList<Group>("/api/groups", { orgId }, 200);
  const [dialog, setDialog] = useState<{ group?: Group } | null>(null);

  const orgNames = [...new Set(groups.map((g) => g.orgName))];
  const card = (group: Group) => <GroupCard key={group.id} group={group} onChanged={reload} onEdit={() => setDialog({ group })} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Card size="small" title={t("menuGroups")} extra={hasRole("admin", "leader", "officer") && <Button type="primary" onClick={() => setDialog({})} data-testid="group-create">{t("newGroup")}</Button>}>
        <TreeSelect allowClear placeholder={t("allOrgs")} style={{ width: 260, maxWidth: "100%" }} treeData={toTree(orgs ?? [])} treeDefaultExpandAll onChange={(id?: string) => setOrgId(id)} />
      </Card>
      {groups.length === 0 && <Empty />}
      {orgNames.map((orgName) => {
        const ofOrg = groups.filter((g) => g.orgName === orgName);
        const leaders = ofOrg.filter((g) => g.kind === "leadership");
        const loose = ofOrg.filter((g) => g.kind === "working" && !leaders.some((l) => l.id === g.parentId));
        return (
          <div key={orgName}>
            <Typography.Title level={5}>{orgName}</Typography.Title>
            {leaders.map((leader) => (
              <Space key={leader.id} orientation="vertical" style={{ width: "100%", marginBottom: 12 }}>
                {card(leader)}
                <Row gutter={[12, 12]}>
                  {ofOrg.filter((g) => g.parentId === leader.id).map((g) => <Col key={g.id} xs={24} md={12} xl={8}>{card(g)}</Col>)}
                </Row>
              </Space>
            ))}
            <Row gutter={[12, 12]}>{loose.map((g) => <Col key={g.id} xs={24} md={12} xl={8}>{card(g)}</Col>)}</Row>
          </div>
        );
      })}
      {dialog && orgs && <GroupForm group={dialog.group} orgs={orgs} groups={groups} onClose={() => setDialog(null)} onSaved={() => { setDialog(null); void reload(); }} />}
    </Space>
  );
}
