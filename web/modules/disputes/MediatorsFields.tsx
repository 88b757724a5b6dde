import { Form, Select } from "antd";
import { MEDIATORS_MAX, type MediatorInput } from "@shared/disputes/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useMediatorOptions } from "./use-mediator-options.ts";

export interface MediatorsValues {
  mediatorIds: string[];
  leadId: string;
}

export const mediatorsFromValues = (values: MediatorsValues): MediatorInput[] => values.mediatorIds.map((accountId) => ({ accountId, lead: accountId === values.leadId }));

export const valuesFromMediators = (mediators: { id: string; lead: boolean }[]): MediatorsValues => ({
  mediatorIds: mediators.map((m) => m.id),
  leadId: mediators.find((m) => m.lead)?.id ?? "",
});

/** The mediators of a case and, among them, its one lead. */
export function MediatorsFields({ disputeId }: { disputeId: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<MediatorsValues>();
  const options = useMediatorOptions(disputeId);
  const chosen: string[] = Form.useWatch("mediatorIds", form) ?? [];
  return (
    <>
      <Form.Item name="mediatorIds" label={t("mediators")} rules={[{ required: true, type: "array", min: 1, max: MEDIATORS_MAX }]}>
        <Select
          mode="multiple"
          showSearch
          optionFilterProp="label"
          options={options}
          // The only mediator leads; a lead taken off the list leaves the choice to the first one left.
          onChange={(ids: string[]) => {
            if (!ids.includes(form.getFieldValue("leadId") as string)) form.setFieldValue("leadId", ids[0]);
          }}
          data-testid="mediators"
        />
      </Form.Item>
      <Form.Item name="leadId" label={t("leadMediator")} rules={[{ required: true }]}>
        <Select options={options.filter((o) => chosen.includes(o.value))} data-testid="lead-mediator" />
      </Form.Item>
    </>
  );
}
