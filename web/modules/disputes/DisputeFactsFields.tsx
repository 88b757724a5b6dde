import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import {
  DISPUTE_LEVELS,
  DISPUTE_LEVEL_LABELS,
  DISPUTE_RISKS,
  DISPUTE_RISK_LABELS,
  DISPUTE_SOURCES,
  DISPUTE_SOURCE_LABELS,
  MEDIATION_ROUTES,
  MEDIATION_ROUTE_LABELS,
  REFERRING_BODIES,
  REFERRING_BODY_LABELS,
  SCREENING_KINDS,
  SCREENING_KIND_LABELS,
  type Dispute,
  type DisputeLevel,
  type DisputeRisk,
  type DisputeSource,
  type MediationRoute,
  type ReferringBody,
  type RegisterDisputeInput,
  type ScreeningKind,
} from "@shared/disputes/schemas.ts";
import { NAME_MAX, TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useDisputeTypes } from "./use-dispute-types.ts";
import { PartiesFields, type PartyValues } from "./PartiesFields.tsx";

/** The register's facts as the form holds them; shared by registering and correcting the register. */
export interface DisputeFactsValues {
  source: DisputeSource;
  screeningKind?: ScreeningKind | null;
  referredBy?: ReferringBody | null;
  referringBody?: string | null;
  type: string;
  summary: string;
  claims: string;
  amountInDispute?: number | null;
  peopleInvolved: number;
  occurredAt: Dayjs;
  risk: DisputeRisk;
  riskReason?: string | null;
  level: DisputeLevel;
  route: MediationRoute;
  parties: PartyValues[];
}

const blankToNull = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

/** Form values → the facts the API takes. What only belongs to another source is not sent. */
export function factsFromValues(values: DisputeFactsValues): Omit<RegisterDisputeInput, "orgId"> {
  const referral = values.source === "referral";
  return {
    source: values.source,
    screeningKind: values.source === "screening" ? (values.screeningKind ?? null) : null,
    referredBy: referral ? (values.referredBy ?? null) : null,
    referringBody: referral ? blankToNull(values.referringBody) : null,
    type: values.type,
    summary: values.summary,
    claims: values.claims,
    amountInDispute: values.amountInDispute ?? null,
    peopleInvolved: values.peopleInvolved,
    occurredAt: values.occurredAt.toISOString(),
    risk: values.risk,
    riskReason: blankToNull(values.riskReason),
    level: values.level,
    route: values.route,
    parties: values.parties.map((party) => ({
      side: party.side,
      kind: party.kind,
      name: party.name,
      contactPhone: blankToNull(party.contactPhone),
      idNumber: blankToNull(party.idNumber),
      agentName: blankToNull(party.agentName),
      agentContact: blankToNull(party.agentContact),
    })),
  };
}

/** A dispute as the form holds it, to correct the register. */
export const valuesFromDispute = (dispute: Dispute): DisputeFactsValues => ({ ...dispute, occurredAt: dayjs(dispute.occurredAt), parties: dispute.parties });

/** What the dispute is, how it came in, how far it may escalate, and who is in it. */
export function DisputeFactsFields() {
  const { t, label } = useI18n();
  const types = useDisputeTypes();
  const form = Form.useFormInstance<DisputeFactsValues>();
  const source = Form.useWatch("source", form);
  const risk = Form.useWatch("risk", form);

  return (
    <>
      <Form.Item name="source" label={t("disputeSource")} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={DISPUTE_SOURCES.map((s) => ({ value: s, label: label(DISPUTE_SOURCE_LABELS[s]) }))} data-testid="dispute-source" />
      </Form.Item>
      {source === "screening" && (
        <Form.Item name="screeningKind" label={t("screeningKind")} rules={[{ required: true }]}>
          <Radio.Group options={SCREENING_KINDS.map((k) => ({ value: k, label: label(SCREENING_KIND_LABELS[k]) }))} data-testid="dispute-screening-kind" />
        </Form.Item>
      )}
      {source === "referral" && (
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="referredBy" label={t("referredBy")} rules={[{ required: true }]}>
              <Select options={REFERRING_BODIES.map((b) => ({ value: b, label: label(REFERRING_BODY_LABELS[b]) }))} data-testid="dispute-referred-by" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="referringBody" label={t("referringBody")} rules={[{ max: NAME_MAX }]}>
              <Input maxLength={NAME_MAX} data-testid="dispute-referring-body" />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item name="type" label={t("disputeType")} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" options={(types.list?.items ?? []).map((type) => ({ value: type.key, label: label(type), disabled: !type.active }))} data-testid="dispute-type" />
      </Form.Item>
      <Form.Item name="summary" label={t("disputeSummary")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={TEXT_MAX} data-testid="dispute-summary" />
      </Form.Item>
      <Form.Item name="claims" label={t("disputeClaims")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={TEXT_MAX} data-testid="dispute-claims" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} md={8}>
          <Form.Item name="amountInDispute" label={t("amountInDispute")}>
            <InputNumber min={0} precision={2} inputMode="decimal" style={{ width: "100%" }} data-testid="dispute-amount" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="peopleInvolved" label={t("peopleInvolved")} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} inputMode="numeric" style={{ width: "100%" }} data-testid="dispute-people" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="occurredAt" label={t("disputeOccurredAt")} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" inputReadOnly allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), "day")} style={{ width: "100%" }} data-testid="dispute-occurred-at" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="risk" label={t("disputeRisk")} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={DISPUTE_RISKS.map((r) => ({ value: r, label: label(DISPUTE_RISK_LABELS[r]) }))} data-testid="dispute-risk" />
      </Form.Item>
      {risk && risk !== "low" && (
        <Form.Item name="riskReason" label={t("riskReason")} rules={[{ required: true, whitespace: true, message: t("riskReasonRequired") }, { max: TEXT_MAX }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="dispute-risk-reason" />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="level" label={t("disputeLevel")} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={DISPUTE_LEVELS.map((l) => ({ value: l, label: label(DISPUTE_LEVEL_LABELS[l]) }))} data-testid="dispute-level" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="route" label={t("mediationRoute")} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={MEDIATION_ROUTES.map((r) => ({ value: r, label: label(MEDIATION_ROUTE_LABELS[r]) }))} data-testid="dispute-route" />
          </Form.Item>
        </Col>
      </Row>
      <PartiesFields />
    </>
  );
}
