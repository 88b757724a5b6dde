import { App, Button, Descriptions, Form, Input, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { Handover } from "@shared/duty/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "./shift-text.ts";

/** The hand-over at the end of a shift: read it and acknowledge it as the incoming officer. */
export function HandoverView({ handover, onChanged }: { handover: Handover; onChanged(next: Handover): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState("");
  const acknowledge = async () => {
    try {
      onChanged(await api<Handover>("POST", `/api/handovers/${handover.id}/acknowledge`, { note: note || null }));
      message.success(t("handoverAcknowledged"));
    } catch (error) {
      showApiError(error, message);
    }
  };
  return (
    <Descriptions column={1} size="small" bordered data-testid="handover">
      <Descriptions.Item label={t("openMatters")}><Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{handover.openMatters}</Typography.Paragraph></Descriptions.Item>
      <Descriptions.Item label={t("watchItems")}><Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{handover.watchItems ?? "—"}</Typography.Paragraph></Descriptions.Item>
      <Descriptions.Item label={t("handedOverBy")}>{handover.writtenBy.displayName} · {chinaDateTime(handover.writtenAt)}</Descriptions.Item>
      <Descriptions.Item label={t("takenOverBy")}>
        {handover.acknowledgedBy ? (
          <span data-testid="handover-acknowledged">{handover.acknowledgedBy.displayName} · {chinaDateTime(handover.acknowledgedAt!)}{handover.acknowledgementNote ? `：${handover.acknowledgementNote}` : ""}</span>
        ) : handover.actions.includes("acknowledge") ? (
          <span style={{ display: "flex", gap: 8 }}>
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("acknowledgementNote")} maxLength={TEXT_MAX} />
            <Button type="primary" onClick={() => void acknowledge()} data-testid="handover-acknowledge">{t("acknowledge")}</Button>
          </span>
        ) : (
          <Typography.Text type="warning">{t("notYetAcknowledged")}</Typography.Text>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The hand-over of one shift: written by its officer at the end, or shown once written. */
export function HandoverPanel({ shiftId, handoverId, canWrite, onWritten }: { shiftId: string; handoverId: string | null; canWrite: boolean; onWritten(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ openMatters: string; watchItems?: string }>();
  const [handover, setHandover] = useState<Handover | null>(null);
  const load = useCallback(async () => {
    if (!handoverId) return setHandover(null);
    try {
      setHandover(await api<Handover>("GET", `/api/handovers/${handoverId}`));
    } catch (error) {
      showApiError(error, message);
    }
  }, [handoverId, message]);
  useEffect(() => {
    void load();
  }, [load]);

  if (handover) return <HandoverView handover={handover} onChanged={setHandover} />;
  if (!canWrite) return <Typography.Text type="secondary">{t("noHandover")}</Typography.Text>;
  const submit = async (values: { openMatters: string; watchItems?: string }) => {
    try {
      setHandover(await api<Handover>("POST", "/api/handovers", { shiftId, openMatters: values.openMatters, watchItems: values.watchItems || null }));
      message.success(t("saved"));
      onWritten();
    } catch (error) {
      showApiError(error, message, form);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Form.Item name="openMatters" label={t("openMatters")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="handover-open" />
      </Form.Item>
      <Form.Item name="watchItems" label={t("watchItems")} rules={[{ max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" data-testid="handover-submit">{t("handOver")}</Button>
    </Form>
  );
}
