import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import type { DeadlineTiming, IncidentReview } from "@shared/incidents/report-schemas.ts";
import { REPORT_FIGURES, type Incident, type ReportFigure } from "@shared/incidents/schemas.ts";
import { NAME_MAX, REASON_MAX, TEXT_MAX } from "@shared/limits.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useAccountOptions } from "../accounts/use-account-options.ts";
import { chinaDateTime } from "../duty/shift-text.ts";

interface CloseValues {
  outcome: string;
  finalFigures: Record<ReportFigure, number>;
  summary: string;
  lessons: string;
  followUpActions?: { title: string; assigneeId: string; dueAt: Dayjs }[];
}

const RESULT_COLORS = { on_time: "success", late: "warning", never_met: "error", not_due: "default", cancelled: "default" } as const;
const KIND_KEYS = { acknowledgement: "kindAcknowledgement", report: "kindReport", on_site: "kindOnSite", task: "kindTask" } as const;

/** What a timing was for, in a few words: the step, the recipient, who had to be on site, the task. */
function timingSubject(timing: DeadlineTiming): string {
  if (timing.taskTitle) return timing.taskTitle;
  if (timing.step !== null) return `#${timing.step}`;
  return [timing.to, timing.followUpNo !== null ? `#${timing.followUpNo}` : null, timing.who].filter(Boolean).join(" ");
}

