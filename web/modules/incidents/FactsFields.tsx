import { AimOutlined } from "@ant-design/icons";
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { NAME_MAX, TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import type { MessageKey } from "../../app/i18n/zh.ts";

/** The report's facts as the form holds them; shared by the first report and the later ones (续报). */
export interface FactsValues {
  title: string;
  description: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  occurredAt: Dayjs;
  source?: string | null;
  peopleInvolved?: number | null;
  onlookers?: number | null;
  deaths?: number | null;
  injuries?: number | null;
  missing?: number | null;
  economicLoss?: number | null;
  cause?: string | null;
  trend?: string | null;
  measuresTaken?: string | null;
  helpNeeded?: string | null;
}

const FIGURES: { name: "peopleInvolved" | "onlookers" | "deaths" | "injuries" | "missing"; label: MessageKey }[] = [
  { name: "deaths", label: "deaths" },
  { name: "injuries", label: "injuries" },
  { name: "missing", label: "missing" },
  { name: "peopleInvolved", label: "peopleInvolved" },
  { name: "onlookers", label: "onlookers" },
];
const NOTES: { name: "cause" | "trend" | "measuresTaken" | "helpNeeded"; label: MessageKey }[] = [
  { name: "cause", label: "cause" },
  { name: "trend", label: "trend" },
  { name: "measuresTaken", label: "measuresTaken" },
  { name: "helpNeeded", label: "helpNeeded" },
];

const blankToNull = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

/** Form values → the facts the API takes: empty text is "not known" (null), an empty figure is 0. */
export function factsFromValues(values: FactsValues) {
  return {
    title: values.title,
    description: values.description,
    place: values.place,
    latitude: values.latitude ?? null,
    longitude: values.longitude ?? null,
    occurredAt: values.occurredAt.toISOString(),
    source: blankToNull(values.source),
    peopleInvolved: values.peopleInvolved ?? 0,
    onlookers: values.onlookers ?? 0,
    deaths: values.deaths ?? 0,
    injuries: values.injuries ?? 0,
    missing: values.missing ?? 0,
    economicLoss: values.economicLoss ?? 0,
    cause: blankToNull(values.cause),
    trend: blankToNull(values.trend),
    measuresTaken: blankToNull(values.measuresTaken),
    helpNeeded: blankToNull(values.helpNeeded),
  };
}

/** What happened, where, when, to how many people, and what is being done: the report's body. */
export function FactsFields() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const form = Form.useFormInstance<FactsValues>();
  const latitude = Form.useWatch("latitude", form);
  const longitude = Form.useWatch("longitude", form);
  const [locating, setLocating] = useState(false);

  // The coordinates locate the place of the event, so they are taken once, on request, and
  // never followed: the reporter may be reporting from somewhere else entirely.
  const usePosition = () => {
    if (!("geolocation" in navigator)) {
      message.error(t("positionUnavailable"));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        form.setFieldsValue({ latitude: Number(position.coords.latitude.toFixed(6)), longitude: Number(position.coords.longitude.toFixed(6)) });
      },
      () => {
        setLocating(false);
        message.error(t("positionUnavailable"));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <>
      <Form.Item name="title" label={t("incidentTitle")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
        <Input placeholder={t("incidentTitleHint")} maxLength={NAME_MAX} data-testid="incident-title" />
      </Form.Item>
      <Form.Item name="description" label={t("whatHappened")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={TEXT_MAX} data-testid="incident-description" />
      </Form.Item>
      <Form.Item name="place" label={t("place")} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
        <Input placeholder={t("placeHint")} maxLength={NAME_MAX} data-testid="incident-place" />
      </Form.Item>
      <Form.Item label={t("placeCoordinates")} extra={t("placeCoordinatesHint")}>
        <Space wrap>
          <Button icon={<AimOutlined />} loading={locating} onClick={usePosition} data-testid="incident-use-position">
            {t("usePositionForPlace")}
          </Button>
          {latitude != null && longitude != null && (
            <>
              <Typography.Text data-testid="incident-coordinates">{t("coordinatesValue", { lat: latitude, lng: longitude })}</Typography.Text>
              <Button type="link" size="small" onClick={() => form.setFieldsValue({ latitude: null, longitude: null })}>
                {t("clear")}
              </Button>
            </>
          )}
        </Space>
      </Form.Item>
      <Form.Item name="latitude" hidden>
        <InputNumber />
      </Form.Item>
      <Form.Item name="longitude" hidden>
        <InputNumber />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="occurredAt" label={t("occurredAt")} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" inputReadOnly allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), "day")} style={{ width: "100%" }} data-testid="incident-occurred-at" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="source" label={t("infoSource")} rules={[{ max: NAME_MAX }]}>
            <Input placeholder={t("infoSourceHint")} maxLength={NAME_MAX} data-testid="incident-source" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        {FIGURES.map((figure) => (
          <Col key={figure.name} xs={12} md={8}>
            <Form.Item name={figure.name} label={t(figure.label)}>
              <InputNumber min={0} precision={0} inputMode="numeric" placeholder="0" style={{ width: "100%" }} data-testid={`incident-${figure.name}`} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={12} md={8}>
          <Form.Item name="economicLoss" label={t("economicLoss")}>
            <InputNumber min={0} step={0.1} inputMode="decimal" placeholder="0" style={{ width: "100%" }} data-testid="incident-economicLoss" />
          </Form.Item>
        </Col>
      </Row>
      {NOTES.map((note) => (
        <Form.Item key={note.name} name={note.name} label={t(note.label)} rules={[{ max: TEXT_MAX }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={TEXT_MAX} data-testid={`incident-${note.name}`} />
        </Form.Item>
      ))}
    </>
  );
}
