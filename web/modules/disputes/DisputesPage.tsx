import { Button, Card, Input, Select, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  DISPUTE_LEVELS,
  DISPUTE_LEVEL_LABELS,
  DISPUTE_RISKS,
  DISPUTE_RISK_LABELS,
  DISPUTE_STATUSES,
  DISPUTE_STATUS_LABELS,
  type DisputeLevel,
  type DisputeRisk,
  type DisputeStatus,
  type DisputeSummary,
} from "@shared/disputes/schemas.ts";
import { ROLES } from "@shared/roles.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";
import { usePagedList } from "../../app/use-paged-list.ts";
import { chinaDateTime } from "../duty/shift-text.ts";
import { DISPUTE_TYPE_KEYS, disputeTypeLabel } from "./dispute-text.ts";
import { RiskTag, StatusTag } from "./DisputeTags.tsx";

const PAGE = 20;
/** An auditor changes nothing; every other role registers (the server holds the same rule). */
const REGISTERING_ROLES = ROLES.filter((role) => role !== "auditor");

/** The parties as a list shows them: names with identities masked by the server. */
function PartiesCell({ parties }: { parties: DisputeSummary["parties"] }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={0}>
      {parties.map((party, i) => (
        <Typography.Text key={i} style={{ fontSize: 12 }} data-testid="party-summary">
          {t(`partySide_${party.side}`)}：{party.name}
          {party.idNumber && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{` ${party.idNumber}`}</Typography.Text>}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** 纠纷登记簿: the disputes in my reach (everyone's own registrations), newest first. */
export function DisputesPage() {
  const { t, label } = useI18n();
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<{ status?: DisputeStatus; type?: string; risk?: DisputeRisk; level?: DisputeLevel; q?: string }>({});
  const { items, loading, pagination } = usePagedList<DisputeSummary>("/api/disputes", filter, PAGE);

  const columns: ColumnsType<DisputeSummary> = [
    {
      title: t("caseNumber"),
      width: 120,
      render: (_, dispute) => (
        <Link to={`/disputes/${dispute.id}`} data-testid={`dispute-link-${dispute.caseNumber}`}>
          {dispute.caseNumber}
        </Link>
      ),
    },
    { title: t("disputeOrg"), dataIndex: "orgName", responsive: ["md"] },
    {
      title: t("disputeType"),
      render: (_, dispute) => (
        <Space orientation="vertical" size={0}>
          {label(disputeTypeLabel(dispute.type))}
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 240 }}>
            {dispute.summary}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t("status"), dataIndex: "status", width: 100, render: (status: DisputeStatus) => <StatusTag status={status} /> },
    { title: t("disputeRisk"), dataIndex: "risk", width: 90, render: (risk: DisputeRisk) => <RiskTag risk={risk} /> },
    { title: t("disputeLevel"), dataIndex: "level", width: 110, responsive: ["lg"], render: (level: DisputeLevel) => label(DISPUTE_LEVEL_LABELS[level]) },
    { title: t("parties"), render: (_, dispute) => <PartiesCell parties={dispute.parties} /> },
    { title: t("registeredAt"), dataIndex: "registeredAt", width: 150, responsive: ["md"], render: (at: string) => chinaDateTime(at) },
  ];

  return (
    <Card
      size="small"
      title={t("disputeRegister")}
      extra={
        hasRole(...REGISTERING_ROLES) ? (
          <Button type="primary" onClick={() => navigate("/disputes/new")} data-testid="register-dispute">
            {t("registerDispute")}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t("status")} style={{ width: 120 }} options={DISPUTE_STATUSES.map((s) => ({ value: s, label: label(DISPUTE_STATUS_LABELS[s]) }))} onChange={(status?: DisputeStatus) => setFilter((f) => ({ ...f, status }))} data-testid="filter-status" />
        <Select allowClear placeholder={t("disputeType")} style={{ width: 170 }} options={DISPUTE_TYPE_KEYS.map((type) => ({ value: type, label: label(disputeTypeLabel(type)) }))} onChange={(type?: string) => setFilter((f) => ({ ...f, type }))} data-testid="filter-type" />
        <Select allowClear placeholder={t("disputeRisk")} style={{ width: 110 }} options={DISPUTE_RISKS.map((r) => ({ value: r, label: label(DISPUTE_RISK_LABELS[r]) }))} onChange={(risk?: DisputeRisk) => setFilter((f) => ({ ...f, risk }))} data-testid="filter-risk" />
        <Select allowClear placeholder={t("disputeLevel")} style={{ width: 140 }} options={DISPUTE_LEVELS.map((l) => ({ value: l, label: label(DISPUTE_LEVEL_LABELS[l]) }))} onChange={(level?: DisputeLevel) => setFilter((f) => ({ ...f, level }))} data-testid="filter-level" />
        <Input.Search allowClear placeholder={t("disputeSearchHint")} style={{ width: 220 }} onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))} data-testid="dispute-search" />
      </Space>
      <Table rowKey="id" size="small" columns={columns} dataSource={items} loading={loading} scroll={{ x: 720 }} pagination={pagination} data-testid="dispute-register" />
    </Card>
  );
}
