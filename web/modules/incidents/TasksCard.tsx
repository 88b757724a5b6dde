import { App, Card, Input, List, Select, Space, Tag, Typography } from "antd";
import type { Incident, IncidentTask, TaskStatus } from "@shared/incidents/schemas.ts";
import { TASK_STATUSES, TASK_STATUS_LABELS } from "@shared/incidents/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { Countdown, useNow } from "./Countdown.tsx";

const STATUS_COLORS: Record<TaskStatus, string> = { open: "default", in_progress: "processing", done: "success", cancelled: "default" };
const finished = (task: IncidentTask) => task.status === "done" || task.status === "cancelled";

/** The working groups' tasks from the plan: who, what, by when, and where each stands. */
export function TasksCard({ incident, onChanged }: { incident: Incident; onChanged(incident: Incident): void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const now = useNow();
  const canUpdate = incident.actions.includes("updateTask");
  if (incident.tasks.length === 0) return null;

  const update = async (task: IncidentTask, change: { status?: TaskStatus; notes?: string | null }) => {
    try {
      onChanged(await api<Incident>("PATCH", `/api/incidents/${incident.id}/tasks/${task.id}`, { version: task.version, ...change }));
    } catch (error) {
      if (showApiError(error, message)) onChanged(incident);
    }
  };

  const tasks = [...incident.tasks].sort((a, b) => Number(finished(a)) - Number(finished(b)) || a.dueAt.localeCompare(b.dueAt));
  return (
    <Card size="small" title={t("tasks")} data-testid="tasks">
      <List
        size="small"
        dataSource={tasks}
        renderItem={(task) => (
          <List.Item data-testid="task">
            <Space orientation="vertical" size={4} style={{ width: "100%" }}>
              <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
                <span>
                  <Typography.Text strong>{task.title}</Typography.Text> <Typography.Text type="secondary">{[task.groupName, task.assignee?.displayName].filter(Boolean).join(" · ")}</Typography.Text>
                </span>
                {!finished(task) && <Countdown dueAt={task.dueAt} now={now} />}
              </Space>
              {task.description && <Typography.Text type="secondary">{task.description}</Typography.Text>}
              {canUpdate && !finished(task) ? (
                <Space wrap>
                  <Select size="small" value={task.status} style={{ width: 110 }} options={TASK_STATUSES.map((s) => ({ value: s, label: label(TASK_STATUS_LABELS[s]) }))} onChange={(status) => void update(task, { status })} data-testid="task-status" />
                  <Input.Search
                    size="small"
                    key={task.notes ?? ""}
                    defaultValue={task.notes ?? ""}
                    placeholder={t("taskNotes")}
                    enterButton={t("save")}
                    maxLength={TEXT_MAX}
                    style={{ width: 280, maxWidth: "100%" }}
                    onSearch={(notes) => notes.trim() !== (task.notes ?? "") && void update(task, { notes: notes.trim() || null })}
                  />
                </Space>
              ) : (
                <Space wrap>
                  <Tag color={STATUS_COLORS[task.status]}>{label(TASK_STATUS_LABELS[task.status])}</Tag>
                  {task.notes && <Typography.Text>{task.notes}</Typography.Text>}
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
