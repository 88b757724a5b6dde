import { App, Button, Card, Form, Input, TreeSelect } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSession, useSignedIn } from "../../app/session.tsx";
import { toTree, useOrgs } from "../orgs/use-orgs.ts";
import { DisputeFactsFields, type DisputeFactsValues, factsFromValues } from "./DisputeFactsFields.tsx";
import { NEW_PARTY } from "./PartiesFields.tsx";

interface RegisterValues extends DisputeFactsValues {
  orgId: string;
}

/** Staff register for an org below their own too; everyone else for their own org (the server holds the same rule). */
function OrgField() {
  const { t } = useI18n();
  const { orgs } = useOrgs();
  return (
    <Form.Item name="orgId" label={t("disputeOrg")} rules={[{ required: true }]}>
      <TreeSelect treeData={toTree((orgs ?? []).filter((o) => o.active))} treeDefaultExpandAll showSearch treeNodeFilterProp="title" data-testid="dispute-org" />
    </Form.Item>
  );
}

/** 纠纷登记: the case as it comes in, with its parties; the record opens once it is registered. */
export function RegisterDisputePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const session = useSignedIn();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterValues>();
  const [sending, setSending] = useState(false);

  const onFinish = async (values: RegisterValues) => {
    setSending(true);
    try {
      const dispute = await api<Dispute>("POST", "/api/disputes", { orgId: values.orgId, ...factsFromValues(values) });
      message.success(t("saved"));
      navigate(`/disputes/${dispute.id}`);
    } catch (error) {
      showApiError(error, message, form);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title={t("registerDispute")} style={{ maxWidth: 860, margin: "0 auto" }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId: session.org.id, source: "walk_in", occurredAt: dayjs(), peopleInvolved: 2, risk: "low", route: "people", parties: [NEW_PARTY] }}
        onFinish={(values) => void onFinish(values)}
        scrollToFirstError
      >
        {hasRole("admin", "leader", "officer", "mediator", "duty") ? (
          <OrgField />
        ) : (
          <Form.Item name="orgId" hidden>
            <Input />
          </Form.Item>
        )}
        <DisputeFactsFields />
        <Button type="primary" htmlType="submit" size="large" loading={sending} data-testid="dispute-submit">
          {t("registerDispute")}
        </Button>
      </Form>
    </Card>
  );
}
