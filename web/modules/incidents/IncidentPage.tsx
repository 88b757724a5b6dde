import { ArrowLeftOutlined, EnvironmentOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, Descriptions, Popconfirm, Result, Row, Space, Spin, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { INCIDENT_STATUS_LABELS, type Incident, type IncidentEvent } from "@shared/incidents/schemas.ts";
import { EMERGENCY_CATEGORY_LABELS } from "@shared/plans/schemas.ts";
import { ApiError, api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { useLiveRefresh } from "../live/use-live-refresh.ts";
import { AttachmentsCard } from "./AttachmentsCard.tsx";
import { ClosureCard } from "./ClosureCard.tsx";
import { DeadlinesCard } from "./DeadlinesCard.tsx";
import { LevelPanel } from "./LevelPanel.tsx";
import { LevelCell } from "./LevelTag.tsx";
import { ReportsCard } from "./ReportsCard.tsx";
import { TasksCard } from "./TasksCard.tsx";
import { TimelineCard } from "./TimelineCard.tsx";
import { UpdateFactsDrawer } from "./UpdateFactsDrawer.tsx";


function Facts({ incident }: { incident: Incident }) {
  const { t } = useI18n();
  const text = (value: string | null) => value || "—";
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="facts">
      <Descriptions.Item label={t("whatHappened")} span={{ xs: 1, md: 2 }}>
        <span style={{ whiteSpace: "pre-wrap" }}>{incident.description}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("place")}>
        {incident.place}
        {incident.latitude !== null && incident.longitude !== null && (
          <Typography.Text type="secondary">
            {" "}
            <EnvironmentOutlined /> {t("coordinatesValue", { lat: incident.latitude, lng: incident.longitude })}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t("occurredAt")}>{chinaDateTime(incident.occurredAt)}</Descriptions.Item>
      <Descriptions.Item label={t("casualties")}>{t("casualtiesValue", { deaths: incident.deaths, injuries: incident.injuries, missing: incident.missing })}</Descriptions.Item>
      <Descriptions.Item label={t("peopleAndOnlookers")}>{t("peopleAndOnlookersValue", { people: incident.peopleInvolved, onlookers: incident.onlookers })}</Descriptions.Item>
      <Descriptions.Item label={t("economicLoss")}>{incident.economicLoss}</Descriptions.Item>
      <Descriptions.Item label={t("infoSource")}>{text(incident.source)}</Descriptions.Item>
      <Descriptions.Item label={t("cause")}>{text(incident.cause)}</Descriptions.Item>
      <Descriptions.Item label={t("trend")}>{text(incident.trend)}</Descriptions.Item>
      <Descriptions.Item label={t("measuresTaken")}>{text(incident.measuresTaken)}</Descriptions.Item>
      <Descriptions.Item label={t("helpNeeded")}>{text(incident.helpNeeded)}</Descriptions.Item>
      <Descriptions.Item label={t("reporter")}>
        {[incident.reporterName, incident.reporterContact].filter(Boolean).join(" ") || "—"}
        <Typography.Text type="secondary">
          {" "}
          {t("filedByAt", { name: incident.reportedBy.displayName, at: chinaDateTime(incident.reportedAt) })}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** One incident: the facts, the level and the plan it runs under, deadlines counting down, tasks, attachments and the timeline. */
export function IncidentPage() {
  const { id } = useParams<{ id: string }>();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [incident, setIncident] = useState<Incident | null>(null);
  const [events, setEvents] = useState<IncidentEvent[]>([]);
  const [missing, setMissing] = useState(false);
  const [editing, setEditing] = useState(false);

  /** A background refresh stays quiet when it fails: the next one will try again. */
  const load = useCallback(async (quiet = false) => {
    try {
      const [next, timeline] = await Promise.all([api<Incident>("GET", `/api/incidents/${id}`), api<{ items: IncidentEvent[] }>("GET", `/api/incidents/${id}/timeline`)]);
      setIncident(next);
      setEvents(timeline.items);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) setMissing(true);
      else if (!quiet) showApiError(error, message);
    }
  }, [id, message]);
  useEffect(() => {
    void load();
  }, [load]);
  // Others change the incident too (the duty room receives it, tasks, deadlines, a later
  // report): the page re-reads itself when the server says this incident changed.
  useLiveRefresh(() => void load(true), { shows: (event) => event.incidentId === id });

  // Every change of the incident adds to its timeline, so both are read again together.
  const changed = (next: Incident) => {
    setIncident(next);
    void load();
  };
  const onSite = async () => {
    try {
      changed(await api<Incident>("POST", `/api/incidents/${id}/on-site`, { arrivedAt: null, note: null }));
      message.success(t("onSiteRecorded"));
    } catch (error) {
      showApiError(error, message);
    }
  };

  if (missing) return <Result status="404" title={t("incidentNotFound")} extra={<Button onClick={() => navigate("/incidents")}>{t("menuIncidents")}</Button>} />;
  if (!incident) return <Spin style={{ display: "block", marginTop: 80 }} />;
  const can = (action: Incident["actions"][number]) => incident.actions.includes(action);
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <Button type="text" size="small" icon={<ArrowLeftOutlined />} aria-label={t("menuIncidents")} onClick={() => navigate("/incidents")} />
            <LevelCell incident={incident} />
            <span data-testid="incident-heading">{incident.title}</span>
          </Space>
        }
        extra={
          <Space wrap>
            {can("recordOnSite") && incident.status === "open" && (
              <Popconfirm title={t("onSiteConfirm")} onConfirm={onSite}>
                <Button data-testid="on-site">{t("imOnSite")}</Button>
              </Popconfirm>
            )}
            {can("update") && (
              <Button onClick={() => setEditing(true)} data-testid="later-report">
                {t("laterReport")}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color={incident.status === "open" ? "processing" : "default"} data-testid="incident-status">
            {label(INCIDENT_STATUS_LABELS[incident.status])}
          </Tag>
          <span>
            {label(EMERGENCY_CATEGORY_LABELS[incident.category])}
            {incident.subtype ? ` · ${incident.subtype}` : ""}
          </span>
          <Typography.Text type="secondary">{incident.orgName}</Typography.Text>
          {incident.receivedBy && incident.receivedAt ? (
            <Tag color="success" data-testid="incident-receipt">
              {t("receivedByAt", { name: incident.receivedBy.displayName, at: chinaDateTime(incident.receivedAt) })}
            </Tag>
          ) : (
            <Tag color="warning" data-testid="incident-receipt">
              {t("awaitingReceipt")}
            </Tag>
          )}
        </Space>
        <Facts incident={incident} />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <LevelPanel key={`${incident.level}-${incident.suggestedLevel}`} incident={incident} onChanged={changed} />
            <DeadlinesCard incident={incident} onChanged={changed} />
            <ReportsCard incident={incident} onChanged={() => void load(true)} />
            <ClosureCard incident={incident} onChanged={changed} />
          </Space>
        </Col>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <TasksCard incident={incident} onChanged={changed} />
            <AttachmentsCard incidentId={incident.id} canAttach={can("attach")} revision={events.length} onChanged={() => void load(true)} />
            <TimelineCard incidentId={incident.id} events={events} canNote={can("addNote")} onChanged={setEvents} />
          </Space>
        </Col>
      </Row>
      {editing && (
        <UpdateFactsDrawer
          incident={incident}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            changed(next);
          }}
        />
      )}
    </Space>
  );
}
