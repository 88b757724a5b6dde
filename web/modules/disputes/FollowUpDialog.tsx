import { DatePicker, Form, Input, Radio } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { PERFORMANCES, PERFORMANCE_LABELS, type Performance } from "@shared/disputes/mediation-schemas.ts";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";

interface FollowUpValues {
  visitedAt: Dayjs;
  performance: Performance;
  notes: string;
}

/** 回访: whether the agreement was performed; anything short of fully sends the case back to mediation. */
export function FollowUpDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t, label } = useI18n();
  return (
    <DisputeActionDialog<FollowUpValues>
      dispute={dispute}
      title={t("recordFollowUp")}
      path="/follow-ups"
      toInput={(values) => ({ ...values, visitedAt: values.visitedAt.toISOString() })}
      // Now, to the second: a visit recorded just after the agreement must not fall before it.
      initialValues={{ visitedAt: dayjs() }}
      done={t("followUpRecorded")}
      testId="follow-up"
      onClose={onClose}
      onChanged={onChanged}
    >
      <Form.Item name="visitedAt" label={t("visitedAt")} rules={[{ required: true }]}>
        <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), "day")} data-testid="follow-up-visited-at" />
      </Form.Item>
      <Form.Item name="performance" label={t("performance")} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={PERFORMANCES.map((p) => ({ value: p, label: label(PERFORMANCE_LABELS[p]) }))} data-testid="follow-up-performance" />
      </Form.Item>
      <Form.Item name="notes" label={t("followUpNotes")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="follow-up-notes" />
      </Form.Item>
    </DisputeActionDialog>
  );
}
