import { Alert, Card, Col, DatePicker, Row, Segmented, Select, Space, Statistic, TreeSelect, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { ECElementEvent } from "echarts/core";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { DISPUTE_LEVELS, DISPUTE_LEVEL_LABELS, DISPUTE_STATUS_LABELS, type DisputeLevel } from "@shared/disputes/schemas.ts";
import { STATS_BUCKETS, STATS_BUCKET_LABELS, type DisputeStats, type DisputeStatsTotals, type StatsBucket } from "@shared/disputes/stats-schemas.ts";
import { ApiError, api, query } from "../../app/api.ts";
import type { MessageKey } from "../../app/i18n/zh.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSignedIn } from "../../app/session.tsx";
import { toTree, useOrgs } from "../orgs/use-orgs.ts";
import { EChart } from "./EChart.tsx";
import { ORG_BAR_COLOR, groupBarOption, overTimeOption, statusPieOption } from "./stats-chart-options.ts";
import { useDisputeTypes } from "./use-dispute-types.ts";

interface Filter {
  orgId: string;
  range: [Dayjs, Dayjs] | null;
  bucket: StatsBucket;
  type?: string | undefined;
  level?: DisputeLevel | undefined;
}

const TOTALS: [keyof DisputeStatsTotals, MessageKey][] = [
  ["registered", "statsRegistered"],
  ["accepted", "statsAccepted"],
  ["ongoing", "statsOngoing"],
  ["agreed", "statsAgreed"],
  ["notAgreed", "statsNotAgreed"],
  ["refused", "statsRefused"],
  ["withdrawn", "statsWithdrawn"],
  ["referred", "statsReferred"],
  ["closed", "statsClosed"],
];

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);
const idOf = (event: ECElementEvent) => (event.data as { id?: string } | undefined)?.id;

