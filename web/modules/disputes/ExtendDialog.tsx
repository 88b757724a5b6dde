import { Checkbox, DatePicker, Form, Input, InputNumber, Radio } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";

interface ExtendValues {
  how: "days" | "date";
  days?: number;
  newDueAt?: Dayjs;
  reason: string;
  partiesAgreed: boolean;
}

/** 延长期限: only with both parties' agreement, by some days or to a new date, with the reason. */
export function ExtendDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t } = useI18n();
  const currentDue = dispute.mediationDueAt ? dayjs(dispute.mediationDueAt) : dayjs();
  return (
    <DisputeActionDialog<ExtendValues>
      dispute={dispute}
      title={t("extendMediation")}
      path="/extend"
      toInput={(values) => ({ ...(values.how === "days" ? { days: values.days } : { newDueAt: values.newDueAt!.toISOString() }), reason: values.reason, partiesAgreed: values.partiesAgreed })}
      initialValues={{ how: "days", days: 15, partiesAgreed: false }}
      done={t("mediationExtended")}
      testId="extend"
      onClose={onClose}
      onChanged={onChanged}
    >
      <Form.Item name="how" label={t("extendHow")}>
        <Radio.Group optionType="button" options={[{ value: "days", label: t("extendByDays") }, { value: "date", label: t("extendToDate") }]} data-testid="extend-how" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(before: ExtendValues, after: ExtendValues) => before.how !== after.how}>
        {({ getFieldValue }) =>
          getFieldValue("how") === "days" ? (
            <Form.Item name="days" label={t("extendDays")} rules={[{ required: true }]}>
              <InputNumber min={1} max={365} precision={0} style={{ width: 140 }} data-testid="extend-days" />
            </Form.Item>
          ) : (
            <Form.Item name="newDueAt" label={t("newDueDate")} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => !d.isAfter(currentDue, "day")} data-testid="extend-new-due" />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="reason" label={t("extendReason")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="extend-reason" />
      </Form.Item>
      <Form.Item
        name="partiesAgreed"
        valuePropName="checked"
        rules={[{ validator: async (_, agreed: boolean) => { if (!agreed) throw new Error(t("partiesAgreedRequired")); } }]}
      >
        <Checkbox data-testid="extend-parties-agreed">{t("partiesAgreed")}</Checkbox>
      </Form.Item>
    </DisputeActionDialog>
  );
}
