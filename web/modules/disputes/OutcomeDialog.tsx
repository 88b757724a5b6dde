import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, InputNumber, Radio, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { AGREEMENT_FORMS, AGREEMENT_FORM_LABELS, DEFAULT_FOLLOW_UP_DAYS, MEDIATION_OUTCOME_LABELS, TERMS_MAX, type AgreementForm, type MediationOutcome } from "@shared/disputes/mediation-schemas.ts";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";

interface OutcomeValues {
  outcome: MediationOutcome;
  agreement?: { form: AgreementForm; facts: string; terms: string[]; performanceManner: string; performanceDueOn: Dayjs };
  followUpDays?: number;
  note?: string;
}

const OUTCOMES = Object.keys(MEDIATION_OUTCOME_LABELS) as MediationOutcome[];
const text = { required: true, whitespace: true, max: TEXT_MAX };

function toInput(values: OutcomeValues) {
  if (values.outcome !== "agreed") return { outcome: values.outcome, note: values.note };
  const agreement = values.agreement!;
  return { outcome: "agreed", followUpDays: values.followUpDays, agreement: { ...agreement, performanceDueOn: agreement.performanceDueOn.format("YYYY-MM-DD") } };
}

/** The agreement's terms, one field each, at least one; the server's error on the list (`agreement.terms`) shows under it. */
function TermsList() {
  const { t } = useI18n();
  return (
    <Form.List
      name={["agreement", "terms"]}
      rules={[{ validator: async (_, terms?: string[]) => { if (!terms?.length) throw new Error(t("termsRequired")); } }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t("agreementTerms")} required>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" style={{ display: "flex" }}>
              <Form.Item name={field.name} rules={[text]} style={{ flex: 1, minWidth: 420 }}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={TEXT_MAX} placeholder={t("agreementTerm", { n: i + 1 })} data-testid={`outcome-term-${i}`} />
              </Form.Item>
              {fields.length > 1 && <Button type="text" icon={<DeleteOutlined />} aria-label={t("removeTerm")} onClick={() => remove(field.name)} data-testid={`outcome-remove-term-${i}`} />}
            </Space>
          ))}
          {fields.length < TERMS_MAX && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")} data-testid="outcome-add-term">
              {t("addTerm")}
            </Button>
          )}
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}

/** 调解结果: an agreement with its terms and when it is performed (a follow-up visit then falls due), or why there is none. */
export function OutcomeDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t, label } = useI18n();
  return (
    <DisputeActionDialog<OutcomeValues>
      dispute={dispute}
      title={t("concludeMediation")}
      path="/outcome"
      toInput={toInput}
      initialValues={{ outcome: "agreed", agreement: { form: "written", facts: "", terms: [""], performanceManner: "", performanceDueOn: dayjs().add(DEFAULT_FOLLOW_UP_DAYS, "day") }, followUpDays: DEFAULT_FOLLOW_UP_DAYS }}
      done={t("outcomeRecorded")}
      testId="outcome"
      onClose={onClose}
      onChanged={onChanged}
    >
      <Form.Item name="outcome" label={t("mediationOutcome")} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={OUTCOMES.map((o) => ({ value: o, label: label(MEDIATION_OUTCOME_LABELS[o]) }))} data-testid="outcome-kind" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(before: OutcomeValues, after: OutcomeValues) => before.outcome !== after.outcome}>
        {({ getFieldValue }) =>
          getFieldValue("outcome") === "agreed" ? (
            <>
              <Form.Item name={["agreement", "form"]} label={t("agreementForm")} rules={[{ required: true }]}>
                <Radio.Group options={AGREEMENT_FORMS.map((f) => ({ value: f, label: label(AGREEMENT_FORM_LABELS[f]) }))} data-testid="outcome-form" />
              </Form.Item>
              <Form.Item name={["agreement", "facts"]} label={t("agreementFacts")} rules={[text]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="outcome-facts" />
              </Form.Item>
              <TermsList />
              <Form.Item name={["agreement", "performanceManner"]} label={t("performanceManner")} rules={[text]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={TEXT_MAX} data-testid="outcome-manner" />
              </Form.Item>
              <Space wrap size="large">
                <Form.Item name={["agreement", "performanceDueOn"]} label={t("performanceDueOn")} rules={[{ required: true }]}>
                  <DatePicker format="YYYY-MM-DD" data-testid="outcome-due-on" />
                </Form.Item>
                <Form.Item name="followUpDays" label={t("followUpDays")} extra={t("followUpDaysHint", { days: DEFAULT_FOLLOW_UP_DAYS })} rules={[{ required: true }]}>
                  <InputNumber min={1} max={365} precision={0} style={{ width: 140 }} data-testid="outcome-follow-up-days" />
                </Form.Item>
              </Space>
            </>
          ) : (
            <Form.Item name="note" label={t("outcomeNote")} extra={t("outcomeNoteHint")} rules={[text]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="outcome-note" />
            </Form.Item>
          )
        }
      </Form.Item>
    </DisputeActionDialog>
  );
}
