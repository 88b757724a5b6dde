import { App, Badge, Button, Card, Col, Empty, List, Row, Space, Spin, Tag, Typography } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { INCIDENT_STATUS_LABELS } from "@shared/incidents/schemas.ts";
import type { LiveBoard, LiveBoardDeadline, LiveBoardIncident, LiveEvent } from "@shared/live/schemas.ts";
import { NOTIFICATION_KIND_LABELS, type Notification, type NotificationList } from "@shared/notifications/schemas.ts";
import { EMERGENCY_CATEGORY_LABELS } from "@shared/plans/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { Countdown, useNow } from "../incidents/Countdown.tsx";
import { LEVEL_COLORS } from "../incidents/incident-text.ts";
import { LevelTag } from "../incidents/LevelTag.tsx";
import { beep } from "./beep.ts";
import type { LiveStatus } from "./use-live.ts";
import { useLiveRefresh } from "./use-live-refresh.ts";

/** Several events usually come together (an incident opened: deadlines, notifications, tasks): one re-read for all of them. */
const UNACKNOWLEDGED_URL = "/api/notifications?unacknowledged=true&limit=100";
const KIND_KEYS = { acknowledgement: "kindAcknowledgement", report: "kindReport", on_site: "kindOnSite", task: "kindTask" } as const;

const outstanding = (deadline: LiveBoardDeadline) => deadline.metAt === null && (deadline.status === "pending" || deadline.status === "fired");

function ConnectionTag({ status }: { status: LiveStatus }) {
  const { t } = useI18n();
  return (
    <Badge status={status === "live" ? "success" : "warning"} text={status === "live" ? t("liveConnected") : t("liveReconnecting")} data-testid="live-status" data-status={status} />
  );
}

