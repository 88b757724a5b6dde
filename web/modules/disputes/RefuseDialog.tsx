import { Form, Input, Select } from "antd";
import { REDIRECT_TARGETS, REDIRECT_TARGET_LABELS, type Dispute, type RefuseDisputeInput } from "@shared/disputes/schemas.ts";
import { NAME_MAX, TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";

type RefuseValues = Omit<RefuseDisputeInput, "version">;

/** 不予受理: why, and where the parties can take the dispute instead; the notice to them follows. */
export function RefuseDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t, label } = useI18n();
  return (
    <DisputeActionDialog<RefuseValues> dispute={dispute} title={t("refuseDispute")} path="/refuse" toInput={(values) => values} done={t("disputeRefused")} testId="refuse" onClose={onClose} onChanged={onChanged}>
      <Form.Item name="reason" label={t("refusalReason")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="refuse-reason" />
      </Form.Item>
      <Form.Item name="redirectTo" label={t("redirectTo")} rules={[{ required: true }]}>
        <Select options={REDIRECT_TARGETS.map((target) => ({ value: target, label: label(REDIRECT_TARGET_LABELS[target]) }))} data-testid="refuse-redirect-to" />
      </Form.Item>
      <Form.Item name="redirectDetail" label={t("redirectDetail")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
        <Input maxLength={NAME_MAX} data-testid="refuse-redirect-detail" />
      </Form.Item>
    </DisputeActionDialog>
  );
}
