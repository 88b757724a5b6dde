import { Form, Input, Select } from "antd";
import { REFERRAL_RECEIVERS, REFERRAL_RECEIVER_LABELS, type ReferDisputeInput } from "@shared/disputes/mediation-schemas.ts";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { NAME_MAX, TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";

type ReferValues = Omit<ReferDisputeInput, "version">;

/** 移交: to a court, the police, labour inspection, a department or another org, by name, and why. */
export function ReferDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t, label } = useI18n();
  return (
    <DisputeActionDialog<ReferValues> dispute={dispute} title={t("referDispute")} path="/referral" toInput={(values) => values} done={t("disputeReferred")} testId="refer" onClose={onClose} onChanged={onChanged}>
      <Form.Item name="receiverKind" label={t("receiverKind")} rules={[{ required: true }]}>
        <Select options={REFERRAL_RECEIVERS.map((r) => ({ value: r, label: label(REFERRAL_RECEIVER_LABELS[r]) }))} data-testid="refer-receiver-kind" />
      </Form.Item>
      <Form.Item name="receiverName" label={t("receiverName")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
        <Input maxLength={NAME_MAX} data-testid="refer-receiver-name" />
      </Form.Item>
      <Form.Item name="reason" label={t("referralReason")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="refer-reason" />
      </Form.Item>
    </DisputeActionDialog>
  );
}
