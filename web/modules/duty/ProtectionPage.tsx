import { Button, Card, Space, Table, Tag } from "antd";
import { useState } from "react";
import { chinaDate } from "@shared/duty/china-time.ts";
import type { ProtectionPeriod } from "@shared/duty/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession, useSignedIn } from "../../app/session.tsx";
import { usePagedList } from "../../app/use-paged-list.ts";
import { useOrgs } from "../orgs/use-orgs.ts";
import { ProtectionForm } from "./ProtectionForm.tsx";
import { ReportBoard } from "./ReportBoard.tsx";

const PAGE_SIZE = 20;

/** 特护期: the periods with stricter duty rules, and for the chosen one, the daily reports of the orgs it covers. */
export function ProtectionPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { hasRole } = useSession();
  const { orgs } = useOrgs();
  const today = chinaDate(new Date());
  const { items, loading, reload, pagination } = usePagedList<ProtectionPeriod>("/api/protection-periods", {}, PAGE_SIZE);
  const [selected, setSelected] = useState<ProtectionPeriod | null>(null);
  const [form, setForm] = useState<{ period?: ProtectionPeriod } | null>(null);
  const shown = selected ?? items.find((p) => p.startDate <= today && today <= p.endDate) ?? null;

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Card size="small" title={t("menuProtection")} extra={hasRole("admin", "leader", "officer") && <Button type="primary" onClick={() => setForm({})} data-testid="protection-create">{t("newProtectionPeriod")}</Button>}>
        <Table
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={{ ...pagination, hideOnSinglePage: true }}
          onRow={(period) => ({ onClick: () => setSelected(period), style: { cursor: "pointer", background: period.id === shown?.id ? "#fff1f0" : undefined } })}
          columns={[
            { title: t("name"), dataIndex: "name", render: (name: string, p) => <>{name} {p.startDate <= today && today <= p.endDate && <Tag color="red">{t("inForce")}</Tag>}</> },
            { title: t("declaringOrg"), dataIndex: "orgName" },
            { title: t("period"), render: (_, p) => `${p.startDate} – ${p.endDate}` },
            { title: t("coveredOrgs"), render: (_, p) => p.coveredOrgs.length },
            { title: t("leaderRequired"), render: (_, p) => (p.leaderRequired ? t("yes") : t("no")) },
            { title: t("reportDueTime"), render: (_, p) => p.reportDueTime ?? "—" },
            { title: "", render: (_, p) => p.actions.includes("update") && <Button size="small" onClick={(e) => { e.stopPropagation(); setForm({ period: p }); }}>{t("edit")}</Button> },
          ]}
        />
      </Card>
      {shown?.reportDueTime && <ReportBoard key={shown.id} period={shown} today={today} canFile={!session.account.roles.every((r) => r === "reporter")} />}
      {form && orgs && (
        <ProtectionForm
          period={form.period}
          orgs={orgs}
          defaultOrgId={session.org.id}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            setSelected(null);
            void reload();
          }}
        />
      )}
    </Space>
  );
}
