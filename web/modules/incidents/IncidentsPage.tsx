import { Alert, Badge, Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { INCIDENT_STATUSES, INCIDENT_STATUS_LABELS, type IncidentStatus, type IncidentSummary } from "@shared/incidents/schemas.ts";
import { PAGE_SIZE_MAX } from "@shared/limits.ts";
import { EMERGENCY_CATEGORIES, EMERGENCY_CATEGORY_LABELS, type EmergencyCategory, SEVERITY_LEVELS, SEVERITY_LEVEL_LABELS, type SeverityLevel } from "@shared/plans/schemas.ts";
import { api, query } from "../../app/api.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { usePagedList } from "../../app/use-paged-list.ts";
import { chinaDateTime } from "../duty/shift-text.ts";
import { LevelCell } from "./LevelTag.tsx";
import { useLiveRefresh } from "../live/use-live-refresh.ts";
import { QUEUED_REPORT_SENT } from "./report-outbox.ts";

const PAGE = 20;

/** How many open incidents have deadlines past due: the first thing a duty officer needs to know. */
function useOverdueSummary(reloadKey: number) {
  const [summary, setSummary] = useState<{ open: number; incidents: number; deadlines: number } | null>(null);
  useEffect(() => {
    api<{ items: IncidentSummary[]; total: number }>("GET", `/api/incidents${query({ status: "open", limit: PAGE_SIZE_MAX })}`)
      .then((page) => {
        const late = page.items.filter((i) => i.overdueDeadlines > 0);
        setSummary({ open: page.total, incidents: late.length, deadlines: late.reduce((n, i) => n + i.overdueDeadlines, 0) });
      })
      .catch(() => setSummary(null));
  }, [reloadKey]);
  return summary;
}

/** 突发事件: the incidents in my reach (a reporter's own), newest report first. */
export function IncidentsPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<{ status?: IncidentStatus; level?: SeverityLevel; category?: EmergencyCategory; q?: string }>({});
  const { items, loading, reload, pagination } = usePagedList<IncidentSummary>("/api/incidents", filter, PAGE);
  const [reloads, setReloads] = useState(0);
  const summary = useOverdueSummary(reloads);
  const refresh = useCallback(() => {
    void reload();
    setReloads((n) => n + 1);
  }, [reload]);
  useEffect(() => {
    window.addEventListener(QUEUED_REPORT_SENT, refresh);
    return () => window.removeEventListener(QUEUED_REPORT_SENT, refresh);
  }, [refresh]);
  // A report received, opened or closed elsewhere shows here without a reload.
  useLiveRefresh(refresh, { shows: (event) => event.incidentId !== null });

  const columns: ColumnsType<IncidentSummary> = [
    { title: t("level"), width: 110, render: (_, incident) => <LevelCell incident={incident} /> },
    {
      title: t("incidentTitle"),
      render: (_, incident) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/incidents/${incident.id}`} data-testid={`incident-link-${incident.title}`}>
            {incident.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(EMERGENCY_CATEGORY_LABELS[incident.category])}
            {incident.subtype ? ` · ${incident.subtype}` : ""} · {incident.orgName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t("place"), dataIndex: "place", responsive: ["md"] },
    { title: t("occurredAt"), dataIndex: "occurredAt", width: 150, render: (at: string) => chinaDateTime(at) },
    {
      title: t("status"),
      dataIndex: "status",
      width: 110,
      render: (s: IncidentStatus, incident) => (
        <Space size={4} wrap>
          <Tag color={s === "open" ? "processing" : "default"}>{label(INCIDENT_STATUS_LABELS[s])}</Tag>
          {s === "reported" && (
            <Tag color={incident.receivedAt ? "success" : "warning"} data-testid="incident-receipt">
              {t(incident.receivedAt ? "receivedShort" : "awaitingShort")}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t("casualties"),
      responsive: ["lg"],
      render: (_, i) => (i.deaths + i.injuries + i.missing > 0 ? t("casualtiesValue", { deaths: i.deaths, injuries: i.injuries, missing: i.missing }) : "—"),
    },
    { title: t("overdue"), dataIndex: "overdueDeadlines", width: 90, render: (n: number) => (n > 0 ? <Badge count={n} /> : null) },
  ];

  return (
    <Card size="small" title={t("menuIncidents")} extra={<Button type="primary" onClick={() => navigate("/report")}>{t("reportIncident")}</Button>}>
      {summary && summary.incidents > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t("overdueSummary", { incidents: summary.incidents, deadlines: summary.deadlines })} data-testid="overdue-summary" />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t("status")} style={{ width: 120 }} options={INCIDENT_STATUSES.map((s) => ({ value: s, label: label(INCIDENT_STATUS_LABELS[s]) }))} onChange={(status?: IncidentStatus) => setFilter((f) => ({ ...f, status }))} />
        <Select allowClear placeholder={t("level")} style={{ width: 140 }} options={SEVERITY_LEVELS.map((l) => ({ value: l, label: t("levelName", { numeral: SEVERITY_LEVEL_LABELS[l].numeral, name: label(SEVERITY_LEVEL_LABELS[l]) }) }))} onChange={(level?: SeverityLevel) => setFilter((f) => ({ ...f, level }))} />
        <Select allowClear placeholder={t("category")} style={{ width: 160 }} options={EMERGENCY_CATEGORIES.map((c) => ({ value: c, label: label(EMERGENCY_CATEGORY_LABELS[c]) }))} onChange={(category?: EmergencyCategory) => setFilter((f) => ({ ...f, category }))} />
        <Input.Search allowClear placeholder={t("incidentSearchHint")} style={{ width: 220 }} onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))} />
        {summary && <Typography.Text type="secondary">{t("openCount", { count: summary.open })}</Typography.Text>}
      </Space>
      <Table rowKey="id" size="small" columns={columns} dataSource={items} loading={loading} scroll={{ x: 640 }} pagination={pagination} />
    </Card>
  );
}
