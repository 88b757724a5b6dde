import { Button, Card, Col, Descriptions, Empty, Input, Row, Space, Switch, Tag, Tree } from "antd";
import { useState } from "react";
import { ORG_KIND_LABELS, type Org } from "@shared/orgs/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useActivation } from "../../app/use-activation.ts";
import { MoveOrgDialog } from "./MoveOrgDialog.tsx";
import { OrgForm } from "./OrgForm.tsx";
import { toTree, useOrgs } from "./use-orgs.ts";

type Dialog = { kind: "create"; parent: Org } | { kind: "edit"; org: Org } | { kind: "move"; org: Org } | null;

export function OrgsPage() {
  const { t, label } = useI18n();
  const [q, setQ] = useState("");
  const [includeInactive, setIncludeInactive] = useState(false);
  const { orgs, reload } = useOrgs({ q, includeInactive });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const selected = orgs?.find((org) => org.id === selectedId) ?? null;

  const saved = async (org: Org) => {
    setDialog(null);
    await reload();
    setSelectedId(org.id);
  };
  const toggleActive = useActivation("/api/orgs", reload);

  const tree = toTree(orgs ?? [], (org) => (org.active ? org.name : `${org.name}（${t("inactive")}）`));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10} lg={8}>
        <Card title={t("menuOrgs")} size="small">
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Input.Search placeholder={t("search")} allowClear onSearch={setQ} data-testid="org-search" />
            <Space>
              <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
              {t("showInactive")}
            </Space>
            {orgs && orgs.length === 0 ? (
              <Empty />
            ) : (
              <Tree
                key={`${q}-${includeInactive}-${orgs?.length ?? 0}`}
                treeData={tree}
                defaultExpandAll
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId((keys[0] as string | undefined) ?? null)}
                titleRender={(node) => <span data-testid={`org-node-${node.org.name}`}>{node.title}</span>}
              />
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} md={14} lg={16}>
        <Card size="small" title={selected?.name ?? " "}>
          {!selected ? (
            <Empty description={t("selectOrgHint")} />
          ) : (
            <Space orientation="vertical" style={{ width: "100%" }}>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t("kind")}>{label(ORG_KIND_LABELS[selected.kind])}</Descriptions.Item>
                <Descriptions.Item label={t("status")}>{selected.active ? <Tag color="green">{t("active")}</Tag> : <Tag>{t("inactive")}</Tag>}</Descriptions.Item>
                <Descriptions.Item label={t("divisionCode")}>{selected.divisionCode ?? "—"}</Descriptions.Item>
                <Descriptions.Item label={t("phone")}>{selected.phone ?? "—"}</Descriptions.Item>
                <Descriptions.Item label={t("address")}>{selected.address ?? "—"}</Descriptions.Item>
              </Descriptions>
              {/* Only the buttons the server says this user may use on this org. */}
              <Space wrap>
                {selected.actions.includes("createChild") && (
                  <Button type="primary" onClick={() => setDialog({ kind: "create", parent: selected })} data-testid="org-create-child">
                    {t("createChild")}
                  </Button>
                )}
                {selected.actions.includes("update") && <Button onClick={() => setDialog({ kind: "edit", org: selected })}>{t("edit")}</Button>}
                {selected.actions.includes("move") && <Button onClick={() => setDialog({ kind: "move", org: selected })}>{t("move")}</Button>}
                {selected.actions.includes("deactivate") && (
                  <Button danger onClick={() => toggleActive(selected, "deactivate")}>
                    {t("deactivate")}
                  </Button>
                )}
                {selected.actions.includes("reactivate") && <Button onClick={() => toggleActive(selected, "reactivate")}>{t("reactivate")}</Button>}
              </Space>
            </Space>
          )}
        </Card>
      </Col>
      {dialog?.kind === "create" && <OrgForm parent={dialog.parent} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === "edit" && <OrgForm org={dialog.org} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === "move" && orgs && <MoveOrgDialog org={dialog.org} orgs={orgs} onClose={() => setDialog(null)} onSaved={saved} />}
    </Row>
  );
}