/** 纠纷统计: the figures of the disputes in my reach, each chart opening the cases behind it. */
export function DisputeStatsPage() {
  const { t, label } = useI18n();
  const { list: typeList, labelOf } = useDisputeTypes();
  const session = useSignedIn();
  const navigate = useNavigate();
  const { orgs } = useOrgs();
  const [filter, setFilter] = useState<Filter>({ orgId: session.org.id, range: [dayjs().startOf("year"), dayjs().endOf("day")], bucket: "month" });
  const [stats, setStats] = useState<DisputeStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  const params = useMemo(
    () => ({ orgId: filter.orgId, type: filter.type, level: filter.level, from: filter.range?.[0].toISOString(), to: filter.range?.[1].toISOString() }),
    [filter],
  );
  useEffect(() => {
    let current = true;
    api<DisputeStats>("GET", `/api/disputes/stats${query({ ...params, bucket: filter.bucket })}`)
      .then((result) => {
        if (!current) return;
        setStats(result);
        setError(null);
      })
      .catch((e: unknown) => current && setError(e instanceof ApiError ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [params, filter.bucket]);

  // The register list reads the same filter, so a drill-down shows exactly the cases counted.
  const drill = useCallback(
    (extra: Record<string, string>) => navigate(`/disputes${query({ orgId: params.orgId, type: params.type, level: params.level, registeredFrom: params.from, registeredTo: params.to, ...extra })}`),
    [navigate, params],
  );
  const onType = useCallback((event: ECElementEvent) => void (idOf(event) && drill({ type: idOf(event)! })), [drill]);
  const onStatus = useCallback((event: ECElementEvent) => void (idOf(event) && drill({ status: idOf(event)! })), [drill]);
  const onOrg = useCallback((event: ECElementEvent) => void (idOf(event) && drill({ orgId: idOf(event)! })), [drill]);

  const charts = useMemo(() => {
    if (!stats) return null;
    return {
      overTime: overTimeOption(stats, { registered: t("statsRegistered"), concluded: t("statsConcluded") }),
      byType: groupBarOption(stats.byType.map((row) => ({ id: row.type, name: label(labelOf(row.type)), count: row.count }))),
      byStatus: statusPieOption(stats.byStatus.map((row) => ({ id: row.status, name: label(DISPUTE_STATUS_LABELS[row.status]), count: row.count }))),
      // The org's own bar has no id: the register filters by subtree, which would show its children's cases too.
      byOrg: groupBarOption(
        stats.byOrg.map((row) => ({ id: row.own ? "" : row.orgId, name: row.own ? t("statsOwnOrg", { name: row.name }) : row.name, count: row.count })),
        ORG_BAR_COLOR,
      ),
    };
  }, [stats, t, label, labelOf]);

  const rates: [MessageKey, number | null, number, number, string][] = stats
    ? [
        ["statsSuccessRate", stats.successRate, stats.totals.agreed, stats.totals.agreed + stats.totals.notAgreed, "stats-success-rate"],
        ["statsOnTimeRate", stats.onTimeRate, stats.measures.concludedOnTime, stats.measures.concluded, "stats-on-time-rate"],
        ["statsFollowUpRate", stats.followUpRate, stats.measures.followUpsVisited, stats.measures.followUpsDue, "stats-follow-up-rate"],
        ["statsPerformanceRate", stats.performanceRate, stats.measures.fullyPerformed, stats.measures.followUpsVisited, "stats-performance-rate"],
      ]
    : [];

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small" title={t("menuDisputeStats")}>
        <Space wrap>
          <TreeSelect
            style={{ width: 220 }}
            placeholder={t("statsOrg")}
            value={filter.orgId}
            treeData={toTree(orgs ?? [])}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            onChange={(orgId: string) => setFilter((f) => ({ ...f, orgId }))}
            data-testid="stats-org"
          />
          <DatePicker.RangePicker value={filter.range} onChange={(range) => setFilter((f) => ({ ...f, range: range?.[0] && range[1] ? [range[0].startOf("day"), range[1].endOf("day")] : null }))} />
          <Select
            allowClear
            placeholder={t("disputeType")}
            style={{ width: 180 }}
            options={(typeList?.items ?? []).map((type) => ({ value: type.key, label: label(type) }))}
            onChange={(type?: string) => setFilter((f) => ({ ...f, type }))}
          />
          <Select
            allowClear
            placeholder={t("disputeLevel")}
            style={{ width: 150 }}
            options={DISPUTE_LEVELS.map((value) => ({ value, label: label(DISPUTE_LEVEL_LABELS[value]) }))}
            onChange={(level?: DisputeLevel) => setFilter((f) => ({ ...f, level }))}
          />
          <Segmented value={filter.bucket} options={STATS_BUCKETS.map((value) => ({ value, label: label(STATS_BUCKET_LABELS[value]) }))} onChange={(bucket) => setFilter((f) => ({ ...f, bucket: bucket as StatsBucket }))} />
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {stats && charts && (
        <>
          <Row gutter={[12, 12]}>
            {rates.map(([key, rate, part, whole, testId]) => (
              <Col key={key} xs={12} lg={6}>
                <Card size="small" data-testid={testId}>
                  <Statistic title={t(key)} value={percent(rate)} />
                  <Typography.Text type="secondary">{t("statsFraction", { part, whole })}</Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small">
            <Row gutter={[12, 12]}>
              {TOTALS.map(([key, name]) => (
                <Col key={key} flex="1 0 96px" data-testid={`stats-total-${key}`}>
                  <Statistic title={t(name)} value={stats.totals[key]} />
                </Col>
              ))}
            </Row>
          </Card>
          <Typography.Text type="secondary">{t("statsDrillHint")}</Typography.Text>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("statsOverTime")}>
                <EChart option={charts.overTime} testId="stats-over-time" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("statsByStatus")}>
                <EChart option={charts.byStatus} onClick={onStatus} testId="stats-by-status" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("statsByType")}>
                <EChart option={charts.byType} onClick={onType} testId="stats-by-type" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("statsByOrg")}>
                <EChart option={charts.byOrg} onClick={onOrg} testId="stats-by-org" />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
