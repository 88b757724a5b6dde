import { Alert, App, Card, Col, List, Row, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { Handover, OnDuty, Shift } from "@shared/duty/schemas.ts";
import { api, query } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSignedIn } from "../../app/session.tsx";
import { CalendarFeedButton } from "./CalendarFeedButton.tsx";
import { HandoverPanel, HandoverView } from "./HandoverPanel.tsx";
import { ShiftLog } from "./ShiftLog.tsx";
import { chinaDateTime } from "./shift-text.ts";

const tel = (phone: string | null) => (phone ? <a href={`tel:${phone}`}>{phone}</a> : null);

/** 值班台: who is on duty for my org right now (or the ancestor that covers it), the current shift's logbook and hand-over, and hand-overs waiting for me. */
export function DutyDeskPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSignedIn();
  const [onDuty, setOnDuty] = useState<OnDuty | null>(null);
  const [shifts, setShifts] = useState<Shift[]>([]);
  const [waiting, setWaiting] = useState<Handover[]>([]);

  const load = useCallback(async () => {
    try {
      const now = await api<OnDuty>("GET", `/api/orgs/${session.org.id}/on-duty`);
      setOnDuty(now);
      // The logbook is kept on the org's own shifts; an ancestor's shift is only shown.
      setShifts(now.inherited ? [] : await Promise.all(now.shifts.map((s) => api<Shift>("GET", `/api/shifts/${s.id}`))));
      setWaiting((await api<{ items: Handover[] }>("GET", `/api/handovers${query({ orgId: session.org.id, acknowledged: "false" })}`)).items);
    } catch (error) {
      showApiError(error, message);
    }
  }, [session.org.id, message]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Card size="small" title={t("onDutyNow")} extra={<CalendarFeedButton kind="person" />} data-testid="on-duty">
        {!onDuty ? null : !onDuty.resolvedFrom ? (
          <Alert type="error" showIcon title={t("nobodyOnDuty")} />
        ) : (
          <Space orientation="vertical" style={{ width: "100%" }}>
            {onDuty.inherited && <Alert type="info" showIcon title={t("onDutyInherited", { org: onDuty.resolvedFrom.name })} />}
            {onDuty.shifts.map((shift) => (
              <List
                key={shift.id}
                size="small"
                bordered
                header={<Space wrap><Typography.Text strong>{onDuty.resolvedFrom!.name}</Typography.Text><span>{chinaDateTime(shift.startsAt)} – {chinaDateTime(shift.endsAt)}</span><span>☎ {tel(shift.phone)}</span></Space>}
                dataSource={[...shift.officers.map((o) => ({ ...o, leader: false })), ...(shift.leader ? [{ ...shift.leader, leader: true }] : [])]}
                renderItem={(person) => (
                  <List.Item>
                    <Space>
                      <Tag color={person.leader ? "red" : "blue"}>{person.leader ? t("leaderOnDuty") : t("dutyOfficer")}</Tag>
                      <span data-testid="on-duty-person">{person.displayName}</span>
                      {tel(person.phone)}
                    </Space>
                  </List.Item>
                )}
              />
            ))}
          </Space>
        )}
      </Card>
      {waiting.length > 0 && (
        <Card size="small" title={t("handoversWaiting")}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            {waiting.map((h) => <HandoverView key={h.id} handover={h} onChanged={() => void load()} />)}
          </Space>
        </Card>
      )}
      <Row gutter={[12, 12]}>
        {shifts.map((shift) => (
          <Col key={shift.id} xs={24} lg={12}>
            <Card size="small" title={t("logbook")}>
              <ShiftLog shiftId={shift.id} canWrite={shift.actions.includes("writeLog")} />
            </Card>
          </Col>
        ))}
        {shifts.map((shift) => (
          <Col key={`h-${shift.id}`} xs={24} lg={12}>
            <Card size="small" title={t("handoverTab")}>
              <HandoverPanel shiftId={shift.id} handoverId={shift.handoverId} canWrite={shift.actions.includes("handOver")} onWritten={() => void load()} />
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
