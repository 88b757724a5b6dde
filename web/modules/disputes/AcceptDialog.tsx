import { Form, Input, InputNumber } from "antd";
import { DEFAULT_MEDIATION_DAYS, type Dispute } from "@shared/disputes/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";
import { MediatorsFields, type MediatorsValues, mediatorsFromValues } from "./MediatorsFields.tsx";

interface AcceptValues extends MediatorsValues {
  reason: string;
  dueDays: number;
}

/** 受理: the committee takes the case, names its mediators, and mediation falls due so many days on. */
export function AcceptDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t } = useI18n();
  return (
    <DisputeActionDialog<AcceptValues>
      dispute={dispute}
      title={t("acceptDispute")}
      path="/accept"
      toInput={(values) => ({ reason: values.reason, dueDays: values.dueDays, mediators: mediatorsFromValues(values) })}
      initialValues={{ dueDays: DEFAULT_MEDIATION_DAYS }}
      done={t("disputeAccepted")}
      testId="accept"
      onClose={onClose}
      onChanged={onChanged}
    >
      <Form.Item name="reason" label={t("acceptReason")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="accept-reason" />
      </Form.Item>
      <MediatorsFields disputeId={dispute.id} />
      <Form.Item name="dueDays" label={t("mediationDays")} extra={t("mediationDaysHint", { days: DEFAULT_MEDIATION_DAYS })} rules={[{ required: true }]}>
        <InputNumber min={1} max={365} precision={0} style={{ width: 140 }} data-testid="accept-due-days" />
      </Form.Item>
    </DisputeActionDialog>
  );
}
