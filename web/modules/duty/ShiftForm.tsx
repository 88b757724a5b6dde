import { App, type ButtonProps, DatePicker, Form, Input, Modal, Space, TimePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { chinaDate, chinaInstant, chinaTimeOfDay } from "@shared/duty/china-time.ts";
import type { Shift } from "@shared/duty/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { PeopleFields } from "./PeopleFields.tsx";
import { useDutyPeople } from "./use-duty-people.ts";

interface Values {
  startDate: Dayjs;
  startTime: Dayjs;
  endDate: Dayjs;
  endTime: Dayjs;
  officerIds: string[];
  leaderId?: string | null;
  phone: string;
  note?: string;
}

const at = (date: Dayjs, time: Dayjs) => chinaInstant(date.format("YYYY-MM-DD"), time.format("HH:mm")).toISOString();
/** Dates and times are China's whatever the browser's zone, so the pickers get China's wall clock. */
const wallClock = (instant: string) => {
  const d = new Date(instant);
  return { date: dayjs(chinaDate(d)), time: dayjs(`2000-01-01T${chinaTimeOfDay(d)}`) };
};

/** Adds one shift to an org's roster on `date`, or edits `shift`. */
export function ShiftForm({ orgId, shift, date, onClose, onSaved }: { orgId: string; shift?: Shift; date?: string; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const people = useDutyPeople(orgId);
  const initial: Partial<Values> = shift
    ? {
        startDate: wallClock(shift.startsAt).date, startTime: wallClock(shift.startsAt).time, endDate: wallClock(shift.endsAt).date, endTime: wallClock(shift.endsAt).time,
        officerIds: shift.officers.map((o) => o.id), leaderId: shift.leader?.id ?? null, phone: shift.phone, note: shift.note ?? "",
      }
    : { startDate: dayjs(date), startTime: dayjs("2000-01-01T08:30"), endDate: dayjs(date).add(1, "day"), endTime: dayjs("2000-01-01T08:30") };

  const submit = async (values: Values) => {
    const fields = { startsAt: at(values.startDate, values.startTime), endsAt: at(values.endDate, values.endTime), officerIds: values.officerIds, leaderId: values.leaderId ?? null, phone: values.phone, note: values.note || null };
    try {
      if (shift) await api("PATCH", `/api/shifts/${shift.id}`, { ...fields, version: shift.version });
      else await api("POST", "/api/shifts", { ...fields, orgId });
      message.success(t("saved"));
      onSaved();
    } catch (error) {
      if (showApiError(error, message, form)) onClose();
    }
  };

  return (
    <Modal open title={shift ? t("editShift") : t("newShift")} onCancel={onClose} onOk={() => form.submit()} okText={t("save")} cancelText={t("cancel")} okButtonProps={{ "data-testid": "shift-form-submit" } as ButtonProps} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item label={t("shiftStart")} required>
          <Space>
            <Form.Item name="startDate" noStyle rules={[{ required: true }]}><DatePicker allowClear={false} /></Form.Item>
            <Form.Item name="startTime" noStyle rules={[{ required: true }]}><TimePicker format="HH:mm" minuteStep={5} allowClear={false} /></Form.Item>
          </Space>
        </Form.Item>
        <Form.Item label={t("shiftEnd")} required>
          <Space>
            <Form.Item name="endDate" noStyle rules={[{ required: true }]}><DatePicker allowClear={false} /></Form.Item>
            <Form.Item name="endTime" noStyle rules={[{ required: true }]}><TimePicker format="HH:mm" minuteStep={5} allowClear={false} /></Form.Item>
          </Space>
        </Form.Item>
        <PeopleFields options={people} testId="shift-form" />
        <Form.Item name="note" label={t("note")} rules={[{ max: TEXT_MAX }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
