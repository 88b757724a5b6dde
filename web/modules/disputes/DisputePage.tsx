import { ArrowLeftOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, Result, Row, Space, Spin, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { Dispute, DisputeAction, DisputeEvent } from "@shared/disputes/schemas.ts";
import { ApiError, api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import type { MessageKey } from "../../app/i18n/zh.ts";
import { useLiveRefresh } from "../live/use-live-refresh.ts";
import { AcceptDialog } from "./AcceptDialog.tsx";
import { AgreementCard } from "./AgreementCard.tsx";
import { useDisputeTypes } from "./use-dispute-types.ts";
import { RiskTag, StatusTag } from "./DisputeTags.tsx";
import { DisputeTimelineCard } from "./DisputeTimelineCard.tsx";
import { EditDisputeDrawer } from "./EditDisputeDrawer.tsx";
import { ExtendDialog } from "./ExtendDialog.tsx";
import { FactsCard } from "./FactsCard.tsx";
import { FollowUpDialog } from "./FollowUpDialog.tsx";
import { FollowUpsCard } from "./FollowUpsCard.tsx";
import { MediationCard } from "./MediationCard.tsx";
import { MediatorsDialog } from "./MediatorsDialog.tsx";
import { MoveUpDialog } from "./MoveUpDialog.tsx";
import { OutcomeDialog } from "./OutcomeDialog.tsx";
import { PartiesCard } from "./PartiesCard.tsx";
import { ReferDialog } from "./ReferDialog.tsx";
import { ReferralResultDialog } from "./ReferralResultDialog.tsx";
import { ReferralsCard } from "./ReferralsCard.tsx";
import { RefuseDialog } from "./RefuseDialog.tsx";
import { SessionDialog } from "./SessionDialog.tsx";
import { SessionsCard } from "./SessionsCard.tsx";
import { DisputeAttachments } from "./DisputeAttachments.tsx";

/** The buttons, in the order a case meets them; each shows only when the server lists its action. */
const ACTIONS: { action: DisputeAction; label: MessageKey; primary?: boolean; Dialog: typeof AcceptDialog }[] = [
  { action: "accept", label: "acceptDispute", primary: true, Dialog: AcceptDialog },
  { action: "refuse", label: "refuseDispute", Dialog: RefuseDialog },
  { action: "recordSession", label: "recordSession", primary: true, Dialog: SessionDialog },
  { action: "conclude", label: "concludeMediation", Dialog: OutcomeDialog },
  { action: "recordFollowUp", label: "recordFollowUp", primary: true, Dialog: FollowUpDialog },
  { action: "recordReferralResult", label: "recordReferralResult", primary: true, Dialog: ReferralResultDialog },
  { action: "extend", label: "extendMediation", Dialog: ExtendDialog },
  { action: "assignMediators", label: "changeMediators", Dialog: MediatorsDialog },
  { action: "refer", label: "referDispute", Dialog: ReferDialog },
  { action: "moveUp", label: "moveUpDispute", Dialog: MoveUpDialog },
  { action: "update", label: "edit", Dialog: EditDisputeDrawer },
];

/**
 * One dispute: its facts and parties, whether it was taken and by whom it is mediated, its
 * sessions, agreement, follow-up visits and referrals, and its timeline.
 */
export function DisputePage() {
  const { id } = useParams<{ id: string }>();
  const { t, label } = useI18n();
  const { labelOf } = useDisputeTypes();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [dispute, setDispute] = useState<Dispute | null>(null);
  const [events, setEvents] = useState<DisputeEvent[]>([]);
  const [missing, setMissing] = useState(false);
  const [open, setOpen] = useState<DisputeAction | null>(null);

  const load = useCallback(async () => {
    try {
      const [next, timeline] = await Promise.all([api<Dispute>("GET", `/api/disputes/${id}`), api<{ items: DisputeEvent[] }>("GET", `/api/disputes/${id}/timeline`)]);
      setDispute(next);
      setEvents(timeline.items);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) setMissing(true);
      else showApiError(error, message);
    }
  }, [id, message]);
  useEffect(() => {
    void load();
  }, [load]);
  // Someone else's session, outcome or visit shows without a reload.
  useLiveRefresh(() => void load(), { shows: (event) => event.type === "dispute.changed" && event.disputeId === id });

  // Every change adds to the timeline, so both are read again; a stale version (null) reloads too.
  const changed = (next: Dispute | null) => {
    if (next) setDispute(next);
    void load();
  };

  if (missing) return <Result status="404" title={t("disputeNotFound")} extra={<Button onClick={() => navigate("/disputes")}>{t("disputeRegister")}</Button>} />;
  if (!dispute) return <Spin style={{ display: "block", marginTop: 80 }} />;
  const shown = ACTIONS.filter((a) => dispute.actions.includes(a.action));
  const Open = ACTIONS.find((a) => a.action === open)?.Dialog;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <Button type="text" size="small" icon={<ArrowLeftOutlined />} aria-label={t("disputeRegister")} onClick={() => navigate("/disputes")} />
            <span data-testid="dispute-heading">
              {dispute.caseNumber} {label(labelOf(dispute.type))}
            </span>
          </Space>
        }
        extra={
          <Space wrap>
            {shown.map((a) => (
              <Button key={a.action} type={a.primary ? "primary" : "default"} onClick={() => setOpen(a.action)} data-testid={`action-${a.action}`}>
                {t(a.label)}
              </Button>
            ))}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <StatusTag status={dispute.status} testId="dispute-status" />
          <RiskTag risk={dispute.risk} testId="dispute-risk" />
          <Typography.Text type="secondary">{dispute.orgName}</Typography.Text>
        </Space>
        <FactsCard dispute={dispute} />
      </Card>
      <PartiesCard parties={dispute.parties} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <MediationCard dispute={dispute} />
            <AgreementCard dispute={dispute} />
            {dispute.followUps.length > 0 && <FollowUpsCard followUps={dispute.followUps} />}
            {dispute.referrals.length > 0 && <ReferralsCard referrals={dispute.referrals} />}
            {dispute.sessions.length > 0 && <SessionsCard key={dispute.version} disputeId={dispute.id} sessions={dispute.sessions} canAttach={dispute.actions.includes("attach")} />}
            <Card size="small">
              <DisputeAttachments key={dispute.version} disputeId={dispute.id} canAttach={dispute.actions.includes("attach")} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <DisputeTimelineCard events={events} />
        </Col>
      </Row>
      {Open && <Open dispute={dispute} onClose={() => setOpen(null)} onChanged={changed} />}
    </Space>
  );
}
