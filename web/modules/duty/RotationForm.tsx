import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, DatePicker, Drawer, Form, InputNumber, Radio, Space, TimePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { addDays, mondayOf } from "@shared/duty/china-time.ts";
import { ROSTER_DAYS_MAX, ROTATION_HOURS_MAX, ROTATION_PATTERNS, ROTATION_SLOTS_MAX, type RotationSlot } from "@shared/duty/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { PeopleFields } from "./PeopleFields.tsx";
import { useDutyPeople } from "./use-duty-people.ts";

interface Values {
  from: Dayjs;
  to: Dayjs;
  pattern: (typeof ROTATION_PATTERNS)[number];
  startTime: Dayjs;
  durationHours: number;
  slots: RotationSlot[];
  replaceExisting: boolean;
}

/**
 * The rotation builder: a list of who-is-on-duty slots taken in turn, one a day or one a
 * week, over a date range; the server writes the shifts and refuses to overlap existing ones
 * unless told to replace them.
 */
export function RotationForm({ orgId, orgName, today, onClose, onSaved }: { orgId: string; orgName: string; today: string; onClose(): void; onSaved(from: string): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const people = useDutyPeople(orgId);
  const pattern = Form.useWatch("pattern", form);
  const nextMonday = addDays(mondayOf(today), 7);

  const submit = async (values: Values) => {
    const from = values.from.format("YYYY-MM-DD");
    const body = {
      orgId, from, to: values.to.format("YYYY-MM-DD"), pattern: values.pattern, startTime: values.startTime.format("HH:mm"), durationHours: values.durationHours,
      slots: values.slots.map((s) => ({ officerIds: s.officerIds, leaderId: s.leaderId ?? null, phone: s.phone })), replaceExisting: values.replaceExisting,
    };
    try {
      const result = await api<{ items: unknown[]; replacedIds: string[] }>("POST", "/api/shifts/generate", body);
      message.success(t("rotationDone", { count: result.items.length, replaced: result.replacedIds.length }));
      onSaved(from);
    } catch (error) {
      showApiError(error, message, form);
    }
  };

  return (
    <Drawer
      open
      size={560}
      title={`${t("rotation")} · ${orgName}`}
      onClose={onClose}
      extra={<Button type="primary" onClick={() => form.submit()} data-testid="rotation-submit">{t("generateShifts")}</Button>}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ from: dayjs(nextMonday), to: dayjs(addDays(nextMonday, 27)), pattern: "daily", startTime: dayjs("2000-01-01T08:30"), durationHours: 24, slots: [{}], replaceExisting: false }}
      >
        <Space wrap>
          <Form.Item name="from" label={t("rotationFrom")} rules={[{ required: true }]}><DatePicker allowClear={false} data-testid="rotation-from" /></Form.Item>
          <Form.Item
            name="to"
            label={t("rotationTo")}
            dependencies={["from"]}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, to?: Dayjs) => {
                  const from = getFieldValue("from") as Dayjs | undefined;
                  if (!to || !from) return Promise.resolve();
                  if (to.isBefore(from, "day")) return Promise.reject(new Error(t("rangeReversed")));
                  if (to.diff(from, "day") + 1 > ROSTER_DAYS_MAX) return Promise.reject(new Error(t("rangeTooLong", { days: ROSTER_DAYS_MAX })));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker allowClear={false} data-testid="rotation-to" />
          </Form.Item>
        </Space>
        <Form.Item name="pattern" label={t("rotationPattern")} extra={pattern === "weekly" ? t("rotationWeeklyHint") : t("rotationDailyHint")}>
          <Radio.Group optionType="button" options={ROTATION_PATTERNS.map((p) => ({ value: p, label: t(`pattern_${p}`) }))} data-testid="rotation-pattern" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startTime" label={t("shiftStartTime")} rules={[{ required: true }]}><TimePicker format="HH:mm" minuteStep={5} allowClear={false} /></Form.Item>
          <Form.Item name="durationHours" label={t("shiftLengthHours")} rules={[{ required: true, type: "integer", min: 1, max: ROTATION_HOURS_MAX }]}>
            <InputNumber min={1} max={ROTATION_HOURS_MAX} addonAfter={t("hours")} />
          </Form.Item>
        </Space>
        <Form.List name="slots">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: "100%" }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t(pattern === "weekly" ? "slotWeek" : "slotDay", { n: index + 1 })}
                  extra={fields.length > 1 && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("remove")} onClick={() => remove(field.name)} />}
                  data-testid={`rotation-slot-${index}`}
                >
                  <PeopleFields name={[field.name]} options={people} testId={`rotation-slot-${index}`} />
                </Card>
              ))}
              {fields.length < ROTATION_SLOTS_MAX && <Button block icon={<PlusOutlined />} onClick={() => add({})} data-testid="rotation-add-slot">{t("addSlot")}</Button>}
            </Space>
          )}
        </Form.List>
        <Form.Item name="replaceExisting" valuePropName="checked" style={{ marginTop: 16 }}>
          <Checkbox>{t("replaceExisting")}</Checkbox>
        </Form.Item>
        <Alert type="info" showIcon title={t("rotationOverlapHint")} />
      </Form>
    </Drawer>
  );
}
