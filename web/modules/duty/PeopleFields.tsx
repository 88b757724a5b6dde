import { Form, Input, Select } from "antd";
import type { NamePath } from "antd/es/form/interface";
import { SHIFT_OFFICERS_MAX } from "@shared/duty/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

type Options = { officers: { value: string; label: string }[]; leaders: { value: string; label: string }[] };

/** Who is on a shift: officers, the leader on duty and the phone; used by a shift and by each rotation slot. */
export function PeopleFields({ name = [], options, testId }: { name?: (string | number)[]; options: Options; testId: string }) {
  const { t } = useI18n();
  const path = (field: string): NamePath => [...name, field];
  return (
    <>
      <Form.Item name={path("officerIds")} label={t("dutyOfficers")} rules={[{ required: true, type: "array", min: 1, max: SHIFT_OFFICERS_MAX }]}>
        <Select mode="multiple" options={options.officers} showSearch={{ optionFilterProp: "label" }} data-testid={`${testId}-officers`} />
      </Form.Item>
      <Form.Item name={path("leaderId")} label={t("leaderOnDuty")}>
        <Select allowClear options={options.leaders} showSearch={{ optionFilterProp: "label" }} data-testid={`${testId}-leader`} />
      </Form.Item>
      <Form.Item name={path("phone")} label={t("dutyPhone")} rules={[{ required: true, whitespace: true }]}>
        <Input inputMode="tel" data-testid={`${testId}-phone`} />
      </Form.Item>
    </>
  );
}
