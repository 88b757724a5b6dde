import { DatePicker, Form, Input } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { RecordSessionInput } from "@shared/disputes/mediation-schemas.ts";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { NAME_MAX, TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";

type SessionValues = Omit<RecordSessionInput, "version" | "heldAt" | "proposals"> & { heldAt: Dayjs; proposals?: string };

const text = { required: true, whitespace: true, max: TEXT_MAX };

/** 调解记录: one meeting with the parties — who came, what each side said, what was proposed and how it went. */
export function SessionDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t } = useI18n();
  return (
    <DisputeActionDialog<SessionValues>
      dispute={dispute}
      title={t("recordSession")}
      path="/sessions"
      toInput={(values) => ({ ...values, heldAt: values.heldAt.toISOString(), proposals: values.proposals?.trim() || null })}
      // Now, to the second: a session recorded just after acceptance must not fall before it.
      initialValues={{ heldAt: dayjs() }}
      done={t("sessionRecorded")}
      testId="session"
      onClose={onClose}
      onChanged={onChanged}
    >
      <Form.Item name="heldAt" label={t("sessionHeldAt")} rules={[{ required: true }]}>
        <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), "day")} data-testid="session-held-at" />
      </Form.Item>
      <Form.Item name="place" label={t("sessionPlace")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
        <Input maxLength={NAME_MAX} data-testid="session-place" />
      </Form.Item>
      <Form.Item name="attendees" label={t("sessionAttendees")} rules={[text]}>
        <Input maxLength={TEXT_MAX} data-testid="session-attendees" />
      </Form.Item>
      <Form.Item name="applicantStatement" label={t("applicantStatement")} rules={[text]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="session-applicant" />
      </Form.Item>
      <Form.Item name="respondentStatement" label={t("respondentStatement")} rules={[text]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="session-respondent" />
      </Form.Item>
      <Form.Item name="proposals" label={t("sessionProposals")} rules={[{ max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="session-proposals" />
      </Form.Item>
      <Form.Item name="result" label={t("sessionResult")} rules={[text]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="session-result" />
      </Form.Item>
    </DisputeActionDialog>
  );
}
