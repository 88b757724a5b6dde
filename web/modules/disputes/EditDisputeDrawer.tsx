import { App, Button, Drawer, Form, Grid } from "antd";
import { useState } from "react";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeFactsFields, type DisputeFactsValues, factsFromValues, valuesFromDispute } from "./DisputeFactsFields.tsx";

/**
 * Correcting the register. Every fact is sent with the version the page holds; the server
 * records only what differs, and the parties' list is replaced as a whole when it does.
 */
export function EditDisputeDrawer({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<DisputeFactsValues>();
  const [saving, setSaving] = useState(false);

  const save = async (values: DisputeFactsValues) => {
    setSaving(true);
    try {
      onChanged(await api<Dispute>("PATCH", `/api/disputes/${dispute.id}`, { version: dispute.version, ...factsFromValues(values) }));
      message.success(t("saved"));
      onClose();
    } catch (error) {
      if (showApiError(error, message, form)) onChanged(null);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={t("editDispute")}
      size={phone ? "100%" : 720}
      onClose={onClose}
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="edit-dispute-submit">
          {t("save")}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={valuesFromDispute(dispute)} onFinish={(values) => void save(values)} scrollToFirstError>
        <DisputeFactsFields />
      </Form>
    </Drawer>
  );
}
