import { App, AutoComplete, Button, Card, Form, Input, Radio, Space, TreeSelect, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import type { Incident, ReportIncidentInput } from "@shared/incidents/schemas.ts";
import { NAME_MAX } from "@shared/limits.ts";
import { EMERGENCY_CATEGORIES, EMERGENCY_CATEGORY_LABELS, type EmergencyCategory } from "@shared/plans/schemas.ts";
import { ApiError, api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession, useSignedIn } from "../../app/session.tsx";
import { toTree, useOrgs } from "../orgs/use-orgs.ts";
import { FactsFields, type FactsValues, factsFromValues } from "./FactsFields.tsx";
import { OutboxList } from "./OutboxList.tsx";
import { type QueuedReport, type ReportDraft, clearDraft, enqueueReport, loadDraft, removeQueued, saveDraft, sendQueued, useOutbox } from "./report-outbox.ts";
import { usePlanSubtypes } from "./use-plan-subtypes.ts";

interface ReportValues extends FactsValues {
  orgId: string;
  category: EmergencyCategory;
  subtype?: string | null;
  reporterName?: string | null;
  reporterContact?: string | null;
}

const toDraft = (values: Partial<ReportValues>): ReportDraft => ({ ...values, occurredAt: values.occurredAt?.toISOString() }) as ReportDraft;
const fromDraft = (draft: ReportDraft): Partial<ReportValues> => ({ ...draft, occurredAt: draft.occurredAt ? dayjs(draft.occurredAt) : dayjs() }) as Partial<ReportValues>;

/** Only staff report for an org below their own; everyone else reports for their own org. */
function OrgField() {
  const { t } = useI18n();
  const { orgs } = useOrgs();
  return (
    <Form.Item name="orgId" label={t("incidentOrg")} rules={[{ required: true }]}>
      <TreeSelect treeData={toTree((orgs ?? []).filter((o) => o.active))} treeDefaultExpandAll showSearch treeNodeFilterProp="title" data-testid="incident-org" />
    </Form.Item>
  );
}

/**
 * 上报突发事件: one column on a phone, held to a readable width on a desk. What is typed is kept
 * on the device as a draft; a report that cannot leave for lack of network waits in the outbox.
 */
export function ReportIncidentPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const session = useSignedIn();
  const accountId = session.account.id;
  const navigate = useNavigate();
  const [form] = Form.useForm<ReportValues>();
  const category = Form.useWatch("category", form);
  const orgId = Form.useWatch("orgId", form);
  const subtypes = usePlanSubtypes(orgId, category);
  const outbox = useOutbox(accountId);
  const [sending, setSending] = useState(false);
  const [hasDraft, setHasDraft] = useState(() => loadDraft(accountId) !== null);

  const defaults = (): Partial<ReportValues> => ({ orgId: session.org.id, occurredAt: dayjs(), reporterName: session.account.displayName });
  useEffect(() => {
    const draft = loadDraft(accountId);
    if (draft) form.setFieldsValue(fromDraft(draft));
  }, [accountId, form]);

  const startOver = () => {
    clearDraft(accountId);
    setHasDraft(false);
    form.resetFields();
    form.setFieldsValue(defaults());
  };

  const onFinish = async (values: ReportValues) => {
    const input: ReportIncidentInput = {
      orgId: values.orgId,
      category: values.category,
      subtype: values.subtype?.trim() || null,
      ...factsFromValues(values),
      reporterName: values.reporterName?.trim() || null,
      reporterContact: values.reporterContact?.trim() || null,
      // Kept with the report if it has to wait in the outbox, so a resend is never a second incident.
      clientReportId: crypto.randomUUID(),
    };
    setSending(true);
    try {
      const incident = await api<Incident>("POST", "/api/incidents", input);
      clearDraft(accountId);
      navigate(`/incidents/${incident.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) {
        enqueueReport(accountId, input);
        startOver();
        message.warning(t("reportQueued"));
      } else {
        showApiError(error, message, form);
      }
    } finally {
      setSending(false);
    }
  };

  // A refused report comes back into the form with the server's reasons beside its fields.
  const correct = (report: QueuedReport) => {
    removeQueued(report.id);
    form.resetFields();
    form.setFieldsValue(fromDraft(report.input));
    saveDraft(accountId, report.input);
    setHasDraft(true);
    if (report.rejected) showApiError(new ApiError(report.rejected.status, report.rejected), message, form);
  };

  return (
    <Space orientation="vertical" style={{ width: "100%", maxWidth: 760, margin: "0 auto", display: "flex" }}>
      {outbox.length > 0 && <OutboxList reports={outbox} onCorrect={correct} onRetry={() => void sendQueued(accountId)} />}
      <Card size="small" title={t("reportIncident")} extra={hasDraft && <Typography.Text type="secondary" data-testid="draft-saved">{t("draftSaved")}</Typography.Text>}>
        <Form
          form={form}
          layout="vertical"
          initialValues={defaults()}
          onFinish={(values) => void onFinish(values)}
          onValuesChange={(_, all) => {
            saveDraft(accountId, toDraft(all));
            setHasDraft(true);
          }}
          scrollToFirstError
        >
          {hasRole("admin", "leader", "officer", "duty") ? <OrgField /> : <Form.Item name="orgId" hidden><Input /></Form.Item>}
          <Form.Item name="category" label={t("category")} rules={[{ required: true, message: t("categoryRequired") }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={EMERGENCY_CATEGORIES.map((c) => ({ value: c, label: label(EMERGENCY_CATEGORY_LABELS[c]) }))} data-testid="incident-category" />
          </Form.Item>
          <Form.Item name="subtype" label={t("subtype")} rules={[{ max: NAME_MAX }]}>
            <AutoComplete options={subtypes.map((s) => ({ value: s }))} placeholder={subtypes.length ? t("subtypePick") : t("subtypeOptional")} filterOption={(input, option) => !!option?.value.includes(input)} data-testid="incident-subtype" />
          </Form.Item>
          <FactsFields />
          <Form.Item name="reporterName" label={t("reporterName")} rules={[{ max: NAME_MAX }]}>
            <Input maxLength={NAME_MAX} data-testid="incident-reporter-name" />
          </Form.Item>
          <Form.Item name="reporterContact" label={t("reporterContact")}>
            <Input type="tel" inputMode="tel" maxLength={20} data-testid="incident-reporter-contact" />
          </Form.Item>
          <Space wrap style={{ width: "100%" }}>
            <Button type="primary" htmlType="submit" size="large" loading={sending} data-testid="incident-submit">
              {t("sendReport")}
            </Button>
            {hasDraft && (
              <Button size="large" onClick={startOver} data-testid="incident-discard">
                {t("discardDraft")}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
