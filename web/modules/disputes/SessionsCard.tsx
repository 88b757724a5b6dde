import { Card, Descriptions, Space, Typography } from "antd";
import type { DisputeSession } from "@shared/disputes/mediation-schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { DisputeAttachments } from "./DisputeAttachments.tsx";

const long = { whiteSpace: "pre-wrap" } as const;

/** 调解记录: each meeting with the parties, the latest first, as the mediators wrote it down. */
export function SessionsCard({ disputeId, sessions, canAttach }: { disputeId: string; sessions: DisputeSession[]; canAttach: boolean }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t("sessions")} data-testid="sessions">
      <Space orientation="vertical" style={{ width: "100%" }} size="middle">
        {[...sessions].reverse().map((s) => (
          <Descriptions
            key={s.id}
            size="small"
            bordered
            column={1}
            title={`${chinaDateTime(s.heldAt)} · ${s.place}`}
            extra={<Typography.Text type="secondary">{t("recordedByAt", { name: s.recordedBy.displayName, at: chinaDateTime(s.recordedAt) })}</Typography.Text>}
            data-testid="session-entry"
          >
            <Descriptions.Item label={t("sessionAttendees")}>{s.attendees}</Descriptions.Item>
            <Descriptions.Item label={t("applicantStatement")}><span style={long}>{s.applicantStatement}</span></Descriptions.Item>
            <Descriptions.Item label={t("respondentStatement")}><span style={long}>{s.respondentStatement}</span></Descriptions.Item>
            {s.proposals && <Descriptions.Item label={t("sessionProposals")}><span style={long}>{s.proposals}</span></Descriptions.Item>}
            <Descriptions.Item label={t("sessionResult")}><span style={long}>{s.result}</span></Descriptions.Item>
            <Descriptions.Item label={t("attachments")}>
              <DisputeAttachments disputeId={disputeId} sessionId={s.id} canAttach={canAttach} />
            </Descriptions.Item>
          </Descriptions>
        ))}
      </Space>
    </Card>
  );
}