function IncidentCard({ incident, now }: { incident: LiveBoardIncident; now: number }) {
  const { t, label } = useI18n();
  const colors = incident.level ? LEVEL_COLORS[incident.level] : null;
  const deadlines = incident.deadlines.filter(outstanding).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <Card
      size="small"
      data-testid="board-incident"
      style={{ borderLeft: `6px solid ${colors?.background ?? "#d9d9d9"}` }}
      title={
        <Space wrap>
          {incident.level ? <LevelTag level={incident.level} /> : <Tag>{t("levelNone")}</Tag>}
          <Link to={`/incidents/${incident.id}`} data-testid={`board-incident-${incident.title}`}>
            {incident.title}
          </Link>
        </Space>
      }
      extra={<Tag color={incident.status === "open" ? "processing" : "default"}>{label(INCIDENT_STATUS_LABELS[incident.status])}</Tag>}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {incident.orgName} · {label(EMERGENCY_CATEGORY_LABELS[incident.category])} · {t("reportedAtShort", { at: chinaDateTime(incident.reportedAt) })}
      </Typography.Text>
      <Space wrap style={{ display: "flex", margin: "6px 0" }}>
        {incident.unacknowledgedNotifications > 0 && <Tag color="error">{t("boardUnacknowledged", { count: incident.unacknowledgedNotifications })}</Tag>}
        {incident.overdueTasks > 0 && <Tag color="warning" data-testid="board-overdue-tasks">{t("boardOverdueTasks", { count: incident.overdueTasks })}</Tag>}
      </Space>
      {deadlines.length === 0 ? (
        <Typography.Text type="secondary">{incident.status === "reported" ? t("deadlinesAfterOpening") : t("noDeadlines")}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={deadlines}
          renderItem={(deadline) => (
            <List.Item style={{ padding: "4px 0" }}>
              <Typography.Text ellipsis style={{ minWidth: 0 }}>
                {t(KIND_KEYS[deadline.kind])}：{deadline.label}
              </Typography.Text>
              <span style={{ marginLeft: "auto", paddingLeft: 8, whiteSpace: "nowrap" }}>
                <Countdown dueAt={deadline.dueAt} now={now} testId="board-countdown" />
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function OnDutyCard({ board }: { board: LiveBoard }) {
  const { t } = useI18n();
  const { onDuty } = board;
  return (
    <Card size="small" title={t("onDutyNow")} data-testid="board-on-duty">
      {onDuty.shifts.length === 0 ? (
        <Typography.Text type="warning">{t("nobodyOnDuty")}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={4} style={{ width: "100%" }}>
          {onDuty.inherited && onDuty.resolvedFrom && <Typography.Text type="secondary">{t("onDutyInherited", { org: onDuty.resolvedFrom.name })}</Typography.Text>}
          {onDuty.shifts.map((shift) => (
            <div key={shift.id}>
              <div>
                {t("dutyOfficers")}：{shift.officers.map((o) => o.displayName).join("、") || "—"}
              </div>
              <div>
                {t("leaderOnDuty")}：{shift.leader?.displayName ?? "—"}
              </div>
              <Typography.Text type="secondary">
                {t("dutyPhone")}：{shift.phone}
              </Typography.Text>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

/**
 * The duty room's screen (实时看板): open incidents by level with their deadlines counting down,
 * what still waits for the viewer's acknowledgement, overdue tasks, and who is on duty. Every
 * live event re-reads it; a notification for the viewer also rings and shows a banner.
 */
export function LiveBoardPage() {
  const { t, label } = useI18n();
  const { message, notification } = App.useApp();
  const now = useNow();
  const [board, setBoard] = useState<LiveBoard | null>(null);
  const [pending, setPending] = useState<Notification[]>([]);

  // Notifications the live feed told of and not yet announced, each with the number of the first
  // read started after the event, which must show it unless it was answered meanwhile.
  const awaited = useRef(new Map<string, number>());
  const reads = useRef(0);
  const [lastRead, setLastRead] = useState<{ items: Notification[]; read: number } | null>(null);

  /**
   * Rings and shows a banner for each awaited notification a read found, and tells the server
   * it was delivered: the reporter is told the duty room's screen has it, which is true once
   * the read's card is painted (the effect below calls this after that frame).
   */
  const announce = useCallback(
    (mine: Notification[], read: number) => {
      for (const [id, firstRead] of awaited.current) {
        const found = mine.find((n) => n.id === id);
        if (!found) {
          if (read >= firstRead) awaited.current.delete(id);
          continue;
        }
        awaited.current.delete(id);
        // Sent first: the beep may take a moment to open the audio device. Refused when already
        // answered elsewhere; the next read shows the rest.
        api("POST", `/api/notifications/${id}/delivered`).catch(() => undefined);
        notification.warning({
          key: found.id,
          title: found.title,
          description: found.body,
          duration: 0,
          placement: "topRight",
          className: "live-notification-banner",
        });
        beep();
      }
    },
    [notification],
  );

  // Each half shows when it comes: a new report's card does not wait for the viewer's list.
  const load = useCallback(
    (quiet = false) => {
      const read = ++reads.current;
      let told = quiet;
      const tell = (error: unknown) => {
        if (!told) showApiError(error, message);
        told = true;
      };
      const drawn = api<LiveBoard>("GET", "/api/live-board").then(
        (next) => {
          setBoard(next);
          return true;
        },
        (error: unknown) => {
          tell(error);
          return false;
        },
      );
      const mine = api<NotificationList>("GET", UNACKNOWLEDGED_URL).then(
        (list) => {
          setPending(list.items);
          return list.items;
        },
        (error: unknown) => {
          tell(error);
          return null;
        },
      );
      void Promise.all([drawn, mine]).then(([boardDrawn, items]) => {
        if (boardDrawn && items) setLastRead({ items, read });
      });
    },
    [message],
  );
  useEffect(() => {
    load();
  }, [load]);
  // After the frame that paints the read's card: a banner and a beep (the first opens the
  // audio device, half a second in a headless browser) must not hold the card back.
  useEffect(() => {
    if (!lastRead) return;
    let timer: number | undefined;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => announce(lastRead.items, lastRead.read), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [lastRead, announce]);

  const { status, refresh: reload } = useLiveRefresh(() => load(true), {
    onEvent: (event: LiveEvent) => {
      // The read this event starts (at once, or after a burst) shows it.
      if (event.type === "notification.created" && event.notificationId) awaited.current.set(event.notificationId, reads.current + 1);
      // Answered elsewhere (a colleague received the report for the duty room): its banner goes.
      if (event.type === "notification.acknowledged" && event.notificationId) {
        awaited.current.delete(event.notificationId);
        notification.destroy(event.notificationId);
      }
    },
  });

  const acknowledge = async (item: Notification) => {
    try {
      await api("POST", `/api/notifications/${item.id}/ack`);
      notification.destroy(item.id);
      setPending((list) => list.filter((n) => n.id !== item.id));
      message.success(t("notificationAcked"));
      reload();
    } catch (error) {
      showApiError(error, message);
      reload();
    }
  };

  if (!board) return <Spin style={{ display: "block", marginTop: 80 }} />;
  const overdueTasks = board.incidents.reduce((sum, incident) => sum + incident.overdueTasks, 0);
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Card size="small">
        <Space wrap size="large" style={{ width: "100%" }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("boardTitle", { org: board.org.name })}
          </Typography.Title>
          <Typography.Text data-testid="board-open-count">{t("boardOpenCount", { count: board.incidents.length })}</Typography.Text>
          <Typography.Text type={overdueTasks > 0 ? "danger" : "secondary"} data-testid="board-overdue-total">
            {t("boardOverdueTasks", { count: overdueTasks })}
          </Typography.Text>
          <ConnectionTag status={status} />
        </Space>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          {board.incidents.length === 0 ? (
            <Card size="small">
              <Empty description={t("boardNoIncidents")} />
            </Card>
          ) : (
            <Space orientation="vertical" style={{ width: "100%" }} data-testid="board-incidents">
              {board.incidents.map((incident) => (
                <IncidentCard key={incident.id} incident={incident} now={now} />
              ))}
            </Space>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Card size="small" title={t("boardMyUnacknowledged", { count: pending.length })} data-testid="board-notifications">
              {pending.length === 0 ? (
                <Typography.Text type="secondary">{t("boardNothingToAcknowledge")}</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={pending}
                  renderItem={(item) => (
                    <List.Item
                      data-testid="board-notification"
                      actions={
                        item.actions.includes("acknowledge")
                          ? [
                              <Button key="ack" type="primary" size="small" danger onClick={() => void acknowledge(item)} data-testid="acknowledge">
                                {t("notificationAck")}
                              </Button>,
                            ]
                          : []
                      }
                    >
                      <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                        <Space wrap size={4}>
                          {item.level && <LevelTag level={item.level} />}
                          <Tag>{label(NOTIFICATION_KIND_LABELS[item.kind])}</Tag>
                        </Space>
                        {item.incidentId ? <Link to={`/incidents/${item.incidentId}`}>{item.title}</Link> : <span>{item.title}</span>}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {chinaDateTime(item.createdAt)}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <OnDutyCard board={board} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
