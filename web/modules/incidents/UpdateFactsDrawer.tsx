import { App, Button, Drawer, Form, Grid } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { Incident } from "@shared/incidents/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { FactsFields, type FactsValues, factsFromValues } from "./FactsFields.tsx";

/**
 * A later report (续报): the facts as now known. The category stays (the plan already runs
 * for it); changed figures make the server suggest the level again.
 */
export function UpdateFactsDrawer({ incident, onClose, onSaved }: { incident: Incident; onClose(): void; onSaved(incident: Incident): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<FactsValues>();
  const [saving, setSaving] = useState(false);

  const save = async (values: FactsValues) => {
    setSaving(true);
    try {
      onSaved(await api<Incident>("PATCH", `/api/incidents/${incident.id}`, { version: incident.version, ...factsFromValues(values) }));
      message.success(t("laterReportSaved"));
    } catch (error) {
      showApiError(error, message, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={t("laterReport")}
      size={phone ? "100%" : 640}
      onClose={onClose}
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="later-report-submit">
          {t("save")}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ ...incident, occurredAt: dayjs(incident.occurredAt) }} onFinish={(values) => void save(values)} scrollToFirstError>
        <FactsFields />
      </Form>
    </Drawer>
  );
}
