import { Form, Input, Radio } from "antd";
import { REFERRAL_RESULTS, REFERRAL_RESULT_LABELS, type RecordReferralResultInput } from "@shared/disputes/mediation-schemas.ts";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";

type ResultValues = Omit<RecordReferralResultInput, "version">;

/** What the receiver did with the referral: handled it (the case closes) or sent it back to mediation. */
export function ReferralResultDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t, label } = useI18n();
  return (
    <DisputeActionDialog<ResultValues>
      dispute={dispute}
      title={t("recordReferralResult")}
      path="/referral/result"
      toInput={(values) => values}
      done={t("referralResultRecorded")}
      testId="referral-result"
      onClose={onClose}
      onChanged={onChanged}
    >
      <Form.Item name="result" label={t("referralResult")} rules={[{ required: true }]}>
        <Radio.Group options={REFERRAL_RESULTS.map((r) => ({ value: r, label: label(REFERRAL_RESULT_LABELS[r]) }))} data-testid="referral-result-kind" />
      </Form.Item>
      <Form.Item name="note" label={t("referralResultNote")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="referral-result-note" />
      </Form.Item>
    </DisputeActionDialog>
  );
}
