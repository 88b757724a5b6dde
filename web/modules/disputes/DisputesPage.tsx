import { Button, Card, Input, Select, Space, Table, TreeSelect, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link, useNavigate, useSearchParams } from "react-router";
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
  DisputeListQuery,
  type DisputeSummary,
} from "@shared/disputes/schemas.ts";
import { ROLES } from "@shared/roles.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession } from "../../app/session.tsx";
import { usePagedList } from "../../app/use-paged-list.ts";
import { chinaDateTime } from "../duty/shift-text.ts";
import { useLiveRefresh } from "../live/use-live-refresh.ts";
import { toTree, useOrgs } from "../orgs/use-orgs.ts";
import { useDisputeTypes } from "./use-dispute-types.ts";
import { RiskTag, StatusTag } from "./DisputeTags.tsx";
import { LedgerButtons } from "./LedgerButtons.tsx";

const PAGE = 20;
/** An auditor changes nothing; every other role registers (the server holds the same rule). */
const REGISTERING_ROLES = ROLES.filter((role) => role !== "auditor");

/** The filters the address carries, so that a link (the statistics page's drill-down) opens the register filtered. */
const FILTER_KEYS = ["type", "status", "orgId", "risk", "level", "q"] as const;
type Filter = Pick<DisputeListQuery, (typeof FILTER_KEYS)[number]>;

/** The filters of the address, each kept only when the list would take it: a mistyped link shows the whole register, not an error. */
function filterOf(params: URLSearchParams): Filter {
  const filter: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value && DisputeListQuery.shape[key].safeParse(value).success) filter[key] = value;
  }
  return filter as Filter;
}

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
  const types = useDisputeTypes();
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const { orgs } = useOrgs();
  const { items, loading, pagination, reload } = usePagedList<DisputeSummary>("/api/disputes", filter, PAGE);
  useLiveRefresh(() => void reload(), { shows: (event) => event.type === "dispute.changed" });
  const setFilter = (change: Filter) => {
    const next = { ...filter, ...change };
    setParams(Object.fromEntries(Object.entries(next).filter((entry): entry is [string, string] => !!entry[1])), { replace: true });
  };

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
          {label(types.labelOf(dispute.type))}
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
        <Space wrap>
          {/* Export takes the filters as they stand; without a filter's org, import files for the caller's own. */}
          <LedgerButtons orgId={filter.orgId} filters={filter} onImported={() => void reload()} />
          {hasRole(...REGISTERING_ROLES) && (
            <Button type="primary" onClick={() => navigate("/disputes/new")} data-testid="register-dispute">
              {t("registerDispute")}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <TreeSelect
          allowClear
          placeholder={t("disputeOrg")}
          style={{ width: 180 }}
          treeData={toTree(orgs ?? [])}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          value={filter.orgId}
          onChange={(orgId?: string) => setFilter({ orgId })}
          data-testid="filter-org"
        />
        <Select allowClear placeholder={t("status")} style={{ width: 120 }} options={DISPUTE_STATUSES.map((s) => ({ value: s, label: label(DISPUTE_STATUS_LABELS[s]) }))} value={filter.status} onChange={(status?: DisputeStatus) => setFilter({ status })} data-testid="filter-status" />
        <Select allowClear placeholder={t("disputeType")} style={{ width: 170 }} options={(types.list?.items ?? []).map((type) => ({ value: type.key, label: label(type) }))} value={filter.type} onChange={(type?: string) => setFilter({ type })} data-testid="filter-type" />
        <Select allowClear placeholder={t("disputeRisk")} style={{ width: 110 }} options={DISPUTE_RISKS.map((r) => ({ value: r, label: label(DISPUTE_RISK_LABELS[r]) }))} value={filter.risk} onChange={(risk?: DisputeRisk) => setFilter({ risk })} data-testid="filter-risk" />
        <Select allowClear placeholder={t("disputeLevel")} style={{ width: 140 }} options={DISPUTE_LEVELS.map((l) => ({ value: l, label: label(DISPUTE_LEVEL_LABELS[l]) }))} value={filter.level} onChange={(level?: DisputeLevel) => setFilter({ level })} data-testid="filter-level" />
        <Input.Search allowClear placeholder={t("disputeSearchHint")} style={{ width: 220 }} defaultValue={filter.q} onSearch={(q) => setFilter({ q })} data-testid="dispute-search" />
      </Space>
      <Table rowKey="id" size="small" columns={columns} dataSource={items} loading={loading} scroll={{ x: 720 }} pagination={pagination} data-testid="dispute-register" />
    </Card>
  );
}
