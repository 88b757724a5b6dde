import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, Form, Input, Radio, Row } from "antd";
import { PARTIES_MAX, PARTY_KINDS, PARTY_SIDES, type PartyKind, type PartySide } from "@shared/disputes/schemas.ts";
import { NAME_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

/** A party as the form holds it; empty text is sent as "not given". */
export interface PartyValues {
  side: PartySide;
  kind: PartyKind;
  name: string;
  contactPhone?: string | null;
  idNumber?: string | null;
  agentName?: string | null;
  agentContact?: string | null;
}

export const NEW_PARTY: Partial<PartyValues> = { side: "applicant", kind: "person" };

/**
 * The parties, one card each, added and removed as the case needs. The server checks the ID
 * number against its check character; the form only asks for one applicant.
 */
export function PartiesFields() {
  const { t } = useI18n();
  return (
    <Form.List
      name="parties"
      rules={[
        {
          validator: async (_, parties: PartyValues[] | undefined) => {
            if (!parties?.some((party) => party?.side === "applicant")) throw new Error(t("applicantRequired"));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t("parties")} required>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 8 }}
              data-testid={`party-${index}`}
              extra={fields.length > 1 && <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("remove")} onClick={() => remove(field.name)} data-testid={`party-${index}-remove`} />}
            >
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, "side"]} label={t("partySide")} rules={[{ required: true }]}>
                    <Radio.Group optionType="button" options={PARTY_SIDES.map((side) => ({ value: side, label: t(`partySide_${side}`) }))} data-testid={`party-${index}-side`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, "kind"]} label={t("partyKind")} rules={[{ required: true }]}>
                    <Radio.Group optionType="button" options={PARTY_KINDS.map((kind) => ({ value: kind, label: t(`partyKind_${kind}`) }))} data-testid={`party-${index}-kind`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, "name"]} label={t("partyName")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
                    <Input maxLength={NAME_MAX} data-testid={`party-${index}-name`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, "contactPhone"]} label={t("partyPhone")}>
                    <Input type="tel" inputMode="tel" maxLength={20} data-testid={`party-${index}-phone`} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name={[field.name, "idNumber"]} label={t("partyIdNumber")}>
                    <Input maxLength={18} autoComplete="off" data-testid={`party-${index}-id-number`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, "agentName"]} label={t("partyAgent")} rules={[{ max: NAME_MAX }]}>
                    <Input maxLength={NAME_MAX} data-testid={`party-${index}-agent-name`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, "agentContact"]} label={t("partyAgentContact")}>
                    <Input type="tel" inputMode="tel" maxLength={20} data-testid={`party-${index}-agent-contact`} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          {fields.length < PARTIES_MAX && (
            <Button icon={<PlusOutlined />} onClick={() => add({ ...NEW_PARTY, side: fields.length === 0 ? "applicant" : "respondent" })} data-testid="add-party">
              {t("addParty")}
            </Button>
          )}
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}
