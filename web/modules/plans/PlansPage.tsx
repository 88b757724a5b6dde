import { Button, Card, Select, Space, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import type { Group } from "@shared/groups/schemas.ts";
import { EMERGENCY_CATEGORIES, EMERGENCY_CATEGORY_LABELS, type EmergencyCategory, PLAN_STATUSES, PLAN_STATUS_LABELS, type Plan, type PlanStatus, type PlanSummary } from "@shared/plans/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";
import { usePagedList } from "../../app/use-paged-list.ts";
import { useOrgs } from "../orgs/use-orgs.ts";
import { PlanDrawer, STATUS_COLORS } from "./PlanDrawer.tsx";
import { PlanEditor } from "./PlanEditor.tsx";

const PAGE = 20;

export function PlansPage() {
  const { t, label } = useI18n();
  const { hasRole } = useSession();
  const { orgs } = useOrgs();
  const [filter, setFilter] = useState<{ category?: EmergencyCategory; status?: PlanStatus }>({});
  const { items, loading, reload, pagination } = usePagedList<PlanSummary>("/api/plans", filter, PAGE);
  const { items: groups } = usePagedList<Group>("/api/groups", {}, 200);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ plan?: Plan } | null>(null);

  const columns: ColumnsType<PlanSummary> = [
    { title: t("planTitle"), dataIndex: "title", render: (title: string, plan) => <a onClick={() => setOpenId(plan.id)} data-testid={`plan-${title}`}>{title}</a> },
    { title: t("org"), dataIndex: "orgName" },
    { title: t("planCategories"), dataIndex: "categories", render: (cs: EmergencyCategory[]) => cs.map((c) => <Tag key={c}>{label(EMERGENCY_CATEGORY_LABELS[c])}</Tag>) },
    { title: t("status"), dataIndex: "status", render: (s: PlanStatus) => <Tag color={STATUS_COLORS[s]}>{label(PLAN_STATUS_LABELS[s])}</Tag> },
    { title: t("activeVersion"), render: (_, plan) => (plan.activeVersion ? t("versionNo", { no: plan.activeVersion.versionNo }) : "—") },
    { title: t("draft"), render: (_, plan) => (plan.draftVersion ? t("versionNo", { no: plan.draftVersion.versionNo }) : "—") },
  ];
  return (
    <Card size="small" title={t("menuPlans")} extra={hasRole("admin", "leader", "officer") && <Button type="primary" onClick={() => setEditing({})} data-testid="plan-create">{t("newPlan")}</Button>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t("planCategories")} style={{ width: 180 }} options={EMERGENCY_CATEGORIES.map((c) => ({ value: c, label: label(EMERGENCY_CATEGORY_LABELS[c]) }))} onChange={(category?: EmergencyCategory) => setFilter((f) => ({ ...f, category }))} />
        <Select allowClear placeholder={t("status")} style={{ width: 140 }} options={PLAN_STATUSES.map((s) => ({ value: s, label: label(PLAN_STATUS_LABELS[s]) }))} onChange={(status?: PlanStatus) => setFilter((f) => ({ ...f, status }))} />
      </Space>
      <Table rowKey="id" size="small" columns={columns} dataSource={items} loading={loading} scroll={{ x: 800 }} pagination={pagination} />
      {openId && <PlanDrawer planId={openId} groups={groups} onClose={() => setOpenId(null)} onEdit={(plan) => setEditing({ plan })} onChanged={() => void reload()} />}
      {editing && orgs && (
        <PlanEditor
          plan={editing.plan}
          orgs={orgs}
          groups={groups}
          onClose={() => setEditing(null)}
          onSaved={(plan) => {
            setEditing(null);
            setOpenId(null);
            void reload().then(() => setOpenId(plan.id));
          }}
        />
      )}
    </Card>
  );
}
