import type { Dispute } from "@shared/disputes/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";
import { MediatorsFields, type MediatorsValues, mediatorsFromValues, valuesFromMediators } from "./MediatorsFields.tsx";

/** 更换调解员: the new list replaces the current one; earlier assignments stay on the record. */
export function MediatorsDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t } = useI18n();
  return (
    <DisputeActionDialog<MediatorsValues>
      dispute={dispute}
      title={t("changeMediators")}
      method="PUT"
      path="/mediators"
      toInput={(values) => ({ mediators: mediatorsFromValues(values) })}
      initialValues={valuesFromMediators(dispute.mediators)}
      done={t("mediatorsChanged")}
      testId="mediators-change"
      onClose={onClose}
      onChanged={onChanged}
    >
      <MediatorsFields disputeId={dispute.id} />
    </DisputeActionDialog>
  );
}