function ReviewView({ review }: { review: IncidentReview }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="review">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("closedAtBy")}>{`${chinaDateTime(review.closedAt)} · ${review.closedBy.displayName}`}</Descriptions.Item>
        <Descriptions.Item label={t("closeOutcome")}>{review.outcome}</Descriptions.Item>
        <Descriptions.Item label={t("finalFigures")}>{REPORT_FIGURES.map((figure) => `${t(figure)} ${review.figures[figure]}`).join("，")}</Descriptions.Item>
        <Descriptions.Item label={t("reviewSummary")}>
          <span style={{ whiteSpace: "pre-wrap" }}>{review.summary}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("reviewLessons")}>
          <span style={{ whiteSpace: "pre-wrap" }}>{review.lessons}</span>
        </Descriptions.Item>
        {review.followUpActions.length > 0 && (
          <Descriptions.Item label={t("followUpActions")}>
            {review.followUpActions.map((a) => (
              <div key={a.taskId}>{`${a.title}（${a.assigneeName ?? a.groupName ?? ""}，${chinaDateTime(a.dueAt)}）`}</div>
            ))}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table<DeadlineTiming>
        size="small"
        rowKey="deadlineId"
        pagination={false}
        dataSource={review.timings}
        data-testid="review-timings"
        columns={[
          { title: t("timingDeadline"), render: (_, timing) => `${t(KIND_KEYS[timing.kind])} ${timingSubject(timing)}` },
          { title: t("timingDue"), render: (_, timing) => chinaDateTime(timing.dueAt) },
          { title: t("timingMet"), render: (_, timing) => (timing.metAt ? chinaDateTime(timing.metAt) : "—") },
          {
            title: t("timingResult"),
            render: (_, timing) => (
              <Tag color={RESULT_COLORS[timing.result]}>
                {t(`timing_${timing.result}`)}
                {timing.minutesLate ? ` ${t("minutesLateShort", { minutes: timing.minutesLate })}` : ""}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}

/**
 * Closing (结束处置) with the outcome, the final figures and the after-action review, whose
 * timings the server computes; reopening with a reason. Each shown only when the incident's
 * actions allow it.
 */
export function ClosureCard({ incident, onChanged }: { incident: Incident; onChanged(incident: Incident): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [reviews, setReviews] = useState<IncidentReview[]>([]);
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [busy, setBusy] = useState(false);
  const [closeForm] = Form.useForm<CloseValues>();
  const [reopenForm] = Form.useForm<{ reason: string }>();
  const people = useAccountOptions(closing);
  const canClose = incident.actions.includes("close");
  const canReopen = incident.actions.includes("reopen");

  const load = useCallback(async () => {
    try {
      setReviews((await api<{ items: IncidentReview[] }>("GET", `/api/incidents/${incident.id}/reviews`)).items);
    } catch {
      setReviews([]);
    }
  }, [incident.id]);
  useEffect(() => {
    void load();
  }, [load, incident.version]);

  const close = async (values: CloseValues) => {
    setBusy(true);
    try {
      const next = await api<Incident>("POST", `/api/incidents/${incident.id}/close`, {
        version: incident.version,
        outcome: values.outcome,
        finalFigures: values.finalFigures,
        review: {
          summary: values.summary,
          lessons: values.lessons,
          followUpActions: (values.followUpActions ?? []).map((a) => ({ title: a.title, assigneeId: a.assigneeId, groupId: null, dueAt: a.dueAt.toISOString() })),
        },
      });
      message.success(t("incidentClosed"));
      setClosing(false);
      closeForm.resetFields();
      onChanged(next);
    } catch (error) {
      if (showApiError(error, message, closeForm)) onChanged(incident);
    } finally {
      setBusy(false);
    }
  };
  const reopen = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      const next = await api<Incident>("POST", `/api/incidents/${incident.id}/reopen`, { version: incident.version, reason });
      message.success(t("incidentReopened"));
      setReopening(false);
      reopenForm.resetFields();
      onChanged(next);
    } catch (error) {
      if (showApiError(error, message, reopenForm)) onChanged(incident);
    } finally {
      setBusy(false);
    }
  };

  if (!canClose && !canReopen && reviews.length === 0) return null;
  const figures = Object.fromEntries(REPORT_FIGURES.map((figure) => [figure, incident[figure]])) as Record<ReportFigure, number>;
  return (
    <Card
      size="small"
      title={t("closure")}
      data-testid="closure"
      extra={
        <Space>
          {canClose && (
            <Button danger onClick={() => setClosing(true)} data-testid="close-open">
              {t("closeIncident")}
            </Button>
          )}
          {canReopen && (
            <Button onClick={() => setReopening(true)} data-testid="reopen-open">
              {t("reopenIncident")}
            </Button>
          )}
        </Space>
      }
    >
      {reviews[0] ? <ReviewView review={reviews[0]} /> : <Typography.Text type="secondary">{t("notClosedYet")}</Typography.Text>}
      <Modal open={closing} title={t("closeIncident")} width={720} onCancel={() => setClosing(false)} onOk={() => closeForm.submit()} confirmLoading={busy} okButtonProps={{ danger: true, "data-testid": "close-submit" }} destroyOnHidden>
        <Form form={closeForm} layout="vertical" initialValues={{ finalFigures: figures }} onFinish={(values) => void close(values)}>
          <Form.Item name="outcome" label={t("closeOutcome")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={TEXT_MAX} data-testid="close-outcome" />
          </Form.Item>
          <Space wrap>
            {REPORT_FIGURES.map((figure) => (
              <Form.Item key={figure} name={["finalFigures", figure]} label={t(figure)} rules={[{ required: true }]}>
                <InputNumber min={0} precision={figure === "economicLoss" ? 2 : 0} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="summary" label={t("reviewSummary")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={TEXT_MAX} data-testid="close-summary" />
          </Form.Item>
          <Form.Item name="lessons" label={t("reviewLessons")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={TEXT_MAX} data-testid="close-lessons" />
          </Form.Item>
          <Form.List name="followUpActions">
            {(fields, { add, remove }) => (
              <Form.Item label={t("followUpActions")}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, "title"]} rules={[{ required: true, whitespace: true, max: NAME_MAX }]}>
                      <Input placeholder={t("followUpTitle")} maxLength={NAME_MAX} />
                    </Form.Item>
                    <Form.Item name={[field.name, "assigneeId"]} rules={[{ required: true }]}>
                      <Select showSearch={{ optionFilterProp: "label" }} options={people} placeholder={t("followUpAssignee")} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, "dueAt"]} rules={[{ required: true }]}>
                      <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" placeholder={t("followUpDue")} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  {t("addFollowUpAction")}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        </Form>
      </Modal>
      <Modal open={reopening} title={t("reopenIncident")} onCancel={() => setReopening(false)} onOk={() => reopenForm.submit()} confirmLoading={busy} okButtonProps={{ "data-testid": "reopen-submit" }} destroyOnHidden>
        <Form form={reopenForm} layout="vertical" onFinish={(values) => void reopen(values)}>
          <Form.Item name="reason" label={t("reopenReason")} rules={[{ required: true, whitespace: true, max: REASON_MAX }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={REASON_MAX} data-testid="reopen-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
