import { App, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import type { IncidentDeadlineKind, IncidentEvent, IncidentEventDetail } from "@shared/incidents/schemas.ts";
import { INCIDENT_REPORT_KIND_LABELS } from "@shared/incidents/report-schemas.ts";
import { TASK_STATUS_LABELS } from "@shared/incidents/schemas.ts";
import { NOTIFICATION_KIND_LABELS } from "@shared/notifications/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { SEVERITY_LEVEL_LABELS, type SeverityLevel } from "@shared/plans/schemas.ts";
import { api } from "../../app/api.ts";
import { CaseTimeline } from "../../app/CaseTimeline.tsx";
import { showApiError } from "../../app/form-errors.ts";
import { fileSizeText } from "../../app/file-size.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import type { MessageKey } from "../../app/i18n/zh.ts";
import { chinaDateTime } from "../duty/shift-text.ts";

const FIELD_LABELS: Record<string, MessageKey> = {
  title: "incidentTitle",
  description: "whatHappened",
  place: "place",
  latitude: "placeCoordinates",
  longitude: "placeCoordinates",
  occurredAt: "occurredAt",
  source: "infoSource",
  peopleInvolved: "peopleInvolved",
  onlookers: "onlookers",
  deaths: "deaths",
  injuries: "injuries",
  missing: "missing",
  economicLoss: "economicLoss",
  cause: "cause",
  trend: "trend",
  measuresTaken: "measuresTaken",
  helpNeeded: "helpNeeded",
};
const KIND_KEYS: Record<IncidentDeadlineKind, MessageKey> = { acknowledgement: "kindAcknowledgement", report: "kindReport", on_site: "kindOnSite", task: "kindTask" };
const COLORS: Partial<Record<IncidentEventDetail["kind"], string>> = { level_set: "red", plan_activated: "red", deadline_overdue: "red", deadline_met: "green", on_site: "green", report_sent: "green", closed: "green", reopened: "red", escalated: "red", acknowledged: "green", received: "green", note: "gray", attachment_added: "gray" };

/** One timeline entry in a sentence. */
function useEventText() {
  const { t, label } = useI18n();
  const level = (l: SeverityLevel | null) => (l ? t("levelName", { numeral: SEVERITY_LEVEL_LABELS[l].numeral, name: label(SEVERITY_LEVEL_LABELS[l]) }) : t("levelNone"));
  const field = (name: string) => (FIELD_LABELS[name] ? t(FIELD_LABELS[name]) : name);
  return (detail: IncidentEventDetail): string => {
    switch (detail.kind) {
      case "reported":
        return t("evReported", { level: level(detail.suggestedLevel) });
      case "updated": {
        const figures = detail.figures.map((f) => `${field(f.field)} ${f.from} → ${f.to}`);
        const others = [...new Set(detail.fields.filter((name) => !detail.figures.some((f) => f.field === name)).map(field))];
        return t("evUpdated", { changes: [...figures, ...others].join("；") || "—", level: level(detail.suggestedLevel) });
      }
      case "level_set":
        if (detail.previousLevel) return t("evLevelChanged", { from: level(detail.previousLevel), to: level(detail.level), reason: detail.reason ?? "—" });
        return detail.reason ? t("evLevelSet", { level: level(detail.level), reason: detail.reason }) : t("evLevelConfirmed", { level: level(detail.level) });
      case "plan_activated":
        return t("evPlanActivated", { title: detail.title, no: detail.versionNo, level: level(detail.level) });
      case "opened_without_plan":
        return t("evOpenedWithoutPlan", { level: level(detail.level) });
      case "deadline_created":
        return t("evDeadlineCreated", { kind: t(KIND_KEYS[detail.deadlineKind]), at: chinaDateTime(detail.dueAt) });
      case "deadline_met":
        return t(detail.late ? "evDeadlineMetLate" : "evDeadlineMet", { kind: t(KIND_KEYS[detail.deadlineKind]) }) + (detail.note ? `：${detail.note}` : "");
      case "deadline_overdue":
        return t("evDeadlineOverdue", { kind: t(KIND_KEYS[detail.deadlineKind]), at: chinaDateTime(detail.dueAt) });
      case "task_created":
        return t("evTaskCreated", { title: detail.title });
      case "task_changed":
        return t("evTaskChanged", { title: detail.title, from: label(TASK_STATUS_LABELS[detail.from]), to: label(TASK_STATUS_LABELS[detail.to]) }) + (detail.notes ? `：${detail.notes}` : "");
      case "on_site":
        return t("evOnSite", { at: chinaDateTime(detail.arrivedAt) }) + (detail.note ? `：${detail.note}` : "");
      case "note":
        return detail.text;
      case "notified":
        return t("evNotified", { kind: label(NOTIFICATION_KIND_LABELS[detail.notificationKind]), names: detail.recipients.map((r) => r.name).join("、") || "—" });
      case "escalated":
        return t("evEscalated", { step: detail.step, names: detail.recipients.map((r) => r.name).join("、") || "—" });
      case "received":
        return t("evReceived");
      case "acknowledged":
        return t(detail.late ? "evAcknowledgedLate" : "evAcknowledged", { kind: label(NOTIFICATION_KIND_LABELS[detail.notificationKind]) });
      case "report_drafted":
        return t("evReportDrafted", { report: label(INCIDENT_REPORT_KIND_LABELS[detail.reportKind]) });
      case "report_edited":
        return t("evReportEdited", { report: label(INCIDENT_REPORT_KIND_LABELS[detail.reportKind]) });
      case "report_approved":
        return t("evReportApproved", { report: label(INCIDENT_REPORT_KIND_LABELS[detail.reportKind]) });
      case "report_sent":
        return t("evReportSent", { report: label(INCIDENT_REPORT_KIND_LABELS[detail.reportKind]), org: detail.toOrgName });
      case "closed":
        return t("evClosed", { outcome: detail.outcome });
      case "reopened":
        return t("evReopened", { reason: detail.reason });
      case "attachment_added":
        return t("evAttachmentAdded", { name: detail.fileName, size: fileSizeText(detail.sizeBytes) });
    }
  };
}

/** Everything that happened, oldest first as the record is read, with who and when; a note adds to it. */
export function TimelineCard({ incidentId, events, canNote, onChanged }: { incidentId: string; events: IncidentEvent[]; canNote: boolean; onChanged(events: IncidentEvent[]): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const [saving, setSaving] = useState(false);
  const text = useEventText();

  const addNote = async ({ text: note }: { text: string }) => {
    setSaving(true);
    try {
      onChanged((await api<{ items: IncidentEvent[] }>("POST", `/api/incidents/${incidentId}/notes`, { text: note })).items);
      form.resetFields();
    } catch (error) {
      showApiError(error, message, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t("timeline")} data-testid="timeline">
      <CaseTimeline entries={events} text={text} colors={COLORS} />
      {canNote && (
        <Form form={form} onFinish={(values) => void addNote(values)} layout="vertical">
          <Form.Item name="text" rules={[{ required: true, whitespace: true, max: TEXT_MAX }]} style={{ marginBottom: 8 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} placeholder={t("notePlaceholder")} data-testid="note-text" />
          </Form.Item>
          <Button htmlType="submit" loading={saving} data-testid="note-submit">
            {t("addNote")}
          </Button>
        </Form>
      )}
    </Card>
  );
}
