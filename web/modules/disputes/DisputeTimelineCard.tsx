import { Card } from "antd";
import { DISPUTE_RISK_LABELS, type DisputeEvent, type DisputeEventDetail, REDIRECT_TARGET_LABELS } from "@shared/disputes/schemas.ts";
import { AGREEMENT_FORM_LABELS, PERFORMANCE_LABELS, REFERRAL_RECEIVER_LABELS, REFERRAL_RESULT_LABELS } from "@shared/disputes/mediation-schemas.ts";
import { NOTIFICATION_KIND_LABELS } from "@shared/notifications/schemas.ts";
import { CaseTimeline } from "../../app/CaseTimeline.tsx";
import { fileSizeText } from "../../app/file-size.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import type { MessageKey } from "../../app/i18n/zh.ts";
import { chinaDateTime } from "../duty/shift-text.ts";

const FIELD_LABELS: Record<string, MessageKey> = {
  source: "disputeSource",
  screeningKind: "screeningKind",
  referredBy: "referredBy",
  referringBody: "referringBody",
  type: "disputeType",
  summary: "disputeSummary",
  claims: "disputeClaims",
  amountInDispute: "amountInDispute",
  peopleInvolved: "peopleInvolved",
  occurredAt: "disputeOccurredAt",
  risk: "disputeRisk",
  riskReason: "riskReason",
  level: "disputeLevel",
  route: "mediationRoute",
  parties: "parties",
};
const COLORS: Partial<Record<DisputeEventDetail["kind"], string>> = {
  accepted: "green",
  refused: "gray",
  extended: "orange",
  mediation_overdue: "red",
  agreed: "green",
  not_agreed: "gray",
  withdrawn: "gray",
  follow_up_due: "orange",
  reopened: "red",
  moved_up: "blue",
};

/** One timeline entry in a sentence. */
function useEventText() {
  const { t, label } = useI18n();
  const risk = (r: keyof typeof DISPUTE_RISK_LABELS) => label(DISPUTE_RISK_LABELS[r]);
  const names = (people: { name: string; lead?: boolean }[]) => people.map((p) => (p.lead ? `${p.name}（${t("leadShort")}）` : p.name)).join("、") || "—";
  return (detail: DisputeEventDetail): string => {
    switch (detail.kind) {
      case "registered":
        return t("evdRegistered", { caseNumber: detail.caseNumber, risk: risk(detail.risk) });
      case "updated": {
        const fields = t("evdUpdated", { fields: detail.fields.map((f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f]) : f)).join("、") });
        return detail.risk ? `${fields}\n${t("evdRiskChanged", { from: risk(detail.risk.from), to: risk(detail.risk.to), reason: detail.risk.reason ?? "—" })}` : fields;
      }
      case "notified":
        return t("evNotified", { kind: label(NOTIFICATION_KIND_LABELS[detail.notificationKind]), names: names(detail.recipients) });
      case "accepted":
        return t("evdAccepted", { reason: detail.reason, mediators: names(detail.mediators), at: chinaDateTime(detail.mediationDueAt) });
      case "refused":
        return t("evdRefused", { reason: detail.reason, redirect: label(REDIRECT_TARGET_LABELS[detail.redirectTo]), detail: detail.redirectDetail });
      case "mediators_changed":
        return t("evdMediatorsChanged", { mediators: names(detail.mediators) });
      case "extended":
        return t("evdExtended", { from: chinaDateTime(detail.previousDueAt), to: chinaDateTime(detail.newDueAt), reason: detail.reason });
      case "mediation_overdue":
        return t("evdOverdue", { at: chinaDateTime(detail.dueAt) });
      case "session_recorded":
        return t("evdSession", { place: detail.place, at: chinaDateTime(detail.heldAt), result: detail.result });
      case "agreed":
        return t("evdAgreed", { form: label(AGREEMENT_FORM_LABELS[detail.form]), terms: detail.terms, at: chinaDateTime(detail.followUpDueAt) });
      case "not_agreed":
        return t("evdNotAgreed", { note: detail.note });
      case "withdrawn":
        return t("evdWithdrawn", { note: detail.note });
      case "follow_up_due":
        return t("evdFollowUpDue", { at: chinaDateTime(detail.dueAt) });
      case "followed_up":
        return t("evdFollowedUp", { performance: label(PERFORMANCE_LABELS[detail.performance]), notes: detail.notes });
      case "reopened":
        return t("evdReopened", { reason: detail.reason, at: chinaDateTime(detail.mediationDueAt) });
      case "referred":
        return t("evdReferred", { receiver: label(REFERRAL_RECEIVER_LABELS[detail.receiverKind]), name: detail.receiverName, reason: detail.reason });
      case "referral_result":
        return t("evdReferralResult", { result: label(REFERRAL_RESULT_LABELS[detail.result]), note: detail.note });
      case "attachment_added":
        return t("evAttachmentAdded", { name: detail.fileName, size: fileSizeText(detail.sizeBytes) }) + (detail.sessionId ? t("evdAttachmentOfSession") : "");
      case "moved_up":
        return t("evdMovedUp", { from: detail.from.name, to: detail.to.name, reason: detail.reason });
    }
  };
}

/** Everything that happened to the dispute, oldest first, with who and when. */
export function DisputeTimelineCard({ events }: { events: DisputeEvent[] }) {
  const { t } = useI18n();
  const text = useEventText();
  return (
    <Card size="small" title={t("disputeTimeline")} data-testid="timeline">
      <CaseTimeline entries={events} text={text} colors={COLORS} />
    </Card>
  );
}
