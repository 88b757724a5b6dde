import { App, Button, Card, List, Popconfirm, Space, Tag, Typography } from "antd";
import type { Incident, IncidentDeadline } from "@shared/incidents/schemas.ts";
import { ROLE_LABELS } from "@shared/roles.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { Countdown, useNow } from "./Countdown.tsx";
import { isOutstanding } from "./incident-text.ts";

/** What a deadline asks for, in words: "第 1 步签收：值班员", "向县应急管理局首报", "带班领导到场". */
export function useDeadlineText() {
  const { t, label } = useI18n();
  return (deadline: IncidentDeadline, tasks: Incident["tasks"]): string => {
    switch (deadline.kind) {
      case "acknowledgement": {
        const roles = (deadline.notify?.roles ?? []).map((role) => label(ROLE_LABELS[role]));
        const groups = deadline.notify?.groupIds.length ? [t("groupsCount", { count: deadline.notify.groupIds.length })] : [];
        return t("deadlineAck", { step: deadline.step ?? 1, whom: [...roles, ...groups].join("、") });
      }
      case "report":
        return t("deadlineReport", { to: deadline.to ?? "" });
      case "on_site":
        return t("deadlineOnSite", { who: deadline.who ?? (deadline.role ? label(ROLE_LABELS[deadline.role]) : "") });
      case "task":
        return t("deadlineTask", { title: tasks.find((task) => task.id === deadline.taskId)?.title ?? "" });
    }
  };
}

const STATE_COLORS = { pending: "processing", overdue: "error", met: "success", met_late: "warning", cancelled: "default" } as const;

/**
 * The plan's deadlines for this incident, the outstanding ones first and soonest first, each
 * counting down to the second. The server's state says met or cancelled; whether a pending one
 * has run out is read from the clock here, so the red does not wait for the next reload.
 */
export function DeadlinesCard({ incident, onChanged }: { incident: Incident; onChanged(incident: Incident): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const now = useNow();
  const describe = useDeadlineText();
  const outstanding = incident.deadlines.filter(isOutstanding).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const settled = incident.deadlines.filter((d) => !isOutstanding(d)).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const canMeet = incident.actions.includes("meetDeadline");

  const meet = async (deadline: IncidentDeadline) => {
    try {
      onChanged(await api<Incident>("POST", `/api/incidents/${incident.id}/deadlines/${deadline.id}/meet`, { at: null, note: null }));
    } catch (error) {
      showApiError(error, message);
    }
  };

  if (incident.deadlines.length === 0) {
    return (
      <Card size="small" title={t("deadlines")}>
        <Typography.Text type="secondary">{incident.status === "reported" ? t("deadlinesAfterOpening") : t("noDeadlines")}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card size="small" title={t("deadlines")} data-testid="deadlines">
      <List
        size="small"
        dataSource={[...outstanding, ...settled]}
        renderItem={(deadline) => (
          <List.Item
            data-testid="deadline"
            actions={
              canMeet && deadline.kind === "on_site" && isOutstanding(deadline)
                ? [
                    <Popconfirm key="meet" title={t("markArrivedConfirm")} onConfirm={() => meet(deadline)}>
                      <Button size="small">{t("markArrived")}</Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              <Typography.Text>{describe(deadline, incident.tasks)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("dueAt", { at: chinaDateTime(deadline.dueAt) })}
                {deadline.metAt ? ` · ${t("metAt", { at: chinaDateTime(deadline.metAt) })}` : ""}
              </Typography.Text>
            </Space>
            <div style={{ marginLeft: "auto", paddingLeft: 8, whiteSpace: "nowrap" }}>
              {isOutstanding(deadline) ? <Countdown dueAt={deadline.dueAt} now={now} testId="deadline-countdown" /> : <Tag color={STATE_COLORS[deadline.state]}>{t(`deadline_${deadline.state}`)}</Tag>}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
