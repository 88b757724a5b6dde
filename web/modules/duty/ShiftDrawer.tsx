import { App, Button, type ButtonProps, Descriptions, Drawer, Popconfirm, Select, Space, Tabs } from "antd";
import { useState } from "react";
import { chinaDate } from "@shared/duty/china-time.ts";
import type { Shift } from "@shared/duty/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { HandoverPanel } from "./HandoverPanel.tsx";
import { ShiftLog } from "./ShiftLog.tsx";
import { chinaDateTime, officerNames, shiftHours } from "./shift-text.ts";

/** One shift: who, when, the phone; its logbook and hand-over; edit, swap with another shift, or delete. */
export function ShiftDrawer({ shift, others, onClose, onEdit, onChanged }: { shift: Shift; others: Shift[]; onClose(): void; onEdit(): void; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [swapWith, setSwapWith] = useState<string | undefined>();
  const can = (action: Shift["actions"][number]) => shift.actions.includes(action);

  const swap = async () => {
    const other = others.find((s) => s.id === swapWith)!;
    try {
      await api("POST", "/api/shifts/swap", { aId: shift.id, bId: other.id, versions: { a: shift.version, b: other.version } });
      message.success(t("swapped"));
      onChanged();
    } catch (error) {
      showApiError(error, message);
    }
  };
  const remove = async () => {
    try {
      await api("DELETE", `/api/shifts/${shift.id}`);
      message.success(t("deleted"));
      onChanged();
    } catch (error) {
      showApiError(error, message);
    }
  };

  return (
    <Drawer open size={560} onClose={onClose} title={`${shift.orgName} · ${chinaDate(new Date(shift.startsAt))} ${shiftHours(shift, t("nextDay"))}`}>
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t("shiftStart")}>{chinaDateTime(shift.startsAt)}</Descriptions.Item>
          <Descriptions.Item label={t("shiftEnd")}>{chinaDateTime(shift.endsAt)}</Descriptions.Item>
          <Descriptions.Item label={t("dutyOfficers")}><span data-testid="shift-officers">{officerNames(shift)}</span></Descriptions.Item>
          <Descriptions.Item label={t("leaderOnDuty")}>{shift.leader?.displayName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("dutyPhone")}>{shift.phone}</Descriptions.Item>
          {shift.note && <Descriptions.Item label={t("note")}>{shift.note}</Descriptions.Item>}
        </Descriptions>
        <Space wrap>
          {can("update") && <Button onClick={onEdit} data-testid="shift-edit">{t("edit")}</Button>}
          {can("update") && others.length > 0 && (
            <Space.Compact>
              <Select
                style={{ width: 260 }}
                placeholder={t("swapWith")}
                value={swapWith}
                onChange={setSwapWith}
                options={others.map((s) => ({ value: s.id, label: `${chinaDate(new Date(s.startsAt)).slice(5)} ${officerNames(s)}` }))}
                showSearch={{ optionFilterProp: "label" }}
                data-testid="shift-swap-select"
              />
              <Button disabled={!swapWith} onClick={() => void swap()} data-testid="shift-swap">{t("swap")}</Button>
            </Space.Compact>
          )}
          {can("delete") && (
            <Popconfirm title={t("confirmDeleteShift")} okText={t("confirm")} cancelText={t("cancel")} onConfirm={() => void remove()} okButtonProps={{ "data-testid": "shift-delete-confirm" } as ButtonProps}>
              <Button danger>{t("delete")}</Button>
            </Popconfirm>
          )}
        </Space>
        <Tabs
          items={[
            { key: "log", label: t("logbook"), children: <ShiftLog shiftId={shift.id} canWrite={can("writeLog")} /> },
            { key: "handover", label: t("handoverTab"), children: <HandoverPanel shiftId={shift.id} handoverId={shift.handoverId} canWrite={can("handOver")} onWritten={onChanged} /> },
          ]}
        />
      </Space>
    </Drawer>
  );
}
