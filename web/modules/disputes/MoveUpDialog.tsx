import { Form, Input, Select } from "antd";
import type { MoveUpDisputeInput } from "@shared/disputes/mediation-schemas.ts";
import { DISPUTE_LEVEL_LABELS, type Dispute } from "@shared/disputes/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";

type MoveUpValues = Omit<MoveUpDisputeInput, "version">;

/** 上移: to the township or county above the case's org, which is told and decides on it again. */
export function MoveUpDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t, label } = useI18n();
  // Offered only with somewhere to go: the server lists the levels above, even those outside the caller's own reach.
  const above = dispute.moveUpTargets;
  return (
    <DisputeActionDialog<MoveUpValues>
      dispute={dispute}
      title={t("moveUpDispute")}
      path="/move-up"
      toInput={(values) => values}
      done={t("disputeMovedUp")}
      testId="move-up"
      onClose={onClose}
      onChanged={onChanged}
    >
      <Form.Item name="toOrgId" label={t("moveUpTo")} rules={[{ required: true }]}>
        <Select options={above.map((org) => ({ value: org.id, label: `${org.name}（${label(DISPUTE_LEVEL_LABELS[org.level])}）` }))} data-testid="move-up-to" />
      </Form.Item>
      <Form.Item name="reason" label={t("moveUpReason")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="move-up-reason" />
      </Form.Item>
    </DisputeActionDialog>
  );
}
